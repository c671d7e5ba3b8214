"""A database from before the claims (delivery version 1 with the old outbox, sources without
claim columns) is upgraded in place by delivery versions 2 and 3, rows kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot import chat_schema
from bot.delivery import schema as delivery
from briefs.store import schema as engine_schema
from briefs.store.engine import Migration, create_engine, migrate

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _version_1(conn: sa.Connection) -> None:
    """The delivery tables as version 1 created them: the outbox without claim columns."""
    old = sa.MetaData()
    sa.Table("outbox", old, *[c._copy() for c in delivery.outbox.columns
                              if c.name not in ("claimed_by", "lease_until")])
    for table in (delivery.schedules, delivery.briefings, delivery.outbox_payloads,
                  delivery.push_records):
        table.to_metadata(old)
    old.create_all(conn)


def test_version_2_adds_the_claim_columns_to_an_existing_database(request, backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    engine = create_engine(url)
    try:
        before = [*engine_schema.MIGRATIONS, *chat_schema.MIGRATIONS,
                  Migration("delivery", 1, "as released", _version_1)]
        migrate(engine, before)
        with engine.begin() as conn:
            conn.execute(engine_schema.sources.insert().values(
                url="https://example.org/feed.xml", kind="feed", origin="operator", failures=0,
                added_at=sa.func.now()))
        applied = migrate(engine, [*engine_schema.MIGRATIONS, *chat_schema.MIGRATIONS,
                                   *delivery.MIGRATIONS])
        assert [(m.component, m.version) for m in applied] == [("delivery", 2), ("delivery", 3)]
        inspector = sa.inspect(engine)
        assert {"claimed_by", "lease_until"} <= {c["name"] for c in inspector.get_columns("outbox")}
        assert {"claimed_by", "claim_until"} <= {c["name"] for c in inspector.get_columns("sources")}
        assert {"push_claims", "rate_buckets"} <= set(inspector.get_table_names())
        with engine.connect() as conn:  # the source is still there, unclaimed
            assert conn.execute(sa.select(delivery.source_claims.c.claimed_by)).all() == [(None,)]
    finally:
        engine.dispose()
