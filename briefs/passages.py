"""Passages for question answering: sentences of an article with their neighbours.

Answers quote whole sentences from the store, so the unit of retrieval is a sentence with a
window of context (the sentence before and after), which is what carries the subject a
sentence refers to ("He said ..."). Terms are compared as crude stems so that "pledged"
matches "pledge"; the full-text index does the heavy lifting, this only ranks a few
hundred sentences of the best articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from briefs.text import split_sentences

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
    "met": "meet", "said": "say", "says": "say", "won": "win", "paid": "pay", "made": "make",
    "told": "tell", "took": "take", "gave": "give", "given": "give", "went": "go", "gone": "go",
    "left": "leave", "held": "hold", "sold": "sell", "bought": "buy", "brought": "bring",
    "began": "begin", "begun": "begin", "lost": "lose", "found": "find", "fell": "fall",
    "fallen": "fall", "rose": "rise", "risen": "rise", "ran": "run", "hit": "hit",
    "spent": "spend", "sent": "send", "built": "build", "chose": "choose", "chosen": "choose",
    "died": "die", "dead": "die", "death": "die", "killed": "kill", "children": "child",
    "men": "man", "women": "woman", "people": "people", "struck": "strike", "flew": "fly",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, symmetric suffix stripper: enough to match inflections of the same word."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s").removesuffix("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
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


def article_passages(
    article_id: int, title: str, text: str, url: str, published: datetime | None,
    collected_at: datetime | None, story_id: int | None = None,
) -> list[Passage]:
    sentences = sentences_of(text)
    return [
        Passage(
            article_id=article_id, index=i, sentence=s,
            before=sentences[i - 1] if i else "",
            after=sentences[i + 1] if i + 1 < len(sentences) else "",
            title=title, url=url, published=published, collected_at=collected_at,
            story_id=story_id,
        )
        for i, s in enumerate(sentences)
    ]
