"""PostgreSQL passage index: BM25's statistics kept in tables stay equal to a recount of the
passages through inserts, changes and deletes of articles, concurrent refreshes, and on a
database indexed before the statistics tables existed."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from briefs.answer.index import SLOTS
from briefs.answer.index_pg import FOLD_LOCK_KEY, PostgresPassageIndex

pytestmark = pytest.mark.backends("postgresql")


def recount(engine: sa.Engine) -> tuple[dict[str, int], int, int]:
    """Document frequencies, passages and stems counted from the passages themselves."""
    with engine.connect() as conn:
        df = {t: int(n) for t, n in conn.exec_driver_sql(
            "SELECT lexeme, count(*) FROM passages, unnest(tsvector_to_array(tsv)) AS lexeme"
            " GROUP BY lexeme")}
        passages, size = conn.exec_driver_sql(
            "SELECT count(*), coalesce(sum(size), 0) FROM passages").one()
    return df, int(passages), int(size)


def folded(engine: sa.Engine) -> tuple[dict[str, int], int, int]:
    """The statistics tables alone (what remains after the logs are folded into them)."""
    with engine.connect() as conn:
        df = {t: int(n) for t, n in conn.exec_driver_sql(
            "SELECT term, df FROM passage_df WHERE df <> 0")}
        passages, size = conn.exec_driver_sql("SELECT passages, size FROM passage_totals").one()
        pending = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM passage_df_changes)"
            " + (SELECT count(*) FROM passage_totals_changes)").scalar()
    assert pending == 0
    return df, int(passages), int(size)


def read(index: PostgresPassageIndex, stems: set[str]) -> tuple[dict[str, int], int, float]:
    df, size = index.document_frequency(stems)
    return df, size, index._statistics()[1]


def assert_statistics_agree(index: PostgresPassageIndex) -> None:
    """What a question reads now, then the tables after a fold, equal a recount."""
    df, passages, size = recount(index.engine)
    wanted = set(df) | {"absentword"}
    assert read(index, wanted) == (df, max(passages, 1), max(size / passages if passages else 1.0, 1.0))
    assert index.fold()
    assert folded(index.engine) == (df, passages, size)


def test_statistics_follow_inserted_changed_and_deleted_articles(store, add) -> None:  # type: ignore[no-untyped-def]
    index = PostgresPassageIndex(store.engine)
    pier = add("Pier", "The pier reopens in spring. The pier was shut for repairs.")
    dam = add("Dam", "The dam was repaired in May.\n\nEngineers inspected the dam.")
    index.refresh()
    df, _ = index.document_frequency({"pier", "dam", "spring", "repair"})
    assert df == {"pier": 2, "dam": 2, "spring": 1, "repair": 2}
    assert_statistics_agree(index)

    with store.engine.begin() as conn:  # a changed text: its old stems are taken away at once
        conn.execute(sa.text("UPDATE articles SET text = 'The pier stays shut.' WHERE id = :id"),
                     {"id": pier.id})
    assert "spring" not in index.document_frequency({"spring"})[0]
    assert_statistics_agree(index)
    index.refresh()
    assert index.document_frequency({"shut", "spring"})[0] == {"shut": 1}
    assert_statistics_agree(index)

    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": dam.id})
    assert index.document_frequency({"dam", "pier"})[0] == {"pier": 1}
    assert_statistics_agree(index)
    index.refresh()
    assert_statistics_agree(index)


def test_a_stem_the_parser_splits_is_still_counted(store, add) -> None:  # type: ignore[no-untyped-def]
    add("Tribunal", "The O'Neil tribunal fined the operators 4.5 million.")
    index = PostgresPassageIndex(store.engine)
    index.refresh()
    df, size = index.document_frequency({"o'neil", "4.5", "tribun", "a & b", "'"})
    assert df == {"o'neil": 1, "4.5": 1, "tribun": 1} and size == 1


def test_workers_refreshing_together_count_every_passage_once(store, add) -> None:  # type: ignore[no-untyped-def]
    """Four workers drain one queue in small batches while articles change and go: the
    counts agree with the passages afterwards (the logs take no locks to deadlock on)."""
    words = ["harbour", "ferry", "strike", "council", "budget", "bridge", "court", "river"]
    articles = [add(f"Story {n}", f"The {words[n % 8]} story {n}. The {words[(n * 3) % 8]} said so.")
                for n in range(120)]
    failures: list[BaseException] = []

    def work() -> None:
        index = PostgresPassageIndex(store.engine)
        index.BATCH = 7
        try:
            index.refresh()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    def change() -> None:
        try:
            with store.engine.begin() as conn:
                for a in articles[:40:3]:
                    conn.execute(sa.text("UPDATE articles SET text = 'The quay reopened.' WHERE id = :id"),
                                 {"id": a.id})
            with store.engine.begin() as conn:
                conn.execute(sa.text("DELETE FROM articles WHERE id = ANY(:ids)"),
                             {"ids": [a.id for a in articles[1:40:3]]})
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)] + [threading.Thread(target=change)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    index = PostgresPassageIndex(store.engine)
    index.refresh()
    assert_statistics_agree(index)
    with store.engine.connect() as conn:  # and each article is indexed once, with its last text
        assert conn.exec_driver_sql("SELECT count(DISTINCT article_id) FROM passages").scalar() == 120 - 13
    assert index.document_frequency({"quay"})[0] == {"quay": 14}


def test_a_fold_held_by_another_worker_is_skipped_and_reads_stay_right(store, add) -> None:  # type: ignore[no-untyped-def]
    add("Pier", "The pier reopens in spring.")
    index = PostgresPassageIndex(store.engine)
    with store.engine.connect() as other:
        other.exec_driver_sql("SELECT pg_advisory_lock(%s)", (FOLD_LOCK_KEY,))
        assert index.refresh() == 1
        assert not index.fold()
        assert index.document_frequency({"pier"}) == ({"pier": 1}, 1)
        other.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (FOLD_LOCK_KEY,))
        other.commit()
    assert_statistics_agree(index)


def test_migration_counts_passages_indexed_before_it(store, add) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.index_pg import create_postgres_passage_statistics

    dam = add("Dam", "The dam was repaired in May.")
    index = PostgresPassageIndex(store.engine)
    index.refresh()
    with store.engine.begin() as conn:  # as a database of migration 5 was
        conn.exec_driver_sql(
            "DROP TABLE passage_df, passage_totals, passage_df_changes, passage_totals_changes;"
            " DROP FUNCTION passages_log_statistics CASCADE")
        create_postgres_passage_statistics(conn)
    assert index.document_frequency({"dam", "may"}) == ({"dam": 1, "may": 1}, 1)
    assert_statistics_agree(index)
    assert [h.passage_id for h in index.search([frozenset({"dam"})], 5)] == [dam.id * SLOTS]
