"""Passages for question answering: sentences of an article with their neighbours.

Answers quote whole sentences from the store, so the unit of retrieval is a sentence with a
window of context (the sentence before and after), which is what carries the subject a
sentence refers to ("He said ..."). Terms and stems are in terms.py, the index in index.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from briefs.write.text import split_sentences

_MAX_SENTENCE_CHARS = 600


def sentences_of(text: str) -> list[str]:
    """The team's news-prose sentence splitter, with run-on scraped chrome cut short, and a
    quotation's attribution kept with it."""
    out: list[str] = []
    for sentence in split_sentences(text):
        for piece in _cap_length(sentence):
            if out and _ATTRIBUTION_ONLY.fullmatch(piece) and out[-1].endswith(_CLOSING_QUOTES):
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
    return out


# '"... for baseball?" Obama said.': a quotation ending in "?" or "!" ends a sentence for the
# splitter, which leaves "Obama said." alone; as an answer it would cite nobody's words.
_CLOSING_QUOTES = ('?"', '!"', "?\u201d", "!\u201d", "?\u2019", "!\u2019")
_ATTRIBUTION_ONLY = re.compile(
    r"(?:(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told \w+|wrote|writes"
    r"|replied|replies|shouted|joked|quipped)"
    r"|(?:said|says|asked|added|wrote|replied)\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4})"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?\.",
)


def _cap_length(sentence: str) -> list[str]:
    """Run-on text without punctuation (scraped chrome) is cut so excerpts stay short."""
    if len(sentence) <= _MAX_SENTENCE_CHARS:
        return [sentence]
    pieces = re.split(r"(?<=[;:])\s+", sentence)
    return [p for p in pieces if p]


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
