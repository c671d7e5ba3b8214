"""The home-grown migration runner briefbot used before Alembic, kept to build the databases
it left behind: each (component, version) applied in order and recorded in
``schema_migrations``, with that runner's DDL (today's table definitions, created whole).

`build(engine, keep)` makes such a database; `keep(component, version)` leaves versions out
(an older release, or one that skipped a version added below a newer one); `replace` swaps a
version's DDL (delivery 1 as it shipped, before the outbox had claim columns).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from briefs.store.engine import UTCDateTime

schema_migrations = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("component", sa.String(50), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)


def _tables(*tables: sa.Table) -> Callable[[Connection], None]:
    return lambda conn: [table.create(conn) for table in tables] and None


def _engine_4(conn: Connection) -> None:
    from briefs.store import schema as s

    _tables(s.article_sources, s.story_links, s.article_features)(conn)
    conn.execute(s.article_sources.insert().from_select(
        ["article_id", "source_id"],
        sa.select(s.articles.c.id, s.articles.c.source_id).where(s.articles.c.source_id.is_not(None))))


def delivery_1_as_released(conn: Connection) -> None:
    """Version 1 as it shipped: the outbox before its claim columns."""
    from bot.delivery import schema as d

    old = sa.MetaData()
    sa.Table("outbox", old, *[c._copy() for c in d.outbox.columns if c.name not in ("claimed_by", "lease_until")],
             *[sa.Index(i.name, *[c.name for c in i.columns]) for i in d.outbox.indexes
               if i.name != "ix_outbox_state_lease"])
    for table in (d.schedules, d.briefings, d.outbox_payloads, d.push_records):
        table.to_metadata(old)
    old.create_all(conn)


def _delivery_2(conn: Connection) -> None:
    """As that runner had it: a database created at version 1 with today's outbox has the
    claim columns already."""
    from bot.delivery import schema as d

    for table, names in ((d.outbox, ("claimed_by", "lease_until")), (d.source_claims, ("claimed_by", "claim_until"))):
        present = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
        for name in names:
            if name not in present:
                kind = table.c[name].type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}")
    d.OUTBOX_CLAIM_INDEX.create(conn, checkfirst=True)
    d.push_claims.create(conn, checkfirst=True)


def migrations() -> list[tuple[str, int, Callable[[Connection], None]]]:
    """The old runner's final list, in the order it applied them."""
    from bot import chat_schema as c
    from bot.delivery import schema as d
    from briefs.answer.index import create_passage_index
    from briefs.answer.index_pg import create_postgres_passage_index
    from briefs.store import schema as s

    return [
        ("engine", 1, _tables(s.sources, s.stories, s.articles, s.article_urls, s.cache)),
        ("engine", 2, s.create_article_fts),
        ("engine", 3, create_passage_index),
        ("engine", 4, _engine_4),
        ("engine", 5, create_postgres_passage_index),
        ("chat", 1, _tables(c.chats, c.subscriptions, c.message_links, c.conversation_turns)),
        ("delivery", 1, _tables(d.schedules, d.briefings, d.outbox_payloads, d.outbox, d.push_records)),
        ("delivery", 2, _delivery_2),
        ("delivery", 3, _tables(d.rate_buckets, d.leader_leases, d.seen_events)),
    ]


def build(engine: Engine, keep: Callable[[str, int], bool] = lambda component, version: True,
          replace: dict[tuple[str, int], Callable[[Connection], None]] | None = None) -> None:
    """Apply the old runner's migrations that `keep` selects, each recorded as it did."""
    schema_migrations.create(engine, checkfirst=True)
    for component, version, apply in migrations():
        if not keep(component, version):
            continue
        apply = (replace or {}).get((component, version), apply)
        with engine.begin() as conn:
            apply(conn)
            conn.execute(schema_migrations.insert().values(
                component=component, version=version, description=f"{component} {version}",
                applied_at=datetime.now(timezone.utc)))
