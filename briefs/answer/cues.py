"""What a sentence says: the times of day it gives, what it counts, and whether its words
are somebody else's; used to compare reports and to check that a passage answers."""

from __future__ import annotations

import re

from briefs.answer.terms import NUMBER_WORDS, stem
from briefs.answer.terms import tokens as words
from briefs.write.text import quote_spans

# A time of day however written: "11:30 p.m.", "11.30pm", "23:30", "9 o'clock".
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<oc>\d{1,2}) o['\u2019]clock\b",
)


def clock_times(sentence: str) -> set[str]:
    """The times of day in `sentence` as 24-hour "HH:MM", however written ("11:30 p.m.",
    "11.30pm", "23:30"), so that two reports of one time agree."""
    out = set()
    for m in _CLOCK.finditer(sentence.lower()):
        if m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        else:
            hour, minute = int(m.group("h") or m.group("oc")), int(m.group("m") or 0)
            if m.group("ap") and m.group("ap").lower() == "p" and hour < 12:
                hour += 12
            elif m.group("ap") and m.group("ap").lower() == "a" and hour == 12:
                hour = 0
        out.add(f"{hour:02d}:{minute:02d}")
    return out


_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if n <= 20 and w != "dozen"}
_NUMBER_TOKEN = r"\d[\d,.]*|" + "|".join(_NUMBER_WORDS) + r"|dozens?|hundreds?|thousands?|millions?"
_IS_NUMBER = re.compile(_NUMBER_TOKEN, re.IGNORECASE)
COUNT = re.compile(
    r"(?<![$£€¥\w])(" + _NUMBER_TOKEN + r")"
    r"\b(?=((?:\s+[\w'’-]+){1,4}))",  # the words after it, not consumed: "80,000 ... eleven fires"
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d[\d,.]*")


def counts(sentence: str, counted: str) -> bool:
    """Does the sentence count `counted` ("six people", "14 marine conservation zones")?"""
    return bool(counts_of(sentence, counted))


def counts_of(sentence: str, counted: str) -> set[str]:
    """The figures directly counting `counted` (no other figure in between)."""
    return {
        number(m.group(1)) for m in COUNT.finditer(sentence) if _counts_next(m.group(2), counted)
    }


def _counts_next(following: str, counted: str) -> bool:
    for word in words(following):
        if stem(word) == counted:
            return True
        if _IS_NUMBER.fullmatch(word):
            return False
    return False


def number(token: str) -> str:
    """A figure as a comparable string: "nine" -> "9", "1,000" -> "1000", "43rd" -> "43"."""
    lower = token.lower()
    if lower in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lower])
    digits = DIGITS.match(lower)
    return digits.group().replace(",", "").rstrip(".") if digits else lower


# Words that report speech, or quotation marks: "what did X say" is answered only by a
# sentence that carries somebody's words, never by narration that merely mentions X ("Arpaio
# endorsed Romney in 2008" does not say what Romney said).
_SAYS = re.compile(
    r"[\"“”]|‘[^’]{4,}’"
    r"|\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|stat(?:ed|es|ing)|added(?=\s*(?:[,.:;\x22\u201c]|that\b|$))"
    r"|argu(?:ed|es|ing)|warn(?:ed|s|ing)|urg(?:ed|es|ing)|insist(?:ed|s|ing)|claim(?:ed|s|ing)"
    r"|declar(?:ed|es|ing)|wr(?:ote|ites|iting)|repl(?:ied|ies|ying)|respond(?:ed|s|ing)"
    r"|explain(?:ed|s|ing)|not(?:ed|ing)|call(?:ed|ing)|describ(?:ed|es|ing)|announc(?:ed|es|ing)"
    r"|tweet(?:ed|s|ing)|ask(?:ed|s|ing)|acknowledg(?:ed|es|ing)|admit(?:ted|s|ting)"
    r"|den(?:ied|ies|ying)|promis(?:ed|es|ing)|vow(?:ed|s|ing)|predict(?:ed|s|ing)"
    r"|suggest(?:ed|s|ing)|testif(?:ied|ies|ying)|prais(?:ed|es|ing)|critici[sz](?:ed|es|ing)"
    r"|accus(?:ed|es|ing)|stress(?:ed|es|ing)|emphasi[sz](?:ed|es|ing)|assert(?:ed|s|ing)"
    r"|maintain(?:ed|s|ing)|contend(?:ed|s|ing)|counter(?:ed|s|ing)|conced(?:ed|es|ing)"
    r"|comment(?:ed|ing)|observ(?:ed|es|ing)|remark(?:ed|ing)|point(?:ed|s|ing) out"
    r"|recall(?:ed|s|ing)|complain(?:ed|s|ing)|boast(?:ed|s|ing)|jok(?:ed|es|ing)|quip(?:ped|s)"
    r"|propos(?:ed|es|ing)|recommend(?:ed|s|ing)|express(?:ed|es|ing)|reiterat(?:ed|es|ing)"
    r"|confirm(?:ed|s|ing)|report(?:ed|s|ing)|according to)\b",
    re.IGNORECASE,
)


def reports_speech(sentence: str) -> bool:
    """Does the sentence carry somebody's words: a quotation or a verb of saying?"""
    return bool(_SAYS.search(sentence))


def says_their_words(sentence: str, before: str, names: frozenset[str]) -> bool:
    """Can `sentence` hold the words of the person asked about ("what did Okafor say")? It
    must carry speech, not only mention them; another named speaker's words are not theirs
    ("Lind said Okafor needs to ..."); and a sentence that does not name them ('"…," he
    said') is theirs only when the sentence before names them and nobody else speaks there."""
    if not reports_speech(sentence) or speaks_for_other(sentence, names):
        return False
    if names and not _names_any(sentence, names):
        return _names_any(before, names) and not speaks_for_other(before, names)
    return True


# "What did Reid's adviser say ...": the words of somebody named only by their role.
_ROLE_SPEAKER = re.compile(
    r"\bwhat (?:did|does|do|has|have) (?:the )?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['\u2019]s?\s+"
    r"((?:[a-z]+\s+)?[a-z]+)\s+(?:say|said|tell|told)\b", re.IGNORECASE)


# "What did Justice Sotomayor say about Wal-Mart": the speaker is named before "say".
_SPEAKER_PART = re.compile(
    r"\bwhat (?:did|does|do|has|have|had|will|would) (.+?)\s+(?:say|said|tell|told)\b", re.IGNORECASE)


def speaker_names(question: str, names: frozenset[str]) -> frozenset[str]:
    """The question's names that say it (Sotomayor, not Wal-Mart), or all of them."""
    m = _SPEAKER_PART.search(question)
    if not m:
        return names
    speakers = frozenset(stem(w) for w in words(m.group(1))) & names
    return speakers or names


def speaker_role(question: str) -> str | None:
    """The stem of the role that speaks in "what did Reid's *adviser* say", or None."""
    m = _ROLE_SPEAKER.search(question)
    return stem(m.group(1).split()[-1]) if m else None


def says_role_words(sentence: str, before: str, role: str) -> bool:
    """Does `sentence` carry speech from somebody the text calls by `role` ("said Jim
    Manley, a top adviser to Mr. Reid")? The role may be named in the sentence before."""
    if not reports_speech(sentence):
        return False
    return any(_is_role(w, role) for w in words(sentence)) or any(
        _is_role(w, role) for w in words(before))


# Words that share a role's stem but name no person: "drew fierce *criticism*" is not
# Steele's critics speaking, "he *advised*" is no adviser.
_NOT_A_PERSON = re.compile(r"(?:ism|ion|ing|ed|ment|ise|ize|ice)s?$")


def _is_role(word: str, role: str) -> bool:
    return stem(word) == role and not _NOT_A_PERSON.search(word.lower())


def _names_any(text: str, names: frozenset[str]) -> bool:
    return any(stem(w) in names for w in words(text))


# "What did Okafor say ...": a sentence that names Okafor only as what somebody else talks
# about ("Lind said Okafor needs to ...") does not hold Okafor's words.
_SPEECH_VERB = (r"(?:said|says|told|stated|added|warned|urged|argued|declared|wrote|insisted|replied"
                r"|contended|claimed|noted|explained|remarked|responded|tweeted|asked|acknowledged"
                r"|admitted|suggested|predicted|announced|countered|maintained|recalled|complained"
                r"|conceded|boasted|joked|quipped)")
_NAME_RUN = r"[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+)*"
# Who speaks: the name run before a speech verb, past one or two appositives ("Lind, who ...,
# said", "Bobby Scott, D-Va., one of nine who ..., said"), or after one ("said
# Councillor Tim Lind.").
_SPEAKERS = (
    re.compile(r"\b(" + _NAME_RUN + r")(?:(?:,[^,]{1,120}){1,2},)?\s+(?:also\s+|later\s+|then\s+|again\s+)?"
               + _SPEECH_VERB + r"\b"),
    re.compile(r"\b(?:said|says|according to)\s+((?:[A-Z][\w.'\u2019\-]*\s+){0,3}?[A-Z][\w'\u2019\-]+)"
               r"\s*(?=[,.;]|$)"),
)


def speaks_for_other(sentence: str, names: frozenset[str]) -> bool:
    """True when a different named speaker says the sentence's words and none of `names` is
    in a speaker's place ("Summers said ..." for "what did Obama say"), or when the names
    are only inside somebody's quotation. Unknown shapes count as False."""
    if not names:
        return False
    if _only_quoted(sentence, names):
        return True  # '"Chairman Okafor must apologise," he said': words about Okafor
    runs = [m.group(1) for pattern in _SPEAKERS for m in pattern.finditer(sentence)]
    if any(stem(w) in names for run in runs for w in words(run)):
        return False
    return any(run.split()[0].lower() not in _NOT_SPEAKERS for run in runs)


_NOT_SPEAKERS = {"he", "she", "they", "it", "we", "i", "you", "the", "a", "an", "officials",
                 "police", "this", "that", "who", "which"}


def _only_quoted(sentence: str, names: frozenset[str]) -> bool:
    """Every mention of the names lies inside the sentence's quotation marks."""
    spans = quote_spans(sentence)
    if not spans:
        return False
    mentions = [m.start() for m in re.finditer(r"[A-Z][\w'\u2019\-]+", sentence) if stem(m.group()) in names]
    return bool(mentions) and all(any(a <= at < b for a, b in spans) for at in mentions)
