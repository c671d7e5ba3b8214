"""Choosing a quotation's speaker among candidates, with a small model learned from PolNeAR.

The rules in briefs/write/quotes.py propose a speaker; this module gathers the other people
(and roles) the text offers near the quotation, describes each with a few features (is it the
rules' choice and by which rule, is it the subject of a nearby speech verb, how far away is
it, is it named inside the quotation, is it a known person or an organisation, how often the
article names and quotes it, does the next quotation's attribution name it) and scores them
with a conditional logistic model, beside a "nobody" choice. The model's choice stands only
where the rules name nobody; where they name somebody it may only give the fuller form of that
name. The weights are learned on PolNeAR train by ``bench/train_speakers.py`` and shipped as
``speaker_model.json`` beside this file; without that file the rules' speakers stand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.write.people import People, plural_role
from briefs.write.phrases import (
    IT_WAS_SAID,
    NAME_GIVEN,
    NOT_NAME_OPENERS,
    OBJECT_PREPOSITIONS,
    PARTY_TAG_AFTER,
    POSSESSIVE_ENDS,
    PRONOUN_SAYS,
    ROLE_NOUNS,
    ROLE_WORDS,
    SPEECH_VERB,
    SPEECH_VERBS,
    STOP_CAPS,
    TITLES,
    WRITINGS,
    after_possessor,
    bare,
    is_label,
    is_law,
    is_org_phrase,
)
from briefs.write.text import quote_spans

if TYPE_CHECKING:
    from briefs.write.quotes import Found

MODEL_PATH = Path(__file__).with_name("speaker_model.json")
NOBODY = ""
_BEFORE = 700  # characters before the quotation's sentence where candidates are looked for
_AFTER = 150
_MAX_CANDIDATES = 12
_MAX_PHRASES = 6  # noun phrases of the quotation's own sentence added as candidates
_ADJACENT_GAP = 250  # characters of narration between two quotations of one speaker's words
_HOWS = ("after", "before", "continued", "subject")
_ORG_HINTS = {"news", "times", "post", "party", "campaign", "committee", "house", "department",
              "office", "group", "university", "council", "ministry", "agency", "network", "fox",
              "cnn", "msnbc", "abc", "cbs", "nbc", "foundation", "pac", "court", "press"}


Features = dict[str, float]


@lru_cache(maxsize=4)  # the speaker and the quotation models, read once each
def load_model(path: Path = MODEL_PATH) -> dict[str, float] | None:
    """The learned weights, or ``None`` when no model file is shipped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = dict(data["weights"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # The margin by which "nobody" is favoured, set in training for the accuracy wanted.
    weights["nobody"] = weights.get("nobody", 0.0) + float(data.get("nobody_margin", 0.0))
    return weights


def choose_speakers(found: list[Found], people: People, weights: dict[str, float] | None = None) -> None:
    """Replace each quotation's speaker with the model's choice among its candidates."""
    weights = weights if weights is not None else load_model()
    if not weights:
        return
    for _quote, _options in walk(found, people, weights, deciding=True):
        pass


def walk(found: list[Found], people: People, weights: dict[str, float] | None,
         deciding: bool = False) -> Iterator[tuple[Found, list[tuple[str, Features]]]]:
    """Each quotation (a statute's words aside) with its candidates, in article order; with
    `weights`, the model's choice is then made (as choose_speakers does) and becomes the
    previous speaker that the next quotation's candidates see. Training walks the same way.
    `deciding` (no training) skips the candidates of a quotation whose choice cannot change."""
    previous: str | None = None
    last: Found | None = None
    quoted = quoted_counts(found)
    speaking: set[str] | None = None  # who speaks anywhere in the article, found when first needed
    for i, quote in enumerate(found):
        if quote.how == "document" or (quote.how == "asked" and not quote.speaker) \
                or (not quote.speaker and NAME_GIVEN.search(people.text, max(0, quote.position - 30), quote.position)):
            # a statute's or a sign's words, a question an unnamed asker put, or a name something
            # is given ("it is called "pigeon breeder's lung""): nobody's, by rule
            previous, last = None, quote
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        options = candidates(quote, people, previous, last, following, quoted, fuller_only=deciding)
        yield quote, options
        if weights and options:
            if speaking is None and not quote.speaker:
                speaking = {_DETERMINER.sub("", name) for name in set(quoted) | people.speaking_names()}
            _decide(quote, options, weights, people, speaking or set(), _goes_on_for_them(last, quote, people))
        previous, last = quote.speaker, quote


def _goes_on_for_them(last: Found | None, quote: Found, people: People) -> bool:
    """Whether `quote` follows right after words that "they" (or a "he" or "she" the rules
    could not name) said ('"...," they wrote. "..."', '"...," she said. "..."'): the same
    unnamed speaker's words going on, nobody else's."""
    return bool(last is not None and not last.speaker and quote.position - last.end <= _ADJACENT_GAP
                and _UNNAMED_SAYS.search(_outside_quotes(last, people.text)))


def _decide(quote: Found, options: list[tuple[str, Features]], weights: dict[str, float], people: People,
            speaking: set[str], theirs: bool = False) -> None:
    best = max(options, key=lambda item: score(item[1], weights))[0]
    if quote.speaker:
        # The model never puts somebody else in place of a speaker the text states, nor erases
        # one: on the development sets its swaps were wrong as often as right. Choosing the
        # rules' own candidate, it shows the fuller name that candidate carries ("Marine Le Pen"
        # for "Le Pen"; see candidates).
        if best and best != quote.speaker and any(name == best and f.get("rule") for name, f in options):
            quote.speaker, quote.how = best, "model"
        return
    outside = _outside_quotes(quote, people.text) if best else ""
    if best and (_other_gender(best, quote, people) or _only_object(best, quote.context)
                 or _IT_WAS_SAID.search(outside)
                 or (best in people.persons and (theirs or _THEY_SAY.search(outside)))):
        # '"...," she wrote': never a man the rules could not tie the words to; '"...," he told
        # Fox News': never the one who heard them; '"...," they wrote. "..."': never one person;
        # '"...," it was noted': nobody the sentence names
        best = NOBODY
    chosen = next((f for name, f in options if name == best), {})
    if best and not (chosen.get("sentence_first") or _may_speak(best, people, speaking)):
        best = NOBODY
    if best:
        quote.speaker, quote.how = best, "model"


def _may_speak(name: str, people: People, speaking: set[str]) -> bool:
    """Whether the model may give words the rules left unattributed to `name` when it does not
    open the quotation's sentence (as in 'The Dunmore Harbour Board had one message: "..."'): a
    person, someone the article gives a role ("Marian Wright Edelman, president of ..."), a role
    in lower case ("the mayor"), a group a plural noun closes ("CIA officials"), or a name that
    speaks somewhere in the article; never a name that is none of these ("the Sandy Hook
    Elementary School" of a report "commissioned in the wake of the Sandy Hook Elementary School
    shooting")."""
    if name in people.persons or _DETERMINER.sub("", name) in speaking or people.roles.get(name, set()) & ROLE_WORDS:
        return True
    return (bool(_DETERMINER.match(name)) or plural_role(name)) and name.split()[-1][:1].islower()


def score(features: Features, weights: dict[str, float]) -> float:
    total = 0.0  # a plain loop: this runs for every candidate of every quotation
    for name, value in features.items():
        total += weights.get(name, 0.0) * value
    return total


def quoted_counts(found: list[Found]) -> dict[str, int]:
    """How many of the article's quotations the rules give to each speaker, before the model
    changes any: who the article quotes most is who an unattributed quotation most often is."""
    counts: dict[str, int] = {}
    for quote in found:
        if quote.speaker:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    return counts


def candidates(quote: Found, people: People, previous: str | None,
               last: Found | None = None, following: Found | None = None,
               quoted: dict[str, int] | None = None, fuller_only: bool = False) -> list[tuple[str, Features]]:
    """(speaker, features) for nobody, the rules' speaker and the people named nearby;
    `previous` is the speaker given to the article's previous quotation `last`, `following`
    the article's next quotation (with the rules' speaker) and `quoted` the rules' count of
    quotations per speaker (quoted_counts). With `fuller_only`, none when the rules name a
    speaker and no candidate is a fuller name of theirs: the model keeps a stated speaker
    and may only show it in full (_decide), so the features would be worked out for nothing."""
    s_start, s_end = quote.sentence
    window = people.mentions_between(max(0, s_start - _BEFORE), s_end + _AFTER)
    events = people.speakers_between(max(0, s_start - _BEFORE), s_end + _AFTER)
    names: dict[str, None] = {}
    if quote.speaker:
        names[quote.speaker] = None
    for _distance, name in sorted(((abs(m[0] - quote.position), m[1]) for m in window if m[1] in people.persons)):
        names.setdefault(name, None)
    for _at, name in events:
        names.setdefault(name, None)
    if previous:
        names.setdefault(previous, None)
    # A quotation paragraph with no attribution of its own, before the one that names its
    # speaker ('"...." / "...," Ms. Quell said.'): the next quotation's speaker.
    after_speaker = following.speaker if following is not None and following.how in ("after", "before") else None
    if after_speaker:
        names.setdefault(after_speaker, None)
    names = dict.fromkeys(list(names)[:_MAX_CANDIDATES])
    phrases = sentence_phrases(quote, people)
    for name in list(phrases)[:_MAX_PHRASES]:
        names.setdefault(name, None)
    if fuller_only and quote.speaker and (_never_speaks(quote.speaker, people)
                                          or not any(_fuller_candidate(name, quote.speaker, people) for name in names)):
        return []
    words = len(quote.text.split())
    near = _Near.of(quote, window, events, people, previous)
    outside = _outside_quotes(quote, people.text)
    near.verb = bool(SPEECH_VERB.search(outside))
    framed = _framed_by_aside(quote, outside)
    # The previous quotation ends just before this one (same or previous paragraph, little
    # narration between): an unattributed quotation here usually continues its speaker.
    near.adjacent = bool(last is not None and previous and 0 <= quote.position - last.end <= _ADJACENT_GAP)
    close = following is not None and 0 <= following.position - quote.end <= _ADJACENT_GAP
    near.next_speaker = after_speaker if close else None
    near.quoted = quoted or {}
    near.most_quoted = max(near.quoted, key=near.quoted.__getitem__) if near.quoted else None
    nobody = {"nobody": 1.0, "nobody_short": float(words <= 4), "nobody_rules_none": float(not quote.speaker),
              "nobody_opens": float(near.opens),
              "nobody_log_words": math.log1p(words),
              "nobody_no_verb": float(not near.verb),
              "nobody_adjacent": float(near.adjacent)}
    out: list[tuple[str, Features]] = [(NOBODY, nobody)]
    for name in names:
        if _never_speaks(name, people):
            continue  # "Paris", a "PARIS, May 2 —" dateline, a "FILE PHOTO" caption, an Act: no speaker
        if name != quote.speaker and name in people.named_only_in_quotes():
            continue  # '"We also won Tony Moly cosmetics!"': named only inside somebody's words
        if quote.speaker and name != quote.speaker and name.endswith(" " + quote.speaker):
            # "Dean Johnson", "one senior Democrat" of the rules' "Johnson", "Democrat": one
            # speaker, one candidate, under the fuller name when that is the better one to show.
            if _fuller_shown(name, quote.speaker, people):
                out = [(name if option == quote.speaker else option, f) for option, f in out]
            continue
        features = _features(name, quote, near, people)
        features.update(phrases.get(name, {}))
        if _only_topic(features):
            continue  # '"...," she said when asked about Joanna Reyes': Reyes is what was spoken of
        if framed and name != quote.speaker and _surname(name) in framed:
            continue  # 'Blaming Obama, he said, was "..."': Obama is what the words are about
        out.append((name, features))
    return out


def _never_speaks(name: str, people: People) -> bool:
    return people.is_place(name) or (name.isupper() and people.is_place(name.title())) \
        or is_label(name) or is_law(name)


def _fuller_candidate(name: str, speaker: str, people: People) -> bool:
    """Whether candidate `name` would be shown in the place of the rules' `speaker` (as in
    candidates' loop), when the rules' speaker is itself a candidate."""
    return name != speaker and name.endswith(" " + speaker) and not _never_speaks(name, people) \
        and _fuller_shown(name, speaker, people)


# ", he said," inserted after the opening words it frames, with no other speech verb after it
# before the quotation ("Obama, she said, told her "..."" gives the words to Obama).
_ASIDE = re.compile(r"[,\u2014\u2013]\s*(?:he|she)\s+(?:" + SPEECH_VERBS + r")\s*[,\u2014\u2013]")


def _fuller_shown(fuller: str, speaker: str, people: People) -> bool:
    """Whether `fuller`, the rules' `speaker` with words before it, is the better name to show:
    a first name ("Dean Johnson"), or the determiner and modifiers of a speaker who is not a
    named person ("one senior Democrat", "the DNC"; not "A defensive Obama")."""
    extra = fuller[:-len(speaker)].split()
    if all(word.islower() for word in extra):
        # not "a letter Trump" of "a letter Trump wrote": a writing is no modifier of its writer
        return speaker not in people.persons and not _WRITING_WORD.fullmatch(extra[-1])
    return len(extra) == 1 and _NAME_WORD.fullmatch(extra[0]) is not None \
        and bare(extra[0]) not in STOP_CAPS | TITLES | ROLE_NOUNS and not SPEECH_VERB.fullmatch(extra[0].lower())


_NAME_WORD = re.compile(r"[A-Z][a-z]+")
_WRITING_WORD = re.compile(WRITINGS)


def _framed_by_aside(quote: Found, outside: str) -> set[str]:
    """The capitalised words the sentence's opening words name, when a pronoun's inserted
    ``, he said,`` frames them before the quotation: the speaker's topic, not the speaker."""
    q_start = quote.position - quote.sentence[0]
    aside = _ASIDE.search(outside, 0, max(0, q_start))
    if aside is None or SPEECH_VERB.search(outside, aside.end(), max(aside.end(), q_start)):
        return set()
    words = {w.strip(".,\u2019'") for w in outside[:aside.start()].split() if w[:1].isupper()}
    return {w for w in words if w and w.lower() not in STOP_CAPS}


# "an official told The Huffington Post": who heard; "the group's ad called Obama an "elitist
# hypocrite"", "when the man asks Etheridge to "let go"": whom the words are about or put to
_HEARER_VERBS = {"told", "tells", "telling", "called", "calls", "calling", "asked", "asks", "asking", "urged",
                 "urges", "urging", "accused", "accuses", "accusing", "dubbed", "labeled", "labelled", "branded"}


def _only_object(name: str, sentence: str) -> bool:
    """Whether every mention of `name` in the quotation's sentence is a preposition's object
    ("agreed with Varga", "said of Trump"), a hearer ("told Fox News") or the accused ("accuse
    Manafort of"): such a name is not the one speaking there."""
    if not all(word[:1].isupper() for word in name.split()):
        return False  # a role ("the senator from Vermont") may end in its own preposition's object
    # the surname, or the first word a name may go by ("Kim" of "Kim Jong Un")
    forms = {_surname(name).lower(), name.split()[0].lower()}
    own = {word.lower() for word in name.split()}
    words = [bare(word) for word in sentence.split()]
    mentions = objects = 0
    for at, word in enumerate(words):
        if word.removesuffix("\u2019s").removesuffix("'s") not in forms:
            continue
        mentions += 1
        before = at - 1
        while before >= 0 and (words[before] in own or words[before] in TITLES or words[before] == "the"):
            before -= 1  # the name's own first words and titles: "to Gov. Jan Brewer", "told the Courier"
        objects += before >= 0 and (words[before] in OBJECT_PREPOSITIONS or words[before] in _HEARER_VERBS
                                    or words[before] in _ACCUSING_VERBS)
    return bool(mentions) and objects == mentions


# Verbs whose object is accused or judged, not speaking: "The new charges accuse Manafort of
# attempting to "corruptly persuade" ..." ("accused", "accuses" and "accusing" are hearers' verbs).
_ACCUSING_VERBS = {"accuse", "charge", "charges", "charged", "charging",
                   "blame", "blames", "blamed", "blaming", "sue", "sues", "sued", "suing", "indict", "indicts",
                   "indicted", "convict", "convicts", "convicted"}


def _surname(name: str) -> str:
    """The last capitalised word of a name or phrase ("Obama" of "Saying President Obama")."""
    caps = [w.strip(".,\u2019'") for w in name.split() if w[:1].isupper()]
    return caps[-1] if caps else ""


def _only_topic(f: Features) -> bool:
    """Named only after the quotation, as the object of "about", "of", "on" ..., and nowhere
    before it, in no speech verb's subject and not the rules' or the previous speaker."""
    return bool(f.get("np_topic") and f.get("np_after") and f.get("none_before") and not f.get("np_speech")
                and not f.get("said_in_sentence") and not f.get("rule") and not f.get("previous_speaker"))


@dataclass
class _Near:
    """What lies around one quotation, computed once for all its candidates."""

    mentions: dict[str, list[tuple[int, str, bool]]]
    said: dict[str, list[int]]
    nearest_person: str | None
    sentence_first: str | None
    last_speaker: str | None
    opens: bool
    short: bool
    previous: str | None
    counts: dict[str, int]
    verb: bool = False  # a speech verb in the quotation's sentence, outside quotation marks
    adjacent: bool = False  # the previous quotation, with a speaker, ends just before this one
    next_speaker: str | None = None  # the rules' speaker of the next quotation, right after this one
    quoted: dict[str, int] | None = None  # the rules' quotations per speaker in the article
    most_quoted: str | None = None

    @classmethod
    def of(cls, quote: Found, window: list[tuple[int, str, bool]], events: list[tuple[int, str]],
           people: People, previous: str | None) -> _Near:
        s_start = quote.sentence[0]
        q_start = quote.position
        mentions: dict[str, list[tuple[int, str, bool]]] = {}
        for m in window:
            mentions.setdefault(m[1], []).append(m)
        said: dict[str, list[int]] = {}
        for at, name in events:
            said.setdefault(name, []).append(at)
        persons_before = [m for m in window if m[0] < q_start and m[1] in people.persons]
        # The sentence's first name, when it stands before the quotation: its subject, who is
        # usually the source of a scare quote or a quoted phrase ("X called it "fat cats"").
        first = next((m for m in window if s_start <= m[0] < q_start), None)
        events_before = [e for e in events if e[0] < q_start]
        return cls(
            mentions, said,
            persons_before[-1][1] if persons_before else None,
            first[1] if first else None,
            events_before[-1][1] if events_before else None,
            quote.context.lstrip()[:1] in "\"\u201c\u2018'",
            len(quote.text.split()) <= 6,
            previous,
            _counts(people),
        )


def _counts(people: People) -> dict[str, int]:
    cached = getattr(people, "_mention_counts", None)
    if cached is None:
        cached = {}
        for _at, name, _subject in people.mentions():
            cached[name] = cached.get(name, 0) + 1
        people._mention_counts = cached  # type: ignore[attr-defined]
    return cached


def _features(name: str, quote: Found, near: _Near, people: People) -> Features:
    s_start, s_end = quote.sentence
    q_start, q_end = quote.position, quote.end
    mine = near.mentions.get(name, [])
    before = [q_start - m[0] for m in mine if m[0] < q_start - 1]
    after = [m[0] - q_end for m in mine if m[0] >= q_end]
    said = near.said.get(name, [])
    said_before = [q_start - at for at in said if at < q_start]
    f: Features = {"bias": 1.0}
    if name == quote.speaker:
        f["rule"] = 1.0
        f["rule_" + (quote.how if quote.how in _HOWS else "other")] = 1.0
    elif quote.speaker and name in quote.speaker:
        f["part_of_rule"] = 1.0  # "Riverton Otters" of the rules' "the Riverton Otters forward"
    elif quote.speaker and _in_title_of(name, quote.speaker, people.text[s_start:s_end]):
        f["title_of_rule"] = 1.0  # "Ukrainian Foreign Ministry" of "... spokesman Oleg Nikolenko"
    f["in_sentence_before"] = float(any(d <= q_start - s_start for d in before))
    f["after_rule_speaker"] = float(_after_rule_speaker(name, quote, mine, people.text))
    f["in_sentence_after"] = float(any(d <= s_end - q_end for d in after))
    f["inside_quote"] = float(any(q_start <= m[0] < q_end for m in mine))
    f["log_dist_before"] = math.log1p(min(before) / 50) if before else 0.0
    f["none_before"] = float(not before)
    f["subject_before"] = float(any(m[2] and m[0] < q_start for m in mine))
    f["said_before"] = float(bool(said_before))
    f["log_said_dist"] = math.log1p(min(said_before) / 50) if said_before else 0.0
    f["said_after_in_sentence"] = float(any(q_end <= at < s_end for at in said))
    f["said_in_sentence"] = float(any(s_start <= at < s_end for at in said))
    f["last_speaker_before"] = float(near.last_speaker == name)
    f["opens_previous_speaker"] = float(near.opens and name == near.previous)
    f["opens_last_speaker"] = float(near.opens) * f["last_speaker_before"]
    f["person"] = float(name in people.persons)
    f["role"] = float(name[:1].islower())
    f["org"] = float(any(w.lower() in _ORG_HINTS for w in name.split()))
    f["all_caps"] = float(name.isupper() and len(name) > 3)  # a headline's or dateline's capitals
    f["log_count"] = math.log1p(near.counts.get(name, 0))
    f["previous_speaker"] = float(name == near.previous)
    f["nearest_person"] = float(near.nearest_person == name)
    f["sentence_first"] = float(near.sentence_first == name)
    f["short_in_sentence_before"] = float(near.short) * f["in_sentence_before"]
    f["short_sentence_first"] = float(near.short) * f["sentence_first"]
    continues = float(near.adjacent and name == near.previous)
    f["continues"] = continues
    f["continues_opens"] = continues * float(near.opens)
    f["continues_no_verb"] = continues * float(not near.verb)
    precedes = float(near.next_speaker == name)
    f["precedes"] = precedes
    f["precedes_opens"] = precedes * float(near.opens)
    f["precedes_no_verb"] = precedes * float(not near.verb)
    own = (near.quoted or {}).get(name, 0) - (name == quote.speaker)
    f["log_quoted"] = math.log1p(max(own, 0))
    f["most_quoted"] = float(near.most_quoted == name and own >= 1)
    return f


def _after_rule_speaker(name: str, quote: Found, mine: list[tuple[int, str, bool]], text: str) -> bool:
    """Whether `name` stands between the rules' speaker and the quotation in the quotation's
    sentence: the subject or object of the reported clause ("Dean Johnson says Cruz will "..."",
    "an official said that Netanyahu "...""), whom the words are about more often than by."""
    if not quote.speaker or name == quote.speaker or quote.how not in ("before", "subject"):
        return False
    s_start, q_start = quote.sentence[0], quote.position
    at = text.rfind(quote.speaker, s_start, q_start)
    return at >= 0 and any(at + len(quote.speaker) <= m[0] < q_start for m in mine)


def _in_title_of(name: str, speaker: str, sentence: str) -> bool:
    """`name` is part of the title or affiliation written with `speaker`: "Ukrainian Foreign
    Ministry spokesman Oleg Nikolenko", "Oleg Nikolenko, a spokesman for the Foreign Ministry".
    Plain string scans: this runs for every candidate of every quotation."""
    first, last = speaker.split()[0], speaker.split()[-1]
    at = sentence.find(name)
    while at >= 0:
        words = sentence[at + len(name):at + len(name) + 80].split()[:4]
        lower = 0
        while lower < len(words) - 1 and words[lower][:1].islower():
            lower += 1
        if 1 <= lower <= 3 and words[lower].rstrip(",.") == first:
            return True
        at = sentence.find(name, at + 1)
    at = sentence.find(last)
    while at >= 0:
        words = sentence[at + len(last):at + len(last) + 120].lstrip(",").split()[:7]
        for k, word in enumerate(words[1:5], start=1):
            if word in ("for", "of", "at"):
                rest = " ".join(words[k + 1:])
                return rest.removeprefix("the ").startswith(name)
            if not word[:1].islower():
                break
        at = sentence.find(last, at + 1)
    return False


def _other_gender(name: str, quote: Found, people: People) -> bool:
    """Whether the "he" or "she" saying the quotation's words (in its own sentence, outside
    the quotation) is of the other gender than what the article says of `name`."""
    says = _PRONOUN_SAYS.search(_outside_quotes(quote, people.text))
    if not says:
        return False
    gender = "m" if (says.group(1) or says.group(2)).lower() == "he" else "f"
    return people.gender.get(name, gender) != gender


_PRONOUN_SAYS = re.compile(r"\b(?:" + PRONOUN_SAYS + r"|(?:" + SPEECH_VERBS + r")\s+(he|she))\b")
_THEY_SAY = re.compile(r"\b(?:[Tt]hey\s+(?:" + SPEECH_VERBS + r")|(?:" + SPEECH_VERBS + r")\s+they)\b")
_IT_WAS_SAID = re.compile(r"\b" + IT_WAS_SAID)
_UNNAMED_SAYS = re.compile(_THEY_SAY.pattern + "|" + _PRONOUN_SAYS.pattern)


def _outside_quotes(quote: Found, text: str) -> str:
    """The quotation's sentence with every quoted span blanked out."""
    s_start, s_end = quote.sentence
    sentence = text[s_start:s_end]
    masked = list(sentence)
    for a, b in quote_spans(sentence):
        masked[a:b] = ["_"] * (b - a)
    q_start, q_end = max(0, quote.position - s_start), max(0, quote.end - s_start)
    masked[q_start:q_end] = ["_"] * (q_end - q_start)  # an open quotation too
    return "".join(masked)


# -- the noun phrases of the quotation's own sentence ---------------------------------------
# Whoever the sentence names can be the source, whatever its kind: a person the article never
# introduced ("Michael P. McDonald:"), an organisation ("the Illinois Board of Elections was
# conclusive: ..."), a role with a proper adjective ("added a New Hampshire Democrat"), a
# document ("the printed Cruz slate card said"). The model weighs them by their place.

_CAP = (r"(?:(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|St|Jr|Sr|Rev|Prof)\.|(?:[A-Z]\.)+|"
        r"[A-Z][\w\u2019'\-]*)")  # a capitalised word, a title's or an initial's short form
_PHRASE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w\-]*\s+){0,2})?"
    r"(?<![\w@#/.])" + _CAP + r"(?:\s+(?:(?:of|for|de|van|von|al|the)\s+)?" + _CAP + r")*"
    # "a former U.S. law enforcement official": lower-case words up to a role noun, none of them
    # a verb ("The Vermont senator emailed supporters" is a clause, not a phrase)
    r"(?:(?:\s+(?!(?:[a-z]+ed|" + SPEECH_VERBS + r")\b)[a-z][\w\-]*){0,3}?\s+(?:"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\b)?"
)
# A lower-case noun after a capitalised name that a determiner opened, ending the phrase:
# "the Obama administration's", "the Clinton campaign", "the Bush years".
_NOUN_AFTER_NAME = re.compile(r"\s+(?:[a-z][\w\-]*(?:\u2019s|'s)|administration|campaign|government|team|camp|family|"
                              r"era|years|foundation)\b")
# The lower-case words closing a phrase after its capitalised ones: "police officers" of
# "Chicago police officers".
_GROUP_TAIL = re.compile(r"(?<=[A-Za-z.])\s+((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)$")
_ROLE_AFTER = re.compile(r"\s+(" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\b")
_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling|tell|asked|asking|to)\s+$")
_TOPIC_BEFORE = re.compile(r"\b(?:about|of|on|regarding|concerning|over|against)\s+$")
# "Welch said, according to Vermont Edition": the outlet or record that reports the words,
# which PolNeAR takes as the source of the whole attribution (it nests the speaker's in it).
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|his|her|their)\s", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|on|at|to|for|from|by|with|about|against|on)\s+$")
# "X (also) said", "X (D-N.Y.) said"
_AFTER_VERB = re.compile(r"(?:\s+\([^()]{1,12}\))?[\s,]*(?:\w+\s+){0,2}?(?:" + SPEECH_VERBS + r")\b")
_ADJACENT = re.compile(r"[\s,\u2014\u2013\-]*")
_NAME_OF_PLACE = re.compile(r"((?:[A-Z][\w\u2019'.\-]*\s+)*[A-Z][\w\u2019'\-]*)\s+of\s+[A-Z]")
_DATELINE_CREDIT = re.compile(r"\)\s*(?:--|\u2014|\u2013|-)\s")  # "WASHINGTON, Dec. 8 (UPI) -- "
_INVERTED = re.compile(r"[\s,\u2014\u2013\-]*(?:" + SPEECH_VERBS + r")\s+")
_COLON = re.compile(r"[^.;!?_]{0,40}:\s*")
_BEFORE_VERB = re.compile(r"\b(?:" + SPEECH_VERBS + r")\s+$")  # "said X"
# The phrase is a clause's subject: a verb follows it ("Lewandowski taking to Twitter to call
# Fields "..."", "Allen did suggest", "Beck, who has ... described Trump as "..."").  A word in
# -s before a comma is more often a plural noun ("the Iowa caucuses, of") than a verb.
_SUBJECT_VERB = re.compile(
    PARTY_TAG_AFTER + r"(?:,\s+who\b|\s+(?:(?:also|even|already|never|often|still|just|later|then|again|"
    r"once|recently|repeatedly|previously|has|had|have|did|does|will|would|could|is|was|were|may|might)\s+)*"
    r"(?:[a-z]+ed|[a-z]+s\b(?![,.;:])|[a-z]+ing|did|does|will|would|could|can|may|might|must|is|was|were|took|made|"
    r"gave|went|thought|wrote|spoke|said|told|" + SPEECH_VERBS + r")\b)")
# A lower-case word right before the phrase that is neither a determiner, a preposition, a
# conjunction nor a speech verb: the phrase is most often a verb's object ("call Fields",
# "described Trump as", "blasted Trump's call for a "deportation force"").
_LOWER_BEFORE = re.compile(r"\b([a-z][a-z\-]*)\s+$")
_NOT_OBJECT_VERB = {"and", "but", "or", "as", "while", "when", "because", "though", "although", "after",
                    "before", "if", "that", "which", "where", "so", "than", "then", "also", "even", "said",
                    "says", "added", "wrote", "asked", "according", "told", "tells", "to", "of", "in", "on",
                    "at", "for", "from", "by", "with", "about", "against", "into", "over", "under"}


def _common_word(word: str, people: People, opening: bool = True) -> bool:
    """A capitalised word the article also writes in lower case ("Reading", "Early") is a
    common word at a sentence's or headline's start (`opening`), not a name; so are months
    and days anywhere."""
    if word.lower().strip(".") in _CALENDAR:
        return True
    return opening and people.writes_in_lower_case(word)


# A sentence opened by an adverb or a participle ("Hastily rewriting the plan, ...",
# "Appearing on Face the Nation, ..."): the capitalised first word is no name.
_OPENING_WORD = re.compile(r"[A-Z][a-z]+(?:ly|ing)\s+(?:[a-z]+ing|on|to|at|in|with|before|after|about|from|for|"
                           r"the|a|an|his|her|their|last|this)\b")


def _opens_sentence(plain: str, at: int) -> bool:
    """Nothing but an opening mark, a colon or a dash stands before `at` in its sentence."""
    before = plain[:at].rstrip()
    return not before or before[-1] in ":;\u2014\u2013-\"\u201c\u2018(_" or before.endswith((". ", "."))


# "Sen. John Cornyn, R-TX, who heads ...": a party tag is never a speaker.
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "june", "july", "august", "september", "october",
             "november", "december", "today", "tonight", "yesterday",
             # a dateline's abbreviations ("Dec. 8 (UPI) --"); not "Jan", "Jun" or "May": names too
             "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec"}


# "Democratic front-runner Clinton", "many Jewish leaders", "the Islamic State's": a proper
# adjective before a lower-case noun describes the speaker; it never is one.
_PROPER_ADJECTIVE = re.compile(r"[A-Z][a-z]{2,}(?:ic|ish|ese)")
_LOWER_NEXT = re.compile(r"\s+([a-z][\w\-]*)")


def _adjective_only(name: str, caps: list[str], full: str, phrase: re.Match[str], plain: str,
                    people: People) -> bool:
    """Whether the candidate `name` is no more than a proper adjective (with its determiner)
    that a lower-case noun follows in `plain`."""
    if len(caps) != 1 or full in people.persons or not _PROPER_ADJECTIVE.fullmatch(caps[0]):
        return False
    end = phrase.start() + phrase.group(0).rfind(caps[0]) + len(caps[0])
    if name not in (caps[0].rstrip("."), phrase.group(0)[:end - phrase.start()]):
        return False  # "The Democratic presidential candidate": the adjective is not all of it
    following = _LOWER_NEXT.match(plain, end)
    return bool(following) and not SPEECH_VERB.fullmatch(following.group(1))


def sentence_phrases(quote: Found, people: People) -> dict[str, Features]:
    """Candidates from the noun phrases of the quotation's sentence (outside quotation
    marks), each with features saying where it stands and what kind of thing it is."""
    s_start, s_end = quote.sentence
    sentence = people.text[s_start:s_end]
    masked = list(sentence)
    for a, b in quote_spans(sentence):
        masked[a:b] = ["_"] * (b - a)
    q_start, q_end = quote.position - s_start, quote.end - s_start
    masked[max(0, q_start):max(0, q_end)] = ["_"] * (max(0, q_end) - max(0, q_start))  # an open quotation too
    plain = "".join(masked)
    short = float(len(quote.text.split()) <= 4)
    out: dict[str, Features] = {}
    seen_before = False
    last_subject: str | None = None
    last_clause_subject: str | None = None
    for m in _PHRASE.finditer(plain):
        words = m.group(0).split()
        determined = bool(_DETERMINER.match(m.group(0)))
        caps = [w for w in words if w[:1].isupper()]
        named = after_possessor(caps)
        if named is not caps and people.resolve(" ".join(named), s_start + m.start()) in people.persons:
            caps = named  # "CNN's Jake Tapper": the person, not the affiliation
        possessive = bool(caps) and caps[-1].endswith(POSSESSIVE_ENDS)
        if possessive:
            # "Trump's", "Sessions'": the possessor, without the possessive ending
            caps[-1] = caps[-1][:-2] if caps[-1].endswith(("\u2019s", "'s")) else caps[-1][:-1]
        # Mid-sentence, a capitalised word is a name even when the article also writes it in
        # lower case ("..., Will described Trump as"); at a sentence's start it may not be.
        opening = _opens_sentence(plain, m.start())
        while caps and (caps[0].lower().strip(".") in STOP_CAPS or caps[0].lower() in NOT_NAME_OPENERS
                        or caps[0].startswith(("I\u2019", "I'")) or SPEECH_VERB.fullmatch(caps[0].lower())
                        or _common_word(caps[0], people, opening)
                        or (opening and _OPENING_WORD.match(plain, m.start() + m.group(0).find(caps[0])))):
            caps.pop(0)  # "But", "The", "It" (of "It's"), "Reading from ...", "Appearing on" open no name
        while caps and caps[-1].lower().strip(".") in _CALENDAR:
            caps.pop()  # "MSNBC's Morning Joe Monday": the day is no part of the name
        if not caps or _PARTY_TAG.fullmatch(caps[0].rstrip(",")):
            continue
        held = _NAME_OF_PLACE.match(m.group(0))
        if held and people.resolve(held.group(1), s_start + m.start()) in people.persons:
            caps = held.group(1).split()  # "Harry Reid of Nevada", "Gov. Rick Perry of Texas": the person
        core = " ".join(caps).rstrip(".")
        full = people.resolve(core, s_start + m.start()) or core  # titles off, surname made whole
        if determined and not possessive and full not in people.roles:
            # "The Brazilian president": the person the article introduced with that role.
            full = people.resolve(m.group(0).rstrip("."), s_start + m.start()) or full
        known = full in people.roles
        name = full if known else (m.group(0).rstrip(".") if determined and not possessive else core)
        group = _GROUP_TAIL.search(m.group(0)) if not (determined or possessive or full in people.persons) else None
        if group and (plural_role(group.group(1)) or group.group(1) == "police"):
            name = f"{core} {group.group(1)}"  # "New Zealand police", "Chicago police officers": the group
        if _adjective_only(name, caps, full, m, plain, people) or (
                _DATELINE_CREDIT.match(plain, m.end()) and plain[:m.start()].endswith("(")):
            continue  # "Democratic front-runner", or the "(UPI) --" of a dateline
        if determined and not known and _NOUN_AFTER_NAME.match(plain, m.end()):
            continue  # "the Obama administration's failure": a name describing a longer phrase
        owned = _ROLE_AFTER.match(plain, m.end()) if possessive else None
        if possessive and (owned or words[-1].lower() in ROLE_NOUNS):
            # "Jeff Sessions' office said": the office speaks, not Sessions.
            name = m.group(0).strip() + (" " + owned.group(1) if owned else "")
            known = False
        before = m.end() <= q_start
        verb = _AFTER_VERB.match(plain, m.end())
        if verb and verb.end() <= q_start:
            last_subject = name  # the subject of the last speech verb before the quotation
        clause = _SUBJECT_VERB.match(plain, m.end())
        if clause and m.end() <= q_start:
            last_clause_subject = name  # the subject of the last clause before the quotation
        lower = _LOWER_BEFORE.search(plain, max(0, m.start() - 20), m.start())
        after_lower = bool(lower) and lower.group(1) not in _NOT_OBJECT_VERB and lower.group(1) not in ROLE_NOUNS
        f: Features = {
            "np": 1.0,
            "np_first": float(before and not seen_before),
            "np_before": float(before),
            "np_after": float(m.start() >= q_end),
            "np_speech": float(bool(verb or _BEFORE_VERB.search(plain, max(0, m.start() - 40), m.start()))),
            # '"...," Trump assured Jones' / '"...," said a Nevada Democrat' / 'Here's X in 1992: "..."':
            # the phrase that frames the quotation directly, whatever its verb.
            "np_adjacent_after": float(m.start() >= q_end and _ADJACENT.fullmatch(plain, q_end, m.start()) is not None),
            "np_inverted": float(m.start() >= q_end and _INVERTED.fullmatch(plain, q_end, m.start()) is not None),
            "np_colon_before": float(before and _COLON.fullmatch(plain, m.end(), q_start) is not None),
            "np_plural": float(len(caps) == 1 and not known and caps[0].endswith("s") and not determined),
            "np_known": float(known),
            "np_person": float(full in people.persons),
            "np_org": float(is_org_phrase(caps)),
            "np_determined": float(determined),
            "np_possessive": float(possessive),
            "np_object": float(bool(_PREPOSITION_BEFORE.search(plain[max(0, m.start() - 12):m.start()]))),
            # "Mariam Emara told CNN", "told The New York Times": who heard the words.
            "np_told": float(bool(_TOLD_BEFORE.search(plain[max(0, m.start() - 20):m.start()]))),
            # "said when asked about Joanna Reyes", "said of Reyes": what the words are about.
            "np_topic": float(bool(_TOPIC_BEFORE.search(plain[max(0, m.start() - 14):m.start()]))),
            "np_according": float(bool(_ACCORDING_BEFORE.search(plain[max(0, m.start() - 16):m.start()]))),
            "np_log_dist": math.log1p((q_start - m.end() if before else max(0, m.start() - q_end)) / 50),
            "np_subject": float(bool(clause)),
            "np_after_lower": float(after_lower and not determined),
        }
        f["np_short_first"] = short * f["np_first"]
        f["np_speech_unknown"] = f["np_speech"] * (1.0 - f["np_known"])
        seen_before = seen_before or before
        merged = out.setdefault(name, f)
        if merged is not f:  # the name again: each feature at its strongest, its distance the nearest
            for key, value in f.items():
                merged[key] = max(merged.get(key, 0.0), value) if key != "np_log_dist" else \
                    min(merged.get(key, value), value)
    if last_subject is not None:
        out[last_subject]["np_last_speech_before"] = 1.0
        out[last_subject]["np_last_speech_before_short"] = short
    if last_clause_subject is not None:
        out[last_clause_subject]["np_last_subject_before"] = 1.0
        out[last_clause_subject]["np_last_subject_before_short"] = short
    return out
