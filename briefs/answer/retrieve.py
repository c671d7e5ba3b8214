"""Retrieval: from a natural-language question to ranked passages of stored articles.

Recall first: the passage index (index.py) returns the sentences that best match ANY of
the question's terms and their paraphrases, by BM25 with real IDF over all sentences.
Those candidates are then re-scored here on what makes a sentence an answer: the share of
the question's weight (IDF) it covers in the sentence, its neighbours and its article's
title, how close together the matched words are, whether it holds a span of the expected
answer type (see reader.py), and whether the article names everyone the question names.
User text never reaches FTS5 as syntax: the index is queried with quoted stems.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from briefs.answer import question as qn
from briefs.answer.confidence import confidence
from briefs.answer.index import SLOTS, PassageRow, SQLitePassageIndex, passage_rows
from briefs.answer.passages import Passage
from briefs.answer.ranker import linear, rank_score
from briefs.answer.reader import find_span
from briefs.answer.terms import paraphrases, stem, term_set
from briefs.answer.terms import tokens as words
from briefs.models import Scope, Turn, utcnow

log = logging.getLogger(__name__)

STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't could couldn't did didn't do does doesn't
doing don't down during each either else ever every few for from further had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most
much many mustn't my myself no nor not now of off on once only or other ought our ours
ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's
whom whose why why's will with won't would wouldn't you you'd you'll you're you've your
yours yourself yourselves tell told say said says saying know think happen happened
anything something thing things please really get got go going want like news
report reported article story stories latest recent recently ok okay hey hi
exactly must might shall explain describe summarize summarise give show list find define
more less besides else
""".split()
)

# Words that point back to an earlier turn: "and what did he say?", "who is she?"
_ANAPHORA = frozenset(
    "he she they him her his hers their them it its this that these those there".split()
)
_FOLLOW_UP_OPENERS = ("and ", "what about", "how about", "also ", "but ")
_QUESTION_WORDS = frozenset("who whom whose what when where why how which".split())
_CUE_OF_KIND = {
    qn.MONEY: "amount", qn.PERCENT: "amount", qn.QUANTITY: "amount", qn.COUNT: "number", qn.MEASURE: "number",
    qn.DATE: "date", qn.PERSON: "person", qn.PLACE: "place", qn.SPEECH: "speech",
}


@dataclass(frozen=True)
class Query:
    """What a question asks: its key terms, names, expected answer and carried context."""

    text: str
    terms: tuple[str, ...]  # surface words
    key: frozenset[str]  # stems of the question's own content words
    entities: frozenset[str]  # stems of its names (capitalised words, acronyms)
    cue: str | None  # coarse answer kind: amount, number, date, person, place, speech
    carried: frozenset[str] = frozenset()  # name stems carried from earlier turns
    carried_terms: tuple[str, ...] = ()
    counted: str | None = None  # "how many *votes*": the stem of what is counted
    kind: str = qn.FACT  # the expected answer type (question.py)
    focus: str | None = None
    groups: tuple[frozenset[str], ...] = ()  # search groups: a term and its paraphrases
    all_stems: frozenset[str] = frozenset()  # every stem of the question (spans must be new)

    @property
    def empty(self) -> bool:
        return not self.key and not self.carried


MAX_QUESTION_CHARS = 1000
MAX_TERMS = 16


def analyse(question: str, history: Sequence[Turn] = ()) -> Query:
    """Parse a question; a follow-up borrows the names of the previous question (and answer)."""
    text = question[:MAX_QUESTION_CHARS]
    own_terms, entities = _content_terms(text)
    own_terms = own_terms[:MAX_TERMS]  # a pasted essay is not a question: bound the work
    entities = [e for e in entities if e in own_terms]
    carried_terms: list[str] = []
    if history and _is_follow_up(text, own_terms):
        carried_terms = _carried(history, {stem(t) for t in own_terms})
    expect = qn.expected_answer(text)
    key = frozenset(stem(t) for t in own_terms)
    counted = expect.focus if expect.kind == qn.COUNT else None
    return Query(
        text=question,
        terms=tuple(own_terms),
        key=key,
        entities=frozenset(stem(t) for t in entities),
        cue=_CUE_OF_KIND.get(expect.kind),
        carried=frozenset(stem(t) for t in carried_terms),
        carried_terms=tuple(carried_terms),
        counted=counted if counted and counted not in {"time", "meet"} else None,
        kind=expect.kind,
        focus=expect.focus,
        groups=tuple(qn.search_groups(own_terms)),
        all_stems=term_set(text) | frozenset(stem(t) for t in carried_terms),
    )


def _content_terms(text: str) -> tuple[list[str], list[str]]:
    terms: list[str] = []
    entities: list[str] = []
    seen: set[str] = set()
    tokens = words(text)
    for i, word in enumerate(tokens):
        lower = word.lower().replace("’", "'")
        if lower in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        if i and tokens[i - 1].lower() == "how":
            continue  # "how old", "how long": the answer type, not a word to find
        if lower == "times" and i and tokens[i - 1].lower() == "many":
            continue  # "how many times": the unit of the answer ("the 15th meeting")
        if stem(word) in seen:
            continue
        seen.add(stem(word))
        terms.append(word)
        # A capitalised word is a name unless it only starts the question ("Pledges ...?").
        if word[0].isupper() and (i > 0 or (word.isupper() and len(word) > 1)):
            entities.append(word)
    return terms, entities


def _is_follow_up(question: str, own_terms: list[str]) -> bool:
    lower = question.lower().strip()
    tokens = {w.lower() for w in words(question)}
    return bool(tokens & _ANAPHORA) or lower.startswith(_FOLLOW_UP_OPENERS) or len(own_terms) <= 1


def _carried(history: Sequence[Turn], own: set[str]) -> list[str]:
    """Names of the latest earlier question; when it had none, those of its answer."""
    for turn in reversed(history):
        _, names = _content_terms(turn.question)
        if not names:
            _, names = _content_terms(turn.answer)
            names = names[:3]
        fresh = [n for n in names if stem(n) not in own]
        if fresh:
            return fresh
    return []


def names_of(text: str, limit: int = 4) -> list[str]:
    """Capitalised names of a text, most frequent first: who a briefing's story is about
    when a follow-up says only "they"."""
    counts: dict[str, int] = {}
    for word in words(text):
        if word[0].isupper() and word.lower() not in STOP_WORDS and len(word) > 1:
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])[:limit]


def refers_back(question: str) -> bool:
    """Does the question point at someone it does not name ("they", "he", "it")?"""
    return bool({w.lower() for w in words(question)} & _ANAPHORA)


def with_names(query: Query, names: Sequence[str]) -> Query:
    """The query with names carried from the conversation's story."""
    fresh = [n for n in names if stem(n) not in query.key]
    if not fresh:
        return query
    return dataclasses.replace(
        query,
        carried=query.carried | {stem(n) for n in fresh},
        carried_terms=(*query.carried_terms, *fresh),
        all_stems=query.all_stems | {stem(n) for n in fresh},
    )


@dataclass
class ScoredPassage:
    passage: Passage
    score: float
    coverage: float = 0.0  # share of the question's IDF weight in sentence, neighbours, title
    sentence_coverage: float = 0.0  # ... in the sentence alone
    names_found: bool = True  # every name of the question is in the article
    span: str | None = None  # the short answer of the expected type, if any
    sentence_hits: frozenset[str] = frozenset()  # question stems in the sentence
    cue_ok: bool = True
    article_stems: frozenset[str] = field(default=frozenset(), repr=False)
    title_hits: frozenset[str] = frozenset()
    signals: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def confidence(self) -> float:
        """How likely this passage's answer is right (see confidence.py)."""
        return confidence({**self.signals, "names": float(self.names_found),
                           "cue": float(self.cue_ok)})


class Retriever:
    """Ranks passages for a Query within a Scope, optionally leaning towards some stories."""

    CANDIDATES = 80  # passages taken from the index
    FOCUS = 6  # articles of the followed-up stories always read
    SCANNED = 2000  # without FTS5: the newest articles read and scored in Python
    RECENCY_DAYS = 14.0

    def __init__(self, engine: sa.Engine, window_days: int = 30) -> None:
        self.engine = engine
        self.window_days = window_days
        self.index = SQLitePassageIndex(engine) if engine.dialect.name == "sqlite" else None

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
            rows, bm25, df, size = self._from_index(groups, own, focus_articles)
        else:
            rows, bm25, df, size = self._from_scan(scope, since, focus_articles)
        articles = self._articles(rows, scope, since, focus_articles)
        if self.index is not None and len(bm25) >= self.CANDIDATES and (
            len({r.article_id for r in rows} & set(articles)) < 3
        ):
            # The best matches are almost all outside the window (older copies of a story):
            # ask again from the window's first article on.
            first = self._first_in_window(since)
            rows, bm25, df, size = self._from_index(groups, own, focus_articles, first)
            articles = self._articles(rows, scope, since, focus_articles)
        rows = self._in_context([r for r in rows if r.article_id in articles], articles)
        scorer = _Scorer(query, groups, df, size, bm25, now, focus_story_ids)
        scored = [scorer.score(r, articles[r.article_id], self.RECENCY_DAYS) for r in rows]
        scored.sort(key=lambda s: s.score, reverse=True)
        _lead(scored)
        _check_names(scored[: max(limit, 10)], query, self._article_has(rows))
        return _with_neighbours(scored[:limit], self._rows_by_id(rows))

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
        hits = self.index.search(groups, self.CANDIDATES, df, first_article=first)
        bm25 = {h.passage_id: h.score for h in hits}
        ids = list(bm25) + self.index.article_passages(focus_articles)
        found = self.index.rows(ids)
        return [found[i] for i in dict.fromkeys(ids) if i in found], bm25, df, size

    def _first_in_window(self, since: datetime) -> int:
        with self.engine.connect() as conn:
            first = conn.execute(sa.text("SELECT min(id) FROM articles WHERE collected_at >= :s"),
                                 {"s": _naive(since)}).scalar()
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
            moment = _as_datetime(row.collected_at)
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
TITLE_DISCOUNT = 0.6

# Kinds whose answer must be in the sentence; a name for "who" or "where" only ranks (many
# answers are "the employers" or "poorer countries").
_HARD_KINDS = frozenset({qn.DATE, qn.COUNT, qn.MONEY, qn.PERCENT, qn.MEASURE, qn.QUANTITY})


class _Scorer:
    """Scores one candidate passage: coverage by IDF, proximity, answer type, recency."""

    def __init__(
        self,
        query: Query,
        groups: list[frozenset[str]],
        df: dict[str, int],
        size: int,
        bm25: dict[int, float],
        now: datetime,
        focus: Sequence[int],
    ) -> None:
        self.query = query
        self.now = now
        self.focus = focus
        own = len(query.groups)
        self.groups = [
            (g, _idf(max((df.get(t, 0) for t in g), default=0), size) * (1.0 if i < own else 0.6),
             sorted(g)[0] if len(g) == 1 else None)
            for i, g in enumerate(groups)
        ]
        self.own_stems = [next(iter(g & query.key), None) for g in groups]
        self.total = sum(w for _, w, _ in self.groups) or 1.0
        # The question's own stems in its word order, for adjacent pairs ("pairs").
        self.order = [stem(t) for t in query.terms]
        self.entity_groups = [paraphrases(n) for n in query.entities | query.carried]
        self.top_bm25 = max(bm25.values(), default=1.0) or 1.0
        self.bm25 = bm25
        self.unseen = [(g, w) for g, w, _ in self.groups if not any(df.get(t) for t in g)]

    def _focus_in(self, sentence: set[str]) -> float:
        """The noun the question asks about ("which *company*") in the sentence."""
        focus = self.query.focus
        return float(bool(focus) and focus in sentence)

    def _names_in(self, sentence: set[str]) -> float:
        """Share of the question's names in the sentence (or its article's title)."""
        if not self.entity_groups:
            return 1.0
        return sum(bool(g & sentence) for g in self.entity_groups) / len(self.entity_groups)

    def score(self, row: PassageRow, article: Any, half: float) -> ScoredPassage:
        sentence = set(row.terms.split())
        near = set(row.near.split())
        heading = set(row.heading.split())
        covered = said = fresh = title_weight = near_weight = exact_weight = 0.0
        hits: set[str] = set()
        hits_groups = 0
        title_hits: set[str] = set()
        for (group, weight, _), own in zip(self.groups, self.own_stems, strict=True):
            exact = 1.0 if own and own in sentence else 0.0
            para = 0.8 if group & sentence else 0.0
            in_sentence = max(exact, para)
            where = max(in_sentence, 0.5 if group & heading else 0.0, 0.35 if group & near else 0.0)
            covered += weight * where
            said += weight * in_sentence
            # For ranking, a word the title already says tells little about which sentence
            # of the article answers.
            fresh += weight * in_sentence * (TITLE_DISCOUNT if group & heading else 1.0)
            exact_weight += weight * exact
            if in_sentence:
                hits |= group & sentence
                hits_groups += 1
            elif group & near:
                near_weight += weight
            if group & heading:
                title_hits |= group & heading
                title_weight += weight
        coverage, said, fresh = covered / self.total, said / self.total, fresh / self.total
        # Question words that no stored sentence holds at all, nor this article's title (titles
        # are not in the sentence index): the store cannot cover them.
        unknown = sum(wt for g, wt in self.unseen if not g & heading)
        window = sentence | near | heading
        missing = max((wt for (g, wt, _) in self.groups if g.isdisjoint(window)),
                      default=0.0) / self.total
        span = find_span(row.sentence, self.query.kind, self.query.focus, self.query.all_stems)
        typed = self.query.kind in _HARD_KINDS
        shift = 0
        if typed and span is None and self.query.kind != qn.DATE:
            # The sentence that matches the question may leave the figure to the next one
            # ("The court upheld the law." "The justices ruled 5-4."): read the window. Not
            # for dates: a neighbour's date is too often another moment of the story.
            for offset, text in ((1, row.after), (-1, row.before)):
                span = find_span(text, self.query.kind, self.query.focus, self.query.all_stems)
                if span is not None:
                    shift = offset
                    break
        cue_ok = span is not None if typed else True
        tokens_in = row.terms.split()
        proximity = _proximity(tokens_in, hits)
        words_in = len(row.sentence.split())
        bm25 = self.bm25.get(row.passage_id, 0.0)
        features = {
            "coverage": coverage, "said": said, "fresh": fresh, "missing": missing,
            "bm25": bm25 / self.top_bm25, "proximity": proximity, "unknown": unknown / self.total,
            "span": float(span is not None), "typed": float(typed), "window": float(bool(shift)),
            "title": title_weight / self.total, "near": near_weight / self.total,
            "exact": exact_weight / self.total, "share": hits_groups / len(self.groups),
            "pairs": _pairs(self.order, tokens_in), "focus": self._focus_in(sentence),
            "names_in": self._names_in(sentence | heading),
            "speech_cue": float(self.query.kind == qn.SPEECH and bool(
                re.search(r"\b(?:said|says|called|told)\b|[\"“]", row.sentence))),
            "long": max(words_in - 45, 0) / 45, "short": float(words_in < 5),
            "hit_density": sum(t in hits for t in tokens_in) / max(len(tokens_in), 1),
        }
        logit = linear(features)
        score = rank_score(features, logit)
        # Not learned (SQuAD has no dates or stories): the newer report and the followed-up
        # story lead among sentences the model finds about equally good.
        moment = _as_datetime(article.published) or _as_datetime(article.collected_at) or self.now
        age = max((self.now - moment).total_seconds() / 86400, 0.0)
        score += 0.05 / (1 + age / half)
        if self.focus and article.story_id in self.focus:
            score += 0.2
        passage = _passage(row, article)
        if shift:
            passage = dataclasses.replace(
                passage, index=passage.index + shift,
                sentence=row.after if shift > 0 else row.before)
        signals = {**features, "bm25_abs": bm25 / self.total, "terms": 1.0 / len(self.groups),
                   "rank": score, "z": logit}
        return ScoredPassage(
            passage, score, coverage, said, True, span, frozenset(hits), cue_ok,
            frozenset(sentence | near | heading), frozenset(title_hits), signals,
        )


def _with_neighbours(scored: list[ScoredPassage], lookup: Any) -> list[ScoredPassage]:
    """Fill each passage's sentence before and after (the LLM reads the window)."""
    ids = []
    for s in scored:
        base = s.passage.article_id * SLOTS + s.passage.index
        ids += [base - 1, base + 1]
    found = lookup(ids)
    out = []
    for s in scored:
        base = s.passage.article_id * SLOTS + s.passage.index
        before = found.get(base - 1) if s.passage.index > 0 else None
        after = found.get(base + 1)
        s.passage = dataclasses.replace(
            s.passage, before=before.sentence if before else "", after=after.sentence if after else "")
        out.append(s)
    return out


def _lead(scored: list[ScoredPassage]) -> None:
    """How far each passage leads the next one that says something else: a clear winner is
    likelier right. Copies of one sentence (syndicated reports) do not count as rivals."""
    for i, here in enumerate(scored):
        below = next((o for o in scored[i + 1 :] if o.passage.sentence != here.passage.sentence),
                     None)
        gap = (here.score - below.score) / here.score if below and here.score > 0 else 0.0
        here.signals["gap"] = gap
        here.signals["margin"] = here.score - below.score if below else here.score
        # The same lead in the ranker's own units (a logit), capped: "far ahead" is enough.
        here.signals["zmargin"] = min(here.signals["z"] - below.signals["z"], 5.0) if below else 5.0


def _pairs(order: list[str], tokens: list[str]) -> float:
    """Share of the question's adjacent word pairs that sit within two words in the
    sentence ("Norman conquest" ... "the Norman conquest of England")."""
    if len(order) < 2:
        return 0.0
    wanted = set(order)
    where: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        if t in wanted:
            where.setdefault(t, []).append(i)
    found = sum(
        any(abs(i - j) <= 2 for i in where.get(a, ()) for j in where.get(b, ()))
        for a, b in zip(order, order[1:], strict=False))
    return found / (len(order) - 1)


def _idf(df: int, size: int) -> float:
    return math.log(1 + (size - df + 0.5) / (df + 0.5))


def _proximity(tokens: list[str], hits: set[str]) -> float:
    """1.0 when the matched words sit together, falling as they spread over the sentence."""
    positions = [i for i, t in enumerate(tokens) if t in hits]
    if len(positions) < 2:
        return 0.0
    spread = positions[-1] - positions[0] + 1
    return min(len(positions) / spread, 1.0)


def _check_names(scored: list[ScoredPassage], query: Query, has: Any) -> None:
    """Mark the top passages whose article lacks a name the question asks about."""
    names = query.entities | query.carried
    if not names:
        return
    cache: dict[tuple[int, str], bool] = {}
    for s in scored:
        a = s.passage.article_id
        for n in names:
            group = paraphrases(n)
            if group & s.article_stems:
                continue
            if (a, n) not in cache:
                cache[(a, n)] = has(a, group)
            if not cache[(a, n)]:
                s.names_found = False
                break


def _passage(row: PassageRow, article: Any) -> Passage:
    return Passage(
        article.id, row.position, row.sentence, "", "", article.title, article.url,
        _as_datetime(article.published), _as_datetime(article.collected_at), article.story_id,
    )


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


_DIGIT = re.compile(r"\d")
_MONTHS = "january february march april may june july august september october november december"
_DATE = re.compile(
    r"\b(?:(?:19|20)\d\d|"
    + "|".join(_MONTHS.split())
    + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
    r"|last (?:week|month|year)|next (?:week|month|year))\b",
)
# The "when" patterns are lower-case, matched against the lowered sentence (_says_when).
# Times of day and relative dates answer "when" as well as a year or a month does:
# "at 11:30 p.m.", "at 23:30", "at noon", "tonight", "this weekend", "in the spring",
# "within three weeks".
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<oc>\d{1,2}) o['\u2019]clock\b",
)
_SPAN = r"minutes?|hours?|days?|weeks?|months?|years?"
_SEASON = r"spring|summer|autumn|fall|winter"
_WHEN = re.compile(
    r"\b(?:noon|midday|midnight|tonight|overnight|dawn|dusk"
    rf"|this (?:morning|afternoon|evening|week|weekend|month|year|{_SEASON})"
    rf"|(?:next|last|this coming) (?:weekend|{_SEASON})"
    rf"|(?:in|by|from|until|during|over|at) the (?:{_SEASON}|weekend)"
    rf"|(?:in|by|until) (?:spring|summer|autumn|winter)"
    rf"|(?:within|in|after) (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    rf"twelve|a few|several|the next(?: \w+)?) (?:{_SPAN})"
    r"|(?:by|at|before|until) the end of (?:the )?(?:day|week|month|year))\b",
)


# Every _WHEN phrase holds one of these: a plain substring test is far cheaper than the
# regex, and most sentences hold none of them.
_WHEN_HINTS = (
    "noon", "midday", "midnight", "night", "dawn", "dusk", "morning", "afternoon", "evening",
    "week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "minute", "hour",
    "day", "end of",
)


def _says_when(sentence: str) -> bool:
    """A date, a time of day or a relative date ("next weekend", "within three weeks").
    The patterns are lower-case and run on the lowered sentence: much faster than
    case-insensitive matching, and this runs on every candidate sentence of a "when"."""
    lower = sentence.lower()
    if _DATE.search(lower) or (_DIGIT.search(lower) and _CLOCK.search(lower)):
        return True
    return any(hint in lower for hint in _WHEN_HINTS) and bool(_WHEN.search(lower))


def clock_times(sentence: str) -> set[str]:
    """The times of day in `sentence` as 24-hour "HH:MM", however written ("11:30 p.m.",
    "11.30pm", "23:30"), so that two reports of one time agree."""
    out = set()
    for m in _CLOCK.finditer(sentence.lower()):
        if m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        else:
            hour, minute = int(m.group("h") or m.group("oc")), int(m.group("m") or 0)
            if m.group("ap") and m.group("ap").lower() == "p" and hour < 12:
                hour += 12
            elif m.group("ap") and m.group("ap").lower() == "a" and hour == 12:
                hour = 0
        out.add(f"{hour:02d}:{minute:02d}")
    return out


_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|half|twice|first|second|third)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"[$£€¥]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|dollars?|pounds?|euros?|yuan|rubles?|"
    r"million|billion|trillion|bn|m\b)",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"[\"“”‘’']\w|\b(?:said|says|told|stated|added|according to|warned|urged|called)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_TOKEN = r"\d[\d,.]*|" + "|".join(_NUMBER_WORDS) + r"|dozens?|hundreds?|thousands?|millions?"
_IS_NUMBER = re.compile(_NUMBER_TOKEN, re.IGNORECASE)
COUNT = re.compile(
    r"(?<![$£€¥\w])(" + _NUMBER_TOKEN + r")"
    r"\b(?=((?:\s+[\w'’-]+){1,4}))",  # the words after it, not consumed: "80,000 ... eleven fires"
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d[\d,.]*")


def counts(sentence: str, counted: str) -> bool:
    """Does the sentence count `counted` ("six people", "14 marine conservation zones")?"""
    return bool(counts_of(sentence, counted))


def counts_of(sentence: str, counted: str) -> set[str]:
    """The figures directly counting `counted` (no other figure in between)."""
    return {
        number(m.group(1)) for m in COUNT.finditer(sentence) if _counts_next(m.group(2), counted)
    }


def _counts_next(following: str, counted: str) -> bool:
    for word in words(following):
        if stem(word) == counted:
            return True
        if _IS_NUMBER.fullmatch(word):
            return False
    return False


def number(token: str) -> str:
    """A figure as a comparable string: "nine" -> "9", "1,000" -> "1000", "43rd" -> "43"."""
    lower = token.lower()
    if lower in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lower])
    digits = DIGITS.match(lower)
    return digits.group().replace(",", "").rstrip(".") if digits else lower


def answers_cue(sentence: str, query: Query) -> bool:
    """Does the sentence hold the kind of thing asked for (a figure, a date, a name ...)?"""
    cue = query.cue
    if cue is None:
        return True
    if cue == "amount":
        return bool(_AMOUNT.search(sentence))
    if cue == "number":
        return bool(_NUMBER.search(sentence))
    if cue == "date":
        return _says_when(sentence)
    if cue == "speech":
        return bool(_SPEECH.search(sentence))
    # person / place: a name that the question did not already give
    known = query.key | query.carried
    return any(
        stem(m.split()[0]) not in known or len(m.split()) > 1 and stem(m.split()[-1]) not in known
        for m in _NAME.findall(sentence)
    )


def _as_datetime(value: object) -> datetime | None:
    """SQLite hands back timestamps as text from a raw SELECT; make them aware datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _naive(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores DATETIME in SQLite


__all__ = [
    "Query", "Retriever", "ScoredPassage", "analyse", "answers_cue", "clock_times", "names_of",
]
