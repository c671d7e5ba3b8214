"""Today's (before issue 12) story groupings, kept as the baseline of bench/stories.py:
the writer's `group_docs` (used by `summarize`) and the store's `best_story_match` (used by
collection, each new article against every recent one)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from briefs.stories.dedupe import _STOPWORDS, publisher, words
from briefs.write.briefing import Doc
from briefs.write.numbers import find_numbers
from briefs.write.summarize import content_words, story_sentences

LEAD_WORDS = 80
STORY_SIMILARITY = 0.35  # cosine over TF-IDF of title and lead terms; see tests/engine/test_dedupe.py
MIN_SHARED_TERMS = 4  # and at least this many distinctive terms in common


def story_terms(title: str, lead: str) -> Counter[str]:
    """Distinctive terms of a headline (counted twice) and the first words of the text."""
    terms: Counter[str] = Counter()
    for weight, text in ((2, title), (1, " ".join(lead.split()[:LEAD_WORDS]))):
        for token in words(text):
            if token in _STOPWORDS or (len(token) < 3 and not token.isdigit()):
                continue
            terms[_stem(token)] += weight
    return terms


def _stem(token: str) -> str:
    """A crude plural/verb-form fold, enough for headline vocabulary (recalls/recalled)."""
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def cosine(a: Counter[str], b: Counter[str], idf: "dict[str, float] | DocumentFrequencies") -> float:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    dot = sum(a[t] * b[t] * idf.get(t, 1.0) ** 2 for t in shared)
    norm_a = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in a.items()))
    norm_b = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def inverse_document_frequency(documents: Iterable[Counter[str]]) -> dict[str, float]:
    docs = list(documents)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    return {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}


@dataclass(frozen=True)
class Candidate:
    """A recent article as story matching sees it."""

    id: int
    url: str
    story_id: int | None
    published: datetime | None
    collected_at: datetime | None
    terms: Counter[str]


class DocumentFrequencies:
    """Document frequencies of story terms, kept up to date as articles arrive, so that IDF
    weights need not be recounted over the whole window for every new article."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0

    def add(self, terms: Counter[str]) -> None:
        self.df.update(terms.keys())
        self.n += 1

    def remove(self, terms: Counter[str]) -> None:
        self.df.subtract(terms.keys())
        self.n -= 1

    def get(self, term: str, default: float = 1.0) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def best_story_match(new: Candidate, pool: Sequence[Candidate], window_hours: float,
                     threshold: float = STORY_SIMILARITY,
                     idf: DocumentFrequencies | dict[str, float] | None = None) -> Candidate | None:
    """The most similar article from another publisher within the window, if close enough."""
    if idf is None:
        idf = inverse_document_frequency([new.terms, *(c.terms for c in pool)])
    best, best_score = None, threshold
    for other in pool:
        if other.id == new.id or publisher(other.url) == publisher(new.url):
            continue
        if not _within_window(new, other, window_hours):
            continue
        if len(new.terms.keys() & other.terms.keys()) < MIN_SHARED_TERMS:
            continue
        score = cosine(new.terms, other.terms, idf)
        if score >= best_score:
            best, best_score = other, score
    return best


def _within_window(a: Candidate, b: Candidate, hours: float) -> bool:
    """Publication dates decide when both are known; else the collection times do."""
    if a.published and b.published:
        first, second = a.published, b.published
    elif a.collected_at and b.collected_at:
        first, second = a.collected_at, b.collected_at
    else:
        return True
    return abs((first - second).total_seconds()) <= hours * 3600




# Two inputs report one event when their leads' vocabularies are close (cosine) and, above
# all, when they share specific figures ("38%", "$48 million"): related stories a year apart
# share names and words but not their numbers.
_SAME_EVENT = 0.55
_SHARED_FIGURE_BONUS = 0.15  # per shared figure, at most two
_SAME_EVENT_DAYS = 3


_ORDINAL_CONFLICT = 0.3


def _conflicting_ordinals(a: set[tuple[float, str]], b: set[tuple[float, str]]) -> bool:
    first = {v for v, kind in a if kind == "ordinal"}
    second = {v for v, kind in b if kind == "ordinal"}
    return bool(first and second and not first & second)


def _figures(doc: Doc) -> set[tuple[float, str]]:
    return {(round(n.value, 6), n.kind) for n in find_numbers(doc.text)
            if n.kind not in ("plain", "date", "time")}


def _lead_vector(doc: Doc) -> Counter[str]:
    words = content_words(doc.title) * 2
    for sentence in story_sentences(doc.text, doc.title)[:6]:
        words.extend(sentence.words)
    return Counter(words)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def group_docs(docs: Sequence[Doc]) -> list[list[Doc]]:
    """Inputs on the same event make one story: similar leads and dates close together."""
    vectors = [_lead_vector(d) for d in docs]
    figures = [_figures(d) for d in docs]
    groups: list[list[int]] = []
    for i, doc in enumerate(docs):
        for group in groups:
            j = group[0]
            shared = min(len(figures[i] & figures[j]), 2)
            score = _cosine(vectors[i], vectors[j]) + _SHARED_FIGURE_BONUS * shared
            if _conflicting_ordinals(figures[i], figures[j]):
                score -= _ORDINAL_CONFLICT  # "their 40th meeting" is not "their 43rd meeting"
            if score >= _SAME_EVENT and _close_in_time(doc, docs[j]):
                group.append(i)
                break
        else:
            groups.append([i])
    return [[docs[i] for i in group] for group in groups]


def _close_in_time(a: Doc, b: Doc) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= _SAME_EVENT_DAYS * 86400


