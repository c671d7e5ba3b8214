"""The question as the retriever sees it: its terms, names, follow-up context and the
names carried over from a thread."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from briefs.answer import question as qn
from briefs.answer.terms import stem, term_set
from briefs.answer.terms import tokens as words
from briefs.models import Turn

log = logging.getLogger(__name__)

STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't could couldn't did didn't do does doesn't
doing don't down during each either else ever every few for from further had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most
much many mustn't my myself no nor not now of off on once only or other ought our ours
ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's
whom whose why why's will with won't would wouldn't you you'd you'll you're you've your
yours yourself yourselves tell told say said says saying know think happen happened
anything something thing things please really get got go going want like news
report reported article story stories latest recent recently ok okay hey hi
exactly must might shall explain describe summarize summarise give show list find define
more less besides else
""".split()
)

# Words that point back to an earlier turn: "and what did he say?", "who is she?"
_ANAPHORA = frozenset(
    "he she they him her his hers their them it its this that these those there".split()
)
_FOLLOW_UP_OPENERS = ("and ", "what about", "how about", "also ", "but ")
_QUESTION_WORDS = frozenset("who whom whose what when where why how which".split())
_CUE_OF_KIND = {
    qn.MONEY: "amount", qn.PERCENT: "amount", qn.QUANTITY: "amount", qn.COUNT: "number", qn.MEASURE: "number",
    qn.DATE: "date", qn.PERSON: "person", qn.PLACE: "place", qn.SPEECH: "speech",
}


@dataclass(frozen=True)
class Query:
    """What a question asks: its key terms, names, expected answer and carried context."""

    text: str
    terms: tuple[str, ...]  # surface words
    key: frozenset[str]  # stems of the question's own content words
    entities: frozenset[str]  # stems of its names (capitalised words, acronyms)
    cue: str | None  # coarse answer kind: amount, number, date, person, place, speech
    carried: frozenset[str] = frozenset()  # name stems carried from earlier turns
    carried_terms: tuple[str, ...] = ()
    counted: str | None = None  # "how many *votes*": the stem of what is counted
    kind: str = qn.FACT  # the expected answer type (question.py)
    focus: str | None = None
    groups: tuple[frozenset[str], ...] = ()  # search groups: a term and its paraphrases
    all_stems: frozenset[str] = frozenset()  # every stem of the question (spans must be new)
    verb: str | None = None  # "who *asked* ...": the stem of the verb the answer is subject of

    @property
    def empty(self) -> bool:
        return not self.key and not self.carried


MAX_QUESTION_CHARS = 1000
MAX_TERMS = 16


def analyse(question: str, history: Sequence[Turn] = ()) -> Query:
    """Parse a question; a follow-up borrows the names of the previous question (and answer)."""
    text = question[:MAX_QUESTION_CHARS]
    own_terms, entities = _content_terms(text)
    own_terms = own_terms[:MAX_TERMS]  # a pasted essay is not a question: bound the work
    entities = [e for e in entities if e in own_terms]
    carried_terms: list[str] = []
    if history and _is_follow_up(text, own_terms):
        carried_terms = _carried(history, {stem(t) for t in own_terms})
    expect = qn.expected_answer(text)
    key = frozenset(stem(t) for t in own_terms)
    counted = expect.focus if expect.kind == qn.COUNT else None
    return Query(
        text=question,
        terms=tuple(own_terms),
        key=key,
        entities=frozenset(stem(t) for t in entities),
        cue=_CUE_OF_KIND.get(expect.kind),
        carried=frozenset(stem(t) for t in carried_terms),
        carried_terms=tuple(carried_terms),
        counted=counted if counted and counted not in {"time", "meet"} else None,
        kind=expect.kind,
        focus=expect.focus,
        groups=tuple(qn.search_groups(own_terms)),
        all_stems=term_set(text) | frozenset(stem(t) for t in carried_terms),
        verb=qn.asked_verb(text),
    )


# "How tall ...": a height is said with the word ("15 stories tall"), a duration seldom is.
_SAID_WITH_MEASURE = frozenset({"tall", "high", "wide", "deep"})


def _content_terms(text: str) -> tuple[list[str], list[str]]:
    terms: list[str] = []
    entities: list[str] = []
    seen: set[str] = set()
    tokens = words(text)
    for i, word in enumerate(tokens):
        lower = word.lower().replace("’", "'")
        if lower in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        if i and tokens[i - 1].lower() == "how" and lower not in _SAID_WITH_MEASURE:
            continue  # "how old", "how long": the answer type, not a word to find
        if lower == "times" and i and tokens[i - 1].lower() == "many":
            continue  # "how many times": the unit of the answer ("the 15th meeting")
        if stem(word) in seen:
            continue
        seen.add(stem(word))
        terms.append(word)
        # A capitalised word is a name unless it only starts the question ("Pledges ...?").
        if word[0].isupper() and (i > 0 or (word.isupper() and len(word) > 1)) \
                and not _title_of_next(tokens, i):
            entities.append(word)
    return terms, entities


# A title before a name ("Justice Sotomayor", "Sen. Reid") is no name of its own: "several
# justices" does not name the justice asked about.
_TITLES = frozenset(
    "mr mrs ms dr sen senator rep representative gov governor president justice judge gen "
    "general chairman chairwoman secretary mayor sheriff king queen prince princess pope".split())


def _title_of_next(tokens: list[str], i: int) -> bool:
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    return tokens[i].lower() in _TITLES and following[:1].isupper()


def _is_follow_up(question: str, own_terms: list[str]) -> bool:
    lower = question.lower().strip()
    tokens = {w.lower() for w in words(question)}
    return bool(tokens & _ANAPHORA) or lower.startswith(_FOLLOW_UP_OPENERS) or len(own_terms) <= 1


def _carried(history: Sequence[Turn], own: set[str]) -> list[str]:
    """Names of the latest earlier question; when it had none, those of its answer."""
    for turn in reversed(history):
        _, names = _content_terms(turn.question)
        if not names:
            _, names = _content_terms(turn.answer)
            names = names[:3]
        fresh = [n for n in names if stem(n) not in own]
        if fresh:
            return fresh
    return []


def names_of(text: str, limit: int = 4) -> list[str]:
    """Capitalised names of a text, most frequent first: who a briefing's story is about
    when a follow-up says only "they"."""
    counts: dict[str, int] = {}
    for word in words(text):
        if word[0].isupper() and word.lower() not in STOP_WORDS and len(word) > 1:
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])[:limit]


def refers_back(question: str) -> bool:
    """Does the question point at someone it does not name ("they", "he", "it")?"""
    return bool({w.lower() for w in words(question)} & _ANAPHORA)


def with_names(query: Query, names: Sequence[str]) -> Query:
    """The query with names carried from the conversation's story."""
    fresh = [n for n in names if stem(n) not in query.key]
    if not fresh:
        return query
    return dataclasses.replace(
        query,
        carried=query.carried | {stem(n) for n in fresh},
        carried_terms=(*query.carried_terms, *fresh),
        all_stems=query.all_stems | {stem(n) for n in fresh},
    )
