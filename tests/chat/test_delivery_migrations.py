"""A database from before the claims (delivery_0001: the outbox without claim columns, sources
without claim columns) is upgraded in place by delivery_0002 and delivery_0003, rows kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.delivery import schema as delivery
from bot.schema import VERSION_LOCATIONS
from briefs.store import schema as engine_schema
from briefs.store.engine import create_engine
from briefs.store.migrations import upgrade

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def test_delivery_0002_adds_the_claim_columns_to_an_existing_database(request, backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    engine = create_engine(url)
    try:
        for target in ("engine@head", "chat@head", "delivery_0001"):
            upgrade(engine, VERSION_LOCATIONS, target=target)
        assert "claimed_by" not in {c["name"] for c in sa.inspect(engine).get_columns("outbox")}
        with engine.begin() as conn:
            conn.execute(engine_schema.sources.insert().values(
                url="https://example.org/feed.xml", kind="feed", origin="operator", failures=0,
                added_at=sa.func.now()))
        applied = upgrade(engine, VERSION_LOCATIONS)
        assert [r.id for r in applied] == ["delivery_0002", "delivery_0003"]
        inspector = sa.inspect(engine)
        assert {"claimed_by", "lease_until"} <= {c["name"] for c in inspector.get_columns("outbox")}
        assert {"claimed_by", "claim_until"} <= {c["name"] for c in inspector.get_columns("sources")}
        assert {"push_claims", "rate_buckets"} <= set(inspector.get_table_names())
        with engine.connect() as conn:  # the source is still there, unclaimed
            assert conn.execute(sa.select(delivery.source_claims.c.claimed_by)).all() == [(None,)]
    finally:
        engine.dispose()
