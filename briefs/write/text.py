"""Paragraphs and sentences of clean news text.

A small rule-based splitter tuned for news prose: abbreviations and titles (``Mr.``,
``Gov.``), initials (``George W. Bush``), acronyms (``U.S.``, which may end a sentence),
decimals, and quotations spanning several sentences (``"We came. We won," she said.`` stays
one sentence, so no summary sentence carries half a quotation).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words after which a period never ends a sentence (titles and short forms before a name,
# a number or a lower-case word).
_TITLES = {
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "maj",
    "capt", "cpt", "sgt", "cmdr", "adm", "rev", "hon", "pres", "supt", "det", "insp", "st",
    "mt", "ft", "jr", "sr", "vs", "v", "etc", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn", "ave", "blvd", "rd",
    "e.g", "i.e", "cf", "ca", "govt", "atty", "gens", "reps", "sens",
}
# Short forms that only stand before a number ("No. 5", "Vol. 2"); elsewhere "no." ends.
_BEFORE_NUMBER = {"no", "nos", "vol", "art", "fig", "pp", "op", "ch", "sec"}
# Words that end a sentence when they are its last word (company suffixes, "etc.") only
# when the next word clearly starts one.
_SOFT = {"inc", "corp", "co", "ltd", "etc", "jr", "sr", "bros", "al"}
# Words that typically open a sentence: after an acronym such as "U.S." they mean a new one.
_STARTERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on",
    "at", "this", "that", "these", "those", "his", "her", "their", "its", "our", "there",
    "however", "meanwhile", "also", "after", "before", "when", "while", "if", "as", "some",
    "many", "most", "officials", "both", "now", "still", "yet", "so", "for", "last", "since", "earlier",
    "later", "according", "under", "one", "two", "three", "what", "why",
    "how", "who", "no", "not", "instead", "other", "such", "then", "separately",
}


def word_start(first: str, not_after: str = r"\w") -> str:
    """A pattern for the character class `first` opening a word (no `not_after` character
    before it), as ``\\b`` followed by `first` would be, written with the class first: the
    regex engine then skips straight to the characters that can start a match, where a
    leading ``\\b`` or look-behind makes it try every position of a long article."""
    return f"{first}(?<!{not_after}{first})"


LOWER_WORD = re.compile(word_start("[a-z]") + r"[a-z\-]+\b")  # a word written in lower case

_OPEN_CLOSE = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
_TERMINATOR = re.compile(
    r"""(?:[.!?]+|\u2026)['"\u201d\u2019\u00bb)\]]*(?=\s+['"\u201c\u2018\u00ab(\[]*[A-Z0-9\u00c0-\u024f])"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-']*)$")
_WORD_AFTER = re.compile(r"\s+['\"\u201c\u2018\u00ab(\[]*([A-Za-z]+)")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_LINE_END = re.compile(r"""[.!?:;'"\u201d\u2019)\]\u2026]\s*$""")
# A quotation longer than this is not kept in one sentence (an unbalanced mark, or a speech).
_MAX_QUOTE_CHARS = 700
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def quoted(sentence: str) -> str:
    """A cited sentence in quotation marks, unless it already opens or closes with one:
    "“We hope…,” he said." is shown as written, never as "““We hope…,” he said.”"."""
    sentence = sentence.strip()
    if sentence[:1] in _QUOTE_MARKS or sentence[-1:] in _QUOTE_MARKS:
        return sentence
    return f"\u201c{sentence}\u201d"


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: blocks between blank lines; hard-wrapped lines inside a block are joined."""
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        paragraphs.extend(_unwrap(block))
    return paragraphs


def _unwrap(block: str) -> list[str]:
    """A line that ends a sentence (or is short, like a heading) ends a paragraph."""
    out: list[str] = []
    current: list[str] = []
    for raw in block.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        current.append(line)
        if _LINE_END.search(line) or len(line) < 60:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, in order; paragraph breaks always end a sentence."""
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph, white space trimmed."""
    return list(_sentence_spans(paragraph))


# Attribution reads the same paragraphs and sentences in several steps (the rules, the
# speaker model's candidates, the quotation model): each is split and scanned for quotation
# marks once. The cached tuples are copied out, since callers may extend what they get.
_READ_CACHE = 1024


@lru_cache(maxsize=_READ_CACHE)
def _sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    spans = _quote_spans(paragraph)
    out: list[tuple[int, int]] = []
    start = 0
    for match in _TERMINATOR.finditer(paragraph):
        end = match.end()
        if _inside(spans, end) or not _is_boundary(paragraph, match.start(), end):
            continue
        _add_trimmed(paragraph, start, end, out)
        start = end
    _add_trimmed(paragraph, start, len(paragraph), out)
    return tuple(out)


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _inside(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    """True when `position` falls strictly inside a (reasonably short) quotation."""
    return any(s < position < e and e - s <= _MAX_QUOTE_CHARS for s, e in spans)


def _is_boundary(text: str, dot: int, end: int) -> bool:
    if text[dot] != ".":
        return True  # "!" "?" and ellipses followed by a capital end a sentence
    before = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not before:
        return True
    word = before.group(1)
    bare = word.lower().rstrip(".")
    following = _WORD_AFTER.match(text, end)
    next_word = following.group(1) if following else ""
    if "." in word.strip("."):  # an acronym such as U.S. or a.m.
        return next_word.lower() in _STARTERS
    if bare in _BEFORE_NUMBER:
        return not text[end:].lstrip()[:1].isdigit()
    if bare in _SOFT:
        return next_word.lower() in _STARTERS
    if bare in _TITLES:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return False
    return True


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, marks included, outermost only.

    Straight double quotes pair up in order; curly and guillemet marks pair open with close;
    a straight or curly single quote counts only at a word edge, so apostrophes
    (``don't``, ``Putin's``) are not taken for quotation marks.
    """
    return list(_quote_spans(text))


@lru_cache(maxsize=_READ_CACHE)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    i = 0
    for candidate in _QUOTE_MARK.finditer(text):
        start = candidate.start()
        if start < i or (text.startswith('""', start) and text[start + 2:start + 3].isalnum()):
            continue  # '""We have learned ...," he said': an excerpt's mark before the quotation's own
        if text[start] == '"' and text[start - 1:start].isdigit():
            continue  # 'measures 22" long and 22" wide': inches, no quotation opens there
        close = _closer_at(text, start)
        if close is None:
            continue
        j = _find_close(text, start + 1, text[start], close)
        if j is not None:
            spans.append((start, j + 1))
            i = j + 1
    return tuple(spans)


def _double_close(text: str, start: int, opener: str, close: str) -> int | None:
    """The mark closing a double quotation. Pages mix the two styles (an opening curly mark
    closed by a straight one, ``\u201cWe are not surprised," Suthers said``): the other style's
    mark closes it when it comes first and opens nothing of its own before it."""
    j = text.find(close, start)
    if opener == "\u201c":
        # Two closing single marks for a double one ("\u201cat any time, in any format,\u2019\u2019
        # after ..."), as some wire copy writes it
        pair = text.find("\u2019\u2019", start, j if j >= 0 else len(text))
        if pair >= 0 and "\u201c" not in text[start + 1:pair]:
            j = pair
    other = "\u201d" if opener == '"' else '"'
    k = text.find(other, start, j if j >= 0 else len(text))  # only a mark before the usual closer
    if k < 0 or text[k - 1].isspace():
        return j if j >= 0 else None
    # Nothing opening between: no curly opener, no straight mark at a word's start.
    between = text[start:k]
    if "\u201c" in between or re.search(r'(?:^|\s)"', between):
        return j if j >= 0 else None
    return k


_QUOTE_MARK = re.compile("[\"\u201c\u00ab'\u2018]")
_SINGLE_CLOSE = {"'": re.compile("'"), "\u2019": re.compile("[\u2019']")}


def _closer_at(text: str, i: int) -> str | None:
    ch = text[i]
    if ch == '"':
        return '"'
    if ch in ("\u201c", "\u00ab"):
        return _OPEN_CLOSE[ch]
    if ch in ("'", "\u2018") and _opens_single(text, i):
        return "\u2019" if ch == "\u2018" else "'"
    return None


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and (after.isalpha() or after in "\u2026.")


def _find_close(text: str, start: int, opener: str, close: str) -> int | None:
    if opener in ('"', "\u201c"):
        return _double_close(text, start, opener, close)
    if close not in ("'", "\u2019"):
        j = text.find(close, start)
        return j if j >= 0 else None
    # A single closing mark: not followed by a letter (that is an apostrophe: "don't").
    for match in _SINGLE_CLOSE[close].finditer(text, start + 1):
        j = match.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if not after.isalpha():
            return j
    return None
