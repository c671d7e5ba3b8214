"""Extractive summaries: the few sentences of an article that carry the story.

News is written lead-first, so the lead is the backbone; what improves on a plain lead-3 is
skipping what is not story (headings, bylines, datelines, captions, page chrome, a headline
repeated as the first line), not repeating a sentence the summary already says, and
preferring, among the early sentences, those central to the article and its headline.
Deterministic and cheap: one pass of word counting, no models.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from briefs.write.text import quote_spans, sentence_spans, split_paragraphs

_WORD = re.compile(r"[a-z][a-z'\u2019\-]*[a-z]|\d[\d,.]*\d|\d")
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it "
    "its this that these those he she they we you i his her their our your them him us me my "
    "has have had do does did not no so than then there here who whom which what when where why "
    "how all any both each few more most other some such only own same too very can will just "
    "should would could may might must shall also into over after before about against between "
    "through during under again further once up down out off said says say told mr mrs ms one "
    "two new year years last first".split()
)
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.,'\u2019 -]{0,50}\s*)?\((?:CNN|AP|AFP|Reuters|CNN Business|BBC|UPI|EFE)\)\s*[-\u2014\u2013:]*\s*"
    r"|^[A-Z][A-Z .,'\u2019-]{2,40}\s*[-\u2014\u2013]+\s+(?=[A-Z])"
)
_BYLINE = re.compile(r"^(?:By|Written by|Reporting by|Updated|Published|Posted)\b.{0,80}$", re.I)
# Phrases that mark page chrome inside a short sentence (plain substring tests: fast).
_CHROME = (
    "click here", "scroll down", "read more", "sign up", "subscribe", "newsletter", "follow us",
    "all rights reserved", "copyright", "cookies", "advertisement", "share this", "source link",
    "watch the video", "photo:", "image:", "getty images", "please enable", "leave a comment",
)
# "campaign. invasion of ukraine": a full stop inside a sentence followed by a lower-case
# word, the mark of machine-translation or scraping damage.
_DAMAGED = re.compile(r"\b[a-z]{3,}\. [a-z]{3,}\b")
_QUOTE_OPENERS = "\"'\u201c\u2018"
_ENDS_SENTENCE = re.compile(r"""[.!?]['"\u201d\u2019)]*$|[.!?]$""")


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int  # position among the article's usable sentences
    paragraph: int
    words: frozenset[str]
    quoted: bool = False  # opens with a quotation mark: somebody's words
    inside: bool = False  # lies inside a quotation, or is one with no attribution


def content_words(text: str) -> list[str]:
    """Lower-cased content words, crudely stemmed (plural s) so forms match."""
    return [w[:-1] if len(w) > 4 and w[-1] == "s" else w
            for w in _WORD.findall(text.lower()) if w not in _STOP]


def strip_dateline(sentence: str) -> str:
    """``Hong Kong (CNN) — Chinese leader ...`` -> ``Chinese leader ...``."""
    return _DATELINE.sub("", sentence, count=1).strip() or sentence


def is_story_sentence(sentence: str, title_words: set[str] | None = None,
                      words: frozenset[str] | None = None) -> bool:
    """False for headings, bylines, captions, chrome and a repeated headline."""
    tokens = sentence.split()
    if len(tokens) < 5 or len(sentence) > 700:
        return False
    if not _ENDS_SENTENCE.search(sentence) and len(tokens) < 15:
        return False  # a heading or caption: no full stop
    if _BYLINE.match(sentence) or _DAMAGED.search(sentence):
        return False
    if len(tokens) < 40:
        lower = sentence.lower()
        if any(phrase in lower for phrase in _CHROME):
            return False
    if title_words:
        if words is None:
            words = frozenset(content_words(sentence))
        # The headline repeated as the first line: (nearly) nothing but headline words.
        # A lead sentence that merely contains the headline's words is the story itself.
        if words and len(words & title_words) / len(words) > 0.8:
            return False
    return sum(t.isupper() for t in tokens[:6]) < 4  # not a shouted label or heading


def story_sentences(text: str, title: str = "", paragraphs: list[str] | None = None) -> list[Sentence]:
    """The article's sentences that are story, in order, with their content words
    (`paragraphs`: split_paragraphs(text), if the caller has them already)."""
    out: list[Sentence] = []
    title_words = set(content_words(title))
    carried = False  # a quotation left open at a paragraph's end goes on in the next one
    for p_index, paragraph in enumerate(split_paragraphs(text) if paragraphs is None else paragraphs):
        if paragraph[:1] in _QUOTE_OPENERS:
            carried = False  # it re-opens here, as style guides write it
        for start, end in sentence_spans(paragraph):
            sentence = paragraph[start:end]
            if not out:
                sentence = strip_dateline(sentence)
            words = frozenset(content_words(sentence))
            # A repeated headline sits at the top; later sentences may echo it legitimately.
            check_title = title_words if len(out) < 3 else None
            if is_story_sentence(sentence, check_title, words):
                opens = sentence[:1] in _QUOTE_OPENERS
                # Inside somebody's quotation, or all of one with nobody saying it ('"…" ends it').
                inside = _inside_quotation(paragraph[:start], carried) or opens and _unattributed(sentence)
                out.append(Sentence(sentence, len(out), p_index, words, opens, inside))
        carried = _curly_open(paragraph, carried)
    return out


def _unattributed(sentence: str) -> bool:
    """A sentence that is all quotation: nothing outside its marks says who speaks."""
    outside, last = [], 0
    for start, end in quote_spans(sentence):
        outside.append(sentence[last:start])
        last = end
    outside.append(sentence[last:])
    return len(_WORD.findall(" ".join(outside).lower())) < 2


def _inside_quotation(before: str, carried: bool = False) -> bool:
    """Is a quotation still open after `before` (a paragraph up to a sentence), `carried`
    telling whether one was open when the paragraph began? Straight marks count by parity
    within the paragraph."""
    return _curly_open(before, carried) or before.count('"') % 2 == 1


def _curly_open(text: str, carried: bool) -> bool:
    """Curly marks counted open against close, so a quotation nested inside another does
    not close it; only these carry into the next paragraph (straight ones are too often
    stray)."""
    return int(carried) + text.count("\u201c") - text.count("\u201d") > 0


def _similar(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Overlap of two word sets relative to the smaller one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def summarize(text: str, title: str = "", count: int = 3, *, window: int = 5,
              sentences: list[Sentence] | None = None) -> list[str]:
    """`count` summary sentences in article order (`sentences`: story_sentences, if known)."""
    if sentences is None:
        sentences = story_sentences(text, title)
    if not sentences:
        return []
    chosen = select(sentences, title, count, window=window)
    return [s.text for s in sorted(chosen, key=lambda s: s.index)]


def select(sentences: list[Sentence], title: str, count: int, *, window: int = 5) -> list[Sentence]:
    """Greedy choice among the first `window` sentences (not counting those inside a
    quotation): lead position first, then
    centrality and headline overlap; a sentence mostly saying what is chosen is skipped."""
    frequency = Counter(w for s in sentences for w in s.words)
    title_words = set(content_words(title))
    # The middle of somebody's quotation says neither who speaks nor, often, what "it" is.
    candidates = [s for s in sentences if not s.inside][:max(window, count)]
    if len(candidates) < count:  # an unclosed quotation mark early on: read the marks as noise
        candidates = sentences[:max(window, count)]
    scores = {s.index: _score(s, frequency, title_words) for s in candidates}
    chosen: list[Sentence] = []
    for s in sorted(candidates, key=lambda s: -scores[s.index]):
        if any(_similar(s.words, c.words) > 0.5 for c in chosen):
            continue
        if _leans_on_previous(s) and not any(c.index == s.index - 1 for c in chosen):
            continue  # "It has been fought under two presidents.": "it" would name nothing
        chosen.append(s)
        if len(chosen) == count:
            break
    return chosen


# A sentence opening with a pronoun or "this"/"that" refers to the one before it; shown
# without it, the reader cannot tell what "it" is.
_LEANS_ON_PREVIOUS = re.compile(r"(?:It|This|That|These|Those|They|Its|Their|Such)\b")


def _leans_on_previous(s: Sentence) -> bool:
    return s.index > 0 and bool(_LEANS_ON_PREVIOUS.match(s.text))


def _score(s: Sentence, frequency: Counter[str], title_words: set[str]) -> float:
    if not s.words:
        return 0.0
    centrality = sum(math.log1p(frequency[w] - 1) for w in s.words) / (len(s.words) ** 0.5 + 1)
    headline = len(s.words & title_words) / (len(title_words) or 1)
    position = 1.0 / (1 + s.index) ** 0.8
    # Weights tuned on CNN/DailyMail (bench/summaries.py): position dominates, as in news
    # writing; centrality and the headline break near-ties and promote a strong 4th/5th sentence.
    # A sentence that is a quotation is reported speech, not the story's facts, and the key
    # quotes show it anyway.
    quotation = 1.0 if s.quoted else 0.0
    return 8.0 * position + 0.35 * centrality + 0.6 * headline - quotation


def lead(text: str, count: int = 3) -> list[str]:
    """The first `count` sentences as they stand (the baseline summaries are measured by)."""
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        for start, end in sentence_spans(paragraph):
            out.append(paragraph[start:end])
            if len(out) == count:
                return out
    return out
