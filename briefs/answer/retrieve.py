"""Retrieval: from a natural-language question to ranked passages of stored articles.

Recall first: the passage index (index.py) returns the sentences that best match ANY of
the question's terms and their paraphrases, by BM25 with real IDF over all sentences.
Those candidates are then re-scored (scoring.py) on what makes a sentence an answer: the share of
the question's weight (IDF) it covers in the sentence, its neighbours and its article's
title, how close together the matched words are, whether it holds a span of the expected
answer type (see reader.py), and whether the article names everyone the question names.
User text never reaches FTS5 as syntax: the index is queried with quoted stems.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from briefs.answer.index import SLOTS, PassageRow, open_passage_index, passage_rows
from briefs.answer.neural import rerank
from briefs.answer.query import Query
from briefs.answer.scoring import ScoredPassage, Scorer, as_datetime, check_names, mark_leads, with_neighbours
from briefs.answer.terms import paraphrases, term_set
from briefs.models import Scope, utcnow

log = logging.getLogger(__name__)

class Retriever:
    """Ranks passages for a Query within a Scope, optionally leaning towards some stories."""

    CANDIDATES = 80  # passages taken from the index
    FOCUS = 6  # articles of the followed-up stories always read
    SCANNED = 2000  # without a passage index: the newest articles read and scored in Python
    RECENCY_DAYS = 14.0

    def __init__(self, engine: sa.Engine, window_days: int = 30) -> None:
        self.engine = engine
        self.window_days = window_days
        self.index = open_passage_index(engine)

    def search(
        self,
        query: Query,
        scope: Scope,
        *,
        focus_story_ids: Sequence[int] = (),
        limit: int = 8,
        now: datetime | None = None,
    ) -> list[ScoredPassage]:
        groups = [*query.groups, *(paraphrases(c) for c in query.carried)]
        if not groups:
            return []
        now = now or utcnow()
        since = now - timedelta(days=self.window_days)
        if scope.since is not None and scope.since > since:
            since = scope.since
        with self.engine.connect() as conn:
            focus_articles = _focus_articles(conn, scope, focus_story_ids, self.FOCUS)
        own = query.key | query.carried
        if self.index is not None:
            # Only the window's passages are searched: older ones would be dropped below, and
            # scoring them would cost as much as scoring the ones kept.
            first = self._first_in_window(since)
            rows, bm25, df, size = self._from_index(groups, own, focus_articles, first)
        else:
            rows, bm25, df, size = self._from_scan(scope, since, focus_articles)
        articles = self._articles(rows, scope, since, focus_articles)
        rows = self._in_context([r for r in rows if r.article_id in articles], articles)
        scorer = Scorer(query, groups, df, size, bm25, now, focus_story_ids)
        scored = [scorer.score(r, articles[r.article_id], self.RECENCY_DAYS) for r in rows]
        scored.sort(key=lambda s: s.score, reverse=True)
        rerank(scored, query.text)  # the neural reader, when its model is installed
        mark_leads(scored)
        check_names(scored[: max(limit, 10)], query, self._article_has(rows))
        return with_neighbours(scored[:limit], self._rows_by_id(rows))

    def _in_context(self, rows: list[PassageRow], articles: dict[int, Any]) -> list[PassageRow]:
        """Each candidate with the stems of its neighbours and of its article's title."""
        known = {r.passage_id: r for r in rows}
        wanted = {i for r in rows for i in (r.passage_id - 1, r.passage_id + 1)} - set(known)
        if wanted and self.index is not None:
            known.update(self.index.rows(wanted))
        titles: dict[int, str] = {}
        out = []
        for r in rows:
            if r.article_id not in titles:
                titles[r.article_id] = " ".join(term_set(articles[r.article_id].title or ""))
            side = [known[i] if i in known and i // SLOTS == r.article_id else None
                    for i in (r.passage_id - 1, r.passage_id + 1)]
            out.append(dataclasses.replace(
                r, near=" ".join(x.terms for x in side if x), heading=titles[r.article_id],
                before=side[0].sentence if side[0] else "", after=side[1].sentence if side[1] else ""))
        return out

    def _article_has(self, rows: list[PassageRow]) -> Any:
        """A test "does article A hold one of these stems": the index, or the scanned rows."""
        if self.index is not None:
            return self.index.article_has
        stems: dict[int, set[str]] = {}
        for r in rows:
            stems.setdefault(r.article_id, set()).update(f"{r.terms} {r.heading}".split())
        return lambda a, group: bool(group & stems.get(a, set()))

    def _rows_by_id(self, rows: list[PassageRow]) -> Any:
        """A lookup of passages by id: the candidates, then the index for the rest."""
        known = {r.passage_id: r for r in rows}

        def lookup(ids: list[int]) -> dict[int, PassageRow]:
            missing = [i for i in ids if i not in known]
            if missing and self.index is not None:
                known.update(self.index.rows(missing))
            return {i: known[i] for i in ids if i in known}

        return lookup

    def _from_index(
        self, groups: list[frozenset[str]], own: frozenset[str], focus_articles: list[int],
        first: int = 0,
    ) -> tuple[list[PassageRow], dict[int, float], dict[str, int], int]:
        assert self.index is not None
        try:
            self.index.refresh()
        except sa.exc.OperationalError as exc:
            # Another process is indexing the same articles (SQLite allows one writer):
            # answer from the index as it is; the queue is drained on a later question.
            log.info("passage index refresh deferred: %s", exc)
        df, size = self.index.document_frequency({t for g in groups for t in g})
        # Rarest question word first (by the word itself, not its paraphrases).
        groups = sorted(groups, key=lambda g: min((df.get(t, 0) for t in g & own), default=size))
        # The question's own word before its paraphrases: when they are common ("vote":
        # decision, rule, majority), the postings budget keeps the word and drops them.
        if groups and (mine := groups[0] & own) and mine != groups[0]:
            groups = [mine, *groups]
        hits = self.index.search(groups, self.CANDIDATES, df, first_article=first)
        bm25 = {h.passage_id: h.score for h in hits}
        ids = list(bm25) + self.index.article_passages(focus_articles)
        found = self.index.rows(ids)
        return [found[i] for i in dict.fromkeys(ids) if i in found], bm25, df, size

    def _first_in_window(self, since: datetime) -> int:
        """The first article collected in the window. Read through the collected_at index
        (min(id) over the window would scan it): ids grow with collection time, so the
        lowest id among the window's first few is the first, give or take a clock skew."""
        with self.engine.connect() as conn:
            first = conn.execute(sa.text(
                "SELECT min(id) FROM (SELECT id FROM articles WHERE collected_at >= :s"
                " ORDER BY collected_at LIMIT 100) AS w"), {"s": _naive(since)}).scalar()
        return int(first) if first is not None else 2**40

    def _from_scan(
        self, scope: Scope, since: datetime, focus_articles: list[int]
    ) -> tuple[list[PassageRow], dict[int, float], dict[str, int], int]:
        """Without FTS5 (PostgreSQL until it has its own index): the newest articles in
        scope, split and scored here. Correct, not fast."""
        params: dict[str, object] = {"since": since, "n": self.SCANNED}
        sql = _with_sources(
            "SELECT a.id, a.title, a.text FROM articles a WHERE a.collected_at >= :since",
            scope, params)
        with self.engine.connect() as conn:
            found = conn.execute(_bind(sql + " ORDER BY a.id DESC LIMIT :n", params), params).all()
            if focus_articles:
                focus = {"ids": focus_articles}
                found += conn.execute(_bind(
                    "SELECT a.id, a.title, a.text FROM articles a WHERE a.id IN :ids", focus), focus
                ).all()
        rows: dict[int, PassageRow] = {}
        for article in found:
            for r in passage_rows(article.id, article.title or "", article.text or ""):
                rows[int(r["id"])] = PassageRow(  # type: ignore[arg-type]
                    r["id"], r["sentence"], r["terms"])  # type: ignore[arg-type]
        df: dict[str, int] = {}
        for row in rows.values():
            for t in set(row.terms.split()):
                df[t] = df.get(t, 0) + 1
        return list(rows.values()), {}, df, max(len(rows), 1)

    def _articles(
        self, rows: list[PassageRow], scope: Scope, since: datetime, focus: list[int]
    ) -> dict[int, Any]:
        """Metadata of the candidates' articles that are in scope (focus ignores the window)."""
        ids = sorted({r.article_id for r in rows})
        if not ids:
            return {}
        params: dict[str, object] = {"ids": ids}
        text = ", a.text" if scope.topics or scope.exclude else ""
        sql = _with_sources(f"SELECT {_COLUMNS}{text} FROM articles a WHERE a.id IN :ids", scope, params)
        with self.engine.connect() as conn:
            found = conn.execute(_bind(sql, params), params).all()
        topics = [t.lower() for t in scope.topics]
        excluded = [t.lower() for t in scope.exclude]
        out: dict[int, Any] = {}
        for row in found:
            moment = as_datetime(row.collected_at)
            if row.id not in focus and (moment is None or moment < since):
                continue
            if topics or excluded:
                lower = f"{row.title}\n{row.text}".lower()
                if topics and not any(t in lower for t in topics):
                    continue
                if any(t in lower for t in excluded):
                    continue
            out[row.id] = row
        return out


# A word the title already says tells little about which sentence answers ("fresh").


def _focus_articles(conn: sa.Connection, scope: Scope, story_ids: Sequence[int], n: int) -> list[int]:
    """Articles of the stories a follow-up refers to, newest first, within the chat's
    sources. Not bounded by the time window: a reply to an old briefing still works."""
    if not story_ids:
        return []
    params: dict[str, object] = {"stories": list(story_ids), "n": n}
    sql = _with_sources("SELECT a.id FROM articles a WHERE a.story_id IN :stories", scope, params)
    return [r.id for r in conn.execute(_bind(sql + " ORDER BY a.id DESC LIMIT :n", params), params)]


_COLUMNS = "a.id, a.title, a.url, a.published, a.collected_at, a.story_id"


def _with_sources(sql: str, scope: Scope, params: dict[str, object]) -> str:
    if scope.source_ids is None:
        return sql
    params["sources"] = sorted(scope.source_ids) or [-1]
    # An article belongs to every source that carried it, not only the first.
    return sql + " AND a.id IN (SELECT article_id FROM article_sources WHERE source_id IN :sources)"


def _bind(sql: str, params: dict[str, object]) -> sa.TextClause:
    expanding = [sa.bindparam(k, expanding=True) for k, v in params.items() if isinstance(v, list)]
    return sa.text(sql).bindparams(*expanding)


def _naive(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores DATETIME in SQLite


