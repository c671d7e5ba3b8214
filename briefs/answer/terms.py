"""Index terms: words as the passage index and the question analysis both see them.

One function turns text into terms for both sides, so a question and a sentence always
agree: words are lower-cased, stemmed by the Snowball English stemmer (PyStemmer, a kept C
library, not a hand table), numbers written as words become digits ("six" -> "6",
"1,000" -> "1000"), and a few irregular forms the stemmer leaves alone are mapped to their
base ("met" -> "meet"). Reader paraphrases ("died" for "killed") are expanded on the
question's side only (see PARAPHRASES), so the index stays a plain record of the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_TOKEN = re.compile(r"(?:\d[\d,.]*\d|\d)(?:st|nd|rd|th|s)?\b|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "dozen": 12}
ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth".split()
    )
}

# Irregular forms the Snowball stemmer keeps apart from their base.
_IRREGULAR = {
    "met": "meet", "said": "say", "says": "say", "won": "win", "paid": "pay", "made": "make",
    "told": "tell", "took": "take", "gave": "give", "given": "give", "went": "go", "gone": "go",
    "held": "hold", "sold": "sell", "bought": "buy", "brought": "bring", "began": "begin",
    "begun": "begin", "lost": "lose", "found": "find", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "ran": "run", "spent": "spend", "sent": "send",
    "built": "build", "chose": "choose", "chosen": "choose", "children": "child", "men": "man",
    "women": "woman", "struck": "strike", "flew": "fli", "flown": "fli", "wrote": "write",
    "written": "write", "born": "bear", "led": "lead", "left": "leav", "grew": "grow",
    "grown": "grow", "knew": "know", "known": "know", "drove": "drive", "driven": "drive",
}

# Paraphrases a reader uses for what an article says: each group is searched together.
# Small data, not rules: a question term found in a group brings the group's other stems.
_PARAPHRASE_GROUPS = [
    "die death dead kill fatal fatality deadly perish",
    "vote decision rule ruling majority verdict uphold",
    "earn generate raise revenue bring income gross",
    "cost price spend pay",
    "injur hurt wound casualti",
    "recogn member ratifi join",
    "arrest detain custodi",
    "elect win won victori",
    "passeng aboard board onboard crew",
    "people passeng crew",
    "plane aircraft airliner jet flight",
    "resign quit step",
    "begin start launch open",
    "end finish close conclud",
    "found establish creat form",
    "founded founder",  # "founded" (the stem "found"; the word "found" stems as "find")
    "meet met meeting talk summit visit",
    "buy purchas acquir acquisit",
    "sell sold sale",
    "reading index read",
    "born birth",
    "popul inhabit resid",
    "spend buy",
    "tv television",
    "ad advert advertising commercial",
    "gop republican",
    "take taken",
    "misspeak misspoke misspoken",
    "online web website internet",
    "sue sued lawsuit suit",
]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term for one word: a stem, or a number as digits."""
    lower = word.lower().replace("’", "'")
    lower = lower.removesuffix("'s").removesuffix("'")
    digits = _DIGITS.match(lower)  # decimal digits only: "²".isdigit() is true, but it is no number
    if digits:
        return digits.group().replace(",", "")  # "43rd" -> "43"
    if lower in NUMBER_WORDS:
        return str(NUMBER_WORDS[lower])
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    return _STEMMER.stemWord(lower)


def tokens(text: str) -> list[str]:
    """The words of a text (numbers keep their separators: "1,000", "49.2")."""
    return _TOKEN.findall(text)


def terms(text: str) -> list[str]:
    """Index terms of a text, in order."""
    return [stem(t) for t in _TOKEN.findall(text)]


def term_set(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def _groups() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in _PARAPHRASE_GROUPS:
        group = {stem(w) for w in line.split()}
        for member in group:
            out.setdefault(member, set()).update(group)
    return {k: frozenset(v) for k, v in out.items()}


PARAPHRASES = _groups()


def paraphrases(term: str) -> frozenset[str]:
    """The term and the stems a reader may use for it ("kill" -> die, death, dead, ...)."""
    return PARAPHRASES.get(term, frozenset()) | {term}
