"""Reading: the short span of a sentence that answers a question of a given type.

A span must be of the expected type (a date for "when", a figure for "how many" ...) and
must not repeat the question. For counts, the figure must count what the question asks
about: "37 people were injured" does not answer "how many people were on the plane",
because it counts the injured, a state the question does not ask about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from briefs.answer import question as q
from briefs.answer.query import STOP_WORDS
from briefs.answer.terms import NUMBER_WORDS, ORDINAL_WORDS, paraphrases, stem, tokens
from briefs.write.numbers import find_numbers, identifiers

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r"|\w+teenth|\w+tieth)"
DATE_SPAN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}"
    rf"|(?:the\s+)?(?:early\s+|late\s+|mid-?)?{_ORD}(?:\s+and\s+{_ORD})?\s+centur(?:y|ies)"
    r"|(?:the\s+)?(?:early\s+|late\s+|mid-?)?\d{3,4}s"
    r"|\d{3,5}\s*(?:BC|AD|BCE|CE|BP)"
    r"|(?:1[0-9]|20)\d\d(?:\s*(?:-|–|to|and)\s*(?:1[0-9]|20)?\d\d)?"
    rf"|{_WEEKDAY}|{_MONTH}"
    r"|(?:yesterday|today|tomorrow|tonight|noon|midnight)"
    r"|\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\.?"
    r"|(?:next|last|this)\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter))\b",
    re.IGNORECASE,
)
# Times that answer "when" only if the sentence gives no date: a 24-hour clock ("at 23:30"),
# "9 o'clock", a season or a weekend with a preposition ("in the spring"), a span from now
# ("within three weeks", "in two days"), "by the end of the month". Tried after DATE_SPAN so
# that "after three years of war, in 1945" still answers 1945.
_SPAN_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
RELATIVE_TIME_SPAN = re.compile(
    r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
    r"|\b\d{1,2} o['\u2019]clock\b"
    r"|\b(?:overnight|dawn|dusk|this (?:morning|afternoon|evening))\b"
    rf"|\b(?:in|by|from|until|during|over|at) the (?:{_SEASON}|weekend)\b"
    rf"|\b(?:in|by|until) {_SEASON}\b"
    r"|\b(?:within|in|after) (?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    rf"|a few|several|the next(?: \w+)?) {_SPAN_UNIT}\b"
    r"|\b(?:by|at|before|until) the end of (?:the |this |next )?(?:day|week|month|year)\b",
    re.IGNORECASE,
)
_VERB_NOT_MONTH = {"may", "march", "sat", "sun", "wed"}
_NUM = r"(?:\d[\d,.]*\d|\d)"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
MONEY_SPAN = re.compile(
    rf"(?:(?:US|A|C|HK)?[$£€¥]\s?{_NUM}{_SCALE}"
    rf"|{_NUM}{_SCALE}\s?(?:dollars|pounds|euros|yuan|yen|rubles|roubles|rupees|francs|marks"
    rf"|pesos|sterling|USD|EUR|GBP))",
    re.IGNORECASE,
)
# A share said in words: "by nearly a third", "half", "two-thirds of the budget".
FRACTION_SPAN = re.compile(
    r"\b(?:(?:nearly|almost|about|roughly|more than|less than|over|under|around) )?"
    r"(?:(?:a|one|two|three|four) (?:third|quarter|fifth|tenth)s?|(?:one|two|three)-(?:thirds?|quarters?)"
    r"|(?:a |one )?half)\b", re.IGNORECASE)
PERCENT_SPAN = re.compile(rf"{_NUM}\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I)
_UNITS = (r"(?:km|kilometres?|kilometers?|miles?|m|metres?|meters?|feet|foot|ft|inches?|cm|mm|"
          r"kg|kilograms?|tonnes?|tons?|pounds?|lb|grams?|g|litres?|liters?|gallons?|acres?|"
          r"hectares?|square\s+\w+|degrees?|blocks?|yards?|mph|km/h|years?|months?|weeks?|days?|hours?|minutes?|"
          r"seconds?|decades?|centuries|storeys?|stories|floors?|times)")
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_FIGURE = rf"(?:{_NUM}|(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|{_NUMBER_WORD}|a dozen)"
MEASURE_SPAN = re.compile(
    rf"\b{_FIGURE}(?:\s?(?:million|thousand|hundred|billion))?(?:-|\s)?{_UNITS}\b", re.IGNORECASE)
# "How old is Arpaio?": an age ("79", "aged 79", "at the age of 13", "seven months old",
# "a 79-year-old"), before any other span of years; "for three years" is how long something
# lasted, not how old anything is.
AGE_SPAN = re.compile(
    rf"\b(?:aged?|at the age of)\s+{_FIGURE}\b"
    rf"|\b{_FIGURE}(?:\s|-)(?:years?|months?|weeks?|days?)(?:\s|-)old\b"
    r"|(?<=[A-Za-z], )\d{1,3}(?=, )",
    re.IGNORECASE)
_DURATION = re.compile(r"\b(?:for|after|within|during|over|in)\s+$", re.IGNORECASE)
FIGURE = re.compile(
    rf"(?<![\w$£€¥.,-])(?:\d{{1,2}}[-–]\d{{1,2}}(?!\d)|{_FIGURE})(?:\s(?:million|billion|thousand|hundred))?"
    r"(?:st|nd|rd|th)?(?![\w%])", re.IGNORECASE)
ORDINAL = re.compile(rf"\b(?:\d+(?:st|nd|rd|th)|{'|'.join(ORDINAL_WORDS)})\b", re.IGNORECASE)
_NAME = re.compile(
    r"\b(?:[A-Z][\w'’.-]*|\d+)(?:\s+(?:of|de|da|van|von|the|and|for|al|bin|le|la|du)?\s*"
    r"[A-Z][\w'’.-]*|\s+(?:el|al|bin|ibn|abu|de|da|van|von)-[A-Z][\w'’.-]*)*"
)
_PLACE_PREP = re.compile(
    r"\b(?:in|at|from|near|to|into|across|of|through|throughout|around|outside|inside|toward|"
    r"towards|within)\s+(?:the\s+)?$", re.I)
_ORG_WORDS = {stem(w) for w in (
    "company corporation inc ltd group party agency council court university college bank "
    "association committee union ministry department institute foundation commission board "
    "organisation organization club network army navy force league federation society church "
    "times post news press airlines airline").split()}
# Words that say what state a counted group is in; a figure so qualified counts only that.
_STATES = {stem(w) for w in (
    "injured hurt wounded killed dead died missing arrested rescued evacuated detained "
    "hospitalised hospitalized survived infected sick displaced homeless fired suspended "
    "charged convicted").split()}
_PEOPLE = {stem(w) for w in ("people person passengers crew persons residents adults children "
                             "workers members staff individuals civilians citizens").split()}


def find_span(sentence: str, kind: str, focus: str | None, question_terms: frozenset[str],
              weights: Mapping[str, float] | None = None, verb: str | None = None) -> str | None:
    """The best span of `kind` in the sentence, or None (then the sentence does not answer).
    `weights` (a question stem's IDF) tells which clause of a long sentence the question is
    about; without them every question word counts the same."""
    if kind == q.DATE:
        return (_first_new(DATE_SPAN, sentence, question_terms)
                or _first_new(RELATIVE_TIME_SPAN, sentence, question_terms))
    if kind == q.MONEY:
        return _after_asked(MONEY_SPAN, sentence, question_terms) or _first_new(MONEY_SPAN, sentence, question_terms)
    if kind == q.PERCENT:
        return (_first_new(PERCENT_SPAN, sentence, question_terms)
                or _first_new(FRACTION_SPAN, sentence, question_terms))
    if kind == q.MEASURE and focus == "age":
        return _first_new(AGE_SPAN, sentence, question_terms)
    if kind == q.MEASURE and focus == "old":
        return _first_new(AGE_SPAN, sentence, question_terms) or _age_measure(sentence, question_terms)
    if kind == q.MEASURE:
        return _nearest_new(MEASURE_SPAN, sentence, question_terms)
    if kind == q.COUNT:
        return count_span(sentence, focus, question_terms)
    if kind == q.QUANTITY:
        for pattern in (MONEY_SPAN, PERCENT_SPAN, MEASURE_SPAN, FRACTION_SPAN):
            if found := _first_new(pattern, sentence, question_terms):
                return found
        return count_span(sentence, None, question_terms)
    if kind in (q.PERSON, q.ORG, q.PLACE, q.THING):
        return name_span(sentence, kind, question_terms, weights, focus, verb)
    return None


def _age_measure(sentence: str, known: frozenset[str]) -> str | None:
    """A span of time that can be an age ("515 million years"), not a duration ("for three
    years")."""
    for m in MEASURE_SPAN.finditer(sentence):
        if not _DURATION.search(sentence[max(0, m.start() - 8):m.start()]):
            terms = {stem(t) for t in tokens(m.group())}
            if terms and not terms <= known:
                return m.group().strip()
    return None


def has_span(sentence: str, kind: str, focus: str | None, question_terms: frozenset[str]) -> bool:
    if kind in (q.FACT, q.SPEECH):
        return True
    return find_span(sentence, kind, focus, question_terms) is not None


def _first_new(pattern: re.Pattern[str], sentence: str, known: frozenset[str]) -> str | None:
    for m in pattern.finditer(sentence):
        if m.group() in _VERB_NOT_MONTH:
            continue  # "the suit may soon be dismissed": a verb, not the month
        span_terms = {stem(t) for t in tokens(m.group())}
        if span_terms and not span_terms <= known:
            return m.group().strip()
    return None


def _nearest_new(pattern: re.Pattern[str], sentence: str, known: frozenset[str]) -> str | None:
    """The span nearest before the question's content words: "six months in Parris Island
    and six years in the reserves" answers "how long was he in the reserves" with six years
    ("260 km from the Baltic": a measure comes before what it measures). A measure in
    parentheses converts the one before it and is never chosen over it."""
    spots = _spots(sentence, known)
    best: tuple[int, str] | None = None
    for m in pattern.finditer(sentence):
        span_terms = {stem(t) for t in tokens(m.group())}
        if not span_terms or span_terms <= known or sentence[:m.start()].rstrip().endswith("("):
            continue
        near = min((at - m.end() for at in spots if at >= m.end()), default=len(sentence))
        if best is None or near < best[0]:
            best = (near, m.group().strip())
    return best[1] if best else None


def _after_asked(pattern: re.Pattern[str], sentence: str, known: frozenset[str]) -> str | None:
    """The span nearest after the question's content words when a comma or "while" parts the
    sentence's figures: "He raised $200,000, while Cantor spent more than $1 million" answers
    "how much did Cantor spend" with $1 million (an amount follows who paid it). None when
    the question's words stand after every span or in no clause of their own."""
    spans = [m for m in pattern.finditer(sentence) if {stem(t) for t in tokens(m.group())} - known]
    if len(spans) < 2:
        return None
    spots = _spots(sentence, known)
    best: tuple[int, str] | None = None
    for m in spans:
        before = [at for at in spots if at < m.start() and not _CLAUSE_BREAK.search(sentence, at, m.start())]
        if before and (best is None or m.start() - max(before) < best[0]):
            best = (m.start() - max(before), m.group().strip())
    return best[1] if best else None


_CLAUSE_BREAK = re.compile(r",|;|\bwhile\b|\bwhereas\b|\bbut\b")


def _spots(sentence: str, known: frozenset[str]) -> list[int]:
    """Where the question's content words are in the sentence."""
    return [m.start() for m in re.finditer(r"[\w'’-]+", sentence)
            if m.group().lower() not in STOP_WORDS and stem(m.group()) in known]


def count_span(sentence: str, focus: str | None, known: frozenset[str]) -> str | None:
    """A figure that counts the focus (or, without one, any figure the question lacks)."""
    best: tuple[int, str] | None = None
    names = identifiers(sentence, find_numbers(sentence))  # "PowerCell 750", "Flight 12": no counts
    for m in FIGURE.finditer(sentence):
        figure = m.group()
        if stem(tokens(figure)[0]) in known or _is_year(figure) or m.start() in names:
            continue
        following = [stem(t) for t in tokens(sentence[m.end(): m.end() + 80])]
        after = _until_figure(following[:4])
        before = [stem(t) for t in tokens(sentence[max(0, m.start() - 40): m.start()])][-2:]
        if _share_of(following, focus):  # "4 percent of likely Republican voters"
            fit, span = 2, figure + " percent"
        else:
            fit = _count_fit(after, before, focus, known)
            span = figure + _counted(sentence[m.end():], focus)
        if fit is None:
            continue
        if best is None or fit > best[0]:
            best = (fit, span.strip())
    return best[1] if best else None


def _share_of(following: list[str], focus: str | None) -> bool:
    """Is the figure a share of the counted group ("4 percent of likely Republican voters")?"""
    if not focus or following[:2] != ["percent", "of"]:
        return False
    return bool(paraphrases(focus) & set(_until_figure(following[2:6])))


def _count_fit(after: list[str], before: list[str], focus: str | None, known: frozenset[str]) -> int | None:
    """How well the words around a figure fit the counted thing; None = counts something else."""
    state = next((w for w in [*_clause(after), *before] if w in _STATES), None)
    if state and state not in known and not paraphrases(state) & known:
        return None  # "37 injured" for "how many were on board"
    if not focus:
        return 1
    wanted = paraphrases(focus) | (_PEOPLE if focus in _PEOPLE else set())
    if any(w in wanted for w in after[:3]):
        return 3
    if any(w in wanted for w in before):
        return 2  # "votes: 6-3", "a PMI reading of 49.2"
    if focus in {"time", "meet"} and after[:1] and after[0] in {"meet", "time"}:
        return 3  # "43rd meeting", "40 times"; not "the two last met"
    return None


def _clause(after: list[str]) -> list[str]:
    """The words after a figure up to a conjunction ("six people and injuring 46")."""
    for i, w in enumerate(after):
        if w in {"and", "but", "while", "as", "or", "with"}:
            return after[:i]
    return after


def _until_figure(after: list[str]) -> list[str]:
    """The words after a figure up to the next figure ("68 passengers and 4 crew")."""
    for i, w in enumerate(after):
        if w[:1].isdigit():
            return after[:i]
    return after


_AND_MORE = re.compile(rf"\s+and\s+{_FIGURE}\s+[a-z][\w-]*", re.IGNORECASE)
_FUNCTION = {"in", "on", "at", "of", "to", "for", "from", "by", "and", "or", "the", "a", "an",
             "was", "were", "is", "are", "as", "with", "than", "that", "which", "who"}


def _trailing_noun(rest: str) -> str:
    """The counted noun after a figure, and a second counted group ("and four crew")."""
    m = re.match(r"(?:\s(?:million|billion|thousand|hundred))?(?:[-–]\d+)?\s?([a-z][\w-]*)", rest)
    if not m or m.group(1) in _FUNCTION:
        m2 = re.match(r"[-–]\d+", rest)
        return m2.group() if m2 else ""
    more = _AND_MORE.match(rest, m.end())
    return m.group() + (more.group() if more else "")


def _counted(rest: str, focus: str | None) -> str:
    """The counted noun after a figure; reaching past modifiers to the asked-about noun."""
    noun = _trailing_noun(rest)
    words = noun.split()
    # A plural after the figure is what it counts ("5,200 runners had registered"); a singular
    # is a modifier of the counted noun ("120,000 e-bike batteries").
    if focus and words and not words[0].endswith("s") \
            and not {stem(w) for w in tokens(noun)} & paraphrases(focus):
        return _to_focus(rest, focus) or noun
    return noun


_WORDS_AFTER = re.compile(r"(?:\s[a-z][\w-]*){1,3}")


def _to_focus(rest: str, focus: str | None) -> str:
    """The words after a figure up to the counted noun: "120,000 e-bike batteries"."""
    if not focus:
        return ""
    words = _WORDS_AFTER.match(rest)
    if not words:
        return ""
    kept = []
    for word in words.group().split():
        if word in _FUNCTION:
            return ""
        kept.append(word)
        if stem(word) in paraphrases(focus):
            return " " + " ".join(kept)
    return ""


def _is_year(figure: str) -> bool:
    return bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", figure.strip()))


def name_span(sentence: str, kind: str, known: frozenset[str],
              weights: Mapping[str, float] | None = None, focus: str | None = None,
              verb: str | None = None) -> str | None:
    """A capitalised name the question does not already hold, preferring the type's cues,
    then the name in the clause that says most of what the question asks ("... in Tajikistan,
    and the two cooked pancakes in Vladivostok": where they cooked is Vladivostok)."""
    clauses = _clause_weights(sentence, known, weights or {})
    candidates: list[tuple[int, float, int, str]] = []
    spots = _spots(sentence, known)
    for m in _NAME.finditer(sentence):
        whole = m.group().strip(" .,'’")
        name = _trim_known(whole, known)
        bare = _untitled(name)
        words = tokens(name)
        if not name[:1].isupper() and not name[:1].isdigit():
            continue  # "of Vermont" left of "Democrat of Vermont": no name of its own
        if all(stem(w) in known for w in tokens(bare)) or _is_number(name) or _DATE_WORD.fullmatch(name) \
                or _PRONOUN.match(name):
            continue  # the question's own words ("Mr. Blumenthal"), "Two", a weekday, "I'm": no answer
        last = stem(tokens(_SUFFIX.sub("", _head(bare)) or bare)[-1])
        if last in known and (kind == q.PERSON or bare != name or (len(words) > 1 and last != focus)):
            continue  # "Rick Perry", "Sen. Reid", "Glenn Beck" are those asked about
        if kind == q.PERSON and not (_could_be_person(name) and _could_be_person(_head(bare))):
            continue  # "2012 Republican", "U.S", "CEO of World Wrestling Entertainment": nobody's name
        if len(words) > 1 and words[0].lower() in _DESCRIBING_OPENERS and _opens(sentence, m.start()):
            name = name.split(None, 1)[1]  # "Top US diplomat Antony Blinken": "Top" describes, it names no one
            words = tokens(name)
            if not _could_be_person(name) and kind == q.PERSON:
                continue
        if _POSSESSIVE_END.search(name) and kind in (q.PERSON, q.ORG, q.PLACE):
            name = _POSSESSIVE_END.sub("", name)  # "China’s intention": who intends is China
        if len(words) == 1 and name.lower() in _COMMON_OPENERS \
                and (name != whole or _opens(sentence, m.start())):
            continue  # "This" opening the sentence, a quotation or the rest of "The Times. This"
        if _PARTY_TAG.fullmatch(name):
            continue  # "Rep. Ann Vole (D-Ore.)": a party and state, not a name
        score = 1
        lead = sentence[max(0, m.start() - 12): m.start()]
        stems = {stem(w) for w in words}
        if kind == q.PLACE and _PLACE_PREP.search(lead):
            score += 2
        if kind == q.ORG and stems & _ORG_WORDS:
            score += 2
        if kind == q.PERSON and len(tokens(bare)) >= 2 \
                and stem(tokens(_head(bare))[-1]) not in _ORG_WORDS | _INSTITUTIONS:
            score += 1  # "House Speaker Nancy Pelosi" is a person, "the White House" is not
        if kind == q.PERSON and stems & _PLACE_WORDS:
            score -= 1  # "Kansas City": a place, not who did it
        if kind in (q.PERSON, q.ORG) and verb and _next_word(sentence, m.end()) in paraphrases(verb):
            score += 2  # "The White House asked ..." for "who asked ...": the subject of its verb
        popped = whole.split()[:len(whole.split()) - len(name.split())]
        role_before = any(w.lower() not in STOP_WORDS for w in popped)  # not a mere "The"
        if kind == q.PERSON and (role_before or _after_known(sentence, m.start(), known)
                                 or _apposed_known(sentence, m.end(), known)):
            score += 2  # "press secretary Robert Gibbs", "Kelly Townsend, a founder of ..."
            name = _first_of_pair(name)  # "secretary Robert Gibbs and David Axelrod": Gibbs
        if focus and focus in stems:
            score += 2  # "West Virginia's Third District" for "which district"
        if kind == q.PERSON and _speaks(sentence, m.start(), m.end()):
            score += 2  # '..., Arpaio said.': whoever speaks is a person
        if m.start() == 0 and len(words) == 1 and not _APPOSITION.match(sentence, m.end()):
            score -= 1  # a sentence's first word is capitalised anyway ("McMahon, the CEO": a name)
        if kind == q.PERSON and _ADJECTIVE.fullmatch(words[0]) and _MODIFIER.match(sentence, m.end()) \
                and (len(words) == 1 or stem(words[-1]) in _INSTITUTIONS | _ORG_WORDS):
            continue  # "the Republican presidential nomination", "Republican Senate candidates"
        in_clause = next(w for end, w in clauses if m.start() < end)
        near = min((abs(m.start() - at) for at in spots), default=len(sentence))
        candidates.append((score, in_clause, -near, name))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1], c[2]))[3]


# Titles and honorifics before a name: they do not make "Mr. Blumenthal" a new name when the
# question asks about Blumenthal.
_TITLE = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sen|Senator|Rep|Representative|Gov|Governor|President|Speaker|"
    r"Secretary|Chairman|Judge|Justice|Gen|General|Sheriff|Mayor|Prime Minister|Vice President|"
    r"Former|Outgoing|Sir|Lord|Lady|King|Queen|Prince|Princess)\.?(?:\s+|$)")
_DATE_WORD = re.compile(rf"(?:{_WEEKDAY}|{_MONTH})", re.IGNORECASE)
_PLACE_WORDS = {stem(w) for w in "city county street avenue square island river province "
                "district".split()}
_INSTITUTIONS = {stem(w) for w in "house senate congress capitol hall".split()}
# The verb after a name, past auxiliaries and adverbs: "Gen. Petraeus *has just taken* over".
_NEXT_WORD = re.compile(r"(?:\s+(?:has|have|had|is|was|were|are|will|would|just|also|already|"
                        r"recently|then|been))*\s+([a-z][\w'-]*)")
_WORD_BEFORE = re.compile(r"([a-z][\w'-]*),?\s+$")  # "secretary Robert Gibbs", "developer, Sharif"
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")
_PRONOUN = re.compile(r"I(?:['’]\w+)?$")


def _next_word(sentence: str, end: int) -> str | None:
    """The stem of the lowercase word right after a name ("Arpaio *endorsed*")."""
    m = _NEXT_WORD.match(sentence, end)
    return stem(m.group(1)) if m else None


def _after_known(sentence: str, start: int, known: frozenset[str]) -> bool:
    """Does a word of the question come right before the name ("secretary Robert Gibbs")?"""
    m = _WORD_BEFORE.search(sentence[max(0, start - 30):start])
    if not m or stem(m.group(1)) not in known:
        return False
    return m.group(1) not in STOP_WORDS or m.group(1) in _TELLING_PREPOSITIONS


# Prepositions that say who the other side is: "running against Renee Ellmers" answers "who
# is running against Etheridge" (when the question has the same preposition).
_TELLING_PREPOSITIONS = frozenset({"against", "versus", "alongside", "behind"})


# "Kelly Townsend, a founder of the ... Party": the role a comma puts after a name is the
# name's, so a question word in it ("who founded ...") points at the name.
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+([^,;:]{1,60})")


def _apposed_known(sentence: str, end: int, known: frozenset[str]) -> bool:
    """Does the role after the name ("Kelly Townsend, *a founder of* ...") hold a question word?"""
    m = _APPOSITION.match(sentence, end)
    if not m:
        return False
    words = [w for w in tokens(m.group(1)) if w.lower() not in STOP_WORDS and w[:1].islower()]
    return any(paraphrases(stem(w)) & known for w in words[:3])


# A word like "Republican" or "American" before a lowercase noun is an adjective ("Republican
# presidential nomination", "American troops"), not a person, unless a verb follows.
_ADJECTIVE = re.compile(r"[A-Z]\w{3,}(?:ican|ian|ese|ish|atic|ean)")
_MODIFIER = re.compile(r"\s+(?!(?:said|says|told|asked|wrote|will|would|could|can|has|had|have|is|was"
                       r"|and|or|of|in|on|at|to|for|who|which|that)\b)[a-z]+(?<!ed)\b")


_OPENING = re.compile(r"(?:^|[.!?]\s+|[\"“‘]\s*)$")


def _opens(sentence: str, start: int) -> bool:
    """Does a word at `start` open the sentence or a quotation in it ('wrote: "This is ...')?"""
    return bool(_OPENING.search(sentence[max(0, start - 3):start]))


def _first_of_pair(name: str) -> str:
    """The first of two names joined by "and", when a role before it names that one alone."""
    first, sep, second = name.partition(" and ")
    return first if sep and second[:1].isupper() and len(tokens(first)) >= 2 else name


def _is_number(name: str) -> bool:
    """"1997", "Two": a figure, not a name."""
    return name.isdigit() or (len(tokens(name)) == 1 and stem(name).isdigit())


def _untitled(name: str) -> str:
    while m := _TITLE.match(name):
        name = name[m.end():]
    return name


def _trim_known(name: str, known: frozenset[str]) -> str:
    """The name without the question's own words before it: "House John Boehner" for "who
    is the Speaker of the House" is "John Boehner" (a name ending in them is kept whole)."""
    words = name.split()
    while len(words) > 1 and stem(words[0].strip(".,'’")) in known:
        words.pop(0)
    return " ".join(words)


def _head(name: str) -> str:
    """The name before "of": "Harry Reid" of "Harry Reid of Nevada"."""
    return re.split(r"\s+of\s+", name, maxsplit=1)[0]


def _could_be_person(name: str) -> bool:
    if name[0].isdigit():
        return False
    letters = name.replace(".", "")
    return not (letters.isupper() and len(letters) <= 3)  # "U.S", "UN": no person


def _speaks(sentence: str, start: int, end: int) -> bool:
    """Is the name at sentence[start:end] the subject of "said" ("Arpaio said", "said Arpaio")?"""
    return bool(re.match(r"\s+(?:said|says)\b", sentence[end:end + 7])
                or re.search(r"\bsaid\s+$", sentence[max(0, start - 6):start]))


_PARTY_TAG = re.compile(r"[DRI]-[A-Z][\w.]*")
_CLAUSE_BREAK = re.compile(
    r"[;:]\s|\s[—–]\s|,\s+(?:and|but|while|whereas|although|though|before|after)\b|\bwhile\b")


def _clause_weights(sentence: str, known: frozenset[str],
                    weights: Mapping[str, float]) -> list[tuple[int, float]]:
    """(end, weight) of each clause: the summed weight of the question words it holds."""
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence) + 1]
    out, start = [], 0
    for end in ends:
        held = {stem(t) for t in tokens(sentence[start:end])} & known
        out.append((end, sum(weights.get(t, 1.0) for t in held)))
        start = end
    return out


_POSSESSIVE_END = re.compile(r"(?<=\w)(?:\u2019s|'s)$")
# Describing words that open a sentence before a name, capitalised only for being first.
_DESCRIBING_OPENERS = {"top", "senior", "former", "chief", "veteran", "leading", "longtime", "acting"}
_COMMON_OPENERS = {"the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "this", "that",
                   "but", "and", "after", "before", "when", "while", "there", "its", "his", "her",
                   "their", "as", "by", "for", "from", "with", "during", "since", "although"}
