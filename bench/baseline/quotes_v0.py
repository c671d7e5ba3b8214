# Frozen copy of the engine code before issue 11, run beside the current code by bench/summaries.py.
"""Direct quotations with their speakers, ranked: the key quotes of an article.

How a speaker is found, in order of trust:
1. right after the quotation: ``"…," Xi said`` / ``"…" said Xi`` / ``"…," he added``;
2. earlier in the same sentence: ``X said: "…"``, ``X told reporters, "…"``,
   ``Xi hailed the ties, saying they would "…"`` (the subject of the last speech verb);
3. a quotation with no attribution of its own continues the previous speaker's words
   (``"…," she said. "…"``), or follows a ``X said:`` that ended the previous paragraph.
Names are then made whole: titles are dropped (``Chinese President Xi Jinping`` -> ``Xi
Jinping``), a surname becomes the full name used elsewhere in the article (``Putin`` ->
``Vladimir Putin``), a role (``the Chinese leader``) becomes the person introduced with that
role, and ``he``/``she`` becomes the person last named as a subject before the quotation
(all of that in briefs/people.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bench.baseline.people_v0 import (
    SPEECH_VERB,
    SPEECH_VERBS,
    People,
    ends_with_document,
    is_pronoun,
    name_run_after,
    name_run_before,
    role_phrase_before,
    sentence_subject,
)
from briefs.models import Quote
from briefs.write.text import quote_spans, sentence_spans, split_paragraphs

_AFTER_VERB_FIRST = re.compile(r"^[\s,.\-\u2014\u2013]*(?:" + SPEECH_VERBS + r")\b\s+")
_LEAD_PUNCT = re.compile(r"^[\s,.;:!?\-\u2014\u2013)\]]*")
_OPENERS = "\"\u201c\u2018'\u00ab"
_MAX_WORDS = 45
_TITLE_CASE_WORD = re.compile(r"^[A-Z0-9][\w'\u2019.\-]*$")


@dataclass
class Found:
    """One quotation in the article, before ranking."""

    text: str
    speaker: str | None
    paragraph: int
    position: int  # character offset of the paragraph in the article, then of the quote
    context: str
    how: str = ""  # "after", "before", "continued", "subject", "" (unattributed)


def find_quotes(text: str, paragraphs: list[str] | None = None) -> list[Found]:
    """Every quotation of `text` in order, with a speaker where the text gives one."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    people = People.from_paragraphs(paragraphs)
    found: list[Found] = []
    offset = 0
    pending: str | None = None  # a "X said:" that ended the previous paragraph
    for index, paragraph in enumerate(paragraphs):
        quotes_here = _paragraph_quotes(paragraph, index, offset, people)
        _continue_speakers(quotes_here, found, pending, index)
        found.extend(quotes_here)
        pending = _colon_intro(paragraph, people, offset) if not quotes_here else None
        offset += len(paragraph) + 2
    return found


def _paragraph_quotes(paragraph: str, index: int, offset: int, people: People) -> list[Found]:
    out: list[Found] = []
    spans = _spans_with_open_end(paragraph)
    sentences = sentence_spans(paragraph) if spans else []
    for start, end in spans:
        closed = paragraph[end - 1] in _CLOSERS and end - 1 > start
        words = _clean_quote(paragraph[start + 1:end - 1] if closed else paragraph[start + 1:end])
        if not words:
            continue
        s_start, s_end = _sentence_of(sentences, start, end, len(paragraph))
        speaker, how = _attribute(paragraph, s_start, s_end, start, end, people, offset)
        context = paragraph[s_start:s_end]
        out.append(Found(words, speaker, index, offset + start, context, how))
    return out


def _spans_with_open_end(paragraph: str) -> list[tuple[int, int]]:
    """Quotation spans, plus a quotation left open at the paragraph's end (a quote that
    continues in the next paragraph, as news style writes long quotations)."""
    spans = quote_spans(paragraph)
    last = spans[-1][1] if spans else 0
    opener = _OPEN_MARK.search(paragraph, last)
    if opener and len(paragraph) - opener.start() > 20:
        spans.append((opener.start(), len(paragraph)))
    return spans


_OPEN_MARK = re.compile("(?<![\\w])[\"\u201c]")
_CLOSERS = "\"\u201d\u2019'\u00bb"


def _clean_quote(inner: str) -> str:
    """The quoted words, verbatim, without edge space or a trailing comma."""
    words = inner.strip()
    words = words.rstrip(",;:\u2014\u2013- ").strip()
    return words if re.search(r"[A-Za-z]", words) else ""


def _sentence_of(sentences: list[tuple[int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    """The span of the sentence(s) holding the quotation [start, end)."""
    first = next((s for s, e in sentences if s <= start < e), 0)
    last = next((e for s, e in sentences if s < end <= e), length)
    # A quotation that opens a sentence and is followed by a separate "he said." keeps it.
    return first, max(last, end)


def _attribute(paragraph: str, s_start: int, s_end: int, q_start: int, q_end: int,
               people: People, offset: int) -> tuple[str | None, str]:
    after = paragraph[q_end:s_end]
    speaker, reported = _speaker_after(after, people, offset + q_end)
    if speaker and not reported:
        return speaker, "after"
    # Quotes earlier in the sentence are not part of the attribution text.
    before = _mask_quotes(paragraph[s_start:q_start])
    subject = _speaker_before(before, people, offset + s_start)
    if subject:
        return subject, "before"
    # "..., according to a readout": the report, when nobody in the sentence spoke.
    if speaker:
        return speaker, "after"
    # "Rubio bemoaned a climate in which people "literally hate each other"": a quotation in
    # the predicate belongs to the sentence's subject, when that subject is a known person.
    subject = sentence_subject(before) if before.strip() else None
    person = people.resolve(subject, offset + s_start) if subject else None
    if person and person in people.persons:
        return person, "subject"
    return None, ""


def _mask_quotes(text: str) -> str:
    out = list(text)
    for s, e in quote_spans(text):
        out[s:e] = ["_"] * (e - s)
    return "".join(out)


def _speaker_after(after: str, people: People, position: int) -> tuple[str | None, bool]:
    """``, Xi said`` / ``said Xi`` / ``, he added`` / ``, according to X`` right after;
    the flag says the speaker only reported the words (``according to``)."""
    lead = _LEAD_PUNCT.match(after)
    rest = after[lead.end():] if lead else after
    if rest[:1] in _OPENERS:
        return None, False
    verb_first = _AFTER_VERB_FIRST.match(rest)
    if verb_first:
        reported = rest.startswith("according to")
        return people.resolve(name_run_after(rest[verb_first.end():]), position), reported
    for verb in SPEECH_VERB.finditer(rest):
        if len(rest[:verb.start()].split()) > 8:
            break
        subject = name_run_before(rest, verb.start()) or role_phrase_before(rest, verb.start())
        if subject:
            return people.resolve(subject, position), False
        if verb.group(0) == "according to":
            return people.resolve(name_run_after(rest[verb.end():]), position), True
    return None, False


def _speaker_before(before: str, people: People, position: int) -> str | None:
    """The subject of the last speech verb earlier in the sentence."""
    for verb in reversed(list(SPEECH_VERB.finditer(before))):
        if verb.group(0) == "according to":
            found = people.resolve(name_run_after(before[verb.end():]), position)
        else:
            head = before[:verb.start()].rstrip()
            if verb.group(0).endswith("ing") and (head.endswith(",") or ends_with_document(head)):
                # "X hailed the ties, saying ...": the participle's subject is the sentence's.
                subject = sentence_subject(head)
            elif head.endswith(" and"):
                # "X took the stage and called it ...": a coordinated verb shares X.
                subject = sentence_subject(head[:-4])
            else:
                subject = name_run_before(before, verb.start()) or role_phrase_before(before, verb.start())
            found = people.resolve(subject, position + verb.start())
            if found is None and subject and not is_pronoun(subject):
                found = people.resolve(sentence_subject(head), position + verb.start())
        if found:
            return found
    return None


def _colon_intro(paragraph: str, people: People, offset: int) -> str | None:
    """A paragraph ending ``X said:`` introduces the quotation in the next paragraph."""
    if not paragraph.rstrip().endswith(":"):
        return None
    return _speaker_before(paragraph, people, offset)


def _continue_speakers(current: list[Found], earlier: list[Found], pending: str | None, index: int) -> None:
    """Unattributed quotations continue the previous speaker's words (same paragraph, or a
    paragraph that opens with the quotation right after one that carried a speaker)."""
    for i, quote in enumerate(current):
        if quote.speaker:
            continue
        previous = current[i - 1] if i else None
        if previous is None and pending:
            quote.speaker, quote.how = pending, "continued"
            continue
        if previous is None and earlier and earlier[-1].paragraph == index - 1 and _opens_paragraph(quote):
            previous = earlier[-1]
        if previous is not None and previous.speaker:
            quote.speaker, quote.how = previous.speaker, "continued"


def _opens_paragraph(quote: Found) -> bool:
    return quote.context.lstrip()[:1] in _OPENERS


# -- ranking -------------------------------------------------------------------------------

def key_quotes(text: str, source_id: str, limit: int = 3, paragraphs: list[str] | None = None) -> list[Quote]:
    """The article's key quotes: substantive, attributed statements, in article order."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    found = find_quotes(text, paragraphs)
    total = max(1, len(paragraphs))
    scored = [(score, f) for f in found if (score := _score(f, total)) > 0]
    scored.sort(key=lambda item: (-item[0], item[1].position))
    chosen: list[Found] = []
    speakers: dict[str | None, int] = {}
    for _rank, f in _diversified(scored):
        if any(_overlaps(f.text, c.text) for c in chosen):
            continue
        chosen.append(f)
        speakers[f.speaker] = speakers.get(f.speaker, 0) + 1
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda f: f.position)
    return [Quote(_shorten(f.text), f.speaker, source_id, f.context) for f in chosen]


def _diversified(scored: list[tuple[float, Found]]) -> list[tuple[float, Found]]:
    """Lower the score of a speaker's further quotes, so key quotes give several voices."""
    seen: dict[str | None, int] = {}
    out = []
    for score, f in scored:
        n = seen.get(f.speaker, 0)
        seen[f.speaker] = n + 1
        out.append((score - 0.8 * n, f))
    out.sort(key=lambda item: (-item[0], item[1].position))
    return out


def _score(f: Found, paragraphs: int) -> float:
    words = f.text.split()
    n = len(words)
    if n < 3 or _is_title_case(words):
        return 0.0  # scare quotes, titles of works and slogans are not statements
    if f.speaker is None and n < 6:
        return 0.0
    score = min(n, 25) / 25 * 3
    if n <= 4:
        score -= 0.5
    if f.speaker:
        score += 2.0 if f.speaker[:1].isupper() else 1.0
    else:
        score -= 1.0
    if f.text[:1].isupper() and f.text[-1:] in ".!?,":
        score += 0.7  # a whole statement rather than a fragment
    score += 3.0 * (1.0 - f.paragraph / paragraphs)
    if f.paragraph < 3 and f.speaker:
        score += 2.0  # a quotation in the lead is what the story is about
    return max(score, 0.01)


def _is_title_case(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by"}
    significant = [w for w in letters if w.lower() not in small]
    return len(words) <= 8 and bool(significant) and all(_TITLE_CASE_WORD.match(w) for w in significant)


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def _shorten(text: str) -> str:
    """A long quotation cut at a sentence end (a verbatim prefix), at most ~45 words."""
    if len(text.split()) <= _MAX_WORDS:
        return text
    kept = ""
    for _start, end in sentence_spans(text):
        candidate = text[:end]
        if len(candidate.split()) > _MAX_WORDS and kept:
            break
        kept = candidate
    return kept.rstrip(",;: ")
