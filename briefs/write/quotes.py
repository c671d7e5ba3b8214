"""Direct quotations with their speakers, ranked: the key quotes of an article.

How a speaker is found, in order of trust:
1. right after the quotation: ``"…," Xi said`` / ``"…" said Xi`` / ``"…," he added``;
2. earlier in the same sentence: ``X said: "…"``, ``X told reporters, "…"``,
   ``Xi hailed the ties, saying they would "…"`` (the subject of the last speech verb);
3. a quotation with no attribution of its own continues the previous speaker's words
   (``"…," she said. "…"``), or follows a ``X said:`` that ended the previous paragraph, or
   the subject of a speech verb in narration just before it in its paragraph (``Dianne Bystrom
   agreed. "…"``).
Shapes that look like attributions but are not: a sentence that reports words of its own right
after a quotation closing its sentence, ``X was asked``, ``calling for`` a thing, a name inside
a sentence's opening phrase (``After the Paris attacks, …``) or a possessor (``X's rival``).
Names are then made whole: titles are dropped (``Chinese President Xi Jinping`` -> ``Xi
Jinping``), a surname becomes the full name used elsewhere in the article (``Putin`` ->
``Vladimir Putin``), a role (``the Chinese leader``) becomes the person introduced with that
role, and ``he``/``she`` becomes the person last named as a subject before the quotation
(see briefs/write/phrases.py and people.py).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefs.models import Quote
from briefs.write.grounding import normalize
from briefs.write.people import DESCRIBED_ROLES, QUANTIFIERS, People, first_names, plural_role
from briefs.write.phrases import (
    ACRONYM,
    AGED,
    CAPITALISED_NAME,
    CLAUSE_OPENERS,
    FEMALE_ROLES,
    HEARD_PARTICIPLES,
    IRREGULAR_PAST,
    IT_WAS_SAID,
    MALE_ROLES,
    MONTH_OR_DAY,
    NAME_GIVEN,
    OBJECT_PREPOSITIONS,
    PRONOUN_SPEAKS,
    ROLE_NOUNS,
    SPEECH_VERB,
    SPEECH_VERBS,
    STOP_CAPS,
    SUBJECT_DETERMINERS,
    WRITINGS,
    bare,
    determiner_subject,
    determiner_subject_after,
    determiner_subject_before,
    ends_with_document,
    is_abbreviation,
    is_label,
    is_org,
    is_page_line,
    is_pronoun,
    name_run_after,
    name_run_before,
    noun_after_preposition,
    role_phrase_before,
    sentence_subject,
    speech_noun,
    split_title,
    titled_name,
    unlisted_report,
    writing_before_modifier,
)
from briefs.write.speakers import choose_speakers, load_model
from briefs.write.speakers import score as linear_score
from briefs.write.summarize import content_words
from briefs.write.text import LOWER_WORD, quote_spans, sentence_spans, split_paragraphs, word_start

_AFTER_VERB_FIRST = re.compile(r"^[\s,.\-\u2014\u2013]*(?:" + SPEECH_VERBS + r")\b\s+")
# A participle or "told" right after a quotation names the hearer after it, never the speaker.
_HEARER_NEXT = re.compile(r"^[\s,.\-\u2014\u2013]*(?:told|tells|tell|(?!according)[a-z]+ing)\b")
# A sentence of nothing but a name (an age before it) and one verb, ending in a colon.
_NAME_VERB_COLON = re.compile(r"(?:\d+-year-old\s+)?(?:[A-Z][\w\u2019'.\-]*\s+){1,3}(?:[a-z]+ly\s+)?[a-z]+(?:ed|s):")
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
    how: str = ""  # "after", "before", "continued", "subject", "joined", "headline", "echo", ..., "" (none)
    end: int = 0  # character offset just after the quotation in the article
    sentence: tuple[int, int] = (0, 0)  # the article span of its sentence(s)
    via: str = ""  # the outlet or record reporting the speaker's words ("according to X")


def find_quotes(text: str, paragraphs: list[str] | None = None, *, model: bool = True) -> list[Found]:
    """Every quotation of `text` in order, with a speaker where the text gives one: the
    rules below attribute, and where they name nobody the speaker model trained on PolNeAR
    (briefs/write/speakers.py) chooses among the people named nearby and nobody; it never puts
    somebody else in place of a speaker the rules give, only its fuller form. With the models,
    quoted strings that are not somebody's words (titles of works, markup attributes, web
    handles, labels) are left out by the quotation model trained on the same data."""
    found, people = attributed_by_rules(text, paragraphs)
    found = _without_titles(found, people.text)
    if model:
        choose_speakers(found, people)
        weights = load_quotation_model()
        if weights:
            found = [f for f in found if is_quotation(f, people.text, weights)]
    for f in found:
        if f.speaker and f.speaker.endswith(_SUFFIXES) and f"{f.speaker}." in people.text:
            f.speaker += "."  # "Eric H. Holder Jr.", as the article writes it
        if f.speaker:
            f.speaker = _with_article(people.spelled_out(people.without_opening_word(f.speaker)), people.text)
    return found


# "Kentucky Republican", "Iowa Democrat": a party's member from a place, a role, not a name.
_PARTY_MEMBER = re.compile(r"(?:[A-Z][\w.\-]*\s+)+(?:Republican|Democrat|Dem|Conservative|Tory|Liberal)")


def _with_article(speaker: str, text: str) -> str:
    """"the Kentucky Republican", "the senior Lib Dem", as the article writes the role, where a
    bare "Kentucky Republican" would read as a name or a newspaper."""
    written = re.search(r"\b[Tt]he\s+(?:([a-z][\w\-]*)\s+)?" + re.escape(speaker) + r"\b", text) \
        if _PARTY_MEMBER.fullmatch(speaker) else None
    if written:
        return " ".join(w for w in ("the", written.group(1), speaker) if w)
    return speaker


_SUFFIXES = (" Jr", " Sr")
# What names a programme, a show, a song or a book just before its quoted title: "on CBS's "Face
# the Nation"", "on his podcast "The Axe Files"", "Latin hits including "La Gozadera"".
# "said on "Fox News Sunday"", "appearing on "Meet the Press"": the programme one spoke on. "a
# cover story called "The Queen of Rage"": a title given, no words spoken.
_PROGRAMME_BEFORE = re.compile(r"(?:\b(?:program|programme|show|series|broadcast|documentary|film|movie|book|"
                               r"column|podcast|newsletter|segment|song|songs|hits|album|including|tune\s+of|"
                               r"sitcom|miniseries|drama|novel|memoir|musical|"
                               r"called|dubbed|named|titled|entitled)|\b(?:[A-Z]{2,6}|Fox)(?:\s+News)?[\u2019']s|"
                               r"\b(?i:said|says|appeared|appearing|speaking|spoke|interviewed)\s+on)"
                               r"\s+(?:[\"\u201c]\s?)?$")
# '"Roots," the epic miniseries about ...': what the title names, set off right after it.
_PROGRAMME_AFTER = re.compile(r"[\"\u201d\u2019']?,?[\"\u201d\u2019']?\s+(?:the|a|an|his|her|their)\s+"
                              r"(?:[\w\-]+\s+){0,3}?(?:program|programme|show|series|miniseries|sitcom|drama|documentary|film|movie|"
                              r"book|novel|memoir|album|song|single|play|musical|podcast|column|campaign)\b")
# 'hits including "La Gozadera" and "Madre Tierra"': a second title joined to the first
_TITLES_JOINED = re.compile(r"[\"\u201d]?\s*(?:,|and|or|,\s+and)\s+[\"\u201c]?")


def _without_titles(found: list[Found], text: str) -> list[Found]:
    """The quotations that are not the title of a programme, a show, a song or a book."""
    kept: list[Found] = []
    title_end = -1  # where the last title left out ends
    for f in found:
        if _nickname(f, text):
            continue
        words = f.text.strip(" ,.").split()
        # a subtitle after a colon makes a title longer: "Financial Freedom: A Proven Path to ..."
        subtitled = any(w.endswith(":") for w in words[:-1])
        title_case = _is_title_case([w.rstrip(":") for w in words], 16) if subtitled else _is_title_case(words)
        if title_case and (_PROGRAMME_BEFORE.search(text, max(0, f.position - 40), f.position)
                           or _PROGRAMME_AFTER.match(text, f.end)
                           or (title_end >= 0 and _joined_title(text, title_end, f.position))):
            title_end = f.end
            continue
        kept.append(f)
    return kept


def _joined_title(text: str, title_end: int, start: int) -> bool:
    """Whether a quotation starting at `start` is joined to the title ending at `title_end`:
    by a comma or "and", or by space alone after a comma inside the marks ('"Listen To The
    Music," "Black Water"')."""
    return bool(_TITLES_JOINED.fullmatch(text, title_end, start)) or (
        text[title_end - 2:title_end] in (",\u201d", ',"') and text[title_end:start].isspace())


def _nickname(f: Found, text: str) -> bool:
    """A quoted name between a first name and a surname: the "Shelly" of Rochelle "Shelly"
    Sterling, a nickname, nobody's words."""
    if not _NICKNAME.fullmatch(f.text.strip()) or not _NAME_WORD_AFTER.match(text, f.end):
        return False
    before = _NAME_WORD_BEFORE.search(text, max(0, f.position - 30), f.position)
    return bool(before and before.group(1) in first_names())


_NICKNAME = re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?")
_NAME_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_NAME_WORD_AFTER = re.compile(r"\s+[A-Z][a-z][\w\-]*\b")


def attributed_by_rules(text: str, paragraphs: list[str] | None = None) -> tuple[list[Found], People]:
    """The quotations with the speakers the rules give, and the article's people."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    people = People.from_paragraphs(paragraphs)
    found: list[Found] = []
    offset = 0
    pending: str | None = None  # a "X said:" that ended the previous paragraph
    left_open = False  # the previous paragraph's last quotation has no closing mark
    follows = -1  # the paragraph the next one's quotations go on from
    for index, paragraph in enumerate(paragraphs):
        runs_on = _RUNS_ON.match(paragraph) if left_open else None
        if runs_on and not paragraph[runs_on.end():].strip():
            runs_on = None  # nothing attributes them: '... / Amy Pope, deputy homeland security adviser."'
        quotes_here, open_end = _paragraph_quotes(paragraph, index, offset, people, runs_on.end() if runs_on else 0)
        after = follows + 1 if follows >= 0 else index  # (as if right after the paragraph it follows)
        _continue_speakers(quotes_here, found, pending, after, paragraph, offset, people, left_open)
        if left_open and not quotes_here and _interrupts(paragraph) \
                and (follows < 0 or index - follows <= _CAPTIONS):
            # Captions between the paragraphs of one quotation ("... saying: 'He is getting
            # used in the right way. / Marouane Fellaini has enjoyed an upturn ... / 'We like
            # to play ..."): the words go on past them, and they introduce nobody.
            follows = index - 1 if follows < 0 else follows
            offset += len(paragraph) + 2
            continue
        follows = -1
        if left_open and quotes_here and quotes_here[0].how == "closing" and found and found[-1].speaker is None \
                and found[-1].paragraph == index - 1:
            # words that run on from the paragraph before, attributed where they close
            found[-1].speaker, found[-1].how = quotes_here[0].speaker, "continued"
        left_open = open_end
        if index + 1 < len(paragraphs):
            _signed(quotes_here, paragraph, paragraphs[index + 1], people, offset + len(paragraph) + 2)
        found.extend(quotes_here)
        if quotes_here or not is_page_line(paragraph):
            # A page's label between narration and the quotation it introduces ("WATCH: ...",
            # "Story continues below advertisement") hands nothing over and breaks nothing.
            pending = _intro(paragraph, people, offset) if not quotes_here else None
        offset += len(paragraph) + 2
    _another_speaker(found, people.text)
    _echoed_speakers(found, people.text)
    _added_by_last_speaker(found, people)
    return found, people


# "another" alone as the subject of a speech verb right before the quotation, or opening the
# sentence that ends in it: "..., while another said, "..."", "Another wrote: "...""
_ANOTHER_BEFORE = re.compile(r"\b([Aa]nother)\s+(?:" + SPEECH_VERBS + r")\b[^.!?\"\u201c\u2018]{0,20}$")
_ONE_OF_MANY = re.compile(r"(?:[Oo]ne|[Aa]n?)\s+(.+)")


def _another_speaker(found: list[Found], text: str) -> None:
    """'..., said one Twitter user, while another said, "..."': "another" is somebody else of
    the same kind as the speaker before ("another Twitter user"), never that speaker going on."""
    for k, quote in enumerate(found):
        if quote.speaker not in (None, "Another", "another") and quote.how != "continued":
            continue
        another = _ANOTHER_BEFORE.search(text, max(0, quote.position - 80), quote.position)
        if not another:
            continue
        kind = next((m.group(1) for f in reversed(found[:k]) if f.speaker
                     for m in [_ONE_OF_MANY.fullmatch(f.speaker)] if m), None)
        if kind:  # as the article writes it ("Another said", "while another said")
            quote.speaker, quote.how = f"{another.group(1)} {kind}", "before"
        elif quote.how == "continued":
            quote.speaker, quote.how = None, ""  # somebody the article does not name


def _added_by_last_speaker(found: list[Found], people: People) -> None:
    """'Biden was quick to retort: "...". He added: "..."': "he" or "she" adding to the words
    right before, with nothing but their own attribution between, is their speaker, when that
    speaker may be of the pronoun's gender and is no organisation or group. (The pronoun's own
    reading looks for a person the article names in full; a speaker known only by a surname has
    no gender to match it.)"""
    for last, quote in itertools.pairwise(found):
        if not last.speaker or quote.speaker == last.speaker or quote.how not in ("before", "after"):
            continue
        between = people.text[last.end:quote.position]
        own = _OWN_ATTRIBUTION.match(between) if last.how == "after" else None
        added = _ADDED_BEFORE.fullmatch(between, own.end() if own else 0) or (
            not between.strip(_QUOTE_ENDS) and _ADDED_AFTER.match(people.text, quote.end))
        if not added:
            continue
        gender = {"he": "m", "she": "f"}[added.group(1).lower()]
        name = last.speaker
        other_roles = FEMALE_ROLES if gender == "m" else MALE_ROLES  # ("a ferry spokesman said. She added")
        if people.gender.get(name, gender) != gender or bare(name.split()[-1]) in other_roles \
                or is_org(name.split()) or plural_role(name):
            continue
        quote.speaker, quote.how = name, "continued"


_QUOTE_ENDS = " \n\"\u201d\u2019'.,"
# The attribution that closes the earlier quotation's sentence: '," Nakatani said.', '," said Biden.'
_OWN_ATTRIBUTION = re.compile(r"[\"\u201d\u2019',]*\s+(?:[^.!?\"\u201c\u201d\n]{1,40}?\b"
                              r"(?:said|says|told\s[^.!?\n]{1,30})|(?:said|says)\s[^.!?\"\u201c\u201d\n]{1,40})\.")
# "He added:" between two quotations, or ", he added." after the second.
_ADDED_BEFORE = re.compile(r"[\s\"\u201d\u2019'.,]*\b([Hh]e|[Ss]he)\s+(?:added|continued|went\s+on)\s*[:,]?\s*")
_ADDED_AFTER = re.compile(r"[\"\u201d\u2019',]*\s+(he|she)\s+(?:added|continued|went\s+on)\b")
_CAPTIONS = 3  # at most this many captions in a row stand inside one quotation


def _interrupts(paragraph: str) -> bool:
    """A paragraph of one sentence with no speech in it: a caption or a line of the page that
    may stand between two paragraphs of one quotation."""
    return len(sentence_spans(paragraph)) == 1 and not SPEECH_VERB.search(paragraph)


_ECHO_WORDS = 2  # a single word repeated ("sextortion") is a label, not an echo
_NAMED_TERM = re.compile(r"\b(?:the|a|this|that)\s+(?:term|word|words|phrase|slogan|label|expression)\s*$")


# A sentence repeated whole, as a caption repeats one, not a phrase two people use ("hard stand").
_RESTATED_WORDS = 8


def _echoed_speakers(found: list[Found], text: str) -> None:
    """A quotation the rules left without a speaker that repeats the words of an attributed one
    is that speaker's: a subheading "'Hard to be in such close quarters with the same people'"
    over '"It's hard to be in such close quarters with the same people night after night,"
    Jamil says', or a phrase the narration takes up again."""
    said = [(normalize(f.text).lower(), f) for f in found if f.speaker]
    for quote in found:
        words = normalize(quote.text).lower().strip(" .,;:!?'\"\u2018\u2019\u201c\u201d")
        if len(re.split(r"[\s\-]+", words)) < _ECHO_WORDS:  # ("shovel-ready" is two words)
            continue
        if quote.speaker and (quote.how == "subject" and len(words.split()) >= _RESTATED_WORDS
                              or quote.how == "continued" and _standing_alone(quote, words, text)):
            # 'Jenner sons: "They are warning him ...," it was also shared.': a caption's label
            # gave a speaker by its subject; the same words attributed by a speech verb elsewhere
            # ("..., a source told TMZ") say whose they are
            stated = [f for text, f in said if text.strip(" .,;:!?") == words and f.how in ("after", "before")]
            if stated and all(f.speaker == stated[0].speaker for f in stated):
                quote.speaker, quote.how = stated[0].speaker, "echo"
            continue
        if quote.speaker:
            continue
        if _NAMED_TERM.search(quote.context, 0, max(0, quote.position - quote.sentence[0])):
            continue  # 'prefer the term "undocumented immigrants"': a term in use, nobody's echo
        sources = [f for text, f in said if words in text]
        if sources:
            nearest = min(sources, key=lambda f: abs(f.position - quote.position))
            quote.speaker, quote.how = nearest.speaker, "echo"
            continue
        # '"My position has changed," he wrote to Baroness D'Souza.' and later the letter in full,
        # '"My position has changed. As a dying man, ...': words that open on somebody's are theirs
        # (not a question that quotes somebody's figure back at them)
        held = {f.speaker for text, f in said
                if len(text.split()) >= _HELD_WORDS and words.startswith(text.strip(" .,;:!?"))}
        if len(held) == 1:
            quote.speaker, quote.how = held.pop(), "echo"
            _run_on_speaker(found, quote, text)


_HELD_WORDS = 4  # a sentence of somebody's, quoted again inside a longer passage


def _run_on_speaker(found: list[Found], quote: Found, text: str) -> None:
    """Give the paragraphs a quotation runs on into (each opening on the words the one before
    left without a closing mark) the quotation's speaker, where they have none."""
    k = found.index(quote)
    while k + 1 < len(found):
        before, after = found[k], found[k + 1]
        if text[before.end - 1:before.end] in _CLOSERS or after.paragraph != before.paragraph + 1 \
                or after.speaker or not _opens_paragraph(after):
            return
        after.speaker, after.how = quote.speaker, "continued"
        k += 1


def _standing_alone(quote: Found, words: str, text: str) -> bool:
    """Whether the quotation is a paragraph of its own and nothing else (a subheading, "'We're
    vetting VP candidates!'"), of a few words at least: if the same words are somebody's
    elsewhere, the one before did not go on saying them."""
    line_start = text.rfind("\n", 0, quote.position) + 1
    line_end = text.find("\n", quote.end)
    return len(words.split()) >= 3 and not text[line_start:quote.position].strip() \
        and not text[quote.end:line_end if line_end >= 0 else len(text)].strip(" .")


def _paragraph_quotes(paragraph: str, index: int, offset: int, people: People,
                      runs_on: int = 0) -> tuple[list[Found], bool]:
    """The paragraph's quotations, and whether it leaves one open at its end; `runs_on` is where
    the words that run on from a quotation the paragraph before left open end, with their
    closing mark (0 when none do)."""
    out: list[Found] = []
    tail_spans, open_end = _spans_with_open_end(paragraph[runs_on:])
    spans = [(start + runs_on, end + runs_on) for start, end in tail_spans]
    if runs_on:
        spans.insert(0, (-1, runs_on))  # as if its opening mark stood before the paragraph
    sentences = sentence_spans(paragraph) if spans else []
    for start, end in spans:
        closed = paragraph[end - 1] in _CLOSERS and end - 1 > start
        words = _clean_quote(paragraph[start + 1:end - 1] if closed else paragraph[start + 1:end])
        if not words:
            continue
        s_start, s_end = _sentence_of(sentences, start, end, len(paragraph))
        s_end = _with_attribution(paragraph, sentences, end, s_end, _opens_sentence(paragraph, s_start, start))
        speaker, how, via = _attribute(paragraph, s_start, s_end, max(start, 0), end, people, offset)
        if start < 0:
            how = "closing" if speaker else how
        if people.is_place(speaker) or is_label(speaker) or _title_alone(speaker):
            # "Paris said ...", "READ MORE: ...", "Former" (of "Former prosecutor and New York
            # City Mayor Rudy Giuliani"): a place, a page's label or a bare title is no speaker
            speaker, how, via = None, "", ""
        context = paragraph[s_start:s_end]
        out.append(Found(words, speaker, index, offset + max(start, 0), context, how, offset + end,
                         (offset + s_start, offset + s_end), via))
    _joined_quotes(out, paragraph, offset)
    return out, open_end


# Only "and" or "or" between two quotations: 'Guns are "the ultimate public health crisis" and
# "stunt children's growth," Howard Dean proclaimed'.
_JOINING = re.compile(r"\s*,?\s*(?:and|or)\s*$")


# A speech verb of its own or a sentence's end between two quotations, or the first's words ending
# a sentence: each has its own attribution.
_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
_SPEECH_OR_STOP = re.compile(SPEECH_VERB.pattern + r"|[.!?]\s?[\"'\u201d\u2019]?\s+[\"'\u201c\u2018]?\s?[A-Z]")


def _joined_quotes(found: list[Found], paragraph: str, offset: int) -> None:
    """A quotation joined by "and" to the next one, which the words after it attribute, is
    that speaker's too: the attribution closes both. So is one earlier in the same sentence, when
    no speech verb and no sentence's end stand between them."""
    for first, second in reversed(list(itertools.pairwise(found))):
        if first.speaker is None and second.speaker and second.how == "after" \
                and (_JOINING.fullmatch(paragraph, first.end - offset, second.position - offset)
                     or first.sentence == second.sentence and not _ENDS_SENTENCE.search(first.text)
                     and not _SPEECH_OR_STOP.search(paragraph, first.end - offset, second.position - offset)):
            # ('... “was extraordinary and insubordinate,” while his decision ... constituted “a
            # serious error of judgment,” the inspector general wrote': one attribution, one sentence)
            first.speaker, first.how = second.speaker, "joined"


# The words of a quotation left open at the end of the paragraph before, up to its closing mark.
_RUNS_ON = re.compile("[^\"\u201c\u201d]{20,}?[^\\s\"\u201c\u201d][\"\u201d](?=[\\s,.;:]|$)")


def _title_alone(speaker: str | None) -> bool:
    """"Former" (of "Former prosecutor and New York City Mayor Rudy Giuliani"), or a title alone
    ("Justice vows to be 'more circumspect'", a headline's word for Justice Ginsburg)."""
    return speaker is not None and (bare(speaker) in _TITLE_MODIFIERS
                                    or (" " not in speaker and bare(speaker) in _OFFICE_TITLES))


_TITLE_MODIFIERS = {"former", "acting", "interim", "outgoing", "incoming", "then", "ex"}
# Titles that are never somebody's name ("King", "Democrat" may be).
_OFFICE_TITLES = {"justice", "judge", "senator", "sen", "president", "governor", "gov", "mayor", "minister",
                  "secretary", "chancellor", "premier", "commissioner", "ambassador", "spokesman", "spokeswoman",
                  "spokesperson"}


def _spans_with_open_end(paragraph: str) -> tuple[list[tuple[int, int]], bool]:
    """Quotation spans, plus a quotation left open at the paragraph's end (a quote that
    continues in the next paragraph, as news style writes long quotations); and whether the
    paragraph leaves one open (an opening mark with no closing one, however short)."""
    spans = quote_spans(paragraph)
    for opener in _OPEN_MARK.finditer(paragraph):
        at = opener.start()
        if any(start <= at < end for start, end in spans):
            continue
        # an opening mark nothing closes: the quotation runs on to the paragraph's end, holding
        # any quotation inside it ("'I did not want to have to say "sorry mate, he is not
        # running" and ..." goes on in the next paragraph)
        if len(paragraph) - at > 20:
            spans = [(start, end) for start, end in spans if end <= at] + [(at, len(paragraph))]
        return spans, True
    return spans, False


# An opening mark with no closing one: a double mark, or a single one opening a capitalised
# word at the paragraph's start or after a colon, a comma or a sentence's end (British style:
# "He said: 'I have not made up my mind ..."), never an apostrophe ("'90s", "'round"), nor a
# straight mark between a sentence's end and a space, which closes ("... pipeline." Last year":
# a paragraph break the page lost left its partner behind), nor one doubled before another.
_OPEN_MARK = re.compile("(?<![\\w])(?:(?<![.,!?;:])\"(?!\")|\"(?![\\s\"])|\u201c)"
                        "|(?:^|(?<=[:,.?!]\\s))['\u2018](?=[A-Z])")
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
    return first, max(last, end)


def _with_attribution(paragraph: str, sentences: list[tuple[int, int]], q_end: int,
                      s_end: int, opens: bool = False) -> int:
    """Where the quotation's sentence really ends: ``"…offensive!" Cruz said.`` and
    ``"That would be you?" Borger asked.`` are split after the mark, but the short sentence
    that follows is the quotation's attribution and belongs to it. After a quotation that
    `opens` its sentence, a longer one does too when it starts with its subject and verb."""
    if paragraph[q_end:s_end].strip():
        return s_end
    following = next(((s, e) for s, e in sentences if s >= s_end), None)
    if following is None:
        return s_end
    words = paragraph[following[0]:following[1]].split()
    if not words or words[0][:1] in _OPENERS:
        return s_end
    if len(words) > _ATTRIBUTION_WORDS and not _LEADING_ATTRIBUTION.match(" ".join(words[:6])) \
            and not (opens and _opening_attribution(" ".join(words))):
        return s_end
    verb = SPEECH_VERB.search(" ".join(words[:6]))
    if verb is None and paragraph[q_end - 2:q_end - 1] in _NOT_SENTENCE_END and unlisted_report(" ".join(words)):
        return following[1]
    if verb is None:
        # '"...?" Miller, a retired worker from a nuclear plant, said pleasantly.': a name and
        # its appositive before the verb
        late = SPEECH_VERB.search(" ".join(words))
        if late and _NAME_APPOSITIVE.fullmatch(" ".join(words)[:late.start()]):
            return following[1]
    if verb is None or re.match(r"\s*(?:that|whether|if|how|why)\b", " ".join(words[:6])[verb.end():]):
        return s_end
    return following[1]


_ATTRIBUTION_WORDS = 14
# '"...right?" Clinton remarked, alluding to the actor's latest role in "The Revenant."': a
# longer sentence still attributes the quotation when it opens with its subject and verb.
_LEADING_ATTRIBUTION = re.compile(r"(?:[A-Z][\w.\u2019'\-]*\s+){1,3}(?:" + SPEECH_VERBS + r"),(?:\s|$)")
# '"How do we win Loudoun?" Will Estrada, the chairman for the exurb, said of the encounter
# he had ...', '"..." Trump told Britain's ITV in an interview aired on Monday', '"...?"
# Clinton asks as a maintenance worker walks in': after a quotation that is a sentence of
# its own, a long sentence opening with a name (and its appositive) and a speech verb.
# The verb takes no clause ("Kasich said he would have ..." reports something new): at most
# a short object ("told Britain's ITV television station"), then a phrase or punctuation.
_CLAUSE_WORD = r"(?:he|she|they|it|we|I|you|there|the|a|an|this|these|those|that|his|her|their|its|" \
    r"was|is|were|are|has|had|would|will|could|should|can|did|does|whether|if|how|why|what|who)\b"
_OPENING_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*(?:,\s[^,\u201c\u201d\"]+,)?\s+(?:"
    + SPEECH_VERBS + r")\b(?:\s+(?:[A-Z][\w.\u2019'\-]*|him|her|them|me|us|reporters|supporters)"
    r"(?:\s+(?!" + _CLAUSE_WORD + r")[\w.\u2019'\-]+){0,3})?"
    r"(?:[,.;:!?]|\s+(?:in|on|at|during|as|while|when|of|after|before|from|to|with)\b)")


def _opening_attribution(sentence: str) -> bool:
    """Whether `sentence` opens with a name and a speech verb taking no clause, and quotes
    nobody else (see _OPENING_ATTRIBUTION)."""
    opening = " ".join(sentence.split()[:_SUBJECT_WORDS_LONG + 2])  # a name, its appositive, the verb
    if not _OPENING_ATTRIBUTION.match(opening):
        return False
    quoted = _OPENERS_IN.search(sentence)
    # '"...?" Clinton asks as a janitor walks in, saying he is "here to fix ..."': a quotation
    # a participle's clause brings in later is that clause's, not the opening verb's
    return quoted is None or bool(_PARTICIPLE_CLAUSE.search(sentence, 0, quoted.start()))


def _opens_sentence(paragraph: str, s_start: int, q_start: int) -> bool:
    """Whether the quotation at `q_start` opens its sentence (earlier quotations aside)."""
    return not _mask_quotes(paragraph[s_start:q_start]).strip(" _")


# A sentence opening with a subordinate clause ("After Scalia said ...", "But even as Trump claimed ...").
_OPENING_CLAUSE = re.compile(r"\s*(?:(?:but|and)\s+)?(?:even\s+)?(?:after|as|when|while|although|though|before|since|"
                             r"because|if)\s", re.IGNORECASE)
# A quotation closing on one of these did not end its sentence: what follows may attribute it.
_NOT_SENTENCE_END = (",", "?", "!", "\u2014")


def _attribute(paragraph: str, s_start: int, s_end: int, q_start: int, q_end: int,
               people: People, offset: int) -> tuple[str | None, str, str]:
    """(speaker, how, via): who spoke the quotation and by which rule, and the outlet or
    record that reports the words when the sentence names one (``according to X``)."""
    reporter = _reported_by(paragraph, s_start, s_end, q_start, q_end, people, offset)
    speaker, how = _own_speaker(paragraph, s_start, s_end, q_start, q_end, people, offset,
                                reported=bool(reporter))
    if reporter and speaker and speaker != reporter:
        # "Welch said, according to Vermont Edition, "..."": the words are Welch's; the
        # outlet only vouches for them, and is kept to be shown beside the speaker.
        return speaker, how, reporter
    if reporter:
        return reporter, "according", ""  # "..., according to a pool report": nobody else speaks
    return speaker, how, ""


def _own_speaker(paragraph: str, s_start: int, s_end: int, q_start: int, q_end: int,
                 people: People, offset: int, reported: bool = False) -> tuple[str | None, str]:
    """The speaker the sentence gives by its speech verbs; with `reported`, "according to"
    is not one of them (its name is the reporter, found by _reported_by)."""
    # Quotes earlier in the sentence are not part of the attribution text.
    before = _mask_quotes(paragraph[s_start:q_start])
    clause = _CLAUSE_AFTER_QUOTE.search(before)
    if clause and people.resolve(clause.group(1), offset + s_start + clause.start(1)) in people.persons:
        # 'in a clip that Judge Mosman called "distasteful," Santilli expressed a desire to "..."':
        # a new clause after an earlier quotation, with a person as its subject, is this one's sentence
        s_start += clause.start(1)
        before = before[clause.start(1):]
    asked = _ASKED.fullmatch(before)
    if asked:
        # 'Asked by one of her aides, "Is this final?" Rhodes replied': the question is the
        # asker's, named or not, never the answerer's
        return (people.resolve(asked.group(1), offset + s_start) if asked.group(1) else None), "asked"
    if _WAS_ASKED.search(before):
        return None, "asked"  # 'Trump was asked, "What's the most dangerous place ...?"': the asker's
    if _MADE_BY_BEFORE.search(before):
        return None, "label"  # 'wrote the authors of the "Growth and Opportunity Project"': a title
    after = paragraph[q_end:s_end]
    owner = _OWNER_RIGHT_BEFORE.search(before) if _SPEECH_NOUN_AFTER.match(after) else None
    person = owner and _known_person_ending(owner.group(1).split(), people)
    if person:
        return person, "subject"  # 'Mitt Romney's "47 percent" comment': the possessor's words
    labelled = _labelling_agent(before, after, people, offset + q_end)
    if labelled:
        return labelled, "after"  # not "a move" of "a move described as "..." by the agency"
    speaker, by_report = _speaker_after(after, people, offset + q_end, skip_according=reported)
    opens = _opens_sentence(paragraph, s_start, q_start)
    if speaker is None and paragraph[q_end - 2:q_end - 1] in _NOT_SENTENCE_END and opens:
        # '"...?" Hannity pressed.': a clause right after the quotation with a verb of no list
        speaker = people.resolve(unlisted_report(after), offset + q_end)
    if speaker and _NEXT_SENTENCE.match(paragraph, q_start, q_end) and _OWN_REPORT.match(after) \
            and not (paragraph[q_end - 2:q_end - 1] in "?!" and _ASKING_NEXT.match(after)) \
            and not (opens and (_opening_attribution(after) or _LEADING_ATTRIBUTION.match(after.lstrip()))):
        # '... called Trump a "pathological liar." Carly Fiorina said Ted Cruz "says ..."': a
        # quotation closing its sentence, then a new sentence reporting its own words (a
        # quotation that is a sentence of its own is attributed by the one that follows).
        speaker = None
    if speaker and not opens and paragraph[q_end - 2:q_end - 1] == "." and after.lstrip()[:1].isupper():
        # 'Marten called the plan "unhinged." Sen. Tomas Brandt called it "...".': a quotation
        # inside narration closes the sentence; what follows is a new sentence.
        speaker = None
    if speaker and not by_report and _OPENING_CLAUSE.match(before) and "," not in before \
            and SPEECH_VERB.search(before) and _COMMA_IN_QUOTE.search(paragraph, 0, q_end + 1):
        # 'After Scalia said that ... "less advanced schools," Trump said: ...': a quotation closing
        # an opening clause with a speech verb of its own is that verb's, not the main clause's
        speaker = None
    if speaker and not by_report:
        return speaker, "after"
    if _DOCUMENT_SPEAKS.search(before[-160:]):
        # "Critics say the act, which states that "no person shall ..."": the words are the
        # statute's, not those of whoever speaks earlier in the sentence.
        return None, "document"
    held = _HIS_WORDS.search(before)
    person = held and _known_person_ending(held.group(1).split(), people)
    if person:
        return person, "subject"  # "Trump stood by his comment Monday that "Islam hates us"": Trump's
    late_owner = _late_words_owner(before)
    person = late_owner and (_known_person_ending(late_owner.split(), people)
                             or (_titled_person(late_owner) and people.resolve(late_owner, offset + s_start)))
    if person:
        return person, "subject"  # "The candidates say ... by Comey's conclusion that her actions were "...""
    inserted = _INSERTED.search(before)
    subject = (inserted and people.resolve(inserted.group(1), offset + s_start + inserted.start(1))) \
        or _speaker_before(before, people, offset + s_start, skip_according=reported, raw=paragraph[s_start:q_start]) \
        or _inverted_speaker(before, people, offset + s_start)
    if subject:
        return subject, "before"
    # "..., according to a readout": the report, when nobody in the sentence spoke.
    if speaker:
        return speaker, "after"
    owner = _words_owner(before, content=True)
    person = _known_person_ending(owner.split(), people) if owner else None
    if person:
        return person, "subject"  # "... and by Comey's conclusion that her actions were "...""
    record = _OWNED_RECORD_COLON.match(before)
    owner = record and _known_person_ending(record.group(1).split(), people)
    if owner:
        return owner, "subject"  # "Hoff's letter makes a libertarian-style case: "..."", "From Bush's post: "...""
    writing = _WRITING_SUBJECT.match(before)
    if writing and not _OTHER_SPEAKER.search(before) and not NAME_GIVEN.search(before):
        # 'The Rove ad hits Clinton for taking "..."': the ad's words (but 'The video is entitled
        # "..."' gives its title, nobody's words)
        return writing.group(1), "subject"
    view = _TO_VIEW.match(before)
    if view:
        # "To Sharp, Trump is the "kind-hearted and caring" man": Sharp's view, not Trump's words
        holder = view.group(1)
        if holder[:1].isupper() or bare(holder.split()[-1]) in ROLE_NOUNS:
            found = people.resolve(holder, offset + s_start + view.start(1))
            return (found, "subject") if found in people.persons or not holder[:1].isupper() else (None, "")
    if _IT_WAS_SAID.match(after):
        return None, ""  # 'Brandon and his brothers: "...," it was noted.': a caption's label, words unnamed
    # "Rubio bemoaned a climate in which people "literally hate each other"": a quotation in
    # the predicate belongs to the sentence's subject, when that subject is a known person.
    subject = sentence_subject(before) if before.strip() else None
    clause = _LATER_SUBJECT.search(before)
    if clause:
        # ", while Mike Huckabee ... proposed we "...", ", with Cruz promising to "...": the
        # quotation sits in a later clause with a subject of its own.
        subject = clause.group(1)
    person = people.resolve(subject, offset + s_start) if subject else None
    described = _DESCRIBED_OPENING.search(before) if person not in people.persons else None
    head = bare(described.group(1).split()[-1]) if described else ""
    if (head in DESCRIBED_ROLES or AGED.fullmatch(head)) \
            and people.resolve(described.group(1), offset + s_start) in people.persons:
        # "Taking to Twitter, the 31-year-old ... labeled the division "the best in the world"": the
        # person the role describes, when the article says who that is
        subject = described.group(1)
        person = people.resolve(subject, offset + s_start)
    if person and (person in people.persons or titled_name(subject) or _persons_role(subject, people, offset)) \
            and not _PASSIVE_VERB.search(before) and not _ACCORDING.search(before) \
            and not _OTHER_SPEAKER.search(before):
        # not 'According to some on Twitter, Kelly was "incognito"': the words are the source's;
        # not 'Kasich is assuring voters ... after a woman in Worcester, Massachusetts, told him
        # she worries he's "too nice"': a clause of its own reports somebody else's words
        return person, "subject"
    credited = _credited_elsewhere(paragraph, before, after, (s_start, s_end, q_end), opens, people, offset)
    if credited[0]:
        return credited
    return _sentence_forms(before, after, opens, people, offset + s_start, offset + s_end)


def _credited_elsewhere(paragraph: str, before: str, after: str, spans: tuple[int, int, int], opens: bool,
                        people: People, offset: int) -> tuple[str | None, str]:
    """Who the sentence or the next one credits with the words when no speech verb beside
    the quotation does: the main clause after an opening participle of speech, the name whose
    relative clause holds the words, "as described by X" later on, "That quote from X ..."
    next. `before` is already masked; `spans` are the sentence's start and end and the
    quotation's end in the paragraph."""
    s_start, s_end, q_end = spans
    person = _participle_opening_speaker(before, after, people, offset + q_end)
    if person:
        return person, "subject"
    masked = _mask_quotes(after)
    relative = _RELATIVE_OPEN.search(before)
    if relative and _MAIN_VERB_AFTER.match(masked):
        # 'Doug Purdy, who lost 16 lbs. "and two belt loops" between May and October, says the
        # program changed his life': the words sit in the relative clause of the main clause's subject
        person = people.resolve(relative.group(1), offset + s_start + relative.start(1))
        if person in people.persons:
            return person, "subject"
    described = _DESCRIBED_BY_LATER.match(masked)
    name = name_run_after(after[described.end():]) if described else None
    person = people.resolve(name, offset + q_end) if name else None
    if person and (person in people.persons or titled_name(name)):
        return person, "after"  # '... being "extremely careless" in the handling of ... - as described by Comey'
    credited = _CREDITED_NEXT.match(paragraph, s_end) if opens and not after.strip() else None
    if credited:
        # '"I'd rather have a sister in a whorehouse ..." That quote from Alabama Securities
        # Commissioner Thomas Krebs appeared ...': the next sentence says whose words they are
        name = name_run_after(paragraph[credited.end():])
        person = people.resolve(name, offset + credited.end()) if name else None
        if person:
            return person, "credited"
    return None, ""


def _participle_opening_speaker(before: str, after: str, people: People, at: int) -> str | None:
    """The subject of the main clause after a sentence-opening participle of speech that holds
    the quotation ("Acknowledging that Trump "says a lot of stupid stuff," though, Allen did
    suggest ..."): Allen, not Trump, whose words the participle reports; a known person only."""
    if not _SPEECH_PARTICIPLE_OPENING.match(before):
        return None
    lead = _MAIN_CLAUSE_LEAD.match(after)
    name = name_run_after(after[lead.end():]) if lead else None
    person = people.resolve(name, at) if name and name[:1].isupper() else None
    return person if person in people.persons else None


# A question put to the subject of a passive "asked" right before it: the asker's words.
_WAS_ASKED = re.compile(r"\b(?:was|were|is|are|been|being|gets|got)\s+(?:also\s+|then\s+)?asked\s*[,:]?\s*$")
# The makers of a work or a body right before its quoted name: "the authors of the "...""
_MADE_BY_BEFORE = re.compile(r"\b(?:authors?|creators?|makers?|editors?|founders?|producers?|organi[sz]ers?|"
                             r"sponsors?|members?)\s+of\s+(?:the\s+|a\s+)?$")
# A name and the open relative clause the quotation sits in: "Doug Purdy, who lost 16 lbs. "
_RELATIVE_OPEN = re.compile(r"((?:[A-Z][\w\u2019'.\-]*\s+){0,2}[A-Z][\w\u2019'\-]+),\s+who\s+[^,;!?]{0,80}$")
# ... and the main clause's speech verb after it: "between May and October, says ..."
_MAIN_VERB_AFTER = re.compile(r"[^;!?]{0,80}?,\s+(?:says|said|adds|added|tells|told|recalls|recalled)\b")
# "as described by X" later in the quotation's sentence: X gave the words.
_DESCRIBED_BY_LATER = re.compile(r"[^.;!?]*?\bas\s+(?:described|characteri[sz]ed|put|called|termed|labell?ed)\s+by\s+")
_SPEECH_PARTICIPLE_OPENING = re.compile(
    r"\s*(?:Acknowledging|Admitting|Conceding|Noting|Arguing|Insisting|Saying|Claiming|Warning|Explaining|"
    r"Asserting|Stressing|Complaining|Declaring|Predicting|Describing|Calling)\b[^,;:.!?]*$")
# What may stand between the quotation and the main clause's subject: ", though,", ","
_MAIN_CLAUSE_LEAD = re.compile(r"[\s,]*(?:(?:though|however|too|then|also|in fact)\s*,\s*)?")


# A sentence that credits the quotation before it: "That quote from X", "The remark, by X,".
_CREDITED_NEXT = re.compile(r"\s*(?:That|This|The|Those|These)\s+(?:quote|quotation|remark|comment|line|words|"
                            r"statement|warning|tweet|post|message|assessment|sentiment),?\s+(?:from|by)\s+")
_WRITING = re.compile(WRITINGS)
_POSSESSIVE = re.compile(r"(?:\u2019s|'s|\u2019|')$")  # "Blumenthal's", "Sanders'": the owner's name before it


def _persons_role(subject: str, people: People, position: int) -> bool:
    """Whether `subject` is a role named by a person the article knows: "The Sanders campaign",
    "Blumenthal's campaign"."""
    words = subject.split()
    owner = _POSSESSIVE.sub("", words[0])
    if len(words) == 2 and owner != words[0] and words[1] in ROLE_NOUNS and not _WRITING.fullmatch(words[1]):
        return people.resolve(owner, position) in people.persons  # not "Trump's statement ... seemed"
    if len(words) < 3 or bare(words[0]) not in SUBJECT_DETERMINERS or words[-1][:1].isupper():
        return False
    return any(people.resolve(w, position) in people.persons for w in words[1:-1] if w[:1].isupper())


def _labelling_agent(before: str, after: str, people: People, end: int) -> str | None:
    """Who gave the quoted name when a passive verb of naming comes before it and its agent
    after: 'has been called "strategic ambiguity" by Joshua Hendrick', 'a move described as
    "heartbreaking" by the national agency' (a role agent when it names somebody's role)."""
    agent = _AGENT_AFTER.match(after) if _LABELLED.search(before) else None
    person = people.resolve(agent.group(1), end) if agent else None
    head = bare(agent.group(1).split()[-1]) if agent else ""
    if person and (person in people.persons or titled_name(agent.group(1))
                   or agent.group(1)[:1].islower() and head in ROLE_NOUNS
                   or plural_role(agent.group(1)) and head in ROLE_NOUNS  # "by BBC officials"
                   or is_org(person.split()) or ACRONYM.fullmatch(person.removeprefix("The "))):
        return person
    return None


def _sentence_forms(before: str, after: str, opens: bool, people: People, start: int,
                    end: int) -> tuple[str | None, str]:
    """The attributions the sentence gives in other shapes than a speech verb beside its
    quotation: an attribution closing the sentence, a subheading signed after a colon, a
    statement somebody issued, a headline's or transcript's name before a colon, the owner of
    a claim the words are part of. `start` and `end` are the sentence's article offsets."""
    if opens or not SPEECH_VERB.search(before):
        late = _late_attribution(_mask_quotes(after, commas=True))
        if late:
            return people.resolve(late, end), "after"
    signed = _COLON_NAME_END.fullmatch(after)
    person = _known_person_ending(signed.group(1).split(), people) if signed else None
    if person:
        return person, "after"  # "All governments should be working 'in tandem': Matlow"
    issued = _ISSUED_RECORD.search(before)
    subject = name_run_before(before, issued.start()) if issued else None
    person = people.resolve(subject, start) if subject else None
    if person and (person in people.persons or titled_name(subject) or is_org(person.split())
                   or ACRONYM.fullmatch(person.removeprefix("The "))):
        # "Trump issued a statement, "..."", "President Obama released a statement Thursday
        # condemning "...", "The Democratic National Committee released a statement ...,
        # offering "...", "The NAACP adopted a resolution condemning "..."": the record's words
        return person, "before"
    headline = _NAME_COLON.match(before) or _NAME_COLON_END.search(before)
    words = headline.group(1).split() if headline else []
    line = before[:headline.end(1)].split("\n")[-1] if headline else ""
    if headline and headline.re is _NAME_COLON_END and _headline(line):
        # "Donald Trump Praises Breitbart's Political Editor Matthew Boyle:": the whole headline,
        # whose speaker comes before its headline verb (see _known_person_ending)
        words = line.split()
    person = _known_person_ending(words, people) if headline else None
    before_name = line[:len(line) - len(headline.group(1))].split()[-1:] if headline else []
    described = bool(before_name) and before_name[0].isalpha() and before_name[0].islower()
    if person is None and headline and headline.re is _NAME_COLON_END and (not _headline(line) or described):
        # 'Former England spinner Graeme Swann: "I am proud ..."': a name the article knows,
        # described by the word right before it or opening with a first name, before the colon
        # of a sentence of narration
        named = people.full_name(headline.group(1))
        known = named in people.roles and (described or people.has_first_name(named))
        person = named if len(named.split()) >= 2 and known and not is_org(named.split()) else None
    if person:
        return person, "before"  # "Elizabeth Warren: Donald Trump Is a 'Proven Failure'"
    if headline and _NAME_COLON_END.fullmatch(before.strip() + " "):
        # 'Clinton: "..." Bush: "..."' in a transcript: the one the article names in full
        # ("Jeb Bush and Hillary Clinton ..."), else somebody else, never the one before
        named = people.full_name(headline.group(1))
        if " " not in headline.group(1) and " " in named and named in people.roles \
                and not is_org(named.split()) and not people.is_place(named):
            return named, "before"
        return None, "label"
    titled = _HEADLINE_SUBJECT.match(before) if before.strip() and "\n" not in before else None
    person = _known_person_ending(titled.group(1).split(), people) if titled and _headline(before) else None
    if person:
        return person, "headline"  # "Hillary Clinton Calls ISIS Violence Against Yazidis 'Genocide.'"
    blunt = _WAS_COLON.search(before)
    body = people.resolve(blunt.group(1), start) if blunt else None
    if body and (body in people.persons or is_org(body.split()) or titled_name(blunt.group(1))):
        return body, "before"  # "the Illinois Board of Elections was conclusive in its findings: "...""
    owner = _words_owner(before)
    person = _known_person_ending(owner.split(), people) if owner else None
    return (person, "subject") if person else (None, "")


def _headline(before: str) -> bool:
    """Whether the words before a quotation are a headline's: nearly every word capitalised."""
    words = [w for w in before.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


# One to four capitalised words: a name, perhaps with its title ("Sen. Elizabeth Warren").
_CAPS_NAME = r"(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w\u2019'\-]*"
_FULL_NAME = re.compile(r"(?:[A-Z][\w.\u2019'\-]*\s+){1,3}[A-Z][\w\u2019'\-]*")
_COLON_NAME_END = re.compile(r"[.!?]?\s*:\s+(" + _CAPS_NAME + r")\s*")
_ISSUING_PARTICIPLES = ("saying|calling|condemning|declaring|stating|urging|warning|noting|praising|accusing|"
                        "offering|apologizing|expressing|announcing|promising|vowing|thanking|welcoming|blaming|"
                        "denying|insisting|explaining|describing|demanding|asking|that")
# ... or a piece a publisher ran: "The Washington Post recently ran a piece that noted his "...""
_ISSUED_RECORD = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:issued|released|put out|posted|sent out|tweeted|adopted|passed|"
                            r"ran|published)\s+(?:a|an|the)\s+(?:[a-z\-]+\s+){0,2}(?:statement|tweet|message|post|"
                            r"note|release|resolution|piece|story|article|editorial|column|op-ed|report)"
                            # "... a statement Thursday night condemning "..."", "... saying that X had "...""
                            r"(?:[,:]?\s*|(?:\s+[^\s.;!?_,]+){0,8}?,?\s+(?:" + _ISSUING_PARTICIPLES + r")\b[^.;!?_]*)$")
# A passive verb of naming before the quotation, its agent after it: the agent's words.
# The copula may be left out: "a move described as "heartbreaking" by the national agency".
_LABELLED = re.compile(r"\b(?:(?:is|was|were|are|been|be)\s+(?:[a-z]+ly\s+|often\s+|also\s+|once\s+)?)?"
                       r"(?:called|dubbed|labell?ed|described\s+as|termed|branded|derided\s+as|hailed\s+as)"
                       r"(?:\s+as)?(?:\s+(?:a|an|the))?\s*$")
# The agent: a name, or a role up to its head ("the national agency" of "... for refugees").
# A named body's people count as the agent too ("by BBC officials"), and so does a named
# organisation ("by the Foreign Office").
_AGENT_AFTER = re.compile(r"[\s,]*by\s+((?:the\s+)?" + _CAPS_NAME + r"(?:\s+[a-z]+s\b(?![\u2019']))?"
                          r"|(?:the|a|an|his|her|their|its)\s+"
                          r"(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*"
                          r"(?=\s+(?:of|for|in|at|on|to|with|from|who|which|that)\b|[\s,.;:]*$|[,.;:]))"
                          r"\b(?![\u2019']s)")
_NAME_COLON = re.compile(r"\s*(" + _FULL_NAME.pattern + r"):\s")  # two words or more
# 'Former secretary of state Hillary Rodham Clinton:"We learned that ..."': a transcript's speaker.
_NAME_COLON_END = re.compile(r"(" + _CAPS_NAME + r")\s*:\s*$")


def _known_person_ending(words: list[str], people: People) -> str | None:
    """The shortest full name ending `words` that is a person the article names ("McCain
    Challenger Kelli Ward": Kelli Ward), else a surname alone; none when the words end otherwise
    ("Trump Addresses Munich Attack")."""
    cut = next((i for i, w in enumerate(words) if w in _HEADLINE_PREPOSITIONS or _HEADLINE_VERB.fullmatch(w)),
               len(words))
    # "CNN President On Trump:", "Donald Trump Praises Matthew Boyle:": who speaks comes first.
    words = words[:cut]
    for size in [*range(2, len(words) + 1), 1] if words else []:
        full = people.full_name(" ".join(words[-size:]))
        if full in people.persons and not is_org(words[-size:]):
            return full
    return None


_HEADLINE_VERB = re.compile(r"(?:Says|Praises|Slams|Blasts|Rips|Hits|Attacks|Defends|Knocks|Mocks|Backs|Endorses|"
                            r"Thanks|Accuses|Calls|Tells|Warns|Urges|Asks|Responds|Reacts|Questions|Blames|"
                            r"Compares|Explains|Admits|Denies|Vows|Promises)")
# A headline opening with its speaker and a capitalised speech verb, present or past.
_HEADLINE_SUBJECT = re.compile(r"\s*((?:[A-Z][\w.\u2019'\-]*\s+){1,4}?)(?:Just\s+|Now\s+)?(?:"
                               + _HEADLINE_VERB.pattern + r"|Told|Asked|Called|Said|Warned|Urged|Explained)\b")
# "The Harbour Board was blunt:", "X was conclusive in its findings:": a named subject, a copula
# and a word or a short phrase on how it spoke, then a colon before its words.
_WAS_COLON = re.compile(r"(?:^|[,.]\s+)((?:[Tt]he\s+)?(?:[A-Z][\w\u2019'.\-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?){0,6}"
                        r"[A-Z][\w\u2019'\-]*)\s+(?:was|were|is|are)\s+[a-z]+(?:\s+(?:in|on|about)\s+[\w\s\u2019']{1,30})?"
                        r":\s*$")
_HEADLINE_PREPOSITIONS = {"On", "About", "To", "For", "Of", "Vs", "Vs.", "Against", "Over", "In", "At", "With"}


# "Trump's recent evidence-free assertion that "thousands" ...": whose claim, pledge or remark
# the quoted words are part of.
_OWNED_WORDS = re.compile(
    r"((?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*?)(?:\u2019s|'s|\u2019|')\s+(?:[a-z][\w\-]*\s+){0,3}?"
    r"(?:assertion|claim|pledge|accusation|promise|remark|remarks|comment|comments|statement|warning|vow|"
    r"insistence|suggestion|charge|argument|contention|declaration|boast|complaint|threat|prediction|"
    r"admission|denial|retort|quip|tweet|words|description|characterization|characterisation|broadside|"
    r"attack|attacks|criticism|critique|jab|swipe|dig|slogan|rhetoric|speech|pitch|plea|demand|response|"
    r"reply|explanation|apology|announcement|message|conclusion|dictum|finding|assessment|motto|mantra|"
    r"advice|refrain|verdict|observation|phrase|catchphrase|catch\s+phrase|line|assumption)\b")
# "the contention of former secretary of state Hillary Clinton that ...": the same, its owner after "of".
_WORDS_OF = re.compile(r"\bthe\s+(?:[a-z][\w\-]*\s+){0,2}?(?:assertion|claim|contention|insistence|argument|"
                       r"suggestion|warning|view|conclusion|assessment|position)\s+of\s+((?:[a-z]+\s+){0,5}?"
                       r"(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*)\s+that\s")


def _words_owner(before: str, content: bool = False) -> str | None:
    """The possessor of the last speech noun before a quotation in its sentence, when no
    speech verb comes after it; with `content`, only when what follows the noun gives its
    content ("Comey's conclusion that ...", "Barrett's dictum to his interns was, "), not
    what somebody else made of it ("denounced Trump's remarks as "..."")."""
    last = _last_owned_words(before)
    if last is None or SPEECH_VERB.search(before, last.end()):
        of = list(_WORDS_OF.finditer(before)) if content else []
        return of[-1].group(1) if of and not SPEECH_VERB.search(before, of[-1].end()) else None
    if content and not _CONTENT_AFTER.match(before, last.end()):
        return None
    return last.group(1)


@lru_cache(maxsize=16)  # three rules ask of the same sentence
def _last_owned_words(before: str) -> re.Match[str] | None:
    """The last speech noun with its possessor in the words before a quotation."""
    found = list(_OWNED_WORDS.finditer(before))
    return found[-1] if found else None


def _titled_person(name: str) -> bool:
    """A title, then a person's name of two or three words ("FBI Director James Comey"), or a
    title only a person holds before one name ("Sen. Reid")."""
    titles, rest = split_title(name.split())
    return titled_name(name) or (bool(titles) and 2 <= len(rest) <= 3 and all(w[:1].isupper() for w in rest)
                                 and not is_org(rest))


def _late_words_owner(before: str) -> str | None:
    """The possessor of a speech noun whose content the quotation gives, when a speech verb
    comes before the noun and none after it: the words are the owner's, not the earlier
    speaker's ("The candidates say ... by Comey's conclusion that her actions were "...",
    "Fitton called Clinton's assertion of a "claim of right" ...")."""
    last = _last_owned_words(before)
    if last is None:
        return None
    if not SPEECH_VERB.search(before, 0, last.start()) or SPEECH_VERB.search(before, last.end()):
        return None
    tail = before[last.end():]
    # the quotation opens the content, or follows within a short clause ("that her actions were");
    # not "Rubio's claim that Cruz is in favor of legalizing ... is "simply not true"", a verdict
    return last.group(1) if len(tail) <= _CONTENT_REACH and _THAT_OR_OF.match(tail) else None


# A writing that opens the sentence as the subject of its verb: "The Rove ad hits Clinton for
# taking "...", "A new report warns of "..."".
_WRITING_SUBJECT = re.compile(r"\s*(?:[A-Z][^,;:.!?\"\u201c\u201d]{0,40},\s+(?=[a-z]))?"
                              r"((?i:the|an?|this|that|its|his|her|their|one)\s+(?:[\w\-\u2019']+\s+){0,3}?(?:"
                              + WRITINGS + r"|document))"
                              # perhaps with a participle's phrase ("a post accompanying the video provides")
                              r"(?:\s+[a-z]+ing\s+(?:the\s+|an?\s+)?[a-z]+)?"
                              # perhaps with a modifier set off by commas or dashes ("One such
                              # document, obtained by The Post, includes", "The resolution -
                              # co-sponsored by ... - calls for")
                              r"(?:,\s+[a-z]+ed\b[^,;:.!?\"\u201c\u201d]{0,60},"
                              r"|\s+[\u2014\u2013-]{1,2}\s+[a-z][\w\-]*e[dn]\b[^\u2014\u2013;:.!?\"\u201c\u201d]{0,140}?\s[\u2014\u2013-]{1,2})?"
                              r"\s+(?!news\b)(?:[a-z]+ly\s+)?[a-z]+(?:s|ed)\b")
# "To Sharp, ...", "To his critics, ...": whose view the sentence gives.
_TO_VIEW = re.compile(r"\s*To\s+((?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*|(?:his|her|their|its|many|some)"
                      r"\s+[a-z]+(?:\s+[a-z]+)?),\s")
_CONTENT_REACH = 45
# A name, a verb of holding to one's own words, then "his" or "her" speech noun whose content the
# quotation opens: "Trump stood by his comment Monday that "...", "Clinton repeated her claim
# that "..." (not "Brook mocked his claim", which is somebody else's).
_HIS_WORDS = re.compile(r"(" + _CAPS_NAME + r")\s+(?:[a-z]+ly\s+)?(?:stood\s+by|stands\s+by|repeated|repeats|"
                        r"reiterated|defended|defends|renewed|doubled\s+down\s+on|stuck\s+to|sticks\s+to|walked\s+back|"
                        r"retracted|echoed|expanded\s+on|elaborated\s+on)\s+(?:his|her|their)\s+(?:[a-z\-]+\s+)?"
                        r"(?:comment|claim|remark|statement|assertion|argument|promise|pledge|vow|warning|"
                        r"insistence|contention|prediction|accusation|charge)s?"
                        r"(?:\s+(?:on\s+)?[A-Z][a-z]+)?\s+that\s+[^\"\u201c\u201d]{0,40}$")
_THAT_OR_OF = re.compile(r"\s+(?:that\s|of\s+(?:an?\s+)?$)")
_CONTENT_AFTER = re.compile(r"(?:\s+(?:to|in|during|at)\s+[\w\s]{0,40}?)?(?:\s*\([^()]{0,60}\))?\s*"
                            r"(?:,|:|\bthat\b|\b(?:was|is)\b)")


# '"...," in sharp contrast to earlier years, says Dante Scala, a political scientist.': the
# attribution closing the sentence the quotation opens, after a clause that carries its words on.
_LATE = re.compile(r",\s+(?:says|said|adds|added|writes|wrote|notes|noted|argues|argued)\s+([^,;:]+?)"
                   r"(?:,[^,;:]{0,120}){0,2}[.!?]?\s*$")


# '"..." that would respond to requests, Justice Department counsel Carla Wolver wrote in a filing.'
_LATE_SUBJECT = re.compile(r",\s+((?:[\w.\u2019'\-]+\s+){0,8}?[A-Z][\w.\u2019'\-]*)\s+(?:says|said|wrote|writes|"
                           r"added|adds)(?:\s+(?:in|on|at|to)\s+[^,;:]{0,60})?[.!?]?\s*$")


def _late_attribution(after: str) -> str | None:
    """The name in a closing ``, says Name[, role].`` or ``, Name said in a filing.`` of the words
    after a quotation, when no other speech verb comes before it."""
    match = _LATE.search(after)
    if match is not None and not SPEECH_VERB.search(after, 0, match.start()):
        # "said Ohio State University professor Paul Beck", "said the bureau's director, James B.
        # Comey,": the name after its role words, or the appositive name after the role.
        tail = after[match.start(1):]
        name = name_run_after(tail)
        return name if name and name in tail else None
    match = _LATE_SUBJECT.search(after)
    if match is None or SPEECH_VERB.search(after, 0, match.start()):
        return None
    subject = name_run_before(after, match.end(1))
    return subject if subject and subject[:1].isupper() and not is_pronoun(subject) else None


# "Added Gibbs: "..."", "Continued Stone, "..."": a capitalised speech verb, then its subject,
# perhaps with what it is ("Said Dorothy Keyes, who grew up with him, "..."").
_INVERTED = re.compile(r"\s*(?:" + SPEECH_VERBS + r")\s+(.+?)(?:,\s+(?:who|whose|an?|the)\s[^\"\u201c\u201d]{1,150}?)?"
                       r"\s*[:,]\s*")


def _inverted_speaker(before: str, people: People, position: int) -> str | None:
    """The speaker of an inverted attribution that is all the sentence holds before its
    quotation, or that closes a fronted phrase ("Because of how the schedule was built,
    explained Rosenberg, "...")."""
    match = _INVERTED.fullmatch(before[:1].lower() + before[1:]) if before[:1].isupper() else None
    if match is None:
        late = _INVERTED_LATE.search(before)
        name = late.group(1) if late and late.group(0).split()[1] != "according" else None
        return people.resolve(name, position + late.start(1)) if late and name else None
    if name_run_after(match.group(1)) != match.group(1):
        # "Said another Weibo user: "..."": a determiner phrase, all the words before the mark
        described = determiner_subject(match.group(1).split(), longest=5)
        return people.resolve(described, position) if described == match.group(1) else None
    return people.resolve(match.group(1), position)


_INVERTED_LATE = re.compile(r",\s+(?:" + SPEECH_VERBS + r")\s+(" + _CAPS_NAME + r")\s*[:,]\s*$")
# "... after a woman in Worcester, Massachusetts, told him ...": a subordinate clause whose own
# subject, a determiner phrase, has a speech verb.
_OTHER_SPEAKER = re.compile(r"\b(?:after|when|as|because|while|before)\s+(?:a|an|the|one|another)\s[^.;:!?]{0,60}?\b(?:"
                            + SPEECH_VERBS + r")\b")
# "The paradox of Nancy, says Carl Anthony, historian at the library, is that she was "...": an
# attribution inserted between the subject and its verb, perhaps with its appositive.
_INSERTED = re.compile(r",\s+(?:says|said)\s+(" + _CAPS_NAME + r")(?:,\s[a-z][^,]{1,100})?,\s+"
                       r"(?:is|was|are|were|has|have|had|will|would|could)\b")


_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
# The capitalised name a report goes by: "CNN", "the Daily Courier", "a White House pool report",
# "Farley's account"; "according to data from ..." names none.
# (an office's "of the" too: "according to the Office of the Historian")
# (an organisation's name may hold "of", "for" or "on": "the Institute for Policy Studies", "the
# Council on Foreign Relations", never "CNN on Monday")
_REPORTER = re.compile(r"(?:(?:the|a|an)\s+)?([A-Z][\w.&\-\u2019']*(?:\s+(?:(?:of|for|on(?!\s+(?:" + MONTH_OR_DAY
                       + r")\b))\s+(?:the\s+)?)?[A-Z][\w.&\-\u2019']*)*)")


# "according to a statement from the council", "a copy of the letter reviewed by The Post", "a
# court document filed by state attorney Dave Aronberg": a record, then who issued or holds it.
_RECORDS = (r"statement|letter|copy|document|e-?mail|memo|post|transcript|report|filing|declaration|"
            r"lawsuit|release|interview|review|summary|recording|video|tweet|message|note|complaint|"
            r"affidavit|account|readout|excerpts?|draft|notes")
# "FreedomWorks' website", "the senator's statement": a record, and whose it is.
_OWNER_RECORD = re.compile(r"\s*(" + _CAPS_NAME + r")(?:\u2019s|'s|\u2019|')\s+(?:official\s+|own\s+)?"
                           r"(?:website|blog|" + _RECORDS + r")\s+")
# "according to the slides,", "according to a court filing.": a record that nobody's name
# introduces, itself the source.
_PLAIN_RECORD = re.compile(r"((?:the|a|an)\s+(?:[a-z][\w\-]*\s+){0,3}?(?:" + _RECORDS + r"|slides|cables?|documents|"
                           r"records|minutes|e-?mails|filings)s?)(?=\s*[,.;]|\s*$)")
# People named by what they are, up to the clause's end: "sources", "people familiar with the
# matter", "some on Twitter", "two officials close to the talks".
_PEOPLE_REPORTING = re.compile(
    r"((?:(?:some|many|several|most|two|three|four|five|\d+)\s+)?(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?:people|sources|officials|critics|analysts|experts|witnesses|aides|insiders|observers|users|"
    r"residents|lawmakers|diplomats|investigators|some|others)"
    r"(?:\s+(?:familiar\s+with|close\s+to|briefed\s+on|on|in|at|with|from|inside)\s+[^,;.:!?\"\u201c\u201d]{1,60}?)?)"
    r"(?=\s*[,.;]|\s*$)")
_PERSON_REPORTING = re.compile(r"((?:the|a|an|his|her|their|its)\s+(?:[a-z][\w\-]*\s+){0,3}?([a-z][\w\-]*))"
                               r"(?=\s*[,.;]|\s*$)")
_RECORD_BY_BODY = re.compile(r"(?:a|an|the)\s+(?:[a-z][\w\-]*\s+){0,3}?(?:" + _RECORDS + r")\s+(?:from|by)\s+"
                             r"(the\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)(?=\s*[,.;]|\s*$)")
_OWNED_PLAIN_RECORD = re.compile(r"(its|his|her|their)\s+(?:[A-Za-z][\w\-]*\s+){0,2}?(?:website|blog|memoir|book|"
                                 r"summary|account|page|" + _RECORDS + r")s?(?=\s*[,.;]|\s*$)", re.IGNORECASE)
_PERSON_NOUNS = {"man", "woman", "boy", "girl", "patient", "victim", "witness", "owner", "driver", "passenger",
                 "resident", "survivor", "customer", "couple", "family", "parents", "son", "daughter"}
_RECORD_BY = re.compile(
    r"(?:a|an|the)\s+(?:[a-z][\w\-]*\s+){0,3}?(?:" + _RECORDS + r")(?:\s+of\s+(?:the|a|an|his|her|their)\s+[a-z]+)?"
    r"(?:\s+[a-z][\w\-]*){0,3}?\s+(?:from|by|with)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?(?=[A-Z])")
# A person's own record opening the sentence, then a colon before its words: "Hoff's letter makes
# a libertarian-style case:", "From Bush's Facebook post:".
_OWNED_RECORD_COLON = re.compile(r"\s*(?:(?:From|In)\s+)?(" + _CAPS_NAME + r")(?:\u2019s|'s|\u2019|')\s+"
                                 r"(?:[A-Za-z]+\s+){0,2}?(?:website|blog|" + _RECORDS + r")\b[^:;.!?]{0,80}:\s*$")


def _reported_by(paragraph: str, s_start: int, s_end: int, q_start: int, q_end: int,
                 people: People, offset: int) -> str | None:
    """``Welch said, according to Vermont Edition, "..."``: the outlet or record the sentence
    names as reporting the words: the quote's speaker when nobody in the sentence speaks, its
    ``via`` otherwise (PolNeAR counts the reporter as the source either way; a reader is told
    whose words they are, and who vouches for them). ``according to data`` names nobody."""
    if not _ACCORDING.search(paragraph, s_start, s_end):
        return None  # the usual case, without masking the sentence's quotations
    sentence = _mask_quotes(paragraph[s_start:s_end])
    a, b = max(0, q_start - s_start), max(0, q_end - s_start)
    sentence = sentence[:a] + "_" * (b - a) + sentence[b:]  # an open quotation too
    match = _ACCORDING.search(sentence)
    if not match:
        return None
    held = _ROLE_NAMED_AFTER.match(sentence, match.end())
    if held:
        return people.resolve(held.group(1), offset + s_start + held.start(1))  # "his aunt, Jane Starner,"
    record = _RECORD_BY.match(sentence, match.end())  # "a statement from", "a copy ... reviewed by"
    run = _REPORTER.match(sentence, record.end() if record else match.end())
    if not run:
        plain = _PLAIN_RECORD.match(sentence, match.end()) or _PEOPLE_REPORTING.match(sentence, match.end())
        # "according to the slides, ...": the slides; "according to people familiar with the
        # matter", "according to some on Twitter": those people
        if plain:
            return plain.group(1)
        # "according to a statement from the council": the body, as the article names it
        body = _RECORD_BY_BODY.match(sentence, match.end())
        if body:
            return people.resolve(body.group(1), offset + s_start + body.start(1)) or body.group(1)
        # "according to her memoir": hers; "according to its Amazon summary" (of a book): the writing
        owned = _OWNED_PLAIN_RECORD.match(sentence, match.end())
        if owned:
            return people.writer([owned.group(1)], offset + s_start + match.start()) or owned.group(0)
        # "according to his mother", "according to the man": somebody the article describes
        person = _PERSON_REPORTING.match(sentence, match.end())
        if person and bare(person.group(2)) in ROLE_NOUNS | _PERSON_NOUNS:
            return people.resolve(person.group(1), offset + s_start + person.start(1)) or person.group(1)
        return None
    name = run.group(1).rstrip(",")
    name = _POSSESSIVE.sub("", name if is_abbreviation(name.split()[-1]) else name.rstrip("."))
    role = _ROLE_AFTER.match(sentence, run.end())
    if role and bare(role.group(1)) in ROLE_NOUNS and name == run.group(1):
        determiner = sentence[run.start():run.start(1)]  # "a State Department official"
        more = _MORE_ROLE.match(sentence, role.end())  # "according to IMF staff economists"
        return f"{determiner}{name} {role.group(1)}{more.group(0) if more else ''}"  # "U.S. officials": not "U.S"
    if _NAMED_BODY.search(name):
        return name  # "the Council on Foreign Relations": an organisation's whole name, never "Relations"
    return people.resolve(name, offset + s_start + run.start(1)) or None


_ROLE_AFTER = re.compile(r"\s+([a-z]+)\b")
_MORE_ROLE = re.compile(r"\s+[a-z]+(?:ists|ers|ors|ians|officials)\b")
_NAMED_BODY = re.compile(r"\s(?:for|on)\s")


# A later clause's opening: ", while", " - but", ";" (the last such opening counts).
_CLAUSE_OPENING = r"(?:(?:,|\s[\-\u2014\u2013])\s+(?:while|whereas|but|with|in which|where)|;)"
# (its subject may be a role named by a person: "- but the Sanders campaign rejected the idea as "...")
_LATER_SUBJECT = re.compile(
    _CLAUSE_OPENING + r"\s+"
    r"((?:[A-Z][\w\u2019'.\-]*\s+){0,3}[A-Z][\w\u2019'.\-]*|the\s+(?:[A-Z][\w\u2019'.\-]*\s+){1,3}[a-z]+)"
    r"(?:,[^,]{1,80},)?\s+(?:[a-z]+\s+)?(?:[a-z]+ed|[a-z]+s|[a-z]+ing|was|were|is|are|has|had|did|said|told)\b"
    r"(?![\s\S]*" + _CLAUSE_OPENING + r"\s)")


_LEGAL_TEXTS = (
    r"statute|law|act|bill|provision|clause|section|article|amendment|constitution|code|rules?|"
    r"regulations?|order|ruling|resolution|treaty|charter|ordinance|legislation|decree|"
    r"guidelines|sign|plaque|inscription|banner|label|motto|oath"
)
_DOCUMENT_SPEAKS = re.compile(
    r"\b(?:" + _LEGAL_TEXTS + r")(?:\s+[a-z0-9][\w\-]*){0,3}?(?:,\s*which)?\s+"
    r"(?:reads?|reading|states?|stating|says|say|saying|provides|stipulates|declares|specifies|requires|mandates)"
    r"(?:\s+that|\s+in\s+part)?[\s:,]*$",
    re.IGNORECASE,
)


# A quotation whose words end a sentence (". " before the closing mark) ...
_OPENERS_IN = re.compile("[\"\u201c]")
_PARTICIPLE_CLAUSE = re.compile(r"\w+\s+\w+,\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")
_DOUBLE_MARK = re.compile("[\"\u201c\u201d]")  # any mark of a quotation, opening or closing
_NEXT_SENTENCE = re.compile(r"[\s\S]*[.!?][\"\u201d\u2019']\s*$")
# '"... Three?" Clinton asks as ...': after a question or an exclamation, a name and its speech
# verb go on with the quotation's sentence
_ASKING_NEXT = re.compile(r"\s+[A-Z][\w.\u2019'\-]*(?:\s+[A-Z][\w.\u2019'\-]*){0,2}\s+"
                          r"(?:asks|asked|says|said|wonders|wondered|shouts|shouted|exclaims|exclaimed)\b(?!\s+that\b)")
_VERB_BEFORE_COMMA = re.compile(r"\b(?:" + SPEECH_VERBS + r"),$")
# ... followed by a sentence of its own: a capitalised subject, a speech verb and more words
# or another quotation after it ('Fiorina said Ted Cruz "says ..."'), not '"..." Smith said.'
_OWN_REPORT = re.compile(
    r"\s+[A-Z][^.!?\"\u201c]{0,60}?\b(?:" + SPEECH_VERBS + r")\b(?:[^.!?]*[\"\u201c]|(?:\s+[\w\u2019'\-,]+){9})")


# An earlier quotation, then a clause with a name as its subject and a verb of its own, running
# up to the quotation: '..."distasteful," Santilli expressed a desire to '.
_CLAUSE_AFTER_QUOTE = re.compile(r"_,?\s+(" + _CAPS_NAME + r")\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b[^_]*$")


def _mask_quotes(text: str, commas: bool = False) -> str:
    """`text` with its quotations blanked out; with `commas`, a comma closing a quotation
    inside its mark ('"three-peat," Shibley said') is kept, as it ends the narration's phrase."""
    out = list(text)
    for s, e in quote_spans(text):
        out[s:e] = ["_"] * (e - s)
        if commas and e - s > 2 and text[e - 2] == ",":
            out[e - 1] = ","
    return "".join(out)


def _speaker_after(after: str, people: People, position: int,
                   skip_according: bool = False) -> tuple[str | None, bool]:
    """``, Xi said`` / ``said Xi`` / ``, he added`` / ``, according to X`` right after;
    the flag says the speaker only reported the words (``according to``), a verb that
    `skip_according` passes over."""
    lead = _LEAD_PUNCT.match(after)
    rest = after[lead.end():] if lead else after
    if rest[:1] in _OPENERS or _TO_WHICH.match(rest):
        return None, False  # '"...?" to which Justin retorts, "..."': the answer's speaker, not the question's
    writing = _WRITING_READS.match(rest)
    if writing:
        return people.resolve(writing.group(1), position), False
    rest = _reads_as_says(rest, definite=False)
    verb_first = _AFTER_VERB_FIRST.match(rest)
    if verb_first and _HEARER_NEXT.match(rest):
        return None, False  # '"...," telling Radio Westport that ...': who heard, not who spoke
    if verb_first and not (skip_according and rest.startswith("according to")):
        reported = rest.startswith("according to")
        tail = rest[verb_first.end():]
        subject = name_run_after(tail) or determiner_subject_after(tail)
        named = (_ROLE_THEN_NAME.match(tail) or _LOWER_ROLE_THEN_NAME.match(tail)) \
            if not subject or not subject[:1].isupper() else None
        if named and (titled_name(named.group(1)) or people.resolve(named.group(1), position) in people.persons):
            # '"...," said the legislator, Representative Carl Seel.', 'said master of ceremonies Asab Tabchi'
            subject = named.group(1)
        return people.resolve(subject, position), reported
    for verb in SPEECH_VERB.finditer(rest):
        if noun_after_preposition(rest, verb.start(), verb.end()):
            continue  # '"notified" the embassy in Cairo of reports': a noun, not the attribution
        head = rest[:verb.start()]
        pair = _NAME_PAIR.fullmatch(head)
        named = [(name, people.resolve(name, position)) for name in pair.groups()] if pair else []
        if named and all(full in people.persons or " " in name for name, full in named):
            # '"...," Edward-Isaac Dovere and Gabriel Debenedetti wrote': the two of them
            return " and ".join(full or name for name, full in named), False
        # "Marta Quell, Brandt's campaign manager and a former treasurer, said": an "and"
        # inside the appositive joins its roles and opens no new clause.
        clause = _new_clause(head) and not _NAME_APPOSITIVE.fullmatch(head) \
            and not _ROLE_PAIR.fullmatch(head) and not _ROLES_THEN_NAME.fullmatch(head)
        appositive = _NAME_APPOSITIVE.fullmatch(head) and len(head.split()) <= _SUBJECT_WORDS_LONG
        cut = writing_before_modifier(head.rstrip())  # "the order released Friday": a writing's modifier
        if (len(head.split()) > _SUBJECT_WORDS and not (appositive or cut)) or clause:
            break  # "..." for instance, and Trump vowed to ...: a new clause, not the attribution
        if verb.group(0).endswith("ing") and head.rstrip().endswith(","):
            break  # '"Today" to discuss his rival, Hillary Clinton, saying': the name is no subject
        if head.rstrip().endswith(",") and verb.group(0) in _INVERTING:
            # '"velvet gloves" in its dealings with Central Asia, said Nargis Kassenova': the
            # verb closing the sentence comes before its subject
            inverted = name_run_after(rest[verb.end():])
            if inverted and inverted[:1].isupper():
                return people.resolve(inverted, position + verb.end()), False
        # '"...," Elliott Maynard, a Republican trying to unseat Nick J. Rahall II, a Democrat,
        # said': a full name opening the appositive chain is the subject, not a name inside it,
        # after its role if one comes first ("study lead author Lucas Paganini, a scientist ...")
        first = _LOWER_ROLE_WORDS.sub("", head.split(",", 1)[0].strip())
        opens = appositive and _FULL_NAME.fullmatch(first) and bare(first.split()[0]) not in STOP_CAPS
        subject = first if opens else subject_before(rest, verb.start(), cut)
        owned = _OWNER_RECORD.fullmatch(head) if not subject else None
        if owned:
            subject = owned.group(1)  # '"...," FreedomWorks' website said': the website's owner
        if subject:
            return people.resolve(subject, position), False
        if verb.group(0) == "according to" and not skip_according:
            return people.resolve(name_run_after(rest[verb.end():]), position), True
    return None, False


_TO_WHICH = re.compile(r"(?:to|in\s+reply\s+to)\s+which\b")
_IT_WAS_SAID = re.compile(r"[\s,.'\u2019\"\u201d]*" + IT_WAS_SAID)  # right after the words
# A writing whose words "read" or "go on": "The letter goes on:", "a memo detailing the findings
# reads". The writing opens its clause with a determiner ("a memo", "the letter"), perhaps with a
# modifier after it.
_WRITING_THEN_READS = re.compile(r"(?<![\w\-])(?:(the|this|that)|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:" + WRITINGS
                                 + r")\b(?:\s+(?!(?:which|that|who|he|she|they|we|I|you)\b)"
                                 r"[\w\u2019'\-]+){0,8}?\s+(reads|read|goes\s+on)\b", re.IGNORECASE)


def _reads_as_says(text: str, definite: bool = True) -> str:
    """`text` with a writing's "reads", "read" or "goes on" spelled as the speech verb it is
    ("says"), of the same length so that positions in it still hold. Without `definite`, only a
    writing just brought in counts ("a memo ... reads"): "the post read" after a quotation goes
    on with whoever the paragraph quoted, and "her statement read" with its owner."""
    def says(match: re.Match[str]) -> str:
        if match.group(1) and not definite:
            return match.group(0)
        verb = match.group(2)
        word = "said" if verb.lower() == "read" else "says"
        return match.group(0)[:match.start(2) - match.start(0)] + word.ljust(len(verb))
    return _WRITING_THEN_READS.sub(says, text)


# Verbs that come before their subject (not "told", whose object is who heard: "Kasper, told POLITICO").
_INVERTING = {"said", "says", "added", "explained", "noted", "wrote"}
_NAME_PAIR = re.compile(r"\s*(" + _CAPS_NAME + r")\s+and\s+(" + _CAPS_NAME + r")\s+")
# A role after the verb, then the name it stands for: "said the legislator, Representative Carl Seel."
# '"...," exhorted Clinton's introducer, actress Jamie Lee Curtis.': a possessor's role, the name's own.
_ROLE_THEN_NAME = re.compile(r"(?:the|a|an|[A-Z][\w\-]*(?:\u2019s|'s))\s[^,.;:!?\"\u201c\u201d]{1,60},\s+"
                             r"(?:[a-z]+\s+){0,2}(" + _CAPS_NAME + r")\s*(?:[.;]|$)")
# '"...," reads a Wednesday editorial in The Des Moines Register': a writing nobody's own is
# named; "her statement read" and "the post read" are left to whoever wrote them.
_WRITING_READS = re.compile(r"[\s,]*(?:reads|read)\s+((?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:" + WRITINGS + r")"
                            r"(?:\s+(?:in|from|of|by)\s+" + CAPITALISED_NAME + r"(?:[\u2019']s\s+office)?)?)"
                            r"(?:\s+\([^()]{1,12}\))?\s*[.;]")
# "a letter Trump wrote to Kim", then the participle: the writing's writer.
_WRITTEN_BY = re.compile(r"\b(?:a|an|the)\s+(?:[a-z][\w\-]*\s+)?(?:" + WRITINGS + r")\s+(" + _CAPS_NAME
                         + r")\s+(?:wrote|sent|signed|penned)\b[^,;:.!?]{0,60}$")
# "According to his aunt, Jane Starner, "..."": a role, then the name of who holds it, set off.
_ROLE_NAMED_AFTER = re.compile(r"\s*(?:his|her|their|the|a|an|[A-Z][\w\-]*(?:\u2019s|'s))\s"
                               r"[^,.;:!?\"\u201c\u201d]{1,60},\s+(" + _CAPS_NAME + r"),")
# 'said master of ceremonies Asab Tabchi, a Syrian engineer': a role in lower case, then the name.
_LOWER_ROLE_THEN_NAME = re.compile(r"(?!(?:the|a|an|another|one|his|her|their|its)\s)(?:[a-z]+\s+){1,3}("
                                   + _CAPS_NAME + r")\s*(?:[,.;]|$)")
# '"…," California Rep. Duncan Hunter's chief of staff, Joe Kasper, told POLITICO': a subject
# with its appositive can take a dozen words before the verb.
_SUBJECT_WORDS = 12
# '"…," Fred Kagan, director of the Critical Threats Project at the hawkish American
# Enterprise Institute, said': a name with one appositive set off by commas may run longer, up to
# a front-runner's standing in the polls ("Trump, the 2016 GOP presidential frontrunner nationally
# and current polling leader in South Carolina by a wide margin after winning ..., said").
_SUBJECT_WORDS_LONG = 30
# Words that are no part of a role before a name: pronouns, verbs, relative words.
_NOT_ROLE = r"(?:he|she|they|it|we|i|you|was|were|is|are|has|had|who|that|which|said|says|told|wrote|added)\b"
# The role words before a name: "study lead author" of "study lead author Lucas Paganini".
_LOWER_ROLE_WORDS = re.compile(r"^(?:(?!" + _NOT_ROLE + r")[a-z][\w\-]*\s+){1,3}(?=[A-Z])")
# A name and its comma-set appositive, perhaps after a role, capitalised word first or not
# ("Texas delegate Bill Eastland, wearing a hat and pins,", "study lead author Lucas Paganini,
# a ..."). The appositive may hold a list ("Anne Richards, assistant secretary of state for
# population, refugees, and migration,"), of names too ("chairman of the subcommittee on the
# Constitution, Civil Rights and Civil Liberties,"), or end in a role joined by "and" ("a fellow
# at the institute in Munich, Germany, and co-author of the study,", "a scientist at NASA in
# Greenbelt, Maryland, and American University in Washington, D.C.,").
_NAME_APPOSITIVE = re.compile(r"(?:(?:[A-Z][\w.\u2019'\-]*\s+)?(?:(?!" + _NOT_ROLE + r")[a-z][\w\-]*\s+){1,3})?"
                              r"(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*,\s[^,]+"
                              r"(?:,\s(?:and\s)?[a-z][\w\-]*|,\s(?:a|an|the|in|of|from)\s[^,]+"
                              r"|,\sand\s(?:(?!(?:the|his|her|their)\b)[a-z][^,]+|(?:[A-Z][\w\-]*\s){1,4}(?:in|at|of)\s[^,]+)"
                              r"|,\s(?:and\s)?[A-Z][\w.\-]*(?:\s(?:and\s)?[A-Z][\w.\-]*){0,4})*,\s*")
# '"...," the independent Vermont senator and Democratic presidential candidate told ABC':
# one person's two roles joined by "and", with no verb of their own.
_ROLE_PAIR = re.compile(r"\s*(?:the|a|an)\s+(?:(?!(?:was|were|is|are|has|had|who|that|which)\b)[\w\-\u2019']+\s+)"
                        r"{1,5}and\s+(?:(?!(?:was|were|is|are|has|had|who|that|which)\b)[\w\-\u2019']+\s+){1,5}")
# '"...," lead researcher and NASA planetary scientist Lucas Paganini said': the same, with no
# article, before the name of the one who holds both roles.
_ROLES_THEN_NAME = re.compile(r"\s*(?:(?!" + _NOT_ROLE + r")[a-z][\w\-]*\s+){1,4}and\s+"
                              r"(?:(?!" + _NOT_ROLE + r")[\w\-\u2019']+\s+){1,4}"
                              r"(?:[A-Z][\w.\u2019'\-]*\s+){1,3}[A-Z][\w.\u2019'\-]*\s*")
# A conjunction opening a new clause; never one inside a hyphenated word ("warm-and-fuzzy Trump").
_NEW_CLAUSE = re.compile(r"(?<![\w\-])(?:and|but|while|whereas|until|because|although|though|when|after|before)"
                         r"(?![\w\-])")
_NAME_AND = re.compile(r"[A-Z][\w.\u2019'\-]*\s+and\s+[A-Z]")


def _new_clause(head: str, start: int = 0) -> re.Match[str] | None:
    """The first conjunction in `head` from `start` that opens a new clause; an "and" between
    capitalised words joins the parts of one name ("Oversight and Government Reform Committee
    spokesman Ali Ahmad said") and opens none."""
    for match in _NEW_CLAUSE.finditer(head, start):
        if match.group(0) != "and" or not _NAME_AND.match(head, head.rfind(" ", 0, match.start() - 1) + 1):
            return match
    return None


def _speaker_before(before: str, people: People, position: int, skip_according: bool = False,
                    raw: str | None = None) -> str | None:
    """The subject of the last speech verb earlier in the sentence (``according to`` not
    counted as one with `skip_according`). `before` has its quotations masked; `raw`, when
    given, is the same text unmasked."""
    before = _reads_as_says(before)
    for verb in reversed(list(SPEECH_VERB.finditer(before))):
        if skip_according and verb.group(0) == "according to":
            continue
        head = before[:verb.start()].rstrip()
        if _PASSIVE.search(head) and verb.group(0) in _PASSIVE_VERBS:
            # "Sanders was asked by host Bill Maher, "...": the words are the asker's, or
            # someone unnamed's ("Trump was asked, "..."), never the subject's.
            by = _BY.match(before, verb.end())
            found = people.resolve(name_run_after(before[by.end():]), position + by.end()) if by else None
            if found:
                return found
            continue
        if verb.group(0).startswith("call") and _FOR.match(before, verb.end()):
            continue  # "statements by Trump calling for a ban make him "..."": a demand, not speech
        if verb.group(0) in _NAMING_VERBS and _NAMED_THEN_VERB.match(before, verb.end()):
            continue  # "a secret program called Prism is simply an "..."": a name given, not speech
        if speech_noun(before, verb.start(), verb.end()):
            continue  # "in many Asian states", "Republican claims of "..."": a noun, not a verb
        if _MODAL.search(head):
            continue  # "Obama said he expected that Americans will say "no"": words not yet spoken
        absolute = _WITH_SUBJECT.search(before, 0, verb.end())
        if verb.group(0) == "according to":
            found = people.resolve(name_run_after(before[verb.end():]), position)
        elif absolute and verb.group(0).endswith("ing"):
            # "Republicans chimed in, with Donald Trump tweeting ... and asking, "...": the
            # participle's subject is the one "with" names, not the sentence's.
            found = people.resolve(absolute.group(1), position + absolute.start(1))
        else:
            quoted_comma = _COMMA_IN_QUOTE.search(raw or "", 0, verb.start())
            if quoted_comma and SPEECH_VERB.search(head):
                continue  # 'The senator said it was "corrupt," noting ...': the verb before's subject
            if verb.group(0).endswith("ing") and (head.endswith((",", " by")) or ends_with_document(head)
                                                  or quoted_comma or (_AFTER_OBJECT_OF.search(head)
                                                                      and not _WHO_WHICH.search(head))):
                # "X hailed the ties, saying ...", "X asserted his plans by saying", "X wrote to the
                # board saying": the participle's subject is the sentence's, or that of the
                # attribution right before it ('"...," Brandt added, saying').
                inner = _VERB_BEFORE_COMMA.search(head)
                at_verb = inner.start() if inner else 0
                subject = (inner and (name_run_before(head, at_verb) or role_phrase_before(head, at_verb))) \
                    or _last_clause_subject(head)
                pronoun = _CLAUSE_PRONOUN.search(head)
                if pronoun and (subject is None or head.find(subject) < pronoun.start(1)):
                    subject = pronoun.group(1)  # "Critics say ..., but he hits back by saying": he
                subordinate = _SUBORDINATE_PRONOUN.search(head) if subject is None else None
                if subordinate:
                    main = _MAIN_SUBJECT.search(head, 0, subordinate.start())
                    # "Burt doubted ... when he took to Twitter writing": Burt
                    subject = main.group(1) if main else subordinate.group(1)
                opening_pronoun = _PRONOUN_CLAUSE_COMMA.match(head) if subject is None else None
                if opening_pronoun:
                    subject = opening_pronoun.group(1)  # "He invoked the teaching, saying": he
                crowd = _CROWD_OPENING.match(head) if subject is None else None
                if crowd:
                    subject = crowd.group(1)  # "Hundreds of demonstrators marched ..., chanting": them
                owned = _OWNED_OPENING.match(head) if subject is None else None
                if owned:
                    subject = owned.group(1)  # "His office put out a statement saying": his office
                written = _WRITTEN_BY.search(head)
                if written:
                    subject = written.group(1)  # "released a letter Trump wrote to Kim saying": Trump
                if subject and " " not in subject and not is_pronoun(subject) \
                        and people.full_name(subject) not in people.roles \
                        and (people.writes_in_lower_case(subject) or bare(subject) in _OPENING_WORDS):
                    subject = None  # "Down in the polls, Perry is on the attack, claiming": no name
                opening = _OPENING_DETERMINER.match(head)
                thing = opening and subject is None and bare(opening.group(1).split()[-1]) not in ROLE_NOUNS
                clause = _SUBORDINATE_NAME.search(head) if thing else None
                if clause:
                    # "The deal is now in question after Trump refused to certify it, saying": a
                    # thing's sentence; the participle is the person's of the clause it closes
                    subject = clause.group(1)
                    opening = None
                inside = opening and subject and subject in opening.group(1).split()
                if opening and (subject is None or inside or _OBJECT_OF.search(head, 0, head.find(subject))):
                    # "The board agreed with Helena Varga, saying ...": the board; "The Florida
                    # senator sought ..., saying": the senator, never "Florida"
                    subject = determiner_subject(opening.group(1).split()) or subject
            elif (first := _coordinated(head)) is not None:
                # "X took the stage and called it ...": a coordinated verb shares X, or the subject of
                # the clause it closes ("such as when Cruz knocked Rubio on trade and called him");
                # "He paused, then added": the "he" that opens the sentence.
                opening = _PRONOUN_OPENS.search(first)
                subject = _last_clause_subject(first) or _clause_subject(first) or (opening and opening.group(1))
            else:
                subject = subject_before(before, verb.start(), writing_before_modifier(head))
            relative = subject and is_pronoun(subject) and _PRONOUN_IN_RELATIVE.search(head)
            if relative:
                # "The candidate sought a contrast with the administration, which he criticized as
                # having a "..." policy": "he" in a clause about a thing is the role opening the
                # sentence (a name or a pronoun opening it is left to "he" itself)
                main = _OPENING_DETERMINER.match(head) or _OPENING_ROLE.match(head)
                opener = main and determiner_subject(main.group(1).split())
                subject = opener or subject
            at = position + verb.start()
            object_relative = subject and is_pronoun(subject) and _OBJECT_RELATIVE.search(head, max(0, len(head) - 120))
            if object_relative:
                # "to defeat Donald Trump, who he blasted as a "..."": "he" is somebody before
                # the name the relative clause is about, never that name.
                at = position + object_relative.start()
            if subject and is_pronoun(subject) and _ASIDE.search(head) and _ASIDE_END.match(before, verb.end()):
                # "Saying President Obama, he said, was "...": an inserted "he said" names
                # whoever the text spoke of before this sentence, not a name in the words it frames.
                at = position
            found = people.resolve(subject, at)
            if found is None and subject and not is_pronoun(subject):
                found = people.resolve(sentence_subject(head), position + verb.start())
        if found:
            return found
    return None


# A thing and a relative clause whose subject is a pronoun: "the administration, which he".
_PRONOUN_IN_RELATIVE = re.compile(r"\b[a-z][\w\-]*,\s+(?:which|that)\s+(?:he|she)(?:\s+[a-z]+ly)?\s*$")
# A determiner phrase opening the sentence before any verb ("The candidate sought").
_OPENING_ROLE = re.compile(r"\s*((?:The|A|An)\s+(?:[\w\-]+\s+){0,2}?[a-z][\w\-]*)\s+(?:[a-z]+ly\s+)?[a-z]+\b")
# A name and a relative clause whose subject is a pronoun: "Donald Trump, who he".
_OBJECT_RELATIVE = re.compile(r"\b[A-Z][\w\u2019'\-]*(?:\s+[A-Z][\w\u2019'\-]*)*,\s+(?:who|whom)\s+(he|she)"
                              r"\s+(?:[a-z]+ly\s+)?$")
# "wrote to the NEC saying": a preposition's object right before a participle is not its subject.
_WHO_WHICH = re.compile(r",\s+(?:who|which)\b")  # "the bishops, which wrote to Congress saying": theirs
_AFTER_OBJECT_OF = re.compile(r"\b(?:to|with)\s+(?:the\s+)?(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w.\u2019'\-]*$")
# "a group called Strengthen Social Security has railed": the name a thing goes by, then the
# clause's own verb.
_NAMING_VERBS = {"called", "dubbed", "named"}
_NAMED_THEN_VERB = re.compile(r"\s+(?:[A-Z][\w\-\u2019']*\s+){1,5}(?:is|was|are|were|has|had|have|will|would|can|"
                              r"could|may|might)\b")


def subject_before(text: str, verb: int, cut: str | None = None) -> str | None:
    """The name, role or determiner phrase before the verb at `verb`, as the quote engine and
    the answers' "who said" read narration; `cut` is the text up to
    a writing whose modifier stands before the verb. A modifier naming somebody ("A letter from
    the Legion obtained by AP warns") or a time ("the order released Friday") is passed over
    to the writing; "the statement released by each office" stays whole. A relative "who" or
    "which" speaks for the name before it ("drew fire from Glenn Beck, who said", "the Log Cabin
    Republicans, a gay group, which said"); a role before it is left to the rules that follow."""
    passive = _PASSIVE_BEFORE.search(text, max(0, verb - 40), verb)
    if passive and not _VERB_FORM.match(text, verb).group(0).endswith("ing"):
        # "The singer has been announced as ...", "Police were called": nobody spoke ("is shown
        # saying", "has been saying" keep their subject)
        return None
    heard = _HEARD_AFTER.search(text, max(0, verb - 30), verb) if text.startswith("heard", verb) else None
    if heard:
        verb = heard.start() + 1  # "Supporters could be heard chanting": the subject of "could be"
    eager = _EAGER_TO.search(text, 0, verb)
    if eager:
        verb = eager.start() + 1  # "Biden was quick to retort": the subject of "was"
    aside = _PARTICIPLE_ASIDE.search(text, 0, verb)
    if aside:
        verb = aside.start()  # "the congressman, speaking in a whisper as he stood close, said"
    object_relative = _OBJECT_RELATIVE.search(text, max(0, verb - 120), verb)
    if object_relative:
        return object_relative.group(1)  # "Donald Trump, who he blasted": he, not Trump
    relative = _RELATIVE_BEFORE.search(text, 0, verb)
    antecedent = _ANTECEDENT.search(text, 0, relative.start()) if relative else None
    if antecedent:
        return antecedent.group(1)
    whole = name_run_before(text, verb) or role_phrase_before(text, verb) or determiner_subject_before(text, verb)
    owned = _OWNED_WRITING.search(text, max(0, verb - 120), verb) if whole is None else None
    if owned:
        # "Brandt's letter said": its owner; "The group's first ad called": the writing, which the
        # group it belongs to may not resolve to
        owner = owned.group(1)
        return owner if owner.split()[0].lower() not in ("the", "a", "an") else owned.group(0).strip()
    pair = _NAMED_PAIR_ASIDE.search(text, max(0, verb - 100), verb) if whole is None else None
    if pair:
        return pair.group(1)  # "Henry Clay's biographers, David and Jeanne Heidler, wrote": the two
    aside_clause = _RELATIVE_ASIDE.search(text, max(0, verb - 100), verb) if whole is None else None
    if aside_clause:
        # "According to AFP, one user on Weibo, which is China's Twitter, posted": the phrase
        # before the relative clause set off by commas
        at = aside_clause.start()
        whole = role_phrase_before(text, at) or determiner_subject_before(text, at)
    some = _SOME_OF.search(text, max(0, verb - 120), verb) if whole and whole[:1].isupper() else None
    if some and some.group(2) == whole:
        return f"{some.group(1)} {whole}"  # "some Republicans could be heard": part of a group
    if cut is None or (whole and not _CAPITAL.search(text, len(cut), verb)):
        return _with_pair(text, whole, verb)
    end = len(cut)
    # "the lawsuit from Nebraska and Oklahoma, where ..., argues": both issuers
    return _with_pair(text, name_run_before(text, end), end) or role_phrase_before(text, end) \
        or determiner_subject_before(text, end)


def _with_pair(text: str, whole: str | None, verb: int) -> str | None:
    """`whole` with the name "and" joins to it before ("Nebraska and Oklahoma complained")."""
    pair = _PAIR_BEFORE.search(text, 0, max(0, text.rfind(whole, 0, verb))) if whole else None
    if pair and whole and whole[:1].isupper():
        return f"{pair.group(1)} and {whole}"  # "Nebraska and Oklahoma complained about a "..."": both
    return whole


_CAPITAL = re.compile(r"\b[A-Z]")
# "His office put out a statement saying ...": an office or aides a possessive pronoun names.
_OWNED_OPENING = re.compile(r"\s*((?:His|Her|Their)\s+(?:office|campaign|spokesman|spokeswoman|spokesperson|aides?|"
                            r"lawyers?|attorneys?|team|staff))\s+[a-z]+")
# "..., but he hits back by saying", "He responded by saying": a pronoun opening the clause the
# participle closes, with no punctuation between them.
# (perhaps with its comma before the participle: ", but he hit back, saying")
_CLAUSE_PRONOUN = re.compile(r"(?:^\s*|[,;]\s+(?:but|and|while|so|yet)\s+)(He|he|She|she)\s+(?:[a-z]+ly\s+)?"
                             r"[a-z]+(?:s|ed)\b[^,;:.!?\"\u201c\u201d]*,?$")
# A subordinate clause whose subject is a pronoun closing right before the participle ("Burt
# doubted his dad's supporters when he took to Twitter writing"), and the name that is the
# subject of the main clause before it ("Burt doubted").
_SUBORDINATE_PRONOUN = re.compile(r"\b(?:when|as|after|before|while|once)\s+(he|she)\s+(?:[a-z]+ly\s+)?"
                                  r"(?:[a-z]+(?:s|ed)|took|went|wrote|came|got|made)\b[^,;:.!?\"\u201c\u201d]*$")
_MAIN_SUBJECT = re.compile(r"\b([A-Z][\w\u2019'\-]*(?:\s+[A-Z][\w\u2019'\-]*){0,2})\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b")
# A crowd counted roughly, opening the sentence as its subject: "Hundreds of pro-Sanders
# demonstrators marched".
_CROWD_OPENING = re.compile(r"\s*((?:Hundreds|Thousands|Dozens|Scores|Millions|Tens of thousands|Hundreds of thousands)"
                            r"\s+of\s+(?:[\w\-]+\s+){0,3}?[a-z][\w\-]*s)\s+(?:[a-z]+ly\s+)?"
                            r"(?:[a-z]+ed|stood|sang|ran|went|came|held|took|gave|began|rose)\b")
# "He invoked the teaching of "subsidiarity," saying": a sentence of one clause opened by a
# pronoun, then the participle after a comma.
_PRONOUN_CLAUSE_COMMA = re.compile(r"\s*(He|She)\s+(?:[a-z]+ly\s+)?[a-z]+(?:s|ed)\b[^,;:.!?]*,$")
# "some Republicans could be heard": a part of a group before its capitalised name and verb
_SOME_OF = re.compile(r"\b(" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(QUANTIFIERS))
                      + r")\s+([A-Z][\w\-]*s)\s+(?:[a-z]+\s+){0,3}$")
_HEARD_AFTER = re.compile(r"\s(?:(?:could|can|would|might|may|will)\s+)?be\s+$")
_VERB_FORM = re.compile(r"[\w\-]*(?:\s+(?:saying|" + "|".join(HEARD_PARTICIPLES) + r"))?")
# A participle phrase set off by commas between a subject and its verb.
_PARTICIPLE_ASIDE = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+ing\b[^,;:.!?\"\u201c\u201d]{0,120},\s+$")
# "X was quick to retort", "X is eager to point out": the speaker is the subject of the copula.
_EAGER_TO = re.compile(r"\s(?:was|were|is|are|has been|had been)\s+(?:quick|quicker|eager|keen|ready|happy|"
                       r"careful|swift|first|the first|willing|anxious)\s+to\s+$")
# The first of two names joined by "and" that open the clause ("Dana Whitlow and Owen Pratt said").
_PAIR_BEFORE = re.compile(r"(?:^|,\s+|\b(?:from|by)\s+)\s*(" + _CAPS_NAME + r")\s+and\s+$")
# A sentence opening on "Asked (by X)," right before a quotation: the question put.
_ASKED = re.compile(r"\s*(?:When\s+)?[Aa]sked(?:\s+[a-z\-]+)?(?:\s+by\s+((?:(?!(?:if|whether|what|how|why|about)\b)"
                    r"[^\s,]+\s*){1,6}))?,\s*")
_ANTECEDENT = re.compile(r"(?<![\w\-\u2019'])((?:[A-Z][\w.\u2019'\-]*\s+(?:of\s+(?:the\s+)?)?){0,5}"
                         r"[A-Z][\w\u2019'\-]*)$")
# A writing its owner's possessive names, perhaps with whom it went to, right before a verb.
_OWNED_WRITING = re.compile(r"(?<![\w\u2019'])((?:the|a|an|The|A|An)\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*"
                            r"|(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)(?:\u2019s|'s|\u2019|')\s+(?:[a-z][\w\-]*\s+){0,2}"
                            r"(?:" + WRITINGS + r")s?(?:\s+to\s+(?:[\w\-]+\s+){0,3}?[\w\-]+)?\s+$")
# A plural role, then the names of those who hold it set off by commas: "biographers, David and
# Jeanne Heidler,".
_NAMED_PAIR_ASIDE = re.compile(r"\b[a-z]{3,}s,\s+((?:[A-Z][\w.\u2019'\-]*\s+){1,3}and\s+"
                               r"(?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w\u2019'\-]*),\s*$")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,;:!?\"\u201c\u201d]{1,80},\s*$")
_RELATIVE_BEFORE = re.compile(r"(?:,\s+(?:a|an|the)\s[^,]{1,60})?,\s+(?:who|which)\s+(?:[a-z]+ly\s+)?$")


def _clause_subject(head: str) -> str | None:
    """The name opening the last subordinate clause of `head` as its subject ("when Cruz knocked")."""
    matches = list(_CLAUSE_SUBJECT.finditer(head))
    last = matches[-1] if matches else None
    return last.group(1) if last and not _new_clause(head, last.end()) else None


_CLAUSE_SUBJECT = re.compile(r"\b(?:when|after|as|because|since|while|that|before|until|if)\s+(" + _CAPS_NAME
                             + r")\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b")
# Capitalised only to open a sentence, never a name on their own.
_OPENING_WORDS = {"down", "up", "another", "one", "back", "out", "over", "off", "away"}
# 'on MSNBC's "Morning Joe," calling it ...': the phrase before the participle closes with a
# quotation whose comma sits inside its closing mark.
_COMMA_IN_QUOTE = re.compile(",[\"\u201d]\\s*$")
# "the" and a role, the subject of a verb in the past, opening the sentence or its main clause
# after a fronted phrase ("Taking to Twitter, the 31-year-old expressed").
_DESCRIBED_OPENING = re.compile(r"(?:^\s*|,\s+)((?:the|The)\s+(?:[\w\-]+\s+){0,2}?[a-z\d][\w\-]*)\s+(?:[a-z]+ly\s+)?"
                                r"[a-z]+ed\b")
# "The board agreed ...": a determiner phrase opening the sentence, then its verb, perhaps after
# a participle set off by commas ("A young man, dressed in a jacket and tie, approached"), and
# perhaps after a dateline ("WASHINGTON \u2014 The Obama administration tried ...").
_OPENING_DETERMINER = re.compile(
    r"\s*(?:[A-Z]{2,}[A-Za-z .,]*\s(?:\u2014|--|\u2013)\s*)?"
    r"((?:" + "|".join(sorted(w.title() for w in SUBJECT_DETERMINERS)) + r")\s+(?:[\w\-]+\s+){0,2}?[\w\-]+)"
    r"(?:,\s+[a-z]+ed\b[^,;:.!?\"\u201c\u201d]{0,80},)?\s+(?:[a-z]+(?:ed|s)|" + IRREGULAR_PAST + r")\b")
# A name's possessive right before a quotation, and a speech noun right after it: 'Mitt
# Romney's "47 percent" comment', 'Clinton's "basket of deplorables" remark'.
_OWNER_RIGHT_BEFORE = re.compile(r"(" + _CAPS_NAME + r")(?:\u2019s|'s|\u2019|')\s*$")
_SPEECH_NOUN_AFTER = re.compile(r"\s*(?:comments?|remarks?|line|quip|claim|pledge|promise|slogan|speech|tweet|"
                                r"statement|joke|jab|attack|warning|rhetoric)\b")
# A clause a subordinator opens, with a name as its subject, running on to the participle's comma.
_SUBORDINATE_NAME = re.compile(r"\b(?:" + "|".join(sorted(CLAUSE_OPENERS)) + r")\s+(" + _CAPS_NAME
                               # ("when Sanders protesters interrupted": the group a name and a
                               # plural noun make, then the verb)
                               + r"(?:\s+[a-z]+s(?=\s+[a-z]+ed\b))?)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b[^,;:]*,?\s*$")
_OBJECT_OF = re.compile(r"\b(?:" + "|".join(sorted(OBJECT_PREPOSITIONS)) + r")\s+$")
# ", he said," inserted in the middle of the reported words.
_ASIDE = re.compile(r"\S[,\u2014\u2013]\s*(?:he|she)$", re.IGNORECASE)
_ASIDE_END = re.compile(r"(?:\s+\w+){0,2}?\s*[,\u2014\u2013]\s*\S")
_AUXILIARY = r"\b(?:was|were|is|are|been|being|be)"
_PASSIVE = re.compile(_AUXILIARY + r"$")
# A verb in the passive: its subject is what was said or done, not who spoke.
_PASSIVE_BEFORE = re.compile(_AUXILIARY + r"\s+(?:[a-z]+ly\s+)?$")
_FOR = re.compile(r"\s+for\b")
_MODAL = re.compile(r"\b(?:will|could|should|might|may|can|must)$")
# ", with Donald Trump tweeting that ...": an absolute phrase naming its own subject.
_WITH_SUBJECT = re.compile(r",\s+with\s+((?:[A-Z][\w\u2019'.\-]*\s+){0,3}[A-Z][\w\u2019'.\-]*)"
                           r"\s+(?:[a-z]+\s+)?[a-z]+ing\b(?!.*,\s+with\s)")
_PASSIVE_VERBS = {"asked", "told", "called", "described", "urged", "warned", "praised"}
_BY = re.compile(r"\s+by\s+")
_PASSIVE_VERB = re.compile(_AUXILIARY + r"\s+(?:" + "|".join(_PASSIVE_VERBS) + r")\b")


def _intro(paragraph: str, people: People, offset: int) -> tuple[str, bool] | None:
    """Who the next paragraph's opening quotation belongs to: a paragraph ending ``X said:``
    introduces it (strong); narration whose last speech verb has a named or role subject
    (``Anna Pereira ... said demand had doubled.``) hands over to a quotation paragraph."""
    if paragraph.rstrip().endswith(":"):
        speaker = _speaker_before(paragraph, people, offset) or _colon_subject(paragraph, people, offset)
        if speaker:
            return speaker, True
    # Only the paragraph's last sentence hands over: an earlier speaker has been left behind.
    spans = sentence_spans(paragraph)
    last_start = spans[-1][0] if spans else 0
    speaker = people.last_speaker(offset + last_start, offset + len(paragraph))
    according = _ACCORDING_PERSON.match(paragraph, last_start) if speaker is None else None
    if according and people.resolve(according.group(1), offset + according.start(1)) in people.persons:
        # "According to Peter Keating at Vanity Fair, $1.1 million is the cost.": he hands over
        speaker = people.resolve(according.group(1), offset + according.start(1))
    if speaker is None and last_start:
        # "Brooks ... said he obtained housing ... On Oct. 1, he moved into an apartment.": the last
        # sentence goes on about the same speaker, as its subject pronoun shows.
        earlier = people.last_speaker(offset, offset + last_start)
        pronoun = _PRONOUN_SUBJECT.match(paragraph, last_start)
        if earlier and pronoun and people.resolve(pronoun.group(1), offset + pronoun.start(1)) == earlier:
            speaker = earlier
    if speaker is None:
        # "But he says offload issues are symptoms ...": whoever the pronoun is hands over too.
        said = list(PRONOUN_SPEAKS.finditer(paragraph, last_start))
        if said:
            speaker = people.resolve(said[-1].group(1), offset + said[-1].start())
    if speaker is None and len(spans) == 1:
        # "Trevor Nicholson, a senior policy analyst, outlined how the policy works." alone
        # before a quotation paragraph: the person the sentence is about introduces it.
        subject = sentence_subject(_mask_quotes(paragraph))
        person = people.resolve(subject, offset) if subject else None
        if person in people.persons:
            speaker = person
    return (speaker, False) if speaker else None


_THEN = re.compile(r",\s+(?:and\s+)?then$")
# A sentence opened by "According to" and a name: "According to Peter Keating at Vanity Fair,".
_ACCORDING_PERSON = re.compile(r"According\s+to\s+(" + _CAPS_NAME + r")(?=[\s,])")


def _last_clause_subject(head: str) -> str | None:
    """The subject of the last clause ", and" or ", but" joins to the sentence, else the
    sentence's: "An executive called her, and W. Douglas Parker, chief executive of American
    Airlines, sent her a letter citing ... and saying": Parker."""
    joined = list(_JOINED_CLAUSE.finditer(head))
    last = sentence_subject(head[joined[-1].end():]) if joined else None
    return last or sentence_subject(head)


def _coordinated(head: str) -> str | None:
    """The clause before a verb coordinated with it: "X took the stage" of "X took the stage and",
    "He paused" of "He paused, then"; never a subject set off by commas ("Another man, not seen
    on camera, then tells")."""
    if head.endswith(" and"):
        return head[:-4]
    if head.endswith(", but"):
        return head[:-5]  # "He had opposed the law, but said ...": he said it
    adverbial = _AND_ADVERBIAL.search(head, max(0, len(head) - 60))
    if adverbial:
        return head[:adverbial.start()]  # "X is supporting Sanders and in a statement credited"
    then = _THEN.search(head)
    first = head[:then.start()] if then else None
    return first if first and "," not in first[first.rfind(". ") + 1:] else None


# "and" and a short phrase of time, place or means before the coordinated verb: "and in a
# statement", "and on Twitter", "and later".
_AND_ADVERBIAL = re.compile(r"\s+and\s+(?:(?:in|on|at|during|through|via|with|after)\s+[^,;:.!?\"\u201c\u201d]{1,30}"
                            r"|later|then|also|again)$")
# ", and " or ", but " joining a clause with a subject of its own to the one before.
_JOINED_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?=[A-Z])")
# A sentence opened by "he" or "she" and its verb, with no other clause after it ("He paused",
# "He had previously opposed the law").
_PRONOUN_OPENS = re.compile(r"(?:^|[.!?][\"\u201d]?\s+)([Hh]e|[Ss]he)\s+(?:(?:had|has|was|is|would|will|did)\s+)?"
                            r"(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b"
                            r"[^.!?,;:\"\u201c\u201d]*$")
# A sentence whose subject is "he" or "she", perhaps after a short opening phrase ("On Oct. 1, he").
_PRONOUN_SUBJECT = re.compile(r"\s*(?:[^,;:!?\"\u201c\u201d]{1,40},\s+)?([Hh]e|[Ss]he)\s+[a-z]")


def _colon_subject(paragraph: str, people: People, offset: int) -> str | None:
    """``Donald Trump issued the following statement:`` / ``Stated Stone:``: the subject of a
    last sentence that ends in a colon with no speech verb, when it is a known person."""
    spans = sentence_spans(paragraph)
    start = spans[-1][0] if spans else 0
    last = paragraph[start:].rstrip().rstrip(":")
    verb_first = _AFTER_VERB_FIRST.match(last[:1].lower() + last[1:])  # "Stated Stone:"
    subject = name_run_after(last[verb_first.end():]) if verb_first else sentence_subject(last)
    person = people.resolve(subject, offset + start) if subject else None
    if person and person not in people.persons and _NAME_VERB_COLON.fullmatch(last.strip() + ":"):
        return person  # "Tomas Brandt echoed:" alone before a quotation paragraph introduces it
    return person if person in people.persons or (subject and titled_name(subject)) else None


def _continue_speakers(current: list[Found], earlier: list[Found], pending: tuple[str, bool] | None,
                       index: int, paragraph: str = "", offset: int = 0, people: People | None = None,
                       left_open: bool = False) -> None:
    """Unattributed quotations continue the previous speaker's words (same paragraph, or a
    paragraph that opens with the quotation right after one that carried a speaker).
    `left_open`: the previous paragraph's quotation has no closing mark, news style for
    words that go on in the next paragraph."""
    for i, quote in enumerate(current):
        if quote.speaker or quote.how in ("document", "label", "asked") or _subheading(quote, paragraph):
            continue  # (a subheading of quoted words is found by the words it echoes, not by order)
        previous = current[i - 1] if i else None
        # Narration before the quotation in its paragraph ("Dianne Bystrom agreed. "..."")
        # hands the paragraph to somebody else: the previous paragraph's speaker stops there.
        narration = paragraph[:max(0, quote.position - offset)].strip()
        opens = _opens_paragraph(quote) and not narration
        if previous is None and _opens_paragraph(quote) and narration and people is not None:
            # ... and its speech verb's subject, when it has one, is who speaks next.
            speaker = people.last_speaker(offset, quote.position) or _participle_speaker(narration, people, offset)
            if speaker:
                quote.speaker, quote.how = speaker, "continued"
                continue
        if previous is None and pending and (pending[1] or opens or narration == ":"):
            # (a page that broke "said in his weekly column: "..."" before its colon)
            quote.speaker, quote.how = pending[0], "continued"
            continue
        if previous is None and narration and people is not None and _whole_sentence(quote):
            # 'Quint seemed taken aback and mentioned that ... "Does that not speak to ...?"':
            # a quotation that is a sentence of its own after one whose speech verb has a subject
            spans = sentence_spans(narration)
            last = narration[spans[-1][0]:spans[-1][1]] if spans else ""
            speaker = people.last_speaker(offset + spans[-1][0], quote.position) if spans else None
            if speaker is None and SPEECH_VERB.search(last) and not _DOUBLE_MARK.search(last):
                # "Quint seemed taken aback and mentioned that ...": the sentence's subject speaks
                subject = sentence_subject(last)
                speaker = people.resolve(subject, offset + spans[-1][0]) if subject else None
                speaker = speaker if speaker in people.persons else None
            if speaker:
                quote.speaker, quote.how = speaker, "continued"
                continue
        if previous is None and earlier and earlier[-1].paragraph == index - 1 and earlier[-1].speaker \
                and _put_question(narration):
            # "What about the cost of keeping so many people alive? 'People will continue to
            # contribute ...'": the interviewer's question, answered by who spoke last
            quote.speaker, quote.how = earlier[-1].speaker, "continued"
            continue
        if previous is None and earlier and earlier[-1].paragraph == index - 1 and opens \
                and (left_open or not earlier[-1].text.endswith("?") or _TAG_QUESTION.search(earlier[-1].text)):
            # A question put in one paragraph is answered in the next, by somebody else,
            # unless the question's speaker left the quotation open, or only asked for assent
            # ("There's something about all those stories, right?").
            previous = earlier[-1]
        if previous is not None and previous.speaker and previous.how != "headline" \
                and not (_ONE_PERSON_OPENS.search(paragraph, 0, max(0, quote.position - offset))
                         and plural_role(previous.speaker)):
            # (a headline's words do not go on in the subheading under it; 'the attendees chanted,
            # "Lock her up!" ... He gestured "no"': one person's sentence is not the crowd's words)
            quote.speaker, quote.how = previous.speaker, "continued"


def _put_question(narration: str) -> bool:
    """Whether the narration before a quotation is one question of the writer's own, with no
    quotation marks and nobody's name: an interviewer's question."""
    return narration.endswith("?") and len(sentence_spans(narration)) == 1 \
        and not _DOUBLE_MARK.search(narration) and not _INNER_CAPITAL.search(narration)


_INNER_CAPITAL = re.compile(r"\s[A-Z]")  # a capitalised word after the first: a name, perhaps


# A sentence opening on "He" or "She", the last before a quotation in its paragraph.
_ONE_PERSON_OPENS = re.compile(r"(?:^|[.!?]\s+)(?:He|She)\s+[a-z]+[^.!?\"\u201c\u201d]*$")


def _subheading(quote: Found, paragraph: str) -> bool:
    """Whether the quotation is a paragraph of its own of a few words with no closing
    punctuation: a subheading ("'Just listen to us'"), not words that go on."""
    return len(quote.text.split()) <= 8 and quote.text[-1:] not in ".!?,;:" \
        and len(paragraph.strip()) <= len(quote.text) + 4


def _whole_sentence(quote: Found) -> bool:
    """Whether the quotation is all of its sentence, its marks aside."""
    return quote.sentence[0] >= quote.position - 1 and quote.end >= quote.sentence[1] - 1


def _participle_speaker(narration: str, people: People, offset: int) -> str | None:
    """The known person who opens the narration's last sentence and speaks in it by a
    participle ("Bolton distanced himself ... by saying he would help." before his words)."""
    sentences = sentence_spans(narration)
    if not sentences:
        return None
    start, end = sentences[-1]
    last = narration[start:end]
    verb = _SPEAKING_PARTICIPLE.search(last)
    subject = sentence_subject(last[:verb.start()]) if verb else None
    person = people.resolve(subject, offset + start) if subject else None
    return person if person in people.persons else None


# ", saying", " by saying": a participle that speaks for its sentence's subject.
_SPEAKING_PARTICIPLE = re.compile(r"(?:,|\bby)\s+(?:saying|adding|noting|arguing|insisting|explaining|declaring|"
                                  r"warning|stressing|claiming)\b")
_TAG_QUESTION = re.compile(r",\s*(?:right|no|eh|okay|ok|yes|isn't it|aren't they|don't you think)\?$", re.IGNORECASE)


def _signed(current: list[Found], paragraph: str, following: str, people: People, at: int) -> None:
    """A paragraph of quotation signed by the next one: '"..." / - Bernie Sanders.' (a fact
    check's claim), '"... / Dean Baker, Center for Economic and Policy Research."' (a quotation
    whose closing mark comes after the signature). A dashed signature also wins over the
    speaker the narration before handed on ("continued")."""
    if not current or paragraph.lstrip()[:1] not in _OPENERS:
        return
    match = _SIGNATURE.match(following) or _DASHED_SIGNATURE.match(following)
    if not match or len(match.group(1).split()) > _SIGNATURE_WORDS:
        return
    dashed, closes = following.lstrip()[:1] in "-\u2013\u2014", following.rstrip()[-1:] in _CLOSERS
    if dashed == closes:
        return  # neither a dash before the name nor the quotation's closing mark after it
    if current[0].speaker and not (dashed and current[0].how == "continued"):
        return
    name = people.resolve(match.group(1).split(",")[0].strip().rstrip("."), at)
    for quote in current:
        if quote.speaker is None or (dashed and quote.how == "continued"):
            quote.speaker, quote.how = name, "signed"


# "- Sanders." / "S.C. Rep. Jim Clyburn." / "Charles Chamberlain, Democracy for America.""
_SIGNATURE = re.compile(r"^\s*(?:[-\u2013\u2014]+\s*)?([A-Z][\w.\u2019'\-]*(?:[ ,]+[A-Z&][\w.\u2019'\-]*"
                        r"|\s(?:of|for|and|the)(?=\s[A-Z]))*)\.?[\"\u201d]?\s*$")
_SIGNATURE_WORDS = 10
# "-President Obama, tweeting after Clinton's speech.": a dashed signature with what the signer did.
_DASHED_SIGNATURE = re.compile(r"^\s*[-\u2013\u2014]+\s*([A-Z][\w.\u2019'\-]*(?:\s+[A-Z][\w.\u2019'\-]*){0,4}),"
                               r"\s+[a-z][^\n]*$")


def _opens_paragraph(quote: Found) -> bool:
    return quote.context.lstrip()[:1] in _OPENERS


# -- which quoted strings are somebody's words ---------------------------------------------

QUOTATION_MODEL = Path(__file__).with_name("quotation_model.json")
_NAMING_WORDS = {
    "called", "dubbed", "titled", "entitled", "named", "labeled", "labelled", "branded", "so-called",
    "term", "word", "words", "phrase", "slogan", "hashtag", "show", "film", "movie", "book", "song",
    "album", "series", "program", "programme", "column", "article", "headline", "ad", "op-ed",
    "essay", "segment", "documentary", "novel", "play", "magazine", "newsletter", "campaign", "known",
}
_WEB = re.compile(r"@\w|https?:|www\.|\.com\b|#\w|\w/\w")
_WORD_BEFORE = re.compile(r"([\w\u2019'\-]+)[\s,]*$")
_WORD_AFTER = re.compile(r"[\"\u201d\u2019',.]*\s*([\w\u2019'\-]+)")


def load_quotation_model() -> dict[str, float] | None:
    """The quotation model's weights (its threshold folded into the bias), or ``None``."""
    return load_model(QUOTATION_MODEL)


def is_quotation(f: Found, text: str, weights: dict[str, float]) -> bool:
    return linear_score(quotation_features(f, text), weights) >= 0.0


def quotation_features(f: Found, text: str) -> dict[str, float]:
    """What tells somebody's words from a quoted title, label, handle or markup attribute."""
    words = f.text.split()
    n = len(words)
    before = text[max(0, f.position - 60):f.position]
    after = text[f.end:f.end + 30]
    previous = _WORD_BEFORE.search(before)
    previous_word = previous.group(1).lower() if previous else ""
    inside = f.context.replace(f.text, " ")
    bare = f.text.rstrip("\"'\u201d\u2019")
    features = {
        "bias": 1.0,
        "log_words": math.log1p(n),
        "one_word": float(n == 1),
        "two_words": float(n == 2),
        "upto_four": float(n <= 4),
        "title_case": float(_is_title_case(words) or (n <= 12 and all(
            w[:1].isupper() for w in words if w[:1].isalpha() and len(w) > 3))),
        "statement": float(is_statement(f.text)),
        "ends_sentence": float(bare[-1:] in ".!?"),
        "ends_comma": float(bare[-1:] == ","),
        "starts_upper": float(f.text[:1].isupper()),
        "all_lower": float(f.text == f.text.lower()),
        "speaker": float(f.speaker is not None),
        "how_" + (f.how or "none"): 1.0,
        "markup": float(before.rstrip().endswith("=") or before.rfind("<") > before.rfind(">")),
        "web": float(bool(_WEB.search(f.text))),
        "naming_word_before": float(previous_word in _NAMING_WORDS),
        "possessive_before": float(previous_word.endswith(("\u2019s", "'s"))),
        "next_lower": float(bool(re.match(r"[\"\u201d\u2019']?\s+[a-z]", after)) and bare[-1:] not in ".!?,"),
        "speech_in_sentence": float(bool(SPEECH_VERB.search(inside))),
        "opens": float(f.context.lstrip()[:1] in _OPENERS),
        "colon_before": float(before.rstrip().endswith(":")),
    }
    # The words either side, learned from the data: "on "Meet the Press" Sunday", "the
    # "Star Power" award", "called it "a disaster"".
    following = _WORD_AFTER.match(after)
    features["before=" + previous_word] = 1.0
    features["after=" + (following.group(1).lower() if following else "")] = 1.0
    features["short_speech"] = features["upto_four"] * features["speech_in_sentence"]
    features["short_title"] = features["upto_four"] * features["title_case"]
    return features


# -- ranking -------------------------------------------------------------------------------

def key_quotes(text: str, source_id: str, limit: int = 3, paragraphs: list[str] | None = None,
               summary: list[str] | None = None) -> list[Quote]:
    """The article's key quotes, in article order: complete statements by the story's
    principal actors about its main event; no near-duplicates, nothing the summary quotes."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    found = find_quotes(text, paragraphs)
    story = _Story.of(text, paragraphs, found)
    used = [normalize(s) for s in summary or []]
    scored = [(score, f) for f in found if (score := _score(f, len(paragraphs) or 1, story)) > 0]
    scored.sort(key=lambda item: (-item[0], item[1].position))
    # A quotation the summary already carries comes last: shown only when nothing else is.
    ranked = sorted(_diversified(scored), key=lambda item: _in_summary(item[1].text, used))
    chosen: list[Found] = []
    for _rank, f in ranked:
        if any(_near_duplicate(f.text, c.text) for c in chosen):
            continue
        chosen.append(f)
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda f: f.position)
    return [Quote(_shorten(f.text), f.speaker, source_id, f.context, f.via if f.speaker else "") for f in chosen]


@dataclass
class _Story:
    """What the story is about: its main words (headline-like lead and the article's most
    frequent content words) and its principal actors (the most quoted and named speakers)."""

    topic: set[str]
    actors: set[str]
    names: set[str] = frozenset()  # type: ignore[assignment]

    @classmethod
    def of(cls, text: str, paragraphs: list[str], found: list[Found]) -> _Story:
        lead = " ".join(_prose(paragraphs)[:2])
        counts = Counter(content_words(text))
        topic = set(content_words(lead)) | {w for w, _ in counts.most_common(12)}
        speakers = Counter(f.speaker for f in found if f.speaker)
        # "Xi Jinping" is named "Xi", "Vladimir Putin" "Putin": either end of the name counts.
        forms = {s: (s.split()[0], s.split()[-1]) if " " in s else (s,) for s in speakers if s[:1].isupper()}
        counts = substring_counts(text, {form for pair in forms.values() for form in pair})
        named = {s: max(counts[form] for form in pair) for s, pair in forms.items()}
        ranked = sorted(named, key=lambda s: -(named[s] + 2 * speakers[s]))
        return cls(topic, set(ranked[:2]), _principal_names(text))


def substring_counts(text: str, strings: set[str]) -> dict[str, int]:
    """``text.count(s)`` for each of `strings` (non-overlapping, left to right). A long page
    quotes many people, and one scan of the page for each would make the cost grow with the
    square of its length: past a few strings, one search with a pattern shaped as a trie
    of the strings finds every position where one of them starts, in one pass."""
    if len(strings) <= _FEW_STRINGS or "" in strings:
        return {s: text.count(s) for s in strings}
    pattern = re.compile(_trie_pattern(strings))
    counts = dict.fromkeys(strings, 0)
    free = dict.fromkeys(strings, 0)  # where the next counted occurrence may start
    at = 0
    while match := pattern.search(text, at):
        start, found = match.start(), match.group(0)
        # The longest string that starts here matched; the shorter ones there are its prefixes.
        for k in range(1, len(found) + 1):
            prefix = found[:k]
            if prefix in free and start >= free[prefix]:
                counts[prefix] += 1
                free[prefix] = start + k
        at = start + 1
    return counts


_FEW_STRINGS = 16  # up to this many, one str.count each is as fast


def _trie_pattern(strings: set[str]) -> str:
    """A regular expression matching the longest of `strings` (none empty) at a position,
    written as their trie, so that a match costs its length, not the number of strings."""
    trie: dict[str, dict] = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer string first

    return branch(trie)


def _prose(paragraphs: list[str]) -> list[str]:
    """The paragraphs that are sentences of the story, not a scraped page's date line,
    breadcrumbs or bylines: the lead is the first of them."""
    prose = [p for p in paragraphs if len(p.split()) >= 8 and p.rstrip()[-1:] in ".!?\"\u201d"
             and not p.rstrip().endswith(("...", "\u2026"))]  # a cut headline in a breadcrumb
    return prose or paragraphs


_CAPITALISED = re.compile(word_start("[A-Z]") + r"[a-z\u2019'\-]+\b")
_CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
             "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"}


def _principal_names(text: str, count: int = 6) -> set[str]:
    """The story's principal names (people, countries, capitals, organisations): the most
    frequent capitalised words the article never writes in lower case."""
    lower = set(LOWER_WORD.findall(text))
    names = Counter(w.removesuffix("\u2019s").removesuffix("'s") for w in _CAPITALISED.findall(text))
    ranked = [w for w, n in names.most_common() if n >= 2 and w.lower() not in lower and w not in _CALENDAR]
    return set(ranked[:count])


def _in_summary(quote: str, used: list[str]) -> bool:
    """Whether the summary carries the quotation, or a sentence of it of a few words at least
    (a summary sentence may stop inside a quotation that goes on: "..., saying: 'He is getting
    used in the right way.")."""
    core = normalize(quote).strip(" ,.")
    parts = [core] + [part for start, end in sentence_spans(quote)
                      if len((part := normalize(quote[start:end]).strip(" ,.")).split()) >= _SUMMARY_SHARE]
    return bool(core) and any(part in sentence for part in parts for sentence in used)


_SUMMARY_SHARE = 5  # words of a quotation's sentence that, found in the summary, make it shown there


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


_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|will|would|can|could|"
    r"should|shall|may|might|must|go|goes|said|[a-z]+(?:ed|n't)|"
    # and the third person of the common ones ("China hopes for peace")
    r"(?:need|want|think|know|believe|hope|see|make|take|get|come|say|feel|look|keep|give|let|seem|mean|"
    r"expect|continue|remain)s?)\b|[\u2019'](?:s|re|m|ll|ve|d)\b",
    re.IGNORECASE,
)


def is_statement(text: str) -> bool:
    """A complete statement: at least five words with a verb, and a quotation that starts
    mid-sentence ("is not a lot to do.") only when it is long enough to stand alone."""
    words = text.split()
    if len(words) < 5:
        return False
    if text[:1].isupper() and text.rstrip("\"'\u201d\u2019")[-1:] in ".!?":
        return True  # a whole sentence
    if not _VERB.search(text):
        return False
    return text[:1].isupper() or text[:1].isdigit() or len(words) >= 12


def _score(f: Found, paragraphs: int, story: _Story | None = None) -> float:
    words = f.text.split()
    n = len(words)
    if n < 3 or _is_title_case(words) or not is_statement(f.text):
        return 0.0  # scare quotes, titles of works, slogans and fragments are not statements
    if f.how == "document" or not _opens_statement(f.text):
        # A statute's wording is nobody's statement; words lifted from the middle of the
        # narration ("said the reform would "protect the savings of every family"") are a
        # partial quote, not a complete statement to show on its own.
        return 0.0
    if f.speaker is None and n < 6:
        return 0.0
    score = min(n, 25) / 25 * 3
    if f.speaker:
        score += 2.0 if f.speaker[:1].isupper() else 1.0
    else:
        score -= 1.0
    if f.text[:1].isupper() and (f.text[-1:] in ".!?," or f.how == "after"):  # '"...," she said' ends one
        score += 0.7  # a whole statement rather than a fragment
    score += 2.0 * (1.0 - f.paragraph / paragraphs)
    if f.paragraph < 3 and f.speaker:
        score += 1.5  # a quotation in the lead is what the story is about
    if story is not None:
        mine = set(content_words(f.text))
        score += 4.0 * len(mine & story.topic) / max(4, len(mine))  # about the main event
        if f.speaker in story.actors:
            score += 1.0
        # A statement naming the story's principal people or places is about the main event
        # ("We hope that Beijing will use its influence on Moscow ...").
        named = {w.removesuffix("\u2019s").removesuffix("'s") for w in _CAPITALISED.findall(f.text)}
        if f.speaker:
            score += 0.8 * min(2, len(named & story.names))
    if f.how == "continued":
        score -= 0.5  # the attributed line usually carries the point; what follows elaborates
    return max(score, 0.01)


def _opens_statement(text: str) -> bool:
    """The quotation starts as a statement does: a capital letter or a figure, after any
    opening bracket, quotation mark or ellipsis ("[The] plan", "… We will")."""
    start = text.lstrip("([\"'\u201c\u2018\u2026. ")
    return start[:1].isupper() or start[:1].isdigit()


def _is_title_case(words: list[str], longest: int = 8) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by"}
    significant = [w for w in letters if w.lower() not in small]
    return len(words) <= longest and bool(significant) and all(_TITLE_CASE_WORD.match(w) for w in significant)


def _near_duplicate(a: str, b: str) -> bool:
    """The same quotation twice, or one inside the other, or mostly the same words."""
    a, b = normalize(a).lower(), normalize(b).lower()
    if a in b or b in a:
        return True
    wa, wb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.7


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
