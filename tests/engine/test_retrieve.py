"""Retrieval: the passage index (OR semantics, stems, paraphrases), safe queries, scope, focus."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefs.answer.index import SLOTS, SQLitePassageIndex, fts5_match, open_passage_index
from briefs.answer.index_pg import PostgresPassageIndex, tsquery_text
from briefs.answer.query import analyse
from briefs.answer.retrieve import Retriever
from briefs.answer.terms import stem
from briefs.models import ArticleDraft, Scope, Turn, utcnow


def test_index_match_quotes_every_term_so_user_text_is_never_syntax() -> None:
    assert fts5_match([frozenset({"near(a"}), frozenset({'b"c', "or"})]) == '"b""c" OR "near(a" OR "or"'
    assert fts5_match([]) is None


def test_tsquery_quotes_every_stem_so_user_text_is_never_syntax() -> None:
    assert tsquery_text([frozenset({"a&b"}), frozenset({"o'neil", "x\\y", "!"})]) == (
        "'!' | 'a&b' | 'o''neil' | 'x\\\\y'")
    assert tsquery_text([frozenset({" "})]) is None


def test_analyse_drops_stop_words_and_finds_names_and_answer_type() -> None:
    query = analyse("How much did Mayor Alvarez pledge for the Riverside bridge?")
    assert set(query.terms) == {"Mayor", "Alvarez", "pledge", "Riverside", "bridge"}
    assert {stem("Alvarez"), stem("Riverside")} <= query.entities
    assert query.cue == "amount"
    assert analyse("When does the festival open?").cue == "date"
    assert analyse("Who designed the bridge?").cue == "person"


def test_follow_up_carries_the_names_of_the_previous_question() -> None:
    history = [Turn("What did Mayor Alvarez announce?", "A new bridge.")]
    query = analyse("and what did he say about taxes?", history)
    assert query.key == {stem("taxes")}
    assert stem("Alvarez") in query.carried
    assert analyse("What did Governor Okafor say about taxes?", history).carried == frozenset()


@pytest.fixture
def add(store):  # type: ignore[no-untyped-def]
    counter = iter(range(10_000))

    def add(title: str, text: str, published=None, **kw):  # type: ignore[no-untyped-def]
        n = next(counter)
        draft = ArticleDraft(
            url=f"https://news.example/{n}", title=title, text=text, published=published
        )
        return store.add_article(draft, **kw)

    return add


@pytest.mark.backends("sqlite", "postgresql")
def test_search_finds_the_sentence_and_survives_hostile_input(store, add) -> None:  # type: ignore[no-untyped-def]
    add(
        "Harbour museum reopens", "The harbour museum reopened on Monday. It shows old ship models."
    )
    add("Council budget", "The council approved a budget of $4 million for parks.")
    retriever = Retriever(store.engine)
    ranked = retriever.search(analyse("What does the harbour museum show?"), Scope())
    assert (
        ranked[0].passage.sentence == "It shows old ship models."
        or "museum" in ranked[0].passage.sentence
    )
    for hostile in ('") OR title:*', "NEAR(council budget", "AND OR NOT", "^museum -x"):
        retriever.search(analyse(hostile), Scope())  # never an FTS5 syntax error


@pytest.mark.backends("sqlite", "postgresql")
def test_scope_restricts_sources_time_and_topics(store, add) -> None:  # type: ignore[no-untyped-def]
    source = store.add_source("https://a.example/feed")
    other = store.add_source("https://b.example/feed")
    mine = add("Ferry strike", "The ferry strike ended after two days.", source_id=source.id)
    theirs = add("Ferry strike talks", "The ferry strike talks continue.", source_id=other.id)
    old = add(
        "Ferry strike history",
        "A ferry strike in the past lasted weeks.",
        collected_at=utcnow() - timedelta(days=10),
    )
    retriever = Retriever(store.engine)
    query = analyse("ferry strike")

    def ids(scope: Scope) -> set[int]:
        return {s.passage.article_id for s in retriever.search(query, scope)}

    assert ids(Scope()) == {mine.id, theirs.id, old.id}
    assert ids(Scope(source_ids=frozenset({source.id}))) == {mine.id}
    assert ids(Scope(source_ids=frozenset())) == set()
    assert ids(Scope(since=utcnow() - timedelta(days=1))) == {mine.id, theirs.id}
    assert ids(Scope(topics=("talks",))) == {theirs.id}
    assert ids(Scope(exclude=("talks",))) == {mine.id, old.id}
    assert old.id not in {
        s.passage.article_id for s in Retriever(store.engine, window_days=5).search(query, Scope())
    }


@pytest.mark.backends("sqlite", "postgresql")
def test_focus_stories_are_preferred(store, add) -> None:  # type: ignore[no-untyped-def]
    story = store.new_story("Dam repairs")
    focused = add(
        "Dam repairs",
        "Repairs on the south dam begin next month.",
        story_id=story,
        published=utcnow() - timedelta(days=3),
    )
    plain = add("Dam repairs", "Repairs on the north dam begin next week.", published=utcnow())
    retriever = Retriever(store.engine)
    query = analyse("When do the dam repairs begin?")
    assert retriever.search(query, Scope())[0].passage.article_id == plain.id  # the newer report
    assert (
        retriever.search(query, Scope(), focus_story_ids=[story])[0].passage.article_id
        == focused.id
    )


def test_how_words_are_the_answer_type_not_search_terms() -> None:
    assert "old" not in analyse("How old is Mayor Alvarez?").terms
    assert "times" not in analyse("How many times have they met?").terms


@pytest.mark.backends("sqlite", "postgresql")
def test_retrieval_needs_any_term_not_all_of_them(store, add) -> None:  # type: ignore[no-untyped-def]
    """A question worded unlike the article still finds it (OR semantics, stems, paraphrases)."""
    crash = add("Plane crash in the hills", "Four people died when a small plane came down.")
    add("Council budget", "The council approved a budget of $4 million for parks.")
    ranked = Retriever(store.engine).search(analyse("How many were killed in the air crash?"), Scope())
    assert ranked and ranked[0].passage.article_id == crash.id
    assert {"die"} <= ranked[0].sentence_hits  # "killed" found "died"


@pytest.mark.backends("sqlite", "postgresql")
def test_the_index_follows_inserts_updates_and_deletes(store, add, backend) -> None:  # type: ignore[no-untyped-def]
    article = add("Pier", "The pier reopens in spring.")
    index = open_passage_index(store.engine)
    assert isinstance(index, SQLitePassageIndex if backend == "sqlite" else PostgresPassageIndex)
    assert index.refresh() == 1 and index.refresh() == 0
    first = article.id * SLOTS
    assert index.rows([first])[first].sentence == "The pier reopens in spring."
    assert [h.passage_id for h in index.search([frozenset({stem("reopens")})], 5)] == [first]
    assert index.article_has(article.id, frozenset({"spring"}))
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET text = 'The pier stays shut.' WHERE id = :id"),
                     {"id": article.id})
    assert index.refresh() == 1
    assert index.rows([first])[first].sentence == "The pier stays shut."
    assert index.search([frozenset({stem("reopens")})], 5) == []
    assert not index.article_has(article.id, frozenset({"spring"}))
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": article.id})
    assert index.rows([first]) == {} and index.search([frozenset({"pier"})], 5) == []
    assert index.refresh() == 0


@pytest.mark.backends("sqlite", "postgresql")
def test_or_semantics_rank_by_bm25_with_real_idf(store, add) -> None:  # type: ignore[no-untyped-def]
    """Any term finds a sentence; a sentence with the rare term outranks one with a common
    term, and one with both outranks either; document frequencies are per sentence."""
    for n in range(8):
        add(f"Buses {n}", f"Buses ran late on day {n}.")
    for n in range(3):
        add(f"Weather {n}", "The weather turned cold.")
    rare = add("Kelvik", "Kelvik harbour reopened today.")
    both = add("Kelvik weather", "Kelvik weather turned cold.")
    index = open_passage_index(store.engine)
    assert index is not None
    index.refresh()
    df, size = index.document_frequency({"weather", "kelvik", "absent"})
    assert df == {"weather": 4, "kelvik": 2} and size == 13
    hits = index.search([frozenset({"kelvik"}), frozenset({"weather"})], 10)
    assert len(hits) == 5  # any of the terms, not all; never the buses
    assert [h.article_id for h in hits[:2]] == [both.id, rare.id]
    assert hits[0].score > hits[1].score > hits[2].score > 0
    assert index.article_passages([both.id]) == [both.id * SLOTS]


@pytest.mark.backends("postgresql")
def test_postgresql_stems_match_like_sqlite_and_hostile_stems_are_data(store, add) -> None:  # type: ignore[no-untyped-def]
    article = add("Tribunal", "The O'Neil tribunal fined the operators 4.5 million.")
    index = open_passage_index(store.engine)
    assert isinstance(index, PostgresPassageIndex)
    index.refresh()
    first = article.id * SLOTS
    for group in ({stem("operator")}, {"o'neil"}, {"4.5"}, {stem("fined")}):
        assert [h.passage_id for h in index.search([frozenset(group)], 5)] == [first], group
    for hostile in ("a & b", "!x", "a:*", "(b", "<->", "\\", "'", "😀"):
        assert index.search([frozenset({hostile})], 5) == []
        index.article_has(article.id, frozenset({hostile}))


@pytest.mark.backends("postgresql")
def test_postgresql_migration_backfills_articles_stored_before_it(store, add) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.index_pg import create_postgres_passage_index, create_postgres_passage_statistics

    old = add("Dam", "The dam was repaired in May.")
    with store.engine.begin() as conn:  # as migrations 5 and 6 found a database of articles
        conn.exec_driver_sql("DROP TABLE passages; DROP TABLE passage_queue;"
                             " DROP FUNCTION passages_follow_articles CASCADE;"
                             " DROP TABLE passage_df, passage_totals, passage_df_changes,"
                             " passage_totals_changes; DROP FUNCTION passages_log_statistics")
        create_postgres_passage_index(conn)
        create_postgres_passage_statistics(conn)
    index = open_passage_index(store.engine)
    assert index is not None and index.refresh() == 1
    assert [h.article_id for h in index.search([frozenset({"dam"})], 5)] == [old.id]


@pytest.mark.backends("sqlite", "postgresql")
def test_index_query_is_safe_against_any_input(store) -> None:  # type: ignore[no-untyped-def]
    retriever = Retriever(store.engine)
    for text in [
        '"',
        "'",
        "AND",
        "NEAR/3",
        "col:value",
        "a*b",
        "(((",
        "🙂 emoji",
        "ümlaut café",
        "x" * 5000,
    ]:
        retriever.search(analyse(text + " harbour"), Scope())


def test_scan_without_fts_ranks_the_same_way(store, add) -> None:  # type: ignore[no-untyped-def]
    wanted = add("Ferry strike ends", "The Kell ferry strike ended after two days.")
    add("Ferry timetable", "The Kell ferry runs hourly.")
    add("Bus strike", "The bus strike continues.")
    retriever = Retriever(store.engine)
    retriever.index = None  # as on a database without FTS5
    query = analyse("When did the Kell ferry strike end?")
    ranked = retriever.search(query, Scope())
    assert ranked[0].passage.article_id == wanted.id
    assert {s.passage.article_id for s in retriever.search(query, Scope(topics=("bus",)))} <= {3}


def test_a_busy_index_does_not_fail_the_question(store, add, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    add("Ferry strike ends", "The Kell ferry strike ended after two days.")
    retriever = Retriever(store.engine)
    assert retriever.index is not None
    retriever.index.refresh()
    add("Bus strike", "The bus strike continues.")

    def busy() -> int:
        raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(retriever.index, "refresh", busy)
    ranked = retriever.search(analyse("When did the Kell ferry strike end?"), Scope())
    assert ranked and "Kell ferry" in ranked[0].passage.sentence  # the index as it was


def test_a_superscript_or_other_non_decimal_digit_is_a_word_not_a_number() -> None:
    from briefs.answer.terms import stem

    assert stem("43rd") == "43"
    assert stem("²") == "²"
    assert stem("٣") == "٣"  # Arabic-Indic digits are decimal: kept as they are written


@pytest.mark.backends("postgresql")
def test_questions_are_answered_on_postgresql_by_the_scan(store, add) -> None:  # type: ignore[no-untyped-def]
    wanted = add("Ferry strike ends", "The Kell ferry strike ended after two days.")
    add("Bus strike", "The bus strike continues.")
    retriever = Retriever(store.engine)
    assert isinstance(retriever.index, PostgresPassageIndex)
    retriever.index = None  # as on a database without a passage index: the newest are scored
    query = analyse("When did the Kell ferry strike end?")
    ranked = retriever.search(query, Scope())
    assert ranked[0].passage.article_id == wanted.id
    source = store.add_source("https://feeds.example/ferries.xml")
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO article_sources (article_id, source_id) VALUES (%s, %s)", (wanted.id, source.id))
    scoped = retriever.search(query, Scope(source_ids=frozenset({source.id})))
    assert {s.passage.article_id for s in scoped} == {wanted.id}
    indexed = Retriever(store.engine)  # the same answers from the PostgreSQL passage index
    assert indexed.search(query, Scope())[0].passage.article_id == wanted.id
    scoped = indexed.search(query, Scope(source_ids=frozenset({source.id})))
    assert {s.passage.article_id for s in scoped} == {wanted.id}


@pytest.mark.backends("sqlite", "postgresql")
def test_old_copies_filling_the_candidates_do_not_hide_the_window(store, add) -> None:  # type: ignore[no-untyped-def]
    for n in range(Retriever.CANDIDATES + 5):
        add(f"Ferry strike {n}", "The ferry strike ended.", collected_at=utcnow() - timedelta(days=20))
    recent = add("Ferry strike again", "The ferry strike ended again.")
    ranked = Retriever(store.engine, window_days=5).search(analyse("ferry strike"), Scope())
    assert {s.passage.article_id for s in ranked} == {recent.id}


@pytest.mark.backends("postgresql")
def test_postgresql_workers_refreshing_together_index_each_article_once(store, add) -> None:  # type: ignore[no-untyped-def]
    """One worker's claimed queue rows are skipped by another (FOR UPDATE SKIP LOCKED)."""
    first = add("Pier", "The pier reopens in spring.")
    second = add("Dam", "The dam was repaired in May.")
    index = PostgresPassageIndex(store.engine)
    other = PostgresPassageIndex(store.engine)
    with store.engine.begin() as conn:  # another worker holds the first article's queue row
        conn.exec_driver_sql(
            "SELECT article_id FROM passage_queue WHERE article_id = %s FOR UPDATE", (first.id,))
        assert other.refresh() == 1
    assert index.refresh() == 1 and other.refresh() == 0
    assert {h.article_id for h in index.search([frozenset({"pier"}), frozenset({"dam"})], 5)} == {
        first.id, second.id}


@pytest.mark.backends("sqlite", "postgresql")
def test_a_run_on_article_beyond_a_tsvector_does_not_block_the_index(store, add) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL holds at most 1 MB of lexemes per tsvector: a longer run-on sentence is cut,
    not left to fail every refresh (and so every later article's indexing)."""
    def word(n: int) -> str:  # distinct letters-only words: "baaaa", "caaaa", ...
        return "".join("abcdefghijklmnopqrstuvwxyz"[n // 26**i % 26] for i in range(5)) + "q"

    words = " ".join(word(n) for n in range(250_000))  # ~1.5 MB of distinct stems, no full stop
    huge = add("Scraped chrome", f"Kelvik {words}")
    pier = add("Pier", "The pier reopens in spring.")
    index = open_passage_index(store.engine)
    assert index is not None and index.refresh() == 2
    assert [h.article_id for h in index.search([frozenset({"pier"})], 5)] == [pier.id]
    assert [h.article_id for h in index.search([frozenset({"kelvik"})], 5)] == [huge.id]


@pytest.mark.backends("postgresql")
def test_postgresql_article_changed_while_being_indexed_is_indexed_again(store, add, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The text changes after the refresh has read it: the article is queued again (its update
    waits for the refresh to commit), so the old text's passages do not stay."""
    import threading

    import briefs.answer.index_pg as index_pg

    article = add("Pier", "The pier reopens in spring.")
    index = PostgresPassageIndex(store.engine)
    split = index_pg.passage_rows
    updater: list[threading.Thread] = []

    def update() -> None:
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE articles SET text = 'The pier stays shut.' WHERE id = :id"),
                         {"id": article.id})

    def waiting_on_a_lock() -> bool:
        with store.engine.connect() as conn:
            return bool(conn.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE NOT granted").scalar())

    def split_while_the_text_changes(*args):  # type: ignore[no-untyped-def]
        if not updater:  # the first refresh has read the old text: change it now
            updater.append(threading.Thread(target=update))
            updater[0].start()
            done = threading.Event()
            while updater[0].is_alive() and not waiting_on_a_lock():
                done.wait(0.01)
        return split(*args)

    monkeypatch.setattr(index_pg, "passage_rows", split_while_the_text_changes)
    assert index.refresh() >= 1
    updater[0].join()
    index.refresh()  # the update queued the article again (this refresh or the last took it)
    first = article.id * SLOTS
    assert index.rows([first])[first].sentence == "The pier stays shut."
