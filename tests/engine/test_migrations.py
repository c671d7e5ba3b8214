"""The schema's Alembic history on both databases: a fresh upgrade builds the tables the code
declares, a second run does nothing, and databases left by the earlier home-grown runner
(``schema_migrations``) are adopted in place and brought up to date, rows kept."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot import chat_schema
from bot.delivery import schema as delivery_schema
from bot.schema import VERSION_LOCATIONS
from briefs.store import schema as engine_schema
from briefs.store.engine import create_engine
from briefs.store.migrations import MigrationError, script_directory, status, upgrade
from tests import legacy_runner

pytestmark = pytest.mark.backends("sqlite", "postgresql")
NOW = datetime(2024, 5, 1, tzinfo=timezone.utc)
BRANCHES = ("engine", "chat", "delivery")
# Revisions added after the home-grown runner was retired: an adopted database applies them.
NEWER_THAN_THE_OLD_RUNNER = ["engine_0006"]


@pytest.fixture
def engine(request, backend, tmp_path):  # type: ignore[no-untyped-def]
    """An empty database of the backend under test."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'briefbot.db'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    engine = create_engine(url)
    yield engine
    engine.dispose()


def _heads(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(MigrationContext.configure(conn).get_current_heads())


def _all_heads() -> list[str]:
    return sorted(script_directory(VERSION_LOCATIONS).get_heads())


def _declared() -> sa.MetaData:
    """Every table the code queries, in one MetaData."""
    metadata = sa.MetaData()
    for source in (engine_schema.metadata, chat_schema.metadata, delivery_schema.metadata):
        for table in source.sorted_tables:
            table.to_metadata(metadata)
    return metadata


def _undeclared(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    # Tables outside the MetaData (FTS, passages, alembic_version, ...) are raw DDL; the claim
    # columns on sources are declared by the delivery side (delivery_schema.source_claims).
    if reflected and compare_to is None and type_ == "table":
        return False
    return not (type_ == "column" and reflected and name in ("claimed_by", "claim_until")
                and obj.table.name == "sources")


def _differences(engine: sa.Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": _undeclared, "compare_type": True})
        return compare_metadata(context, _declared())


def _add_rows(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.execute(engine_schema.sources.insert().values(
            id=7, url="https://a.example/feed", kind="feed", origin="operator", failures=0, added_at=NOW))
        for article_id, source_id in ((1, 7), (2, None)):
            conn.execute(engine_schema.articles.insert().values(
                id=article_id, url=f"https://a.example/{article_id}", title="Budget approved",
                text="The council approved the budget.", content_hash=str(article_id),
                source_id=source_id, collected_at=NOW))


def _count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_a_fresh_upgrade_builds_the_declared_tables_and_a_second_does_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    applied = upgrade(engine, VERSION_LOCATIONS)
    assert {r.id for r in applied} == {r.id for r in status(engine, VERSION_LOCATIONS)}
    assert _heads(engine) == _all_heads()
    assert _differences(engine) == []
    assert upgrade(engine, VERSION_LOCATIONS) == []  # idempotent
    assert _heads(engine) == _all_heads()
    assert all(r.applied for r in status(engine, VERSION_LOCATIONS))


def test_the_old_runners_final_state_is_adopted_without_changes(engine) -> None:  # type: ignore[no-untyped-def]
    legacy_runner.build(engine)
    _add_rows(engine)
    before = status(engine, VERSION_LOCATIONS)  # read only: nothing stamped yet
    assert [r.id for r in before if not r.applied] == NEWER_THAN_THE_OLD_RUNNER
    assert _heads(engine) == []
    applied = upgrade(engine, VERSION_LOCATIONS)  # stamped, then only what came later applied
    assert [r.id for r in applied] == NEWER_THAN_THE_OLD_RUNNER
    assert _heads(engine) == _all_heads()
    assert _differences(engine) == []
    counts = [_count(engine, table) for table in ("articles", "article_sources", "passage_queue")]
    assert counts == [2, 0, 2]  # as they were
    assert _count(engine, "schema_migrations") == len(legacy_runner.migrations())  # left as it was


def test_an_older_release_is_adopted_then_brought_up_to_date(engine) -> None:  # type: ignore[no-untyped-def]
    # engine 1-2 and delivery 1 as shipped (the outbox without claim columns), no chat tables
    legacy_runner.build(engine, keep=lambda component, version: (component, version) in {
        ("engine", 1), ("engine", 2), ("delivery", 1)},
        replace={("delivery", 1): legacy_runner.delivery_1_as_released})
    _add_rows(engine)
    pending = [r.id for r in status(engine, VERSION_LOCATIONS) if not r.applied]
    applied = [r.id for r in upgrade(engine, VERSION_LOCATIONS)]
    assert sorted(applied) == sorted(pending) == [
        "chat_0001", "delivery_0002", "delivery_0003", "engine_0003", "engine_0004", "engine_0005",
        "engine_0006"]
    assert _heads(engine) == _all_heads()
    assert _differences(engine) == []
    assert _count(engine, "article_sources") == 1  # engine_0004 backfilled the first link
    assert _count(engine, "passage_queue") == 2  # the passage index queued the stored articles


def test_a_version_the_old_runner_skipped_is_applied_when_adopting(engine) -> None:  # type: ignore[no-untyped-def]
    # engine 4 was added before engine 3 existed: a database could hold 1, 2 and 4
    legacy_runner.build(engine, keep=lambda component, version: component == "engine" and version in (1, 2, 4))
    _add_rows(engine)
    applied = [r.id for r in upgrade(engine, VERSION_LOCATIONS)]
    assert "engine_0003" not in applied and "engine_0004" not in applied
    assert "engine_0005" in applied
    assert "passage_queue" in sa.inspect(engine).get_table_names()  # engine 3 or 5's table
    assert _differences(engine) == []


def test_an_engine_only_database_gains_the_chat_branches_later(engine) -> None:  # type: ignore[no-untyped-def]
    upgrade(engine)  # the engine's branch alone
    assert _heads(engine) == ["engine_0006"]
    applied = [r.id for r in upgrade(engine, VERSION_LOCATIONS)]
    assert sorted(applied) == ["chat_0001", "delivery_0001", "delivery_0002", "delivery_0003"]
    with pytest.raises(MigrationError, match="does not know: chat_0001, delivery_0003"):
        upgrade(engine)  # a program without the chat side's revisions says so in one line


@pytest.mark.backends("sqlite")
def test_revisions_follow_the_naming_rule_one_line_per_branch() -> None:
    """Ids are <branch>_<NNNN> in files named after them, numbered without gaps: the legacy
    adoption maps old versions by this rule, and two heads on a branch would be a conflict."""
    script = script_directory(VERSION_LOCATIONS)
    by_branch: dict[str, list[int]] = {}
    for rev in script.walk_revisions():
        match = re.fullmatch(r"(engine|chat|delivery)_(\d{4})", rev.revision)
        assert match, rev.revision
        assert Path(rev.path).name.startswith(rev.revision + "_")
        by_branch.setdefault(match[1], []).append(int(match[2]))
        assert rev.doc and "\n" not in rev.doc.strip()  # `db status` shows it on one line
    assert {b: sorted(n) for b, n in by_branch.items()} == {
        b: list(range(1, len(n) + 1)) for b, n in by_branch.items()}
    assert sorted(h.split("_")[0] for h in script.get_heads()) == sorted(BRANCHES)


def test_an_old_database_opened_by_the_engine_alone_is_adopted_branch_by_branch(engine) -> None:  # type: ignore[no-untyped-def]
    legacy_runner.build(engine)
    # the engine's versions stamped (and the later ones applied); chat and delivery left alone
    assert [r.id for r in upgrade(engine)] == NEWER_THAN_THE_OLD_RUNNER
    assert _heads(engine) == ["engine_0006"]
    assert all(r.applied for r in status(engine, VERSION_LOCATIONS))  # the rest still recorded
    assert upgrade(engine, VERSION_LOCATIONS) == []  # stamped now, not created twice
    assert _heads(engine) == _all_heads()
