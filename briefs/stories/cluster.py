"""Story clustering: which reports are the same event, and which story an event continues.

One model for every path (`summarize` of unstored files, collection into the store, and so
`brief` and scheduled pushes): each article gets its features once (`features`), and a
`StoryIndex` files it under a story.

- Same event: TF-IDF cosine of the headline (counted twice) and lead >= `SAME_EVENT` with
  the best match and on average with the story's articles (average link: one article on two
  events must not chain them), from another publisher, within the time window, and not
  numbered as a different occurrence ("their 40th meeting" is not "their 43rd meeting").
- Continues an earlier story ("Previously, ..."): not the same event, a day or more apart,
  the same principal names (at least two shared among each side's most frequent names) and
  the same subject (cosine >= `RELATED` without those names). Which one is newer: the dates,
  else the numbered occurrence (43rd after 40th), else the latest year the texts mention.

Candidates come from an inverted index over each article's most distinctive terms; terms
carried by too many articles are not looked up, so the cost of one article does not grow
with the store.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterable

from briefs.stories.dedupe import _STOPWORDS, publisher, words

LEAD_WORDS = 200  # headline + the first words: the event, before most background paragraphs
SAME_EVENT = 0.30  # cosine of TF-IDF vectors (see bench/stories.py)
RELATED = 0.10  # the same subject, for story memory
MIN_SHARED_NAMES = 2  # principal people/organisations in common for story memory
PRINCIPAL_NAMES = 4  # each side's most frequent names
LOOKUP_TERMS = 12  # an article's most distinctive terms looked up in the index
MAX_POSTING = 400  # a term carried by more recent articles than this is not distinctive
MAX_CANDIDATES = 60
MIN_SHARED_LOOKUP = 2  # one shared rare term is chance; reports of one event share several

_NAME = re.compile(r"\b[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+)*")
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(meeting|summit|visit|round|session|anniversary|time)\b",
                      re.I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_NOT_NAMES = frozenset(w.capitalize() for w in _STOPWORDS) | {
    "The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "I", "This",
    "That", "These", "Those", "Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime", "Leader",
    "Chancellor", "Governor", "Senator", "Secretary", "King", "Queen", "Prince", "General", "Chief",
}


@dataclass(frozen=True)
class Features:
    """What story matching needs of one article, computed once."""

    publisher: str
    terms: dict[str, float]  # weighted terms of headline (x2) and lead
    names: tuple[str, ...]  # principal names, most frequent first
    ordinals: frozenset[str] = frozenset()  # "40 meeting": numbered occurrences of an event
    published: datetime | None = None
    # The latest year the text mentions: it was written that year or later. Only orients a
    # "previously" link between undated stories; never shown as a date.
    year_floor: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"p": self.publisher, "t": self.terms, "n": list(self.names), "o": sorted(self.ordinals),
                "y": self.year_floor}

    @classmethod
    def from_json(cls, data: dict[str, Any], published: datetime | None) -> "Features":
        return cls(data["p"], dict(data["t"]), tuple(data["n"]), frozenset(data.get("o", ())), published,
                   data.get("y"))

    @property
    def when(self) -> tuple[int, datetime | None]:
        """For ordering two stories: the year, and the date when known."""
        if self.published is not None:
            return (self.published.year, self.published)
        return (self.year_floor or 0, None)


def _stem(token: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def _terms(title: str, lead: str) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for weight, text in ((2, title), (1, lead)):
        for token in words(text):
            if token in _STOPWORDS or len(token) < 3 or token.isdigit():
                continue
            counts[_stem(token)] += weight
    return dict(counts)


def _names(title: str, lead: str) -> tuple[str, ...]:
    """Capitalised words not at a sentence start (people, places, organisations)."""
    counts: Counter[str] = Counter()
    for text in (title, lead):
        for match in _NAME.finditer(text):
            for word in match.group(0).split():
                word = re.sub(r"['’]s$", "", word).strip("'’-")
                if len(word) >= 2 and word not in _NOT_NAMES and not word.isupper():
                    counts[word.lower()] += 1
    return tuple(name for name, _ in counts.most_common(PRINCIPAL_NAMES))


def features(title: str, text: str, url: str, published: datetime | None = None) -> Features:
    lead = " ".join(text.split()[:LEAD_WORDS])
    ordinals = frozenset(f"{m.group(1)} {m.group(2).lower()}" for m in _ORDINAL.finditer(text))
    years = [int(y) for y in _YEAR.findall(text)]
    floor = max((y for y in years if 1900 <= y <= datetime.now().year + 1), default=None)
    return Features(publisher(url), _terms(title, lead), _names(title, lead), ordinals, published, floor)


class DocumentFrequencies:
    """Document frequencies of terms over the articles seen, kept as they arrive."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(terms)
        self.n += 1

    def remove(self, terms: Iterable[str]) -> None:
        self.df.subtract(terms)
        self.n -= 1

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def cosine(a: dict[str, float], b: dict[str, float], df: DocumentFrequencies) -> float:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    dot = sum(a[t] * b[t] * df.idf(t) ** 2 for t in shared)
    norm_a = math.sqrt(sum((v * df.idf(t)) ** 2 for t, v in a.items()))
    norm_b = math.sqrt(sum((v * df.idf(t)) ** 2 for t, v in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


@dataclass
class _Entry:
    key: int
    story: int
    features: Features
    moment: datetime | None  # when it happened: published, else collected
    lookup: tuple[str, ...] = ()
    norm: float = 0.0  # TF-IDF vector length, cached: recomputed when the collection has
    norm_n: int = 0  # grown or shrunk by a tenth since (IDF drifts slowly)


@dataclass(frozen=True)
class Filing:
    """Where an article went: its story, the article it matched, the story it continues."""

    story: int
    matched: int | None = None  # the article of another publisher it was matched with
    previous: int | None = None  # a related story (new stories only): see `continues`
    previous_features: Features | None = None


@dataclass
class StoryIndex:
    """Articles filed under stories incrementally, with an inverted index for candidates.

    `window` bounds the time between two reports of one event (publication dates when both
    are known, else collection times); entries older than `memory` (by collection) leave the
    index. Story ids are the caller's (the store's ids) or, by default, the first article's key.
    """

    window: timedelta = timedelta(hours=96)
    memory: timedelta | None = None
    df: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    _entries: dict[int, _Entry] = field(default_factory=dict)
    _postings: dict[str, set[int]] = field(default_factory=dict)
    _order: deque[tuple[datetime, int]] = field(default_factory=deque)
    _members: dict[int, list[int]] = field(default_factory=dict)
    _last_ranked: tuple[Features, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def story_of(self, key: int) -> int | None:
        entry = self._entries.get(key)
        return entry.story if entry else None

    def add(self, key: int, feats: Features, *, collected: datetime | None = None,
            story: int | None = None) -> Filing:
        """File article `key`: join the story of its best same-event match, else a new story
        (`story` if given) with, when found, the earlier story it continues."""
        filing = self.decide(feats, collected)
        if filing.matched is None:
            filing = dataclasses.replace(filing, story=story if story is not None else key)
        self.put(key, filing.story, feats, feats.published or collected, collected)
        return filing

    def decide(self, feats: Features, collected: datetime | None = None) -> Filing:
        """Where an article would go (story -1: a new story), without indexing it yet: the
        store writes the article and its story in one transaction, then `put`s it here."""
        self.forget_before(collected)
        self.df.add(feats.terms.keys())
        match, related = self._match(feats, feats.published or collected)
        if match is not None:
            return Filing(match.story, matched=match.key)
        return Filing(-1, previous=related.story if related is not None else None,
                      previous_features=related.features if related is not None else None)

    def put(self, key: int, story: int, feats: Features, moment: datetime | None,
            collected: datetime | None = None) -> None:
        """Index an article whose story is already known (warming from the store)."""
        lookup = tuple(self._ranked(feats)[:LOOKUP_TERMS])
        self._entries[key] = _Entry(key, story, feats, moment, lookup)
        self._members.setdefault(story, []).append(key)
        for term in lookup:
            self._postings.setdefault(term, set()).add(key)
        if collected is not None:
            self._order.append((collected, key))

    def set_story(self, key: int, story: int) -> None:
        entry = self._entries.get(key)
        if entry is not None and entry.story != story:
            self._members.get(entry.story, []).remove(key)
            self._members.setdefault(story, []).append(key)
            entry.story = story

    def _candidates(self, feats: Features) -> list[_Entry]:
        ranked = self._ranked(feats)[:LOOKUP_TERMS * 2]
        hits: Counter[int] = Counter()
        for term in ranked:
            posting = self._postings.get(term)
            if posting and len(posting) <= MAX_POSTING:
                hits.update(posting)
        return [self._entries[k] for k, shared in hits.most_common(MAX_CANDIDATES) if shared >= MIN_SHARED_LOOKUP]

    def _match(self, feats: Features, moment: datetime | None) -> tuple[_Entry | None, _Entry | None]:
        best, best_score = None, SAME_EVENT
        related, related_score = None, RELATED
        idf: dict[str, float] = {}
        norm = self._norm(feats.terms, idf)
        for other in self._candidates(feats):
            score = self._cosine(feats.terms, norm, other, idf)
            same_event = (other.features.publisher != feats.publisher
                          and _within(moment, other.moment, self.window)
                          and not _different_occurrence(feats, other.features))
            if same_event and score >= best_score and self._story_agrees(feats, norm, other.story, idf):
                best, best_score = other, score
            elif score >= related_score and _apart(moment, other.moment) \
                    and _same_subject(feats, other.features, self.df):
                related, related_score = other, score
        return best, related

    def _ranked(self, feats: Features) -> list[str]:
        """The article's terms, most distinctive first (kept from `decide` for `put`)."""
        if self._last_ranked is not None and self._last_ranked[0] is feats:
            return self._last_ranked[1]
        ranked = sorted(feats.terms, key=lambda t: (-feats.terms[t] * self.df.idf(t), t))
        self._last_ranked = (feats, ranked)
        return ranked

    def _idf(self, term: str, memo: dict[str, float]) -> float:
        found = memo.get(term)
        if found is None:
            found = memo[term] = self.df.idf(term)
        return found

    def _norm(self, terms: dict[str, float], memo: dict[str, float]) -> float:
        return math.sqrt(sum((v * self._idf(t, memo)) ** 2 for t, v in terms.items()))

    def _cosine(self, terms: dict[str, float], norm: float, other: _Entry, memo: dict[str, float]) -> float:
        """`cosine`, with the new article's length computed once per article and the indexed
        one's cached: the comparison itself touches only the shared terms."""
        shared = terms.keys() & other.features.terms.keys()
        if not shared or not norm:
            return 0.0
        n = self.df.n
        if not other.norm or abs(n - other.norm_n) * 10 > max(other.norm_n, 10):
            other.norm, other.norm_n = self._norm(other.features.terms, memo), n
        dot = sum(terms[t] * other.features.terms[t] * self._idf(t, memo) ** 2 for t in shared)
        return dot / (norm * other.norm) if other.norm else 0.0

    def _story_agrees(self, feats: Features, norm: float, story: int, memo: dict[str, float]) -> bool:
        """Average link: the newcomer is close to the story as a whole, not to one member
        only (one article on two events must not chain them together)."""
        members = [self._entries[k] for k in self._members.get(story, ()) if k in self._entries]
        if len(members) < 2:
            return True
        scores = [self._cosine(feats.terms, norm, m, memo) for m in members[:8]]
        return sum(scores) / len(scores) >= SAME_EVENT

    def forget_before(self, now: datetime | None) -> list[int]:
        """Drop the articles collected more than `memory` before `now`; returns their keys."""
        forgotten: list[int] = []
        if now is None or self.memory is None:
            return forgotten
        while self._order and self._order[0][0] < now - self.memory:
            _, key = self._order.popleft()
            forgotten.append(key)
            entry = self._entries.pop(key, None)
            if entry is not None:
                self.df.remove(entry.features.terms.keys())
            if entry is not None and key in self._members.get(entry.story, ()):
                self._members[entry.story].remove(key)
                if not self._members[entry.story]:
                    del self._members[entry.story]
            for term in entry.lookup if entry else ():
                posting = self._postings.get(term)
                if posting is not None:
                    posting.discard(key)
                    if not posting:
                        del self._postings[term]
        return forgotten


def _same_subject(a: Features, b: Features, df: DocumentFrequencies) -> bool:
    """The same principal people/organisations and the same subject: a story this one
    continues. The subject is compared without the names, so that one person in a different
    affair ("Talvane opens a school") is not a continuation of her summit."""
    if len(set(a.names) & set(b.names)) < MIN_SHARED_NAMES:
        return False
    names = {_stem(n) for n in (*a.names, *b.names)}
    return cosine(_without(a.terms, names), _without(b.terms, names), df) >= RELATED


def _without(terms: dict[str, float], names: set[str]) -> dict[str, float]:
    return {t: v for t, v in terms.items() if t not in names}


def related_to(feats: Features, pool: Iterable[tuple[int, Features]],
               df: DocumentFrequencies) -> tuple[int, Features] | None:
    """The story (from `pool`: (story id, features)) on the same subject, if any."""
    best, best_score = None, RELATED
    for story, other in pool:
        score = cosine(feats.terms, other.terms, df)
        if score >= best_score and _same_subject(feats, other, df):
            best, best_score = (story, other), score
    return best


def is_newer(a: Features, b: Features) -> bool:
    """Whether `a` reports a later occurrence than `b` (ties: `a`, the one seen later)."""
    (year_a, date_a), (year_b, date_b) = a.when, b.when
    if date_a is not None and date_b is not None:
        return date_a >= date_b
    numbered = _occurrence_order(a, b)  # "the 43rd meeting" comes after "the 40th meeting"
    if numbered is not None:
        return numbered
    return not (year_a and year_b and year_a < year_b)


def _occurrence_order(a: Features, b: Features) -> bool | None:
    first = {o.split()[1]: int(o.split()[0]) for o in a.ordinals}
    second = {o.split()[1]: int(o.split()[0]) for o in b.ordinals}
    for kind in sorted(first.keys() & second.keys()):
        if first[kind] != second[kind]:
            return first[kind] > second[kind]
    return None


def _apart(a: datetime | None, b: datetime | None) -> bool:
    """A continuation comes days to months later; the same day it is more likely a report of
    the same event that was not matched, which must not be shown as "previously"."""
    return a is None or b is None or abs(a - b) >= timedelta(days=1)


def _within(a: datetime | None, b: datetime | None, window: timedelta) -> bool:
    if a is None or b is None:
        return True
    return abs(a - b) <= window


def _different_occurrence(a: Features, b: Features) -> bool:
    """Both number the occurrence of the same kind of event, differently (40th vs 43rd meeting)."""
    kinds_a = {o.split()[1]: o for o in a.ordinals}
    kinds_b = {o.split()[1]: o for o in b.ordinals}
    shared = kinds_a.keys() & kinds_b.keys()
    return bool(shared) and not (a.ordinals & b.ordinals)


def cluster(items: Iterable[tuple[int, Features]], window: timedelta = timedelta(hours=96)) -> dict[int, Filing]:
    """File articles in the given order (the same model as collection)."""
    index = StoryIndex(window=window)
    return {key: index.add(key, feats) for key, feats in items}
