"""The engine's tables and their migrations (component ``engine``).

The full-text index is SQLite FTS5 (BM25 ranking) kept in step with ``articles`` by
triggers; on other databases it is skipped here and a dialect-specific index is added there.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from briefs.store.engine import Migration, UTCDateTime, create_tables

metadata = sa.MetaData()

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False, default="auto"),
    sa.Column("title", sa.Text),
    # "operator" (CLI/config), "chat" (added from a chat), "sample" (bundled demo)
    sa.Column("origin", sa.String(16), nullable=False, default="operator"),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt", UTCDateTime),
    sa.Column("last_success", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("interval_minutes", sa.Integer),
    sa.Column("added_at", UTCDateTime, nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),  # canonical URL
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("author", sa.Text),
    sa.Column("published", UTCDateTime),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    # 64-bit SimHash of the text as a signed integer, for near-duplicate detection
    sa.Column("simhash", sa.BigInteger),
    sa.Column("source", sa.Text),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="SET NULL"), index=True),
    sa.Column("collected_at", UTCDateTime, nullable=False, index=True),
)

article_urls = sa.Table(
    "article_urls",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)

# Every source/feed an article was seen in (a wire story carried by several feeds belongs to
# each of them); `articles.source_id` stays as the first one, for older readers.
article_sources = sa.Table(
    "article_sources",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)

# A story that continues an earlier one ("Previously, 20 Mar 2023: ..."): one link per story.
story_links = sa.Table(
    "story_links",
    metadata,
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("previous_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# Story-matching features computed once per article (publisher, weighted terms, names, date),
# so that neither a new process nor a comparison loop recomputes them.
article_features = sa.Table(
    "article_features",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("features", sa.Text, nullable=False),  # JSON, see briefs/stories/cluster.py
)

# Content-addressed cache (LLM results by article content and prompt version, ...).
cache = sa.Table(
    "cache",
    metadata,
    sa.Column("namespace", sa.String(50), primary_key=True),
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

_FTS_SQL = [
    """CREATE VIRTUAL TABLE article_fts USING fts5(
           title, text, content='articles', content_rowid='id',
           tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
           INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
           INSERT INTO article_fts(article_fts, rowid, title, text)
           VALUES ('delete', old.id, old.title, old.text);
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
           INSERT INTO article_fts(article_fts, rowid, title, text)
           VALUES ('delete', old.id, old.title, old.text);
           INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
]


def _create_fts(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for statement in _FTS_SQL:
        conn.exec_driver_sql(statement)


def _article_sources(conn: Connection) -> None:
    """The many-to-many link of articles and sources, backfilled from articles.source_id."""
    article_sources.create(conn)
    story_links.create(conn)
    article_features.create(conn)
    conn.execute(article_sources.insert().from_select(
        ["article_id", "source_id"],
        sa.select(articles.c.id, articles.c.source_id).where(articles.c.source_id.is_not(None)),
    ))


MIGRATIONS = [
    Migration("engine", 1, "sources, stories, articles, article urls, cache",
              create_tables(sources, stories, articles, article_urls, cache)),
    Migration("engine", 2, "full-text index over articles (FTS5, BM25)", _create_fts),
    Migration("engine", 4, "articles linked to every source they were seen in; story links",
              _article_sources),
]


def _create_passage_index(conn: Connection) -> None:
    # Imported here: the index's sentence splitting lives with the answer code.
    from briefs.answer.index import create_passage_index

    create_passage_index(conn)


MIGRATIONS.append(
    Migration("engine", 3, "passage index for answers (FTS5 over sentences, BM25)",
              _create_passage_index)
)


def _create_postgres_passage_index(conn: Connection) -> None:
    from briefs.answer.index_pg import create_postgres_passage_index

    create_postgres_passage_index(conn)


MIGRATIONS.append(
    Migration("engine", 5, "passage index for answers on PostgreSQL (tsvector of stems, GIN)",
              _create_postgres_passage_index)
)


def _create_postgres_passage_statistics(conn: Connection) -> None:
    from briefs.answer.index_pg import create_postgres_passage_statistics

    create_postgres_passage_statistics(conn)


MIGRATIONS.append(
    Migration("engine", 6, "passage statistics on PostgreSQL (document frequencies, totals)",
              _create_postgres_passage_statistics)
)
