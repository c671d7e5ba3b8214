"""Figures in news text: found as written (with their unit), valued, and ranked.

`find_numbers` is the one parser, shared by the key-figure extractor and by grounding
(`briefs.write.grounding`), so that what we show and what we verify agree on what a number is.
Only figures written in digits are key figures; number words ("three") are parsed for
verification only, because as key figures they are mostly noise ("one of the", "two sides").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.models import Figure
from briefs.write.text import word_start

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
_UNITS = (
    r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|"
    r"people|persons|deaths|dead|lives|victims|casualties|troops|soldiers|civilians|children|"
    r"students|workers|employees|jobs|residents|members|votes|voters|seats|cases|patients|"
    r"homes|houses|buildings|vehicles|cars|flights|passengers|migrants|refugees|prisoners|"
    r"customers|users|households|subscribers|visitors|tourists|tickets|shares|animals|"
    r"countries|nations|states|cities|companies|times|games|goals|points|point|runs|"
    r"miles|kilometres|kilometers|km|metres|meters|feet|ft|inches|acres|hectares|tons|"
    r"tonnes|barrels|gallons|litres|liters|pounds|kg|kilograms|degrees|mph|megawatts|MW|GW|"
    r"millimetres|millimeters|mm|centimetres|centimeters|cm|"
    # the singular a measure takes before a hyphen ("the 1,900-mile-wide moon", "a 40-foot statue")
    r"mile|kilometre|kilometer|metre|meter|foot|inch|acre|hectare|ton|tonne|barrel|gallon|litre|"
    r"liter|kilogram|degree"
)
_NUMBER = re.compile(
    r"(?=[\dUACNHSERG$£€¥₹])(?P<cur>(?:US|A|C|NZ|HK|S)?[$£€¥₹]|\b(?:USD|EUR|GBP|Rs\.?)\s?)?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"
    r"(?:(?P<ord>st|nd|rd|th)\b"
    r"|(?P<age>-years?[\s-]old)\b"  # ("a 55-year old man", as some copy writes it)
    r"|\s?(?P<pct>%|percent\b|per\s?cent\b|percentage points?\b)"
    r"|(?:[\s-]?(?P<scale>trillion|billion|million|thousand|bn|mn|mln|tn|trn)\b|(?P<scale1>[mbk])\b)?"
    r"(?:(?P<usep>[\s-]?)(?P<unit>" + _UNITS + r")\b)?)"
)
_DIGIT = re.compile(r"\d")
_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}
_WORD_NUMBER = re.compile(
    # (the look-ahead of first letters lets the engine skip positions no number word starts at)
    "(?=[" + "".join(sorted({word[0] for word in _WORDS})) + r"])\b(?P<word>" + "|".join(_WORDS) + r")"
    r"(?:[\s-](?P<scale>hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_MONTHS = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s*$"
)
_MONTH_AFTER = re.compile(
    r"^(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)
_CLOCK = re.compile(r"^(?::\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC|ET|EST|EDT|BST|CET)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMatch:
    text: str  # as written, with currency, scale and unit
    start: int
    end: int
    value: float
    kind: str  # "money:$", "percent", "ordinal", "age", "unit:<noun>", "plain", "date", "time"


def find_numbers(text: str, *, words: bool = False) -> list[NumberMatch]:
    """Every figure in `text` in order; with `words`, also number words ("three")."""
    found = [_digit_match(m, text) for m in _NUMBER.finditer(text)] if _DIGIT.search(text) else []
    if words:
        found += [_word_match(m) for m in _WORD_NUMBER.finditer(text)]
        found.sort(key=lambda n: n.start)
    return found


def _digit_match(m: re.Match[str], text: str) -> NumberMatch:
    value = float(m.group("num").replace(",", ""))
    scale = (m.group("scale") or m.group("scale1") or "").lower()
    value *= _SCALES.get(scale, 1.0)
    end = m.end()
    if m.group("cur") and m.group("unit"):
        # "$447 billion jobs package": the noun says what the money is for, not its unit.
        end = m.start("usep")
    return NumberMatch(text[m.start():end].strip(), m.start(), end, value, _kind(m, text))


def _kind(m: re.Match[str], text: str) -> str:
    if m.group("cur"):
        return "money:" + m.group("cur").strip().rstrip(".")[-1:]
    if m.group("pct"):
        return "percent"
    if m.group("ord") and "." not in m.group("num"):
        return "date" if _MONTH_AFTER.match(text[m.end("num"):]) else "ordinal"
    if m.group("age"):
        return "age"
    if m.group("unit"):
        return "unit:" + m.group("unit").lower().rstrip("s")
    if _MONTHS.search(text[max(0, m.start() - 12):m.start()]) or _MONTH_AFTER.match(text[m.end():]):
        return "date"
    if _CLOCK.match(text[m.end():]) or text[m.end():m.end() + 1] == ":":
        return "time"
    return "plain"


# Tokens made of several figures, read whole: a clock time ("00:05"), a season or fraction
# ("2014/15", "3/4"), a numeric date ("12/03/2024"), a score or a range ("2-1", "6-3",
# "10-11"). Their parts are never key figures on their own. (Each starts with a digit: the
# look-ahead lets the engine skip every other position.)
_COMPOUND = re.compile(
    r"(?=\d)(?<![\w.,/:\-\u2013])(?:"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?)"
    r"|(?P<date>\d{1,2}/\d{1,2}/\d{2,4})"
    r"|(?P<season>(?:19|20)\d{2}/\d{2}(?:\d{2})?)"
    r"|(?P<frac>\d+/\d+)"
    r"|(?P<pair>\d+(?:\.\d+)?\s?[-\u2013]\s?\d+(?:\.\d+)?)"
    r"|(?P<tally>\d{1,3} to \d{1,3}(?!\d|\s?%|\s(?:percent|per\s?cent)\b))"
    r")(?![\w/:]|[.,]\d|[-\u2013]\d)"
)
_SCORE_WORDS = re.compile(
    r"\b(?:win|won|wins|beat|beats|beaten|victory|defeat|defeated|lost|loss|lose|draw|drew|"
    r"lead|led|score|scored|scoreline|result|set|sets|match|game|final|thrashed|edged)\b", re.IGNORECASE)


# The unit a range "N to M" shares, right after it: "25 to 30 times", "3 to 5 years".
_RANGE_UNIT = re.compile(r"\s(?:" + _UNITS + r")\b")
_VOTE_WORDS = re.compile(r"\b(?:vote|votes|voted|voting|ruled|ruling|decision|majority|margin)\b", re.IGNORECASE)


def compound_numbers(text: str) -> list[NumberMatch]:
    """Every multi-figure token of `text` as one figure with its kind: time, date, season,
    fraction, score (a pair in a sentence about a result) or range."""
    out = []
    for m in _COMPOUND.finditer(text):
        kind = m.lastgroup or "range"
        first = float(re.match(r"\d+(?:\.\d+)?", m.group(0)).group(0))  # type: ignore[union-attr]
        if kind == "tally":  # "voted 9 to 2", "won 3 to 1"; elsewhere "9 to 2" is left to the single figures
            if not _VOTE_WORDS.search(text) and not _SCORE_WORDS.search(text):
                unit = _RANGE_UNIT.match(text, m.end())
                if unit:
                    # "25 to 30 times your expenses": one range of the unit both share
                    out.append(NumberMatch(text[m.start():unit.end()], m.start(), unit.end(), first, "range"))
                continue
            kind = "score"
        elif kind == "pair":
            kind = "score" if _SCORE_WORDS.search(text) and "." not in m.group(0) else "range"
        elif kind == "frac":
            top, bottom = m.group(0).split("/")
            first = float(top) / float(bottom) if float(bottom) else float(top)
            # "9/11", "7/7": a month and a day naming an event, not a share of something.
            kind = "date" if 0 < int(top) <= 12 and 10 < int(bottom) <= 31 else "fraction"
        out.append(NumberMatch(m.group(0), m.start(), m.end(), first, kind))
    return out


def _glued(text: str, match: NumberMatch) -> bool:
    """A figure stuck to letters or to another figure ("7minutes", "145ers", "20/20"): a
    piece of a larger token, never shown alone."""
    before, after = text[max(0, match.start - 2):match.start], text[match.end:match.end + 2]
    if before[-1:].isalnum() and match.text[:1].isdigit():
        return True  # "Â£10,000" (a stray byte before the currency) is still whole
    if after[:1].isalpha() and not match.kind.startswith(("money", "unit")):
        return True
    return (len(before) == 2 and before[1] in "/:-\u2013" and before[0].isdigit()) or \
        (len(after) == 2 and after[0] in "/:-\u2013" and after[1].isdigit())


def _word_match(m: re.Match[str]) -> NumberMatch:
    value = float(_WORDS[m.group("word").lower()])
    if m.group("scale"):
        value *= 100 if m.group("scale").lower() == "hundred" else _SCALES[m.group("scale").lower()]
    return NumberMatch(m.group(0), m.start(), m.end(), value, "plain")


# -- key figures ---------------------------------------------------------------------------

_KIND_WEIGHT = {"money": 5.0, "percent": 4.5, "unit": 3.5, "age": 3.0, "ordinal": 2.5, "plain": 2.0}
_MINOR_UNITS = {"unit:point", "unit:time", "unit:game", "unit:goal", "unit:run", "unit:ft", "unit:feet", "unit:foot"}
# A plural of people named by nation or party right after a figure: "600 Britons", "40
# Israelis", "12 Democrats".
_PEOPLE_NAMED = r"\s[A-Z][a-z]{2,}(?:ans|ons|is|ats)\b"
_COUNTED_LATER = re.compile(
    r"\s+(?:[A-Za-z\-]+\s+){1,2}(?:" + _UNITS + r")\b|-[a-z]{3,}\b"
    # or any plural noun right after it: "10 appearances", "52 sports", "41 videos"
    r"|\s(?:more|fewer|extra|new|additional|other|further)\s(?:[a-z\-]+\s)?[a-z]{2,}[^s\W]s\b"
    r"|\s(?!(?:was|has|is|its|his|this|thus|plus|minus|across|towards|as|us|does|yes|always|"
    r"perhaps|whereas|sometimes|hours|less|unless)\b)[a-z]{2,}[^s\W]s\b"
    r"|" + _PEOPLE_NAMED
)
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|until|from|of|after|before|year|through)\s+$", re.IGNORECASE)
# (an en dash between figures joins a range, "2\u20133 hours")
_CLAUSE_SPLIT = re.compile(r"\s*(?:;|:(?!\d)|\u2014|(?<!\d)\u2013|\u2013(?!\d)| - |"
                           r", (?=(?:and|but|while|which|who|as|after|although|because|when|where)\b))\s*")


def key_numbers(sentences: list[str], source_id: str, limit: int = 5, title: str = "",
                year: int | None = None) -> list[Figure]:
    """The figures that matter most, each with the clause it came from, best first.
    A figure the headline carries ("Hosepipe ban for 240,000 people") leads. `year`: the
    story's (its publication's); unknown, the latest year the story writes."""
    headline = {round(n.value, 6) for n in find_numbers(title)}
    scored: dict[str, tuple[float, Figure]] = {}
    about = _story_figures(sentences[:2], title)
    principals = set(_CAPITALISED.findall(" ".join([title, *sentences[:2]])))
    now = year or _latest_year(sentences)
    for index, sentence in enumerate(sentences):
        background = index >= 2 and _dated_earlier(sentence, now)
        matches = find_numbers(sentence)
        names = identifiers(sentence, matches)
        compounds = compound_numbers(sentence)
        inside = {i for c in compounds for i in range(c.start, c.end)}
        whole = [m for m in matches if m.start not in inside and not _glued(sentence, m)]
        for match in sorted(whole + compounds, key=lambda m: m.start):
            if match.start in names or match.text in _NO_QUANTITIES:
                continue
            if _CONVERSION_BEFORE.search(sentence, 0, match.start):
                continue  # "1,900-mile-wide (3,100 kilometers)": the same figure in other units
            if background and kind_of(match, sentence) in _BACKGROUND_KINDS:
                continue  # "... celebrated his 66th birthday together in 2019"
            weight = _weight(match, sentence, index, about)
            if round(match.value, 6) not in about and _age_of_bystander(match, sentence, principals):
                continue  # "said Jo Dunn, 22, a student": who is not in the headline or lead
            if round(match.value, 6) not in headline and _aged(match, sentence):
                continue  # "four children aged from two to 11": unless the headline is about that age
            if weight <= 0:
                continue
            if round(match.value, 6) in headline:
                weight += 4.0
            if match.kind in _LARGER_UNIT_KINDS and _SMALLER_UNIT_AFTER.match(sentence, match.end):
                continue  # "2 hours" of "2 hours 5 minutes": shown whole with its minutes
            match = _with_larger_units(sentence, match)
            key = shown_text(match, sentence).lower()
            if key in scored:
                # A figure repeated through the story matters more; keep its first context.
                best, figure = scored[key]
                scored[key] = (best + 0.5, figure)
                continue
            figure = Figure(shown_text(match, sentence), clause_around(sentence, match.start, match.end),
                            source_id, kind_of(match, sentence))
            scored[key] = (weight, figure)
    ranked = sorted(scored.values(), key=lambda item: -item[0])
    out: list[Figure] = []
    for _, figure in ranked:
        # Two figures from one clause ("his 66th birthday ... in 2019"): the better one shows it.
        if any(f.context == figure.context for f in out) and _is_year_text(figure.text):
            continue
        out.append(figure)
        if len(out) == limit:
            break
    return out


def _with_larger_units(sentence: str, match: NumberMatch) -> NumberMatch:
    """A time in seconds or minutes with the larger units written before it, whole: "three minutes
    38.56 seconds" (its seconds alone would misstate the time), "2 hours 5 minutes"."""
    if match.kind not in _SMALLER_UNITS:
        return match
    before = _LARGER_UNITS.search(sentence, 0, match.start)
    if before is None:
        return match
    return NumberMatch(sentence[before.start():match.end], before.start(), match.end, match.value, match.kind)


_SMALLER_UNITS = {"unit:second", "unit:sec", "unit:minute", "unit:min"}
_LARGER_UNIT_KINDS = {"unit:hour", "unit:hr", "unit:minute", "unit:min"}
_SMALLER_UNIT_AFTER = re.compile(r",?\s+(?:and\s+)?\d+(?:\.\d+)?\s*(?:minutes?|mins?|seconds?|secs?)\b",
                                 re.IGNORECASE)
# "three minutes ", "2 hours, 5 minutes and ": the larger units of one time, right before its
# smaller one.
_LARGER_UNITS = re.compile(r"(?<![\w.,])(?:(?:\d+|" + "|".join(_WORDS) + r")\s+(?:hours?|hrs?|minutes?|mins?),?"
                           r"\s+(?:and\s+)?)+$", re.IGNORECASE)


# Written as figures but no quantities: "open 24/7", "the 20/20 interview" (a programme).
_NO_QUANTITIES = {"24/7", "20/20"}


# A figure with its unit, then an opening bracket: what the bracket opens with restates it
# ("about 2,300 tons (2,095 metric tons)", "$5 million (\u00a33.9m)").
_CONVERSION_BEFORE = re.compile(r"\d[\d,.]*%?(?:[\s\-]+[a-zA-Z][a-zA-Z\-]*){0,3}\s*\([\u00a3$\u20ac\u00a5]?$")


# A sentence that dates itself to a year before the story's ("in 2019", "in March 2018",
# "during 1969") tells its background: an earlier visit, a birthday, a war. Its years, ages and
# ordinals are not the story's key numbers (its amounts and counts may still be: "lost $2
# billion in 2019"). "Since 2012" reaches the present.
_BACKGROUND_KINDS = {"year", "age", "ordinal"}
_DATED = re.compile(
    r"\b(?:in|during|of)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+(?:\d{1,2},?\s+)?)?"
    r"((?:1[89]|20)\d\d)\b(?!-|\u2013|/)")
_SPAN = re.compile(r"\b(?:since|from)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:1[89]|20)\d\d)\b")


def _dated_earlier(sentence: str, now: int | None) -> bool:
    if now is None:
        return False
    for m in _DATED.finditer(sentence):
        if int(m.group(1)) < now and not _SPAN.search(sentence, 0, m.start()):
            return True
    return False


def _latest_year(sentences: list[str]) -> int | None:
    years = [int(y) for s in sentences for y in _YEAR.findall(s)]
    return max(years) if years else None


# -- identifiers ----------------------------------------------------------------------------
# Digits that name a thing rather than count it: product and model numbers ("PowerCell 500",
# "Boeing 737", "the 500 and 750 models"), flights, routes, sections of a law. Shown as key
# figures they would read as quantities ("500"), so they are left out.

_ID_NOUN_BEFORE = re.compile(
    r"(?:\b(?:model|no\.|number|version|type|class|series|flight|route|gate|platform|line|"
    r"chapter|section|article|page|exit|highway|interstate|room|channel|bus|mark|mk\.?)\s*|#)$",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][\w\-]*)\s$")
_HYPHENATED = re.compile(r"\b[A-Z][A-Za-z]*-$")  # "Covid-19", "F-35", not "over-65s"
_ID_NOUN_AFTER = re.compile(
    r"^(?:(?:\s*,\s*|\s+(?:and|or|&)\s+|/)\d+)*\s*(?:models?|series|editions?|variants?|versions?)\b",
    re.IGNORECASE,
)
_SCORE_AFTER = re.compile(r"\s?[-\u2013]\s?\d")
_EVENT_BEFORE = re.compile(r"\b(?:on|since|after|before|of|post|pre)[\s\-]+$", re.IGNORECASE)
# Emergency and service lines named by their number.
_SERVICE_NUMBERS = {"911", "999", "112", "311", "988", "000", "111"}
_DIALLED = re.compile(r"\b(?:dial(?:l?ed|l?ing|s)?|call(?:ed|ing|s)?|phoned|texted)\s+$", re.IGNORECASE)
_SERVICE_AFTER = re.compile(r"\s*(?:calls?|callers?|dispatch(?:ers?)?|operators?|emergency|hotline|lines?|"
                            r"system|centers?|centres?|services?|tapes?|recordings?)\b", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")
_SCORE_LINE = re.compile(r"[A-Z][\w.]*\s\d{1,2},\s(?:[A-Z][\w.]*\s)+\d{1,2}\b")
_COORDINATION = re.compile(r"^\s*(?:,|/|&|and|or|,\s*and|,\s*or)\s*$")
# Capitalised words before a figure that are not names: sentence openers, weekdays.
_NOT_NAMES = {
    "About", "Around", "Some", "Nearly", "Almost", "Roughly", "Approximately", "Only", "Just",
    "Over", "Under", "More", "Less", "Fewer", "Up", "Down", "In", "On", "At", "By", "Of", "For",
    "From", "To", "With", "Between", "Since", "Until", "After", "Before", "The", "A", "An",
    "And", "But", "Or", "All", "Each", "Every", "Those", "These", "This", "That", "Its",
    "Their", "His", "Her", "Our", "Another", "Least", "Most", "Than", "Even", "Still", "Now",
    "Aged", "Age", "Top", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today",
}


def identifiers(sentence: str, matches: list[NumberMatch]) -> set[int]:
    """The start offsets of the figures in `sentence` that are identifiers, not quantities."""
    found: set[int] = set()
    previous: NumberMatch | None = None
    for match in matches:
        if sentence[match.start - 1:match.start] == "[" and sentence[match.end:match.end + 1] == "]":
            found.add(match.start)  # "... clinical intervention [2].": a reference to a source
        if match.kind == "ordinal" and _CAPITAL_AFTER.match(sentence, match.end):
            found.add(match.start)  # "the 16th District", "the 14th Amendment": part of a name
        if match.kind == "plain" and match.text.isdigit() and not _SCORE_AFTER.match(
                sentence, match.end) and (_named_by_neighbours(sentence, match)
                or _joined_to_identifier(sentence, match, previous, found)):
            found.add(match.start)
        previous = match
    return found


def _named_by_neighbours(sentence: str, match: NumberMatch) -> bool:
    before = sentence[max(0, match.start - 40):match.start]
    if match.text in _SERVICE_NUMBERS and (_DIALLED.search(before) or _SERVICE_AFTER.match(sentence, match.end)):
        return True  # "911 calls", "dialled 999": a telephone line, not a count
    if match.text == "911" and _EVENT_BEFORE.search(before):
        return True  # "their bravery on 911", "since 911": the attacks of 9/11, written without the slash
    if _ID_NOUN_BEFORE.search(before) or _HYPHENATED.search(before):
        return True
    name = _NAME_BEFORE.search(before)
    if name and _is_name(name.group(1), match.start - len(name.group(0)) <= 0) \
            and not _in_score(sentence, match):
        return True  # "PowerCell 500", "Boeing 737"
    return bool(_ID_NOUN_AFTER.match(sentence[match.end:]))  # "the 500 and 750 models"


def _is_name(word: str, opens_sentence: bool) -> bool:
    """A capitalised word naming a product or a line, not a sentence's first word that is
    only capitalised by position ("Now 91, she ...", "Needing 99 to win ...")."""
    if word in _NOT_NAMES:
        return False
    return not (opens_sentence and word.lower().endswith(("ing", "ed", "ly")))


def _in_score(sentence: str, match: NumberMatch) -> bool:
    """A result is a quantity: "beat Chile 1-0", "Millwall 0, Walsall 2"."""
    if _SCORE_AFTER.match(sentence, match.end):
        return True
    return any(s.start() <= match.start < s.end() for s in _SCORE_LINE.finditer(sentence))


def _joined_to_identifier(sentence: str, match: NumberMatch, previous: NumberMatch | None,
                          found: set[int]) -> bool:
    """``PowerCell 500 and 750``: a figure coordinated with an identifier is one too."""
    return previous is not None and previous.start in found \
        and bool(_COORDINATION.match(sentence[previous.end:match.start]))


def _is_year_text(text: str) -> bool:
    return text.isdigit() and len(text) == 4


_BACKGROUND_WEIGHT = {"age": 2.0, "ordinal": 1.5}
_COMPOUND_WEIGHT = {"score": 3.0, "range": 2.5, "fraction": 2.5}


def _story_figures(lead: list[str], title: str) -> set[float]:
    """Values the headline and the lead write: a year, an age or an ordinal there is what the
    story is about ("Man, 92, ..." / "the 43rd meeting"); elsewhere it is background."""
    return {round(n.value, 6) for text in [title, *lead] for n in find_numbers(text)}


def _is_age(match: NumberMatch, sentence: str) -> bool:
    """``Lena Ward, 21, was ...``: a small number set off by commas after a name is an age; so
    is one after "aged" ("four children aged from two to 11")."""
    if match.kind != "plain" or not match.text.isdigit() or match.value >= 120:
        return False
    after_name = bool(_NAME_COMMA.search(sentence[:match.start])) and sentence[match.end:match.end + 1] == ","
    return after_name or _aged(match, sentence)


def _aged(match: NumberMatch, sentence: str) -> bool:
    """Whether the figure follows "aged" ("aged 11", "aged from two to 11")."""
    return bool(_AGED.search(sentence, max(0, match.start - 40), match.start))


# "aged 11", "aged from two to 11", "aged between 9 and 11": the figure is an age.
_AGED = re.compile(r"\baged?\s+(?:(?:from|between)\s+)?(?:[\w\-]+\s+(?:to|and)\s+)?$")


_NAME_COMMA = re.compile(r"\b[A-Z][\w'\u2019\-]+,\s$")
_CAPITALISED = re.compile(word_start("[A-Z]") + r"[\w'\u2019\-]+")


def _age_of_bystander(match: NumberMatch, sentence: str, principals: set[str]) -> bool:
    """An age set off after a name ("Jo Dunn, 22,") of somebody the headline and the lead do
    not name: a witness's or a student's age, not the story's figure."""
    if not _is_age(match, sentence):
        return False
    name = _NAME_COMMA.search(sentence[:match.start])
    return bool(name) and name.group().rstrip(", ") not in principals


def _weight(match: NumberMatch, sentence: str, index: int, about: set[float] | None = None) -> float:
    kind = "age" if _is_age(match, sentence) else match.kind.split(":")[0]
    if kind in ("date", "time", "season"):
        return 0.0
    in_story = about is None or round(match.value, 6) in about
    if kind in _COMPOUND_WEIGHT:
        return _COMPOUND_WEIGHT[kind] / (1 + index * 0.15)
    if kind in ("age", "ordinal") and not in_story:
        # An ordinal in a later sentence ("the 43rd meeting") ranks below the event's figures.
        return _BACKGROUND_WEIGHT[kind] / (1 + index * 0.15)
    if kind == "plain":
        if _is_year(match):
            # A year matters only in context ("since 2014"), most when the lead has it.
            if not _YEAR_CONTEXT.search(sentence[:match.start]):
                return 0.0
            return (1.0 if in_story else 0.5) / (1 + index * 0.1)
        if match.value < 2 and "." not in match.text:
            return 0.0  # "1" is mostly list numbering or "one"
    weight = _KIND_WEIGHT.get(kind, 1.0)
    counted = kind == "plain" and (_COUNTED_LATER.match(sentence, match.end) or match.value >= 1000)
    if counted:
        # "160,000 Palestinian refugees", "a 164-store chain", "a 6,000 crowd": counts.
        weight = _KIND_WEIGHT["unit"]
    elif kind == "plain" and not in_story:
        weight = 0.8  # a bare integer that counts nothing named: rarely the story's figure
    if match.kind in _MINOR_UNITS:
        weight = 2.0  # "12-point plan", "three times": counts, but rarely the story's figure
    # Earlier sentences carry the story's main facts (news is written lead-first).
    return weight / (1 + index * 0.15)


def kind_of(match: NumberMatch, sentence: str) -> str:
    """What a key figure is: money, percent, count (of a named thing), measure (with a unit),
    score, range, fraction, age, ordinal, year or number."""
    kind = "age" if _is_age(match, sentence) else match.kind.split(":")[0]
    if kind == "unit":
        return "count" if match.kind in _COUNT_UNITS else "measure"
    if kind == "plain":
        if _is_year(match):
            return "year"
        counted = _COUNTED_LATER.match(sentence, match.end) or match.value >= 1000
        return "count" if counted else "number"
    return kind


_COUNT_UNITS = {"unit:" + u.rstrip("s") for u in (
    "people persons deaths dead lives victims casualties troops soldiers civilians children students "
    "workers employees jobs residents members votes voters seats cases patients homes houses buildings "
    "vehicles cars flights passengers migrants refugees prisoners customers users households "
    "subscribers visitors tourists tickets shares animals countries nations states cities companies "
    "times games goals points point runs").split()}


# The plural noun right after a bare figure says what it counts: "15 stories", "a
# 500-seat hall". Shown with it, the figure reads as a quantity, not a lone integer.
_NOUN_AFTER = re.compile(
    r"-[a-z]{3,}\b(?!-)|\s(?!(?:was|has|is|its|his|this|thus|plus|minus|across|towards|as|us|"
    r"does|yes|always|perhaps|whereas|sometimes|less|unless)\b)[a-z]{2,}[^s\W]s\b|" + _PEOPLE_NAMED)


def shown_text(match: NumberMatch, sentence: str) -> str:
    """The figure as a key number shows it: a bare count with the noun it counts."""
    if match.kind != "plain" or _is_year(match) or _is_age(match, sentence):
        return match.text
    noun = _NOUN_AFTER.match(sentence, match.end)
    return match.text + noun.group() if noun else match.text


def _is_year(match: NumberMatch) -> bool:
    return match.text.isdigit() and len(match.text) == 4 and 1800 <= match.value <= 2100


def clause_around(sentence: str, start: int, end: int, max_words: int = 28) -> str:
    """The clause of `sentence` holding [start, end): split at ; : dashes and joining commas,
    then, if still long, cut to the comma-separated pieces nearest the figure."""
    pieces, offset, chosen = [], 0, (0, len(sentence))
    for part in _CLAUSE_SPLIT.finditer(sentence):
        pieces.append((offset, part.start()))
        offset = part.end()
    pieces.append((offset, len(sentence)))
    for i, (s, e) in enumerate(pieces):
        if s <= start < e or (s <= start and end <= e):
            chosen = (s, e)
            # A very short clause ("up 4.2%") needs its neighbour to make sense.
            if len(sentence[s:e].split()) < 6 and i > 0:
                chosen = (pieces[i - 1][0], e)
            elif len(sentence[s:e].split()) < 4 and i + 1 < len(pieces):
                chosen = (s, pieces[i + 1][1])  # "Since 1989, when it crushed the protests": the clause it opens
            break
    clause = sentence[chosen[0]:chosen[1]]
    if len(clause.split()) > max_words:
        clause = _comma_window(clause, start - chosen[0], end - chosen[0], max_words)
    return _without_dangling_attribution(clause.strip(" ,;:"))


# '... during the last 19 months," he said.': the end of a quotation whose opening mark the
# clause left out, then its attribution. The figure's clause reads better without both.
_DANGLING_ATTRIBUTION = re.compile(
    r"[,.!?]?[\"\u201d]\s*(?:he|she|they|we|I|[A-Z][\w.\-\u2019']*(?:\s+[A-Z][\w.\-\u2019']*){0,2})\s+"
    r"(?:said|says|added|adds|wrote|writes|told reporters)\.?$")
_OPENING_MARK = re.compile("[\"\u201c]")


def _without_dangling_attribution(clause: str) -> str:
    match = _DANGLING_ATTRIBUTION.search(clause)
    if match is None or _OPENING_MARK.search(clause, 0, match.start()):
        return clause  # the quotation opens inside the clause: its marks stay balanced
    return clause[:match.start()]


def _comma_window(clause: str, start: int, end: int, max_words: int) -> str:
    """The comma-separated pieces around the figure, grown while they stay short."""
    bounds = [0] + [m.end() for m in re.finditer(r",\s", clause)] + [len(clause) + 2]
    i = max(k for k in range(len(bounds) - 1) if bounds[k] <= start)
    lo, hi = i, i + 1
    while True:
        grown = False
        for new_lo, new_hi in ((lo, hi + 1), (lo - 1, hi)):
            if 0 <= new_lo and new_hi < len(bounds):
                text = clause[bounds[new_lo]:bounds[new_hi] - 2]
                if len(text.split()) <= max_words and len(clause[bounds[lo]:bounds[hi] - 2].split()) < 10:
                    lo, hi, grown = new_lo, new_hi, True
                    break
        if not grown:
            break
    text = clause[bounds[lo]:bounds[hi] - 2]
    words = text.split()
    if len(words) > max_words:  # one long piece: keep the words around the figure
        before = len(clause[bounds[lo]:start].split())
        first = max(0, before - max_words // 3)
        text = " ".join(words[first:first + max_words])
    return text
