"""The store: sources with their fetch state, articles, story clusters and a small cache.

Methods are synchronous and short (single statements or small transactions); SQLite in WAL
mode answers them in well under a millisecond, so async callers may call them directly.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, Row

from briefs.models import Article, ArticleDraft, Source, StoryRef, utcnow
from briefs.store import schema
from briefs.store.engine import create_engine
from briefs.store.migrations import upgrade


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, version_locations: Iterable[Path] = ()) -> "Store":
        """Open (creating if needed) the database at `url` and apply pending migrations: the
        engine's and those of the branches in `version_locations` (other components')."""
        engine = create_engine(url)
        try:
            upgrade(engine, version_locations)
        except BaseException:
            engine.dispose()
            raise
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

    def sample_source_ids(self) -> frozenset[int]:
        """The bundled sample sources (origin "sample")."""
        with self.engine.connect() as conn:
            return frozenset(conn.execute(
                sa.select(schema.sources.c.id).where(schema.sources.c.origin == "sample")).scalars())

    def remove_samples(self) -> int:
        """Remove the bundled sample sources and the articles only they carried (real data
        has arrived); returns how many articles went."""
        samples = self.sample_source_ids()
        if not samples:
            return 0
        a, s = schema.articles.c, schema.article_sources.c
        sampled = sa.select(s.article_id).where(s.source_id.in_(samples))
        elsewhere = sa.select(s.article_id).where(s.source_id.not_in(samples))
        with self.engine.begin() as conn:
            removed = conn.execute(schema.articles.delete().where(
                a.id.in_(sampled), a.id.not_in(elsewhere))).rowcount
            conn.execute(schema.sources.delete().where(schema.sources.c.id.in_(samples)))
        return removed

    def has_real_data(self) -> bool:
        """Whether anything but the bundled samples was ever added: a source or an article."""
        samples = self.sample_source_ids()
        a, s = schema.articles.c, schema.article_sources.c
        with self.engine.connect() as conn:
            other_source = conn.execute(sa.select(schema.sources.c.id).where(
                schema.sources.c.origin != "sample").limit(1)).first()
            sampled = sa.select(s.article_id).where(s.source_id.in_(samples))
            other_article = conn.execute(sa.select(a.id).where(a.id.not_in(sampled)).limit(1)).first()
        return other_source is not None or other_article is not None

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
            if source_id is not None:
                conn.execute(schema.article_sources.insert().values(article_id=article_id, source_id=source_id))
        return self.get_article(article_id)  # type: ignore[return-value]

    def add_filed_article(
        self,
        draft: ArticleDraft,
        *,
        features: dict[str, Any],
        story_id: int | None,
        also_file: int | None = None,
        source_id: int | None = None,
        simhash: int | None = None,
        collected_at: datetime | None = None,
    ) -> tuple[int, int]:
        """Insert a new article with its URLs, source link and story features, filed under
        `story_id` (None: a new story titled by the draft; `also_file`: an article moved into
        that new story with it), all in one transaction. Returns (article id, story id)."""
        urls = list(dict.fromkeys([draft.url, *draft.urls]))
        now = utcnow()
        with self.engine.begin() as conn:
            if story_id is None:
                story_id = conn.execute(schema.stories.insert().values(
                    title=draft.title, created_at=now, updated_at=now)).inserted_primary_key[0]
            else:
                conn.execute(schema.stories.update().where(schema.stories.c.id == story_id)
                             .values(updated_at=now))
            article_id = conn.execute(schema.articles.insert().values(
                url=draft.url, title=draft.title, author=draft.author, published=draft.published,
                language=draft.language, text=draft.text, content_hash=draft.content_hash,
                simhash=simhash, source=draft.source, source_id=source_id, story_id=story_id,
                collected_at=collected_at or now,
            )).inserted_primary_key[0]
            _insert_urls(conn, article_id, urls)
            if source_id is not None:
                conn.execute(schema.article_sources.insert().values(article_id=article_id, source_id=source_id))
            conn.execute(schema.article_features.insert().values(article_id=article_id,
                                                                 features=json.dumps(features)))
            if also_file is not None:
                conn.execute(schema.articles.update().where(schema.articles.c.id == also_file)
                             .values(story_id=story_id))
        return article_id, story_id

    def link_source(self, article_id: int, source_id: int | None) -> None:
        """Record that `source_id` carries the article too (a second feed with the same item)."""
        if source_id is None or source_id <= 0:
            return
        s = schema.article_sources.c
        with self.engine.begin() as conn:
            known = conn.execute(sa.select(s.article_id).where(
                s.article_id == article_id, s.source_id == source_id)).first()
            if known is None:
                conn.execute(schema.article_sources.insert().values(article_id=article_id, source_id=source_id))

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
            sources = _sources_for(conn, [r.id for r in rows])
        by_id = {row.id: _article(row, urls.get(row.id, []), sources.get(row.id, ())) for row in rows}
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
            s = schema.article_sources.c
            query = query.where(a.c.id.in_(
                sa.select(s.article_id).where(s.source_id.in_(list(source_ids)))))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            ids = [row.id for row in conn.execute(query)]
        return self.get_articles(ids)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one()

    def article_simhashes(self, article_ids: Sequence[int]) -> dict[int, int | None]:
        if not article_ids:
            return {}
        a = schema.articles.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(a.id, a.simhash).where(a.id.in_(list(article_ids))))
            return {r.id: r.simhash for r in rows}

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
            linked = sa.select(schema.article_sources.c.article_id)
            return conn.execute(
                sa.select(sa.func.count()).select_from(a).where(a.c.id.not_in(linked))
            ).scalar_one()

    def count_articles_by_source(self) -> dict[int, int]:
        """Articles per source, counting an article in every source that carried it."""
        s = schema.article_sources.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(s.source_id, sa.func.count()).group_by(s.source_id))
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

    def link_story(self, story_id: int, previous_id: int) -> None:
        """Story `story_id` continues the earlier story `previous_id` ("Previously, ...")."""
        if story_id == previous_id:
            return
        links = schema.story_links
        with self.engine.begin() as conn:
            conn.execute(links.delete().where(links.c.story_id == story_id))
            conn.execute(links.insert().values(story_id=story_id, previous_id=previous_id, created_at=utcnow()))

    def previous_story(self, story_id: int) -> "StoryRef | None":
        """The earlier story this one continues: its id, headline, date and link."""
        found = self.previous_stories([story_id])
        return found.get(story_id)

    def previous_stories(self, story_ids: Sequence[int]) -> "dict[int, StoryRef]":
        if not story_ids:
            return {}
        links, a = schema.story_links.c, schema.articles.c
        with self.engine.connect() as conn:
            pairs = {r.story_id: r.previous_id for r in conn.execute(
                sa.select(links.story_id, links.previous_id).where(links.story_id.in_(list(story_ids))))}
            if not pairs:
                return {}
            rows = conn.execute(
                sa.select(a.story_id, a.title, a.url, a.published, a.collected_at)
                .where(a.story_id.in_(list(set(pairs.values())))).order_by(a.id))
            first: dict[int, Row] = {}
            for row in rows:
                first.setdefault(row.story_id, row)
        out = {}
        for story_id, previous_id in pairs.items():
            row = first.get(previous_id)
            if row is not None:
                out[story_id] = StoryRef(previous_id, row.title, row.url, row.published)
        return out

    def articles_naming(self, names: Sequence[str],
                        limit: int = 20) -> list[tuple[int, int | None, Any, datetime | None]]:
        """The latest articles whose text names all of `names` (full-text index): (id, story
        id, stored features, published). SQLite reads its article index (FTS5); PostgreSQL its
        passage index, so there only articles already indexed count (the collection pass
        indexes its articles right after it; stories older than the window long were)."""
        names = [n for n in names if n.replace("'", "").replace("-", "").isalnum()]
        if len(names) < 2:
            return []
        if self.engine.dialect.name == "postgresql":
            rows = self._articles_naming_postgres(names, limit)
        elif self.engine.dialect.name == "sqlite":
            rows = self._articles_naming_sqlite(names, limit)
        else:
            return []
        return [(r[0], r[1], json.loads(r[2]) if r[2] else None, _aware(r[3])) for r in rows]

    def _articles_naming_sqlite(self, names: Sequence[str], limit: int) -> Sequence[Row]:
        query = " AND ".join('"' + n.replace('"', "") + '"' for n in names)
        try:
            with self.engine.connect() as conn:
                return conn.exec_driver_sql(
                    "SELECT a.id, a.story_id, f.features, a.published FROM article_fts "
                    "JOIN articles a ON a.id = article_fts.rowid "
                    "LEFT JOIN article_features f ON f.article_id = a.id "
                    "WHERE article_fts MATCH ? ORDER BY article_fts.rowid DESC LIMIT ?", (query, limit)).all()
        except sa.exc.OperationalError:  # a name the full-text syntax refuses: no memory, no failure
            return []

    def _articles_naming_postgres(self, names: Sequence[str], limit: int) -> Sequence[Row]:
        """Articles with a passage naming each name: each name a phrase of its index stems, as
        the passage index stores them (briefs/answer/index_pg.py)."""
        from briefs.answer.index_pg import name_tsquery

        queries = [q for q in (name_tsquery(n) for n in names) if q]
        if len(queries) < len(names):
            return []
        naming = " AND ".join(
            f"a.id IN (SELECT article_id FROM passages WHERE tsv @@ to_tsquery('simple', :n{i}))"
            for i in range(len(queries)))
        with self.engine.connect() as conn:
            return conn.execute(sa.text(
                "SELECT a.id, a.story_id, f.features, a.published FROM articles a "
                "LEFT JOIN article_features f ON f.article_id = a.id "
                f"WHERE {naming} ORDER BY a.id DESC LIMIT :limit"),
                {"limit": limit, **{f"n{i}": q for i, q in enumerate(queries)}}).all()

    # -- story features ------------------------------------------------------------------

    def put_features(self, article_id: int, features: dict[str, Any]) -> None:
        f = schema.article_features
        with self.engine.begin() as conn:
            conn.execute(f.delete().where(f.c.article_id == article_id))
            conn.execute(f.insert().values(article_id=article_id, features=json.dumps(features)))

    def recent_features(self, since: datetime, after_id: int = 0) -> list[tuple[Row, dict[str, Any] | None]]:
        """Articles collected since `since` (id, title, url, story, dates) with their stored
        story features (None when not computed yet), oldest first: one query per process."""
        a, f = schema.articles.c, schema.article_features.c
        query = (sa.select(a.id, a.title, a.url, a.story_id, a.published, a.collected_at, f.features)
                 .select_from(schema.articles.outerjoin(schema.article_features, f.article_id == a.id))
                 .where(a.collected_at >= since, a.id > after_id).order_by(a.collected_at, a.id))
        with self.engine.connect() as conn:
            return [(row, json.loads(row.features) if row.features else None) for row in conn.execute(query)]

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


def _sources_for(conn: sa.Connection, article_ids: list[int]) -> dict[int, tuple[int, ...]]:
    out: dict[int, list[int]] = {}
    if article_ids:
        s = schema.article_sources.c
        for row in conn.execute(sa.select(s.article_id, s.source_id).where(s.article_id.in_(article_ids))
                                .order_by(s.source_id)):
            out.setdefault(row.article_id, []).append(row.source_id)
    return {k: tuple(v) for k, v in out.items()}


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if isinstance(moment, str):  # SQLite's min() returns the stored text
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _source(row: Row) -> Source:
    return Source(
        id=row.id, url=row.url, kind=row.kind, title=row.title, etag=row.etag,
        last_modified=row.last_modified, failures=row.failures, next_attempt=row.next_attempt,
        last_success=row.last_success, last_error=row.last_error,
        interval_minutes=row.interval_minutes, added_at=row.added_at, origin=row.origin,
    )


def _article(row: Row, urls: list[str], source_ids: tuple[int, ...] = ()) -> Article:
    ordered = [row.url, *sorted(u for u in urls if u != row.url)]
    return Article(
        id=row.id, url=row.url, title=row.title, text=row.text, urls=tuple(ordered),
        author=row.author, published=row.published, language=row.language, source=row.source,
        content_hash=row.content_hash, collected_at=row.collected_at, story_id=row.story_id,
        source_id=row.source_id, source_ids=source_ids,
    )
