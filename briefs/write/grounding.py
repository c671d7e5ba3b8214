"""Grounding checks: is this quotation, speaker or figure really in the sources?

Used on everything an LLM writes (briefings and answers) before it reaches a reader.
Checks are deliberately literal: a quotation must occur verbatim after normalising quote
marks, dashes, white space and case; a figure must occur with the same value and, when it
carries one, the same kind of unit (``$2 billion`` is not supported by ``2 billion people``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from briefs.write.numbers import NumberMatch, find_numbers
from briefs.write.text import quote_spans

_TRANSLATE = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
})
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_EDGE = re.compile(r"""^[\s"'.,;:!?\-]+|[\s"'.,;:!?\-]+$""")
_ARTICLES = re.compile(r"^(?:a|an|the)\s+", re.I)
_NAME_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'\-.]*")


def normalize(text: str) -> str:
    """Text for comparison: NFKC, straight quotes, plain dashes, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _SPACE.sub(" ", text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip().casefold()


def _contains_phrase(needle: str, haystack: str) -> bool:
    """`needle` occurs in `haystack` starting and ending at word edges (both normalised)."""
    if not needle:
        return False
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = start == 0 or not (haystack[start - 1].isalnum() and needle[0].isalnum())
        right_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if left_ok and right_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _quote_core(quote: str) -> str:
    """The words of a quotation, without surrounding marks or trailing punctuation."""
    return _EDGE.sub("", normalize(quote))


def quote_in_source(quote: str, source_text: str) -> bool:
    """True when `quote` occurs verbatim in `source_text` (after normalisation)."""
    core = _quote_core(quote)
    if not re.search(r"\w", core):
        return False
    return _contains_phrase(core, normalize(source_text))


def quote_is_quoted_in_source(quote: str, source_text: str) -> bool:
    """True when `quote` lies inside quotation marks in the source (a real quotation,
    not the reporter's narration dressed up as somebody's words)."""
    core = _quote_core(quote)
    if not re.search(r"\w", core):
        return False
    return any(_contains_phrase(core, normalize(source_text[s:e])) for s, e in quote_spans(source_text))


def speaker_in_source(speaker: str, source_text: str) -> bool:
    """True when the speaker (a name or a role) is named in the source.

    The whole phrase may occur ("Foreign Ministry spokesman Oleg Nikolenko"), or every
    capitalised word of the name may occur on its own ("Xi Jinping" when the source writes
    "President Xi Jinping" or mentions "Xi" and "Jinping" separately)."""
    name = _ARTICLES.sub("", speaker.strip())
    if not name:
        return False
    source = normalize(source_text)
    if _contains_phrase(normalize(name), source):
        return True
    tokens = [t.strip(".") for t in _NAME_TOKEN.findall(name) if t[:1].isupper() and len(t.strip(".")) > 1]
    return bool(tokens) and all(_contains_phrase(normalize(t), source) for t in tokens)


def numbers_in(text: str) -> list[str]:
    """Every figure in `text`, as written (digits, and number words from "two" upwards)."""
    return [n.text for n in find_numbers(text, words=True)]


def _supported(number: NumberMatch, candidates: Iterable[NumberMatch]) -> bool:
    kind = number.kind.split(":")[0]
    for other in candidates:
        if abs(other.value - number.value) > 1e-9 * max(1.0, abs(number.value)):
            continue
        # A bare figure is supported by the same value in any form; a figure with a unit
        # (money, percent, ordinal, a counted noun) needs the same unit in the source.
        if kind in ("plain", "date", "time") or other.kind == number.kind:
            return True
        if kind == "unit" and other.kind.split(":")[0] in ("unit", "age"):
            return True
    return False


def number_in_source(number: str, source_text: str) -> bool:
    """True when the figure `number` (as written) occurs in the source with that value."""
    parsed = find_numbers(number, words=True)
    if not parsed:
        return False
    candidates = find_numbers(source_text, words=True)
    return all(_supported(n, candidates) for n in parsed)


def unsupported_numbers(prose: str, source_texts: Sequence[str]) -> list[str]:
    """The figures of `prose` that occur in none of the sources."""
    candidates = [n for text in source_texts for n in find_numbers(text, words=True)]
    return [n.text for n in find_numbers(prose, words=True) if not _supported(n, candidates)]


def unsupported_quotes(prose: str, source_texts: Sequence[str]) -> list[str]:
    """The quotations in `prose` (text within quotation marks) found verbatim in no source."""
    out = []
    for start, end in quote_spans(prose):
        quoted = prose[start + 1:end - 1]
        if not any(quote_in_source(quoted, text) for text in source_texts):
            out.append(quoted)
    return out
