"""Question understanding: what kind of answer a question expects, and what it is about.

The expected answer type comes from the question word and the noun it governs ("how many
*passengers*" -> a count of passengers, "which *company*" -> an organisation, "in what
*year*" -> a date). The head nouns are small word lists, not rules per question. The
question's content words become search groups: each term with the paraphrases a reader
uses for it (terms.PARAPHRASES) and, for an acronym, nothing more: the index holds the
article's own expansion next to it (see index.acronyms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.answer.terms import paraphrases, stem, tokens

PERSON, ORG, PLACE, DATE = "person", "organisation", "place", "date"
COUNT, MONEY, PERCENT, MEASURE = "count", "money", "percent", "measurement"
QUANTITY = "quantity"  # "how much" without money words: a sum, a share or a figure
THING, FACT, SPEECH = "named thing", "short fact", "speech"

# Head nouns after "what"/"which" that fix the answer type.
_HEADS = {
    DATE: "year years date day month century decade era period time season age",
    PLACE: "country countries city cities town state region continent place location island "
    "river mountain province county village capital area border sea ocean lake street district",
    ORG: "company companies organisation organization group party team agency body university "
    "college firm bank club network newspaper union court ministry department institution "
    "army airline band school",
    PERSON: "person man woman leader president king queen emperor minister player author "
    "writer scientist official officer doctor director",
    PERCENT: "percent percentage proportion share rate",
    MONEY: "cost price amount sum budget fee salary revenue worth value fine",
}
_HEAD_TYPE = {stem(w): kind for kind, ws in _HEADS.items() for w in ws.split()}
_MEASURE_HOW = {"long", "tall", "high", "far", "big", "large", "heavy", "wide", "deep", "fast",
                "old", "often", "hot", "cold", "short", "small"}
_MONEY_WORDS = {stem(w) for w in "money cost costs pay paid spend spent raise raised earn earned pledge donate give "
                "grant award lend borrow owe bid offer "
                "fund funding budget worth price bring generate revenue dollars pounds euros "
                "fine charge invest".split()}


@dataclass(frozen=True)
class Expectation:
    kind: str  # one of the constants above
    focus: str | None = None  # stem of the counted / asked-about noun ("passeng")


# "What did Okafor say / tell / call Lind / describe": somebody's words. "What is terra preta
# called?" and "what has physics made to describe forces" ask for a name or a thing.
_SPEECH_QUESTION = re.compile(
    r"\b(?:say|said|says|tell|told)\b|\b(?:did|does|do) (?:\w+ ){1,3}(?<!\bto )(?:call|describe)\b")


_HOW_OLD_IS_NAME = re.compile(r"(?i:how old (?:is|was|were|are))\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z]")
_WHO_IS = re.compile(r"\s*(?i:who(?:'s| is| was| are| were))\s+(?:[A-Z][\w.'’-]*\s*){1,4}\??\s*$")


def expected_answer(question: str) -> Expectation:
    """The kind of answer a question asks for, and the noun it is about."""
    if _WHO_IS.match(question):
        return Expectation(FACT)  # "Who is Glenn Beck?": what the articles say of him, not a name
    words = [w.lower() for w in tokens(question)]
    text = " ".join(words)
    focus = _noun_after(words, ("many", "much", "what", "which"))
    if "how many" in text:
        head = _head_noun(words, words.index("many") + 1 if "many" in words else 0)
        return Expectation(COUNT, stem(head) if head else None)
    if re.search(r"\bhow much\b", text):
        if focus and _HEAD_TYPE.get(stem(focus)) == PERCENT:
            return Expectation(PERCENT, stem(focus))
        if wants_money(question):
            return Expectation(MONEY, stem(focus) if focus else None)
        return Expectation(QUANTITY)  # "how much of the flow": a sum, a share, a figure
    how = re.search(r"\bhow (\w+)", text)
    if how and how.group(1) == "old" and _HOW_OLD_IS_NAME.search(question):
        return Expectation(MEASURE, "age")  # a person's age: "79", "aged 79", never "three years"
    if how and how.group(1) in _MEASURE_HOW:
        return Expectation(MEASURE, how.group(1))
    if kind := _LEADING_WH.get(_first_question_word(text)):
        return Expectation(kind)
    if focus:
        kind = _HEAD_TYPE.get(stem(focus))
        if kind:
            return Expectation(kind, stem(focus))
        if re.search(r"\b(?:what|which) (?:\w+ )?(?:number|figure|total)\b", text):
            return Expectation(COUNT, stem(focus))
    if "what" in words and _SPEECH_QUESTION.search(text):
        return Expectation(SPEECH)
    if re.search(r"\b(?:what|which) (?:is|was|are|were) the name\b", text) or (
        focus and re.search(r"\b(?:what|which) \w+", text)
    ):
        return Expectation(THING, stem(focus) if focus else None)
    if _FIGURE_WORDS & set(words):
        return Expectation(COUNT)  # "what was the PMI reading?": a figure, whatever it counts
    return Expectation(FACT)


# The question word that opens the question decides: "where was Perry campaigning *when*
# Arpaio endorsed him" asks for a place, "what motto did they reaffirm when ..." for a thing.
_LEADING_WH = {"when": DATE, "where": PLACE, "who": PERSON, "whom": PERSON, "whose": PERSON}
_WH_WORD = re.compile(r"\b(?:when|where|whom|whose|who|what|which|how|why)\b")


# "Who *asked* Clinton ...", "which group *wrote* it": the verb whose subject is the answer.
_ASKED_VERB = re.compile(
    r"^\W*(?:who|which \w+|what \w+)\s+(?:(?:has|have|had|will|would|did|does|do|is|was|were|are)\s+)?"
    r"(?:(?:just|already|recently|actually|reportedly|then)\s+)?"  # "who just took over ..."
    r"(?!(?:has|have|had|will|would|did|does|do|is|was|were|are)\b)([a-z][\w'-]*)")


_NOT_VERBS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
              "not", "first", "last", "most", "also", "still"}


def asked_verb(question: str) -> str | None:
    """The stem of the word after "who" ("who *warned* about ..."), when it is not a name."""
    m = _ASKED_VERB.match(question.strip().lower()[:1] + question.strip()[1:])
    return stem(m.group(1)) if m and m.group(1) not in _NOT_VERBS else None


def _first_question_word(text: str) -> str | None:
    m = _WH_WORD.search(text)
    return m.group() if m else None


_FIGURE_WORDS = {"reading", "index", "figure", "level", "score", "tally", "total", "number",
                 "rating", "margin"}


_SKIP = {"the", "a", "an", "of", "kind", "type", "sort", "is", "was", "are", "were", "did", "does",
         "do", "has", "have", "had", "will", "would", "can", "could", "should", "might", "must"}


def _noun_after(words: list[str], openers: tuple[str, ...]) -> str | None:
    """The first content word after the question word ("how many *people*", "what *year*")."""
    for i, w in enumerate(words):
        if w in openers and (w not in ("many", "much") or (i and words[i - 1] == "how")):
            for follow in words[i + 1 : i + 4]:
                if follow in _SKIP:
                    if follow in _SKIP - {"the", "a", "an", "of", "kind", "type", "sort"}:
                        return None  # "what is ...", "what would ...": no head noun
                    continue
                return follow
            return None
    return None


_PHRASE_END = _SKIP | {"must", "will", "would", "can", "could", "should", "may", "might", "in",
                      "on", "at", "for", "to", "from", "by", "with", "that", "who", "which", "of"}


def _head_noun(words: list[str], start: int) -> str | None:
    """The last word of the noun phrase at `start`: "how many daily *readers* must ..."."""
    head = None
    for i, w in enumerate(words[start : start + 4], start):
        if w in _PHRASE_END:
            break
        head = w
        if _PLURAL.search(w) and i + 1 < len(words) and _VERB_LIKE.search(words[i + 1]):
            break  # "how many Republican *senators* signed ...": the verb is not the counted thing
    return head


_PLURAL = re.compile(r"[^su]s$")
_VERB_LIKE = re.compile(r"ed$|^(?:still|also|now|just|ever|said|says|say|told|made|won|lost|got|gave|took"
                        r"|came|went|saw|kept|left|felt|thought|bought|sold|paid|met|ran|spent|sent|built"
                        r"|held|wrote|knew|became|began)$")


def search_groups(key_terms: list[str]) -> list[frozenset[str]]:
    """One group per question term: its stem and a reader's paraphrases of it."""
    return [paraphrases(stem(t)) for t in key_terms]


def wants_money(question: str) -> bool:
    return any(stem(w) in _MONEY_WORDS for w in tokens(question))
