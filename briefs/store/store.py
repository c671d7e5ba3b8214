"""The store: sources with their fetch state, articles, story clusters and a small cache.

Methods are synchronous and short (single statements or small transactions); SQLite in WAL
mode answers them in well under a millisecond, so async callers may call them directly.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, Row

from briefs.models import Article, ArticleDraft, Source, utcnow
from briefs.store import schema
from briefs.store.engine import Migration, create_engine, migrate


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, extra_migrations: Iterable[Migration] = ()) -> "Store":
        """Open (creating if needed) the database at `url` and apply pending migrations."""
        engine = create_engine(url)
        migrate(engine, [*schema.MIGRATIONS, *extra_migrations])
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- sources -------------------------------------------------------------------------

    def add_source(
        self, url: str, kind: str = "auto", title: str | None = None, origin: str = "operator"
    ) -> Source:
        """Add a source, or return the existing one with that URL."""
        existing = self.find_source(url)
        if existing:
            return existing
        with self.engine.begin() as conn:
            result = conn.execute(
                schema.sources.insert().values(
                    url=url, kind=kind, title=title, origin=origin, failures=0, added_at=utcnow()
                )
            )
            source_id = result.inserted_primary_key[0]
        return self.get_source(source_id)  # type: ignore[return-value]

    def get_source(self, source_id: int) -> Source | None:
        return self._one_source(schema.sources.c.id == source_id)

    def find_source(self, url: str) -> Source | None:
        return self._one_source(schema.sources.c.url == url)

    def list_sources(self, origin: str | None = None) -> list[Source]:
        query = sa.select(schema.sources).order_by(schema.sources.c.id)
        if origin:
            query = query.where(schema.sources.c.origin == origin)
        with self.engine.connect() as conn:
            return [_source(row) for row in conn.execute(query)]

    def remove_source(self, source_id: int) -> bool:
        """Remove a source; its articles stay (they may be in briefings already)."""
        with self.engine.begin() as conn:
            result = conn.execute(schema.sources.delete().where(schema.sources.c.id == source_id))
            return result.rowcount > 0

    def update_source(self, source_id: int, **values: Any) -> None:
        """Update fetch state columns (etag, last_modified, failures, next_attempt, ...)."""
        with self.engine.begin() as conn:
            conn.execute(
                schema.sources.update().where(schema.sources.c.id == source_id).values(**values)
            )

    def _one_source(self, where: sa.ColumnElement[bool]) -> Source | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.sources).where(where)).first()
        return _source(row) if row else None

    # -- articles ------------------------------------------------------------------------

    def add_article(
        self,
        draft: ArticleDraft,
        *,
        source_id: int | None = None,
        simhash: int | None = None,
        story_id: int | None = None,
        collected_at: datetime | None = None,
    ) -> Article:
        """Insert a new article and all its URLs in one transaction."""
        urls = list(dict.fromkeys([draft.url, *draft.urls]))
        with self.engine.begin() as conn:
            result = conn.execute(
                schema.articles.insert().values(
                    url=draft.url, title=draft.title, author=draft.author,
                    published=draft.published, language=draft.language, text=draft.text,
                    content_hash=draft.content_hash, simhash=simhash, source=draft.source,
                    source_id=source_id, story_id=story_id, collected_at=collected_at or utcnow(),
                )
            )
            article_id = result.inserted_primary_key[0]
            _insert_urls(conn, article_id, urls)
        return self.get_article(article_id)  # type: ignore[return-value]

    def add_urls(self, article_id: int, urls: Iterable[str]) -> None:
        """Record more URLs for an existing article (a duplicate seen elsewhere).

        A URL that another process records at the same moment stays with whichever article
        got it first: concurrent collects of the same content must not fail on it."""
        with self.engine.begin() as conn:
            _insert_urls(conn, article_id, list(urls), tolerate_conflicts=True)

    def article_id_for_url(self, url: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(schema.article_urls.c.article_id).where(schema.article_urls.c.url == url)
            ).scalar()

    def article_id_for_hash(self, content_hash: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(schema.articles.c.id)
                .where(schema.articles.c.content_hash == content_hash)
                .limit(1)
            ).scalar()

    def get_article(self, article_id: int) -> Article | None:
        found = self.get_articles([article_id])
        return found[0] if found else None

    def get_articles(self, article_ids: Sequence[int]) -> list[Article]:
        """Articles by id, in the order asked (missing ids are skipped)."""
        if not article_ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(schema.articles).where(schema.articles.c.id.in_(list(article_ids)))
            ).all()
            urls = _urls_for(conn, [r.id for r in rows])
        by_id = {row.id: _article(row, urls.get(row.id, [])) for row in rows}
        return [by_id[i] for i in article_ids if i in by_id]

    def list_articles(
        self,
        *,
        since: datetime | None = None,
        source_ids: Iterable[int] | None = None,
        limit: int | None = None,
    ) -> list[Article]:
        """Articles collected since `since`, newest collected first."""
        a = schema.articles
        query = sa.select(a.c.id).order_by(a.c.collected_at.desc(), a.c.id.desc())
        if since is not None:
            query = query.where(a.c.collected_at >= since)
        if source_ids is not None:
            query = query.where(a.c.source_id.in_(list(source_ids)))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            ids = [row.id for row in conn.execute(query)]
        return self.get_articles(ids)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one()

    def recent_fingerprints(self, since: datetime) -> list[Row]:
        """(id, title, simhash, story_id, source, collected_at) of recent articles, for dedup."""
        a = schema.articles
        query = sa.select(a.c.id, a.c.title, a.c.simhash, a.c.story_id, a.c.source, a.c.collected_at)
        with self.engine.connect() as conn:
            return list(conn.execute(query.where(a.c.collected_at >= since)))

    def recent_for_dedupe(self, since: datetime) -> list[Row]:
        """(id, url, title, simhash, story_id, source, published, collected_at) of recent
        articles: what near-duplicate and story matching need, without the texts."""
        a = schema.articles
        query = sa.select(
            a.c.id, a.c.url, a.c.title, a.c.simhash, a.c.story_id, a.c.source, a.c.published,
            a.c.collected_at,
        ).where(a.c.collected_at >= since).order_by(a.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def article_leads(self, article_ids: Sequence[int], chars: int = 1500) -> dict[int, str]:
        """The first `chars` characters of each article's text."""
        if not article_ids:
            return {}
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(a.c.id, sa.func.substr(a.c.text, 1, chars).label("lead"))
                                .where(a.c.id.in_(list(article_ids))))
            return {row.id: row.lead for row in rows}

    def article_texts(self, article_ids: Sequence[int]) -> dict[int, str]:
        if not article_ids:
            return {}
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(a.c.id, a.c.text).where(a.c.id.in_(list(article_ids))))
            return {row.id: row.text for row in rows}

    def count_articles_without_source(self) -> int:
        """Articles from one-off sources (`collect --source`), which have no source row."""
        a = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.count()).select_from(a).where(a.c.source_id.is_(None))
            ).scalar_one()

    def count_articles_by_source(self) -> dict[int, int]:
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(a.c.source_id, sa.func.count()).where(a.c.source_id.is_not(None))
                .group_by(a.c.source_id)
            )
            return {row[0]: row[1] for row in rows}

    # -- stories -------------------------------------------------------------------------

    def new_story(self, title: str) -> int:
        now = utcnow()
        with self.engine.begin() as conn:
            result = conn.execute(schema.stories.insert().values(title=title, created_at=now, updated_at=now))
            return result.inserted_primary_key[0]

    def assign_story(self, article_id: int, story_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(schema.articles.update().where(schema.articles.c.id == article_id).values(story_id=story_id))
            conn.execute(schema.stories.update().where(schema.stories.c.id == story_id).values(updated_at=utcnow()))

    def story_articles(self, story_id: int) -> list[Article]:
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(
                sa.select(schema.articles.c.id).where(schema.articles.c.story_id == story_id)
                .order_by(schema.articles.c.id)
            )]
        return self.get_articles(ids)

    # -- cache ---------------------------------------------------------------------------

    def cache_get(self, namespace: str, key: str) -> Any | None:
        c = schema.cache.c
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(c.value).where(c.namespace == namespace, c.key == key)
            ).scalar()
        return None if value is None else json.loads(value)

    def cache_put(self, namespace: str, key: str, value: Any) -> None:
        c = schema.cache.c
        with self.engine.begin() as conn:
            conn.execute(schema.cache.delete().where(c.namespace == namespace, c.key == key))
            conn.execute(schema.cache.insert().values(
                namespace=namespace, key=key, value=json.dumps(value), created_at=utcnow()
            ))


def _insert_urls(conn: sa.Connection, article_id: int, urls: list[str],
                 tolerate_conflicts: bool = False) -> None:
    known = set(conn.execute(
        sa.select(schema.article_urls.c.url).where(schema.article_urls.c.url.in_(urls))
    ).scalars())
    fresh = [{"url": u, "article_id": article_id} for u in urls if u not in known]
    if not fresh:
        return
    if tolerate_conflicts:  # INSERT ... ON CONFLICT (url) DO NOTHING, in SQLite and PostgreSQL
        insert_for = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}.get(conn.dialect.name)
        if insert_for is not None:
            conn.execute(insert_for(schema.article_urls).on_conflict_do_nothing(
                index_elements=["url"]), fresh)
            return
    conn.execute(schema.article_urls.insert(), fresh)


def _urls_for(conn: sa.Connection, article_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not article_ids:
        return out
    rows = conn.execute(
        sa.select(schema.article_urls).where(schema.article_urls.c.article_id.in_(article_ids))
    )
    for row in rows:
        out.setdefault(row.article_id, []).append(row.url)
    return out


def _source(row: Row) -> Source:
    return Source(
        id=row.id, url=row.url, kind=row.kind, title=row.title, etag=row.etag,
        last_modified=row.last_modified, failures=row.failures, next_attempt=row.next_attempt,
        last_success=row.last_success, last_error=row.last_error,
        interval_minutes=row.interval_minutes, added_at=row.added_at, origin=row.origin,
    )


def _article(row: Row, urls: list[str]) -> Article:
    ordered = [row.url, *sorted(u for u in urls if u != row.url)]
    return Article(
        id=row.id, url=row.url, title=row.title, text=row.text, urls=tuple(ordered),
        author=row.author, published=row.published, language=row.language, source=row.source,
        content_hash=row.content_hash, collected_at=row.collected_at, story_id=row.story_id,
        source_id=row.source_id,
    )
