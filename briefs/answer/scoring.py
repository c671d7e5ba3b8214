"""Scoring candidate passages: how much of the question's weight a sentence, its neighbours
and its title cover, proximity, the expected answer type, and the learned ranker."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from briefs.answer import question as qn
from briefs.answer.confidence import confidence
from briefs.answer.index import SLOTS, PassageRow
from briefs.answer.passages import Passage
from briefs.answer.query import Query
from briefs.answer.ranker import linear, rank_score
from briefs.answer.reader import find_span
from briefs.answer.terms import paraphrases, stem

log = logging.getLogger(__name__)

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


TITLE_DISCOUNT = 0.6

# Kinds whose answer must be in the sentence; a name for "who" or "where" only ranks (many
# answers are "the employers" or "poorer countries").
_HARD_KINDS = frozenset({qn.DATE, qn.COUNT, qn.MONEY, qn.PERCENT, qn.MEASURE, qn.QUANTITY})


class Scorer:
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
        # Each stem's weight for reading a span (reader.find_span): its heaviest group's.
        self.weights: dict[str, float] = {}
        for group, weight, _ in self.groups:
            for t in group:
                self.weights[t] = max(weight, self.weights.get(t, 0.0))
        self.total = sum(w for _, w, _ in self.groups) or 1.0
        # The question's own stems in its word order, for adjacent pairs ("pairs").
        self.order = [stem(t) for t in query.terms]
        self.entity_groups = [paraphrases(n) for n in query.entities | query.carried]
        self.top_bm25 = max(bm25.values(), default=1.0) or 1.0
        self.bm25 = bm25
        self.unseen = [(g, w) for g, w, _ in self.groups if not any(df.get(t) for t in g)]
        # Copies of one report (wire stories, updates) repeat sentences among the candidates:
        # what depends on a sentence's text alone is worked out once per text.
        self._spans: dict[str, str | None] = {}
        self._shapes: dict[tuple[str, frozenset[str]], tuple[float, float, float]] = {}

    def _span(self, text: str) -> str | None:
        if text not in self._spans:
            self._spans[text] = find_span(text, self.query.kind, self.query.focus,
                                          self.query.all_stems, self.weights, self.query.verb)
        return self._spans[text]

    def _shape(self, terms: str, hits: frozenset[str]) -> tuple[float, float, float]:
        """Proximity, adjacent question pairs and the density of matched words."""
        key = (terms, hits)
        if key not in self._shapes:
            tokens_in = terms.split()
            self._shapes[key] = (
                _proximity(tokens_in, hits), _pairs(self.order, tokens_in),
                sum(t in hits for t in tokens_in) / max(len(tokens_in), 1))
        return self._shapes[key]

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
        span = self._span(row.sentence)
        typed = self.query.kind in _HARD_KINDS
        shift = 0
        if typed and span is None and self.query.kind != qn.DATE:
            # The sentence that matches the question may leave the figure to the next one
            # ("The court upheld the law." "The justices ruled 5-4."): read the window. Not
            # for dates: a neighbour's date is too often another moment of the story.
            for offset, text in ((1, row.after), (-1, row.before)):
                span = self._span(text)
                if span is not None:
                    shift = offset
                    break
        cue_ok = span is not None if typed else True
        proximity, pairs, density = self._shape(row.terms, frozenset(hits))
        words_in = len(row.sentence.split())
        bm25 = self.bm25.get(row.passage_id, 0.0)
        features = {
            "coverage": coverage, "said": said, "fresh": fresh, "missing": missing,
            "bm25": bm25 / self.top_bm25, "proximity": proximity, "unknown": unknown / self.total,
            "span": float(span is not None), "typed": float(typed), "window": float(bool(shift)),
            "title": title_weight / self.total, "near": near_weight / self.total,
            "exact": exact_weight / self.total, "share": hits_groups / len(self.groups),
            "pairs": pairs, "focus": self._focus_in(sentence),
            "names_in": self._names_in(sentence | heading),
            "speech_cue": float(self.query.kind == qn.SPEECH and bool(
                re.search(r"\b(?:said|says|called|told)\b|[\"“]", row.sentence))),
            "long": max(words_in - 45, 0) / 45, "short": float(words_in < 5),
            "hit_density": density,
        }
        logit = linear(features)
        score = rank_score(features, logit)
        # Not learned (SQuAD has no dates or stories): the newer report and the followed-up
        # story lead among sentences the model finds about equally good.
        moment = as_datetime(article.published) or as_datetime(article.collected_at) or self.now
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


def with_neighbours(scored: list[ScoredPassage], lookup: Any) -> list[ScoredPassage]:
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


def mark_leads(scored: list[ScoredPassage]) -> None:
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


def check_names(scored: list[ScoredPassage], query: Query, has: Any) -> None:
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
        as_datetime(article.published), as_datetime(article.collected_at), article.story_id,
    )


def as_datetime(value: object) -> datetime | None:
    """SQLite hands back timestamps as text from a raw SELECT; make them aware datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
