"""Passages for question answering: sentences of an article with their neighbours.

Answers quote whole sentences from the store, so the unit of retrieval is a sentence with a
window of context (the sentence before and after), which is what carries the subject a
sentence refers to ("He said ..."). Terms are compared as crude stems so that "pledged"
matches "pledge"; the full-text index does the heavy lifting, this only ranks a few
hundred sentences of the best articles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from briefs.write.text import split_sentences

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|\$|£|€|%")
_MAX_SENTENCE_CHARS = 600


def sentences_of(text: str) -> list[str]:
    """The team's news-prose sentence splitter, with run-on scraped chrome cut short."""
    return [piece for sentence in split_sentences(text) for piece in _cap_length(sentence)]


def _cap_length(sentence: str) -> list[str]:
    """Run-on text without punctuation (scraped chrome) is cut so excerpts stay short."""
    if len(sentence) <= _MAX_SENTENCE_CHARS:
        return [sentence]
    pieces = re.split(r"(?<=[;:])\s+", sentence)
    return [p for p in pieces if p]


# Irregular forms common in news questions and reports ("when did they meet" / "met").
_IRREGULAR = {
    "met": "meet",
    "said": "say",
    "says": "say",
    "won": "win",
    "paid": "pay",
    "made": "make",
    "told": "tell",
    "took": "take",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "left": "leave",
    "held": "hold",
    "sold": "sell",
    "bought": "buy",
    "brought": "bring",
    "began": "begin",
    "begun": "begin",
    "lost": "lose",
    "found": "find",
    "fell": "fall",
    "fallen": "fall",
    "rose": "rise",
    "risen": "rise",
    "ran": "run",
    "hit": "hit",
    "spent": "spend",
    "sent": "send",
    "built": "build",
    "chose": "choose",
    "chosen": "choose",
    "died": "die",
    "dead": "die",
    "death": "die",
    "killed": "kill",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "people",
    "struck": "strike",
    "flew": "fly",
}
_IRREGULAR_BY_BASE: dict[str, set[str]] = {}
for _form, _base in _IRREGULAR.items():
    _IRREGULAR_BY_BASE.setdefault(_base, set()).update({_form, _base})


def irregular_forms(base: str) -> set[str]:
    """The irregular forms of a stem ("meet" -> {"met"}), for matching and for the index."""
    return _IRREGULAR_BY_BASE.get(base, set())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, symmetric suffix stripper: enough to match inflections of the same word."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s").removesuffix("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix, keep, rest in (
        ("ies", "y", 3),
        ("ied", "y", 3),
        ("ing", "", 3),
        ("ed", "", 3),
        ("es", "", 3),
        ("s", "", 3),
        ("ly", "", 3),
        ("al", "", 4),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= rest:
            if suffix == "es" and not w[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue  # "fires" -> "fire" (via "s"), but "boxes" -> "box"
            w = w[: -len(suffix)] + keep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "planned" -> "plann" -> "plan"
    return w.removesuffix("e") if len(w) > 4 else w


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


@dataclass(frozen=True)
class Passage:
    """One sentence of a stored article, with its neighbours and the article's metadata."""

    article_id: int
    index: int  # the sentence's position in the article
    sentence: str
    before: str
    after: str
    title: str
    url: str
    published: datetime | None
    collected_at: datetime | None
    story_id: int | None = None

    @property
    def source_id(self) -> str:
        return f"a{self.article_id}"

    @property
    def window(self) -> str:
        return " ".join(p for p in (self.before, self.sentence, self.after) if p)

    @property
    def moment(self) -> datetime | None:
        """When the report was made: its publication date, else when it was collected."""
        return self.published or self.collected_at


class TermMatcher:
    """Finds which of the wanted stems a text contains, fast.

    Stemming every word of every candidate costs more than the index lookup at scale, and
    so does a regex alternation in Python's engine. Instead each stem's prefixes (the stem,
    and its irregular forms) are looked for with str.find, which runs at memory speed, and
    only the words found there are stemmed and checked.
    """

    def __init__(self, wanted: Iterable[str]) -> None:
        self.wanted = frozenset(wanted)
        self._prefixes: list[tuple[str, str]] = []  # (prefix, the stem it may lead to)
        for s in sorted(self.wanted):
            forms = {s[:-1] if s.endswith("y") and len(s) > 3 else s}  # company/companies
            forms |= {form for form in _IRREGULAR if _IRREGULAR[form] == s}
            self._prefixes += [(form, s) for form in sorted(forms) if form]

    def find(self, text: str) -> frozenset[str]:
        if not text or not self._prefixes:
            return frozenset()
        low = text.lower()
        found: set[str] = set()
        for prefix, target in self._prefixes:
            if target not in found and _has_word(low, prefix, target):
                found.add(target)
        return frozenset(found)

    def positions(self, low: str) -> list[tuple[int, str]]:
        """Every (offset, stem) of a wanted word in already lower-cased text."""
        out: list[tuple[int, str]] = []
        for prefix, target in self._prefixes:
            i = low.find(prefix)
            while i >= 0:
                if i == 0 or not low[i - 1].isalnum():
                    word = _WORD_AT.match(low, i)
                    if word and stem(word.group()) == target:
                        out.append((i, target))
                i = low.find(prefix, i + 1)
        return out


def _has_word(low: str, prefix: str, target: str) -> bool:
    """Does a word starting with `prefix` and stemming to `target` occur in `low`?"""
    i = low.find(prefix)
    while i >= 0:
        if i == 0 or not low[i - 1].isalnum():
            word = _WORD_AT.match(low, i)
            if word and stem(word.group()) == target:
                return True
        i = low.find(prefix, i + 1)
    return False


_WORD_AT = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Hit:
    """A passage that shares terms with the question, and which terms it has where."""

    passage: Passage
    sentence_hits: frozenset[str]  # in the sentence itself
    covered: frozenset[str]  # in the sentence, its neighbours or the title


def matching_passages(
    article_id: int,
    title: str,
    text: str,
    url: str,
    published: datetime | None,
    collected_at: datetime | None,
    story_id: int | None,
    matcher: TermMatcher,
) -> list[Hit]:
    """The sentences of an article that contain a wanted term, with their windows.

    Only paragraphs containing a wanted term are split into sentences (the careful splitter
    is the costly part); a neighbouring paragraph contributes its nearest sentence as context.
    """
    paragraphs, starts = _paragraphs(text)
    # One scan of the whole text tells which paragraphs hold a wanted word.
    with_hits = {bisect_right(starts, offset) - 1 for offset, _ in matcher.positions(text.lower())}
    title_hits = matcher.find(title)
    out: list[Hit] = []
    for n, paragraph in enumerate(paragraphs):
        if n not in with_hits or not paragraph.strip():
            continue
        sentences = sentences_of(paragraph)
        first = n * 1000  # positions stay ordered within the article
        hits = [matcher.find(s) for s in sentences]
        for i, sentence in enumerate(sentences):
            if not hits[i]:
                continue
            before = sentences[i - 1] if i else _edge(paragraphs, n - 1, last=True)
            after = (
                sentences[i + 1] if i + 1 < len(sentences) else _edge(paragraphs, n + 1, last=False)
            )
            near = (hits[i - 1] if i else matcher.find(before)) | (
                hits[i + 1] if i + 1 < len(sentences) else matcher.find(after)
            )
            passage = Passage(
                article_id,
                first + i,
                sentence,
                before,
                after,
                title,
                url,
                published,
                collected_at,
                story_id,
            )
            out.append(Hit(passage, hits[i], hits[i] | near | title_hits))
    return out


_PARAGRAPHS = re.compile(r"\n\s*\n")
_ROUGH_SENTENCE = re.compile(r"(?<=[.!?\"'”’])\s+(?=[\"“‘]?[A-Z0-9])")


def _paragraphs(text: str) -> tuple[list[str], list[int]]:
    """The paragraphs of a text and the offset each starts at."""
    paragraphs: list[str] = []
    starts: list[int] = []
    position = 0
    for separator in _PARAGRAPHS.finditer(text):
        paragraphs.append(text[position : separator.start()])
        starts.append(position)
        position = separator.end()
    paragraphs.append(text[position:])
    starts.append(position)
    return paragraphs, starts


def _edge(paragraphs: list[str], n: int, *, last: bool) -> str:
    """The sentence of a neighbouring paragraph next to the one being read (rough split)."""
    if not 0 <= n < len(paragraphs) or not paragraphs[n].strip():
        return ""
    pieces = _ROUGH_SENTENCE.split(" ".join(paragraphs[n].split()))
    piece = pieces[-1] if last else pieces[0]
    return piece if len(piece) <= _MAX_SENTENCE_CHARS else ""
