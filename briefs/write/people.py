"""The people an article names, for attributing its quotations: full names, the roles and
titles they were introduced with, gender (from titles, the article's pronouns, then a learned
first-name list), and their mentions, indexed once per article so that a short name, a role
or ``he``/``she`` is made whole at any position.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefs.write.phrases import (
    ACRONYM,
    AGED,
    APPOSITIVE,
    APPOSITIVE_SUBJECT_AFTER,
    BARE_APPOSITIVE,
    CAP_WORD,
    DETERMINERS,
    ENVOY_TO,
    FEMALE_ROLES,
    FEMALE_TITLES,
    HYPHENED_PARTICLE,
    JUDGEMENT_VERB,
    MALE_ROLES,
    MALE_TITLES,
    NAME_GAP,
    NOT_NAME_OPENERS,
    OTHER_PRONOUNS,
    PAGE_LABEL,
    PERSONAL_TITLES,
    POSSESSIVE_AT,
    POSSESSIVE_ENDS,
    PREV_WORDS,
    PROFESSIONS,
    PRONOUN_SPEAKS,
    PRONOUNS,
    ROLE_COMPLEMENT,
    ROLE_NOUNS,
    ROLE_OPENING_BEFORE,
    ROLE_WORDS,
    RUN,
    SAID,
    SPEECH_VERB,
    SPEECH_VERBS,
    STOP_CAPS,
    SUBJECT_AFTER,
    SUBJECT_AFTER_APPOSITIVE,
    TIME_WORDS,
    TITLES,
    WRITINGS,
    after_possessor,
    bare,
    ends_with_document,
    is_abbreviation,
    is_initial,
    is_label,
    is_org,
    is_page_line,
    is_pronoun,
    may_be_surname,
    name_run_after,
    name_run_before,
    office_holder,
    role_phrase_before,
    split_title,
    titled_name,
)
from briefs.write.text import LOWER_WORD, quote_spans, sentence_spans, word_start

_NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}  # "Jesse Jackson Jr.": the surname is the word before


@dataclass
class People:
    """The people an article names: full names, the roles they were introduced with,
    what is known of their gender, and where they are mentioned."""

    text: str
    names: list[str] = field(default_factory=list)  # full names, first seen first
    roles: dict[str, set[str]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)  # names known to be people (not places)
    _mentions: list[tuple[int, str, bool]] | None = None
    _mention_starts: list[int] = field(default_factory=list)
    _forms: dict[str, str] | None = None
    _last: dict[str, list[str]] | None = None
    _forms_size: int = 0
    _roles_by_word: dict[str, set[str]] | None = None
    _roles_size: int = 0
    _quote_spans: list[tuple[int, int]] | None = None
    _quote_starts: list[int] = field(default_factory=list)
    _only_quoted: tuple[object, set[str]] | None = None  # (the mentions it was read from, the names)
    _plain_caps: set[str] | None = None  # capitalised words the text writes without a possessive
    _subjects: list[tuple[int, str]] = field(default_factory=list)
    _subject_starts: list[int] = field(default_factory=list)
    _issued_at: set[int] = field(default_factory=set)  # where a subject issued a statement
    _speaker_cache: dict[str, str | None] = field(default_factory=dict)
    _places: Counter[str] | None = None
    _speaks: Counter[str] | None = None  # names (and surnames) before a speech verb, counted
    _lower_words: set[str] | None = None  # the words the article writes in lower case
    _titled: dict[str, set[str]] | None = None  # title -> surnames written after it ("President Obama")
    _couples: set[str] = field(default_factory=set)  # surnames written after both "Mr" and "Mrs" or "Ms"
    _title_names: set[str] = field(default_factory=set)  # names learned as a title and one name ("Lady Gaga")
    _usual: dict[str, str] = field(default_factory=dict)  # first name -> usual gender (learn_genders)

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str], first_name_genders: bool = True) -> People:
        """The people of an article; `first_name_genders` off leaves out the learned first-name
        lists (bench/train_first_names.py learns them from what the articles alone say)."""
        text = "\n\n".join(paragraphs)
        people = cls(text)
        for match in RUN.finditer(text):
            # The words around a name within its paragraph: none of the last one's are its role.
            before = text[max(0, match.start() - 40):match.start()]
            if people._in_page_label(match.start()):
                continue  # "Story continues below advertisement": the page's line, not the story's
            if people._headline_only(match):
                continue  # "Obama Willing to Use Executive Orders on Guns": a headline's words, no name
            people._learn(match.group(0).split(), before[before.rfind("\n") + 1:],
                          text[match.end():match.end() + 40])
        people._drop_titled_of_full_names()
        for match in APPOSITIVE.finditer(text):
            people._learn_appositive(match.group(1), match.group(2))
        for match in _ROLE_THEN_NAME.finditer(text):
            # "the department's inspector general, Michael Horowitz,": the role before the name
            words = match.group(1).split()
            if bare(words[-1]) in ROLE_WORDS and not {bare(w) for w in words} & _NOT_IN_ROLES:
                people._learn_appositive(match.group(2), match.group(1))
        for match in BARE_APPOSITIVE.finditer(text):
            if any(bare(w) in ROLE_WORDS for w in match.group(2).split()[:3]):  # "president of ..."
                people._learn_appositive(match.group(1), match.group(2))
        people.learn_lone_first_names(first_names() if first_name_genders else {})
        people.learn_speakers()
        people.learn_titled_surnames()
        people.learn_paragraph_subjects()
        people.learn_first_names(person_first_names() if first_name_genders else frozenset())
        people.learn_aged_names()
        people.learn_affiliated_names()
        # "( THE CANADIAN PRESS FILE PHOTO )": a caption's run of capitals is nobody "he" can be
        people.persons = {name for name in people.persons if not is_label(name)}
        people.learn_genders(first_names() if first_name_genders else {})
        return people

    def _drop_titled_of_full_names(self) -> None:
        """"Lord Rix" beside "Brian Rix", "Prince Alwaleed" beside "Alwaleed Bin Talal": a title
        and one name of a full name the article writes is that person, found by the name."""
        words = {word for name in self.names if name not in self._title_names for word in name.split()}
        for name in [n for n in self._title_names if n.split()[1] in words]:
            self.names.remove(name)
            for table in (self.roles, self.gender):
                table.pop(name, None)
            self.persons.discard(name)
            self._title_names.discard(name)

    def learn_lone_first_names(self, usual: dict[str, str]) -> None:
        """A first name alone with an age or a "who" clause set off after it is a person the
        article names by it ("Carla, 23, was taken into care ... "...," she said", "Dawn, who has
        appeared on the show, discovered ..."), when no name the article writes holds the word
        and it is a known first name."""
        taken = {word for name in self.names for word in name.split()}
        for match in [*_LONE_FIRST_NAME.finditer(self.text), *_NAMED_PERSON.finditer(self.text)]:
            name = match.group(1)
            before = self.text[max(0, match.start(1) - 30):match.start(1)].split()[-1:]
            if before and before[0][:1].isupper() and not before[0].endswith((".", "!", "?")):
                continue  # "Tom Hale, 45,": the last word of a name
            # "Yuni, a resident of Lampung,": one name and what the person is, whatever the name
            described = bool(match.group(2)) and bare(name) not in STOP_CAPS and not self.is_place(name)
            if (name in usual or described) and name not in taken and name not in self.roles:
                self.names.append(name)
                self.roles[name] = set()
                self.persons.add(name)
                taken.add(name)

    def learn_titled_surnames(self) -> None:
        """A title before a named person's surname alone is one of their roles ("Mayor Kellam"
        after "Doug Kellam": "the mayor" can then be him)."""
        for match in _TITLE_SURNAME.finditer(self.text):
            title, surname = bare(match.group(1)), match.group(2)
            if title not in TITLES:
                continue
            named = [n for n in self._by_last().get(surname, []) if n in self.roles and not is_org(n.split())]
            # The one person of that surname, named in full before and known as a person or by a
            # role: not "President Obama" for the "Malia and Sasha Obama" of an earlier line.
            if len(named) == 1 and 0 <= self.text.find(named[0]) < match.start() \
                    and (self.roles[named[0]] or named[0] in self.persons):
                self.roles[named[0]].add(title)

    def learn_first_names(self, firsts: frozenset[str]) -> None:
        """A name of two or three words that opens with a learned first name is a person ("Frank
        Newport: "..."" with no title nor speech verb of his), unless the article makes it a place
        or a word of it is an acronym ("Glenn Beck CPAC", a headline's run of capitals)."""
        for name in self.names:
            words = name.split()
            acronym = any(w.isupper() and not is_initial(w) for w in words)
            if 2 <= _name_words(words) <= 3 and words[0] in firsts and not acronym and self._person_shaped(name):
                self.persons.add(name)

    def learn_aged_names(self) -> None:
        """A name with an age set off after it is a person: "Anne Hughes, 63, from Thame",
        whatever the first name."""
        for match in _AGED_NAME.finditer(self.text):
            name = match.group(1)
            if self._person_shaped(name):
                self.persons.add(name)

    def learn_affiliated_names(self) -> None:
        """A name after an organisation's possessive, followed by a verb, is a person: "Metallica's
        Lars Ulrich was flying in", "The New Republic's Jeet Heer sees", whatever the first name (not
        "Sunday's Super Bowl", nor a headline's "It's All CNN's Fault" run into "Ted Cruz apologized")."""
        for match in _AFFILIATED_NAME.finditer(self.text):
            owner, name = match.group(1), match.group(2)
            if self._person_shaped(name) and self._affiliation(owner, name) \
                    and _VERB_AFTER_AFFILIATED.match(self.text, match.end()):
                self.persons.add(name)

    def _person_shaped(self, name: str) -> bool:
        """Whether a name the article writes is neither a place it uses nor an organisation's."""
        return name in self.roles and not self.is_place(name) and not is_org(name.split())

    def _affiliation(self, owner: str, name: str) -> bool:
        """Whether `owner`'s possessive before `name` gives where a person works, not a thing's
        name ("Canada's Huawei Technologies", whose "technologies" the article also writes in lower
        case), a day's event or a headline's words run into a known name."""
        words = name.split()
        return bare(words[0]) not in TITLES and not any(self.writes_in_lower_case(w) for w in words) \
            and self.full_name(owner) not in self.persons and bare(owner) not in TIME_WORDS \
            and not any(" ".join(words[k:]) in self.roles for k in range(1, len(words)))

    def learn_genders(self, usual: dict[str, str]) -> None:
        """A person's gender from the pronoun that follows them as a clause's subject ("Rubio
        said he would", "Clinton told her aides"; not "Pratt asked her if", where "her" is
        somebody else), where no title gave it: kept only when the article's pronouns after
        that person agree at least twice and never disagree."""
        self._usual = usual
        self._honour_mentions()
        honorifics: dict[str, set[str]] = {}
        for match in _HONORIFIC.finditer(self.text):
            honorifics.setdefault(match.group(2), set()).add("m" if match.group(1) == "Mr" else "f")
        for surname, genders in honorifics.items():
            # "Mr. Marlow", "Ms. Varga": the honorific a later mention gives the full name; not
            # "Mr and Mrs Moores", two people of one surname.
            full = self._honoured(surname, next(iter(genders))) or self.full_name(surname)
            if len(genders) > 1:
                self._couples.add(surname)
            elif full in self.roles and full not in self.gender:
                self.gender[full] = next(iter(genders))
        votes: dict[str, Counter[str]] = {}
        said: dict[str, Counter[str]] = {}  # the votes of "he" and "she" alone
        for at, name, subject in self.mentions():
            if not subject or name not in self.persons or name in self.gender:
                continue
            pronoun = _NEXT_PRONOUN.match(self.text, at)
            if pronoun and not _OBJECT_PRONOUN.match(self.text, pronoun.start(1)):
                word = pronoun.group(1).lower()
                votes.setdefault(name, Counter())["m" if word in ("he", "his") else "f"] += 1
                if word in ("he", "she"):
                    said.setdefault(name, Counter())["m" if word == "he" else "f"] += 1
        for name, count in votes.items():
            for gender, other in (("m", "f"), ("f", "m")):
                if count[gender] >= 2 and not count[other]:
                    self.gender[name] = gender
        # Otherwise the first name's `usual` gender, learned from development news and a
        # register of births (bench/train_first_names.py): "Hillary" is "she", "Donald" and
        # "Gerald" are "he", unless a "he" or "she" after the name says otherwise ("her" and
        # "his" may be somebody else's: "Pratt later called her answer evasive").
        for name in self.persons:
            gender = usual.get(name.split()[0])
            if gender and name not in self.gender and not said.get(name, Counter())["f" if gender == "m" else "m"]:
                self.gender[name] = gender

    def _learn(self, tokens: list[str], before: str, after: str = "") -> None:
        """Learn the names in one capitalised run, split where a sentence ends inside it
        ("Brafman. Their") or a pronoun joins it ("Obama I")."""
        segment: list[str] = []
        for i, token in enumerate(tokens):
            if bare(token) in STOP_CAPS and not is_initial(token) and not (
                    i == len(tokens) - 1 and len(segment) == 1 and bare(segment[0]) not in TITLES
                    and may_be_surname(segment[0]) and bare(segment[0]) not in STOP_CAPS
                    and may_be_surname(token) and _NAME_ENDS.match(after)):
                # ... but "Al From, who", "Al From said": a word of STOP_CAPS ending the run right
                # after a first name, where a name ends (not "Forbes Under 30", "Speech Against the").
                self._learn_name(segment, before)
                segment, before = [], ""
                continue
            segment.append(token)
            if token.endswith(".") and not is_abbreviation(token):
                self._learn_name(segment, before)
                segment, before = [], ""
            elif i < len(tokens) - 2 and token.endswith(POSSESSIVE_ENDS) and \
                    (run := tokens[i:]) is not after_possessor(run) and not self._common_after(run[1:]):
                # "Iowa State University's Dianne Bystrom", "CNN's Jake Tapper": the possessor
                # is an affiliation; the name is what follows it (not in a headline's "Palin's
                # Trump Endorsement", whose "endorsement" the article writes in lower case).
                segment, before = [], ""
        self._learn_name(segment, before)

    def writes_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes `word` in lower case ("Endorsement": "endorsement")."""
        if self._lower_words is None:
            self._lower_words = set(LOWER_WORD.findall(self.text))
        return word.strip(".,;:!?").lower() in self._lower_words

    def _common_after(self, tokens: list[str]) -> bool:
        """Whether a word of the name that `tokens` open is one the article also writes in
        lower case ("Trump Endorsement ...": "endorsement")."""
        for token in tokens:
            if bare(token) in STOP_CAPS:
                break
            if self.writes_in_lower_case(token):
                return True
        return False

    def _learn_name(self, tokens: list[str], before: str) -> None:
        while len(tokens) > 1 and (SPEECH_VERB.fullmatch(bare(tokens[0])) or bare(tokens[0]) in NOT_NAME_OPENERS
                                   or _ORIGIN.fullmatch(tokens[0])):
            # "Added Gibbs: ...", "Plus Obama ...", "Chicago-born Lamas": a verb, an opener or a
            # person's origin starts no name
            tokens = tokens[1:]
        tokens = tokens[_nationality_words(tokens):]
        tokens = tokens[_label_words(tokens):]
        held = office_holder(tokens, before.split())
        tokens = self._without_possessive(tokens)
        titles, name = (tokens[:-len(held)], held) if held else split_title(tokens)
        name = [t for t in name if not t.endswith((",",))]
        noble = bare(titles[-1]) if titles and len(name) == 1 else ""
        if noble in _NAMED_BY_TITLE and may_be_surname(name[0]) and bare(name[0]) not in STOP_CAPS:
            # "Lady Gaga", "Prince Harry": a title and one name are how the person is known
            titles, name = titles[:-1], [titles[-1], *name]
            self.gender.setdefault(" ".join(name), "f" if noble in FEMALE_TITLES else "m")
            self._title_names.add(" ".join(name))
        if len(name) >= 3 and bare(name[0]) in ROLE_NOUNS:
            # "Columnist George Will wrote", "Pollster John Zogby said": a role word opening the
            # sentence is capitalised, but it is the name's title, not its first word.
            titles, name = [*titles, name[0]], name[1:]
        if _name_words(name) > 4:
            # "Weekly Standard Editor Bill Kristol": the affiliation and the role are his title
            # (not a headline's "Former Clinton Pollster Says Clinton Is")
            role_at = max((i for i, t in enumerate(name[:-2]) if bare(t) in ROLE_NOUNS), default=-1)
            rest = name[role_at + 1:]
            if role_at >= 1 and not SPEECH_VERB.fullmatch(bare(rest[0])) \
                    and not any(bare(t) in STOP_CAPS for t in rest):
                titles, name = [*titles, *name[:role_at + 1]], rest
        opening = _first_name_at(name)
        sent_to = _ROLE_TO.search(before)
        if not opening and len(name) == 3 and ENVOY_TO.search(before.rstrip()):
            opening = 1  # "ambassador to Britain Liu Xiaoming": the country, then the person
        if opening and (any(self._no_name_word(t) for t in name[:opening]) or sent_to):
            # "special envoy to Ukraine Kurt Volker", "Browns DL Sheldon Richardson": a place, a role
            # or an abbreviation before a person's first name is no part of the name (the "Jamie"
            # of "Jamie Lee Curtis" is)
            name = name[opening:]
        if not 2 <= _name_words(name) <= 4 or is_org(name) or is_org(titles[-1:]):
            return
        # "Jeff Sessions' remarks": the name without the possessive's apostrophe.
        name = [t[:-1] if t.endswith(("s\u2019", "s'")) else t for t in name]
        full = " ".join(t.rstrip(".,") if not is_initial(t) else t for t in name)
        if name[1].islower():
            full = self.full_name(full)  # "Van der Burgh" after "Cameron van der Burgh"
        if full not in self.roles:
            self.names.append(full)
            self.roles[full] = set()
        prev = PREV_WORDS.search(before) if before else None
        prev_words = prev.group(1).split() if prev else []
        last = next((bare(w) for w in reversed(prev_words) if bare(w) not in DETERMINERS), "")
        if last in _NOT_ROLE_WORDS:
            # "The board agreed with Helena Varga", "the mayor of Mountain View", "the wife of
            # Tom Hale": no words of the name's
            prev_words = []
        context = {bare(t) for t in titles} | {bare(w) for w in prev_words}
        self.roles[full] |= {w for w in context if w}
        if titles or (prev_words and bare(prev_words[-1]) in ROLE_WORDS) or (sent_to and opening):
            self.persons.add(full)
        for title in titles or prev_words[-1:]:
            if bare(title) in MALE_TITLES:
                self.gender.setdefault(full, "m")
            elif bare(title) in FEMALE_TITLES:
                self.gender.setdefault(full, "f")

    def _no_name_word(self, token: str) -> bool:
        """Whether a capitalised word is no part of a person's name: an abbreviation ("DL"), a
        role ("Filmmaker"), a word also written in lower case ("Virus"), a place ("Ukraine")."""
        word = token.strip(".,;:")
        return (len(word) > 1 and word.isupper() and not is_initial(token)) or bare(word) in ROLE_WORDS \
            or bare(word) in TITLES or self.writes_in_lower_case(word) or word.endswith("-based") \
            or bool(_ORIGIN.fullmatch(word)) or self.is_place(word) or bool(_DEMONYM.fullmatch(word))

    def _without_possessive(self, tokens: list[str]) -> list[str]:
        """``Ian Poulter’s punishment``: the possessor's name, when the article also writes its
        last word without the possessive ("Poulter said"); "McDonald's" stays an organisation."""
        if len(tokens) < 2 or not tokens[-1].endswith(("\u2019s", "'s")):
            return tokens
        if self._plain_caps is None:  # once per article: a look-up, not a scan, per possessive
            self._plain_caps = set(_PLAIN_CAP.findall(self.text))
        last = tokens[-1][:-2]
        return [*tokens[:-1], last] if len(last) >= 2 and last in self._plain_caps else tokens

    def _learn_appositive(self, name: str, role: str) -> None:
        """``Tomas Velde, the former Ajax and Porto coach,``: the role words belong to the
        name, so ``said the former Ajax and Porto coach`` resolves to him."""
        full = self.full_name(name)
        words = {bare(w) for w in role.split()}
        if full in self.roles and words & ROLE_WORDS:
            self.roles[full] |= words
            self.persons.add(full)
            if words & FEMALE_ROLES or words & MALE_ROLES:
                # "his wife, Huma Abedin,": she is no "he"
                self.gender.setdefault(full, "f" if words & FEMALE_ROLES else "m")

    def learn_speakers(self) -> None:
        """Names that are the subject of a speech verb anywhere are people; every speech verb
        with a named or role subject is remembered as a speech event, in text order."""
        subjects: list[tuple[int, str]] = []
        for issued in _ISSUED.finditer(self.text):
            # "President Obama released a statement Thursday": the issuer of "the statement said"
            subject = name_run_before(self.text, issued.start())
            if subject and subject[:1].isupper() and subject not in PRONOUNS:
                subjects.append((issued.start(), subject))
                self._issued_at.add(issued.start())
        for verb in SPEECH_VERB.finditer(self.text):
            if self._in_page_label(verb.start()):
                continue
            subject = name_run_before(self.text, verb.start())
            if subject and subject[:1].isupper() and subject not in PRONOUNS:
                name = self.full_name(" ".join(split_title(subject.split())[1]))
                if name in self.roles and not _BODY_MARK.search(name):
                    self.persons.add(name)  # (not "NHS England said", a body known by its initials)
            elif subject is None:
                subject = role_phrase_before(self.text, verb.start())
            if subject is None and verb.group(0) in SAID:
                # '"...," said Steve Elmendorf, deputy campaign manager': the name after "said".
                tail = self.text[verb.end():verb.end() + 120]
                subject = name_run_after(tail)
                if subject and _VERB_AFTER_NAME.match(tail, tail.find(subject) + len(subject)):
                    subject = None  # "Two people ... said Trump has decided": what they said, not who
                if subject and subject[:1].isupper():
                    name = self.full_name(" ".join(split_title(subject.split())[1]))
                    if name in self.roles and not _BODY_MARK.search(name):
                        self.persons.add(name)
            if subject and not is_pronoun(subject):
                subjects.append((verb.start(), subject))
        subjects.sort()
        self._subjects = subjects
        self._subject_starts = [at for at, _ in subjects]

    def _headline_only(self, run: re.Match[str]) -> bool:
        """Whether a capitalised run stands on a headline's line (title case, no full stop) and
        nowhere else in the article: such a run is the headline's capitals, not a name."""
        end = self.text.find("\n", run.end())
        line = self.text[self.text.rfind("\n", 0, run.start()) + 1:end if end >= 0 else len(self.text)].strip()
        if line[-1:] in _LINE_ENDS or not _is_headline(line):
            return False  # most lines end as sentences do: their words need no reading
        return self.text.find(run.group(0)) == run.start() and self.text.find(run.group(0), run.end()) < 0

    def _in_page_label(self, at: int) -> bool:
        """Whether `at` is on a page's own line (phrases.is_page_line)."""
        start = self.text.rfind("\n", 0, at) + 1
        if not PAGE_LABEL.match(self.text, start):  # most lines: no full line to cut out
            return False
        end = self.text.find("\n", at)
        return is_page_line(self.text[start:end if end >= 0 else len(self.text)])

    def learn_paragraph_subjects(self) -> None:
        """A full name opening a paragraph as its subject is a person ("Roy Graf protested the
        two bills ..." before a paragraph of his words that ends "he said"), unless the article
        uses it as a place ("in Medicine Hat")."""
        mentions = self.mentions()
        for k, (at, name, subject) in enumerate(mentions):
            if " " not in name or not self._opens_paragraph(at) or self.is_place(name) or _BODY_MARK.search(name):
                continue
            run = _CAPS_AT.match(self.text, at)
            end = run.end() if run else at
            if not subject and not _WITH_BODY.match(self.text, end):
                continue
            after = _NOUN_AFTER.match(self.text, end)
            if after is None and not self.writes_in_lower_case(name.split()[-1]):
                # Not "Tea Party activists say" (a noun, not a verb, follows), nor a name whose
                # last word the article also writes in lower case ("the tea party").
                self.persons.add(name)
                # "John Goodwin with Bumper to Bumper turned out ...": the clause's subject too.
                mentions[k] = (at, name, True)

    def _opens_paragraph(self, at: int) -> bool:
        """Whether a mention at `at` opens its paragraph, or follows only a short fronted
        phrase of lowercase words ("Down the street, Mike McFadden also rejoiced")."""
        start = self.text.rfind("\n", 0, at) + 1
        return start == at or bool(_FRONTED.fullmatch(self.text, start, at))

    def last_speaker(self, start: int, end: int) -> str | None:
        """The speaker of the last speech verb in [start, end) whose subject is a name or a
        role ("Anna Pereira ... said demand had doubled", "a ministry spokesman said")."""
        k = bisect.bisect_left(self._subject_starts, end) - 1
        while k >= 0 and self._subjects[k][0] >= start:
            at, subject = self._subjects[k]
            # "the DNC issued a statement apologizing ...": an organisation's statement is its own
            speaker = self._speaker_of(subject) or (self._as_body(subject) if at in self._issued_at else None)
            if speaker:
                return speaker
            k -= 1
        return None

    def is_place(self, name: str | None) -> bool:
        """A name the article uses as a place ("in Paris", "at Davos", a "PARIS —" dateline)
        and never as a person's: a city or country is not the speaker of a quotation."""
        if not name or name in self.persons:
            return False
        if self._places is None:
            found = Counter(m.group(1) for m in _PLACE.finditer(self.text))
            # "the mayors of Chicago and Boston": the places a role belongs to
            found.update(name for m in _PLACE_OF.finditer(self.text) for name in m.groups() if name)
            found.update(m.group(1).title() for m in _DATELINE.finditer(self.text))
            self._places = found
        if name not in self._places:
            return False
        # "confidence in Rubio", "workers at Verizon", "an article in Politico": one such
        # phrase does not outweigh the name speaking ("Rubio said") as often.
        if self._speaks is None:
            self._speaks = Counter()
            for match in _SPEAKS.finditer(self.text):
                if _OWNED_PLACE.search(self.text, max(0, match.start() - 6), match.start()):
                    continue  # "The mayor of Mountain View said": the mayor speaks, not the place
                words = match.group(1).split()
                self._speaks.update({" ".join(words), words[-1]})
        return self._places[name] > self._speaks[name]

    def mentions_between(self, start: int, end: int) -> list[tuple[int, str, bool]]:
        """The mentions in [start, end), found by bisection (no scan of the article)."""
        mentions = self.mentions()
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return mentions[lo:hi]

    def speakers_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position of the verb, speaker) of the speech verbs in [start, end) whose subject
        is a person or a role."""
        lo = bisect.bisect_left(self._subject_starts, start)
        hi = bisect.bisect_left(self._subject_starts, end)
        out = []
        for at, subject in self._subjects[lo:hi]:
            if subject not in self._speaker_cache:  # each subject resolved once per article
                self._speaker_cache[subject] = self._speaker_of(subject)
            speaker = self._speaker_cache[subject]
            if speaker:
                out.append((at, speaker))
        return out

    def speaking_names(self) -> set[str]:
        """Every name or role the article makes the subject of a speech verb, organisations too."""
        return {found for at, subject in self._subjects if (found := self.resolve(subject, at))}

    def _speaker_of(self, subject: str) -> str | None:
        words = subject.split()
        if _is_role(subject) or (len(words) > 1 and words[1][:1].islower()
                                 and (words[0] in ("The", "A", "An") or words[0].endswith(("\u2019s", "'s")))):
            # "a spokesman", "The lead researcher" opening a sentence, "Swift's rep"
            return self._role(subject)
        titles, name = split_title(subject.split())
        if not name or is_org(name) or (titles and is_org(titles[-1:])):
            return None
        full = self.full_name(" ".join(name))
        # "President Obama": a person's title and a name, even one never written in full
        return full if full in self.persons or titled_name(subject) else None

    def without_opening_word(self, name: str) -> str:
        """The person a learned person's name holds after a capitalised word that opened its
        sentence or headline and is nobody's first name ("Year Barack Obama", "More Hillary Clinton
        emails released": Barack Obama, Hillary Clinton), a word the article also writes in
        lower case."""
        tokens = name.split()
        first = bare(tokens[0]) if tokens else ""
        if len(tokens) >= 2 and (first.endswith("-based") or self._role_before_name(tokens, name)):
            # "the Oxfordshire-based Marussia team", "Musician Questlove wrote": what the name is
            # or does, capitalised by its place at the sentence's opening, not part of the name
            return " ".join(tokens[1:])
        if len(tokens) < 2 or name not in self.persons or first in ROLE_WORDS or tokens[0] in self._usual:
            return name
        if not self.writes_in_lower_case(tokens[0]):
            return name  # "Marine Le Pen", "Fouzia Al Hashish": a first name nobody listed
        rest = " ".join(tokens[1:])
        if rest in self.persons:
            return rest
        others = [p for p in self.persons if p != name and p.split()[-len(tokens) + 1:] == tokens[1:]]
        if len(others) == 1:
            return others[0]  # "Top Clinton adviser": the one Clinton the article names
        whole = not others and len(tokens) > 2 and tokens[1][:1].isupper()  # not "Van der Wiel"
        return rest if whole else name  # "Year Barack Obama": the name after the word

    def _role_before_name(self, tokens: list[str], name: str) -> bool:
        """Whether a person's learned name opens with a role noun that is no title and no first
        name ("Musician Questlove", "Dad Phil"; not "Ally Brooke", "Fan Mengguang"): a profession,
        or a role the article also writes in lower case."""
        first = bare(tokens[0])
        return first in _ROLES_BEFORE_NAMES and name in self.persons and tokens[0] not in self._usual \
            and (first in PROFESSIONS or self.writes_in_lower_case(tokens[0]))

    def spelled_out(self, name: str) -> str:
        """The name an acronym stands for where the article spells it out ("Export Development
        Canada (EDC)" for "EDC"): a reader of the briefing never saw the article's definition."""
        if not ACRONYM.fullmatch(name):
            return name
        for defined in re.finditer(r"\(" + name + r"\)", self.text):
            words = self.text[max(0, defined.start() - 120):defined.start()].split()
            capitals = [k for k, w in enumerate(words) if w[:1].isupper()]
            first = len(capitals) - len(name)
            if first < 0 or any(w[:1].islower() and w not in _CONNECTORS for w in words[capitals[first]:]):
                continue
            if "".join(words[k][0] for k in capitals[first:]) == name:
                return " ".join(words[capitals[first]:])
        return name

    def full_name(self, short: str) -> str:
        """``Putin`` -> ``Vladimir Putin`` when the article uses that full name (the first
        such name; looked up in an index by last word, so a long page costs no rescans)."""
        if short in self.roles:
            return short
        words = short.split()
        if not words:
            return short
        if len(words) == 1:
            return self._index().get(short, short)
        # "Van der Burgh" opening a sentence is "Cameron van der Burgh"
        particled = short[:1].lower() + short[1:] if words[1].islower() else short
        for name in self._by_last().get(words[-1], []):
            if name.endswith(short) or name.endswith(" " + particled):
                return name
        return short

    def _index(self) -> dict[str, str]:
        """First or last word of a full name -> the first full name that has it."""
        if self._forms is None or self._forms_size != len(self.names):
            forms: dict[str, str] = {}
            by_last: dict[str, list[str]] = {}
            known = _known_first_names()
            for name in self.names:  # first seen first: an earlier name keeps a shared word
                parts = name.split()
                held = forms.get(parts[-1])
                first = held.split()[0] if held else ""
                worded = bool(held) and parts[0] in known and first not in known and (
                    self.writes_in_lower_case(first) or _WORD_SHAPE.fullmatch(first) or self.is_place(first))
                if worded or held and _ORIGIN.fullmatch(first) and not _ORIGIN.fullmatch(parts[0]):
                    # a subheading's "Understated Perez" ("understated" a word the article writes)
                    # gives way to Thomas Perez, a headline's "Oscar-winner Sarandon" to Susan Sarandon
                    forms[parts[-1]] = name
                forms.setdefault(parts[-1], name)
                by_last.setdefault(parts[-1], []).append(name)
                if len(parts) > 2 and parts[-1].rstrip(".") in _NAME_SUFFIXES:
                    forms.setdefault(parts[-2], name)  # "Jackson" is Jesse Jackson Jr.
            for name in self.names:
                # A word alone is a surname before it is a first word: "Clinton" is Hillary
                # Clinton, not the Clinton Global Initiative named earlier. An acronym alone is
                # its own name: "SBS" is not "SBS Code" (of "the SBS Code of Conduct").
                if not ACRONYM.fullmatch(name.split()[0]):
                    forms.setdefault(name.split()[0], name)
            self._forms, self._last, self._forms_size = forms, by_last, len(self.names)
        return self._forms

    def _surname(self, word: str) -> bool:
        """`word` ends a full name the article uses ("From" of "Al From")."""
        return " " not in word and bool(self._by_last().get(word))

    def _by_last(self) -> dict[str, list[str]]:
        self._index()
        return self._last or {}

    def resolve(self, subject: str | None, position: int) -> str | None:
        """A speaker's full name (or role) for a subject found near a quotation."""
        if not subject:
            return None
        if subject in PRONOUNS:
            return self._pronoun(PRONOUNS[subject], position)
        if subject in ("it", "It"):
            return self._organisation_before(position)
        if subject in OTHER_PRONOUNS:
            return None
        tokens = subject.split()
        if all(bare(t) in TIME_WORDS | STOP_CAPS for t in tokens) and not self._surname(subject):
            return None  # "on Thursday said": a time, not a speaker
        if tokens[0].lower() == "the" and len(tokens) == 2 and bare(tokens[-1]) in _OWN_WRITINGS | _STATEMENTS:
            publisher = self._publisher_before(bare(tokens[-1]), position)
            if publisher:
                return publisher  # 'Cisco Talos published a post ... "...," the post read': Talos's
        if tokens[0].lower() in ("a", "the") and len(tokens) == 2 and bare(tokens[-1]) in _STATEMENTS:
            issuer = self._issuer_before(position)
            if issuer:
                return issuer  # 'Gatsby said its director was killed. A statement said ...': Gatsby's
        if tokens[0].lower() == "the" and len(tokens) == 2 and bare(tokens[-1]) in _STUDIES:
            author = self._study_author_before(position)
            if author:
                return author  # 'A study by the University of Calgary's School of Public Policy ... the report said'
        if tokens[0].lower() == "the" and len(tokens) <= 3 and bare(tokens[-1]) in _BODIES:
            body = self._body_before(position) or self._named_body(bare(tokens[-1]), position)
            if body:
                return body  # 'Fexa said on Thursday ... "...," the company said': Fexa
        if len(tokens) >= 2 and bare(tokens[-1]) in _OWN_WRITINGS:
            owner = self.writer(tokens[:-1], position)
            if owner:
                return owner  # '"...," her statement read', "Mr Katter's statement said": the words are theirs
        if len(tokens) > 1 and tokens[0].lower() in QUANTIFIERS | _ONE_AMONG_MANY:
            # "Some Republicans": a part of a group, never one named group or person; "one
            # Twitter user" beside "Twitter user Brian Cox" is somebody else the article does not name
            return subject
        if tokens[0].lower() in DETERMINERS or _is_role(tokens[0]):
            role = self._role(subject)
            return role if role != subject else self._described(subject, position) \
                or self._identified_next(subject, position) or subject
        titles, name = split_title(tokens)
        while len(name) > 1 and _ORIGIN.fullmatch(name[0]):
            name = name[1:]  # "Lisbon-born Brandauer": where the person comes from is no name
        owned = next((rest for k in range(1, len(name)) if name[k - 1].endswith(("\u2019s", "'s"))
                      and (rest := self.full_name(" ".join(name[k:]))) in self.persons), None)
        if owned:
            return owned  # "Team Alpha Male's Mendes": the person the affiliation has, by surname
        if not name or is_org(name) or (titles and is_org(titles[-1:])):
            return subject
        if (len(name) == 1 and bare(name[0]) in TITLES) or _is_role(name[0]):
            return self._role(subject)  # "Finance officials": the whole role, not "officials"
        full = self.full_name(" ".join(name))
        honorific = _HONORIFIC_GENDER.get(bare(titles[-1])) if titles else None
        if honorific and full != " ".join(name) and self._other_gender(full, honorific, name[-1]):
            # "Mr Moores" of "Mr and Mrs Moores" is not Sue Moores; "Mr Cameron" beside Samantha
            # Cameron is David Cameron
            honoured = self._honoured(name[-1], honorific) if len(name) == 1 else None
            return honoured or " ".join([titles[-1], *name])
        if full not in self.roles:
            # "Prosecutor Eddy Arta Wijaya said", "UKIP AM David Rowlands said": a role or an
            # affiliation written before a person the article knows by name (not the second of
            # "Dana Whitlow and Owen Pratt")
            return next((rest for k in range(1, len(name) - 1)
                         if (rest := " ".join(name[k:])) in self.persons
                         and not any(w in ("and", "or", "&") or w.endswith(",") for w in name[:k])), full)
        return full

    def _honoured(self, surname: str, gender: str) -> str | None:
        """Which of several full names of one surname an honorific names: "Mr Cameron" after
        "Samantha Cameron" and "David Cameron" is the one whose first name is a man's."""
        named = [n for n in self._by_last().get(surname, []) if n in self.roles]
        if len(named) < 2:
            return None
        agreeing = [n for n in named if self._usual.get(n.split()[0]) == gender]
        return agreeing[0] if len(agreeing) == 1 else None

    def has_first_name(self, name: str) -> bool:
        """Whether `name` opens with a word known as a first name (one with a usual gender)."""
        return name.split()[0] in self._usual

    def _other_gender(self, full: str, gender: str, surname: str) -> bool:
        """Whether `full` may be somebody else than the one an honorific of `gender` names: a
        person of the other gender, or, where the article writes "Mr and Mrs" of the surname, one
        whose gender neither the article nor the first name tells."""
        # either what the article says or the first name's usual gender ("Mr. Obama" is not
        # Malia Obama, whom "Mr. Obama" alone may have made a man)
        known = {self.gender.get(full), self._usual.get(full.split()[0])} - {None}
        return bool(known - {gender}) if known or surname in self._couples else False

    def _described(self, phrase: str, position: int) -> str | None:
        """Who "the lanky, bespectacled professor" is when the article gave nobody that role: the
        person who is the subject of the sentence before, as a reader takes it ("Schuh is aware
        ... "...," the lanky, bespectacled professor said"). Nobody when the article brought in an
        unnamed one ("a professor") after naming the person, wrote a title before a surname
        ("President Delgado") or the role speaks for others ("the spokesman"). A role with a name
        in it ("the Florida senator", "the New Jersey governor") tells the reader who it is and
        is shown as written."""
        words = phrase.split()
        head = bare(words[-1])
        # (a title in quotation marks names no place nor body: 'the "Harbour Lights" actor')
        if bare(words[0]) != "the" or (head not in DESCRIBED_ROLES and not AGED.fullmatch(head)) or len(words) > 8 \
                or any(w[:1].isupper() for w in _QUOTED_TITLE.sub("", phrase).split()[1:]):
            return None
        opening = _sentence_start(self.text, position)
        earlier = _sentence_before(self.text, opening)
        short = _SHORT_TITLES.get(head, head)
        held = self._role_index().get(head, set()) | self._role_index().get(short, set())
        titled = self._titled_with(head) | self._titled_with(short)
        if held or titled:
            # "President Delgado", or names given the role: _role has said who it is when one holds
            # it; of several ("Gov. Deval Patrick", "Gov. Nikki Haley"), the one this sentence or
            # the one before is about ("Mr. Patrick ... was asked whether ... "...," the governor replied")
            person = self._subject_person(opening, position) or self._subject_person(earlier, opening)
            if person in held:
                return person
            if self._role_index().get(head) or self._titled_with(head):
                return None
            # only the title's short form names holders ("Sen. Marco Rubio"): "the senator" may
            # still be the subject the article describes ("Cruz defends ...: "...," the senator says")
        # The subject of the phrase's own sentence ("Cruz defends ...: "...," the senator says"),
        # else of the sentence before, unless that one asks a question somebody else answers
        # (""That would be you?" Borger asked. "...," the senator said").
        person = self._subject_person(opening, position)
        asked = _sentence_before(self.text, earlier)  # a quoted question may stand alone
        if person is None and not _QUESTION_QUOTED.search(self.text, asked, opening):
            person = self._subject_person(earlier, opening)
            said = PRONOUN_SPEAKS.search(self.text, earlier, opening) if person is None else None
            if said:
                # "'I saw severed heads,' he said. / '...,' the 55-year-old said.": who "he" is
                person = self._pronoun(PRONOUNS[said.group(1)], said.start())
            elif person is None:
                # '"... We lost the baby," Van Der Beek said. "...." / "...," said the actor': who
                # spoke last, within the two sentences before
                person = self.last_speaker(asked, opening)
                person = person if person in self.persons else None
        if person is None or (head in MALE_ROLES and self.gender.get(person) == "f") \
                or (head in FEMALE_ROLES and self.gender.get(person) == "m"):
            return None
        at = self.text.rfind(phrase, max(0, position - 300), position + len(phrase))
        if at < 0:
            at = self.text.find(phrase, position)
        if at >= 0 and _ASKS_THEM.match(self.text, at + len(phrase)):
            return None  # "Bieber called the show. The presenter asked him:": whom he asked, not him
        # An unnamed one brought in ("a professor") after the person was named may be who the
        # role is. One brought in before is often the person, introduced before the name: "Set
        # up by an engineering professor, e.GO ... Guenther Schuh, e.GO's founder".
        introduced = re.compile(r"\b(?:an?|another|one)\s+(?:[\w\-]+,?\s+){0,4}" + re.escape(head) + r"\b",
                                re.IGNORECASE)
        return None if introduced.search(self.text, self._first_mention(person), position) else person

    def _identified_next(self, phrase: str, position: int) -> str | None:
        """Who "a Superior Court of Ontario judge" is when the next sentence opens on a person
        with that title ("Justice Sean Dunphy directed the station ..."), as a news lead names
        the person after what they did."""
        words = phrase.split()
        head = bare(words[-1])
        if bare(words[0]) not in ("a", "an") or head not in ROLE_NOUNS:
            return None
        following = _sentence_end(self.text, _sentence_start(self.text, position))
        while following < len(self.text) and self.text[following].isspace():
            following += 1
        titles = {head, *_TITLES_OF.get(head, ())}
        for at, name, subject in self.mentions_between(following, _sentence_end(self.text, following)):
            if at - following > 40:
                break
            if subject and name in self.persons and self.roles.get(name, set()) & titles:
                return name
        return None

    def _first_mention(self, name: str) -> int:
        """Where the article first names `name` (by any form the mentions resolve to it)."""
        return next((at for at, mentioned, _ in self.mentions() if mentioned == name), len(self.text))

    def _subject_person(self, start: int, end: int) -> str | None:
        """The person who is the subject of the sentence starting at `start`, named before `end`:
        one opening it (after a short fronted phrase, as in "Still, Reid would not say"), or one
        before a verb of theirs."""
        for at, name, subject in self.mentions_between(start, end):
            fronted = _FRONTED.fullmatch(self.text, start, at)
            # not the name a role gives in apposition ("His daughter, Lucia Delgado, watched")
            if fronted and bare(self.text[start:at].split()[-1]) in ROLE_WORDS:
                fronted = None
            fronted = fronted or _HONORIFIC_OPENING.fullmatch(self.text, start, at)
            if (subject or at == start or fronted) and name in self.persons and not _collective(name) \
                    and not self._quoted(at):
                return name  # not a party ("The Harbour Unionist Party said"): no role a person holds
        return None

    def _organisation_before(self, position: int) -> str | None:
        """What "it" is in '"...," it said': the organisation opening the last sentence before
        `position` as its subject ("Eastside Development declined to comment. ..."), if any."""
        start = max(0, position - 400)
        found, at = None, -1
        for match in _ORG_SUBJECT.finditer(self.text, start, position):
            words = match.group(1).split()
            # an acronym alone is an organisation too ("EDC declined to answer ...")
            organisation = is_org(words) or bare(words[-1]) in _BODIES | _ORG_HEADS \
                or ACRONYM.fullmatch(match.group(1))
            if organisation and not self.is_place(match.group(1)) and not self._quoted(match.start(1)):
                found = match.group(1)
                at = match.start(1)
        # "The ministry issued a statement on Monday. "...," it said": a body the article names by
        # its kind, as the article calls it, or by its name when the article gave one before
        for match in _BODY_SUBJECT.finditer(self.text, start, position):
            if match.start(1) > at and not self._quoted(match.start(1)):
                found, at = self.resolve(match.group(1), match.start(1)) or match.group(1), match.start(1)
        # "The cable also warned that ... It said "..."": a writing that opens a later sentence,
        # or whose part is a later sentence's subject ("..., a key section of the cable seemed")
        for match in itertools.chain(_WRITING_SUBJECT.finditer(self.text, start, position),
                                     _WRITING_PART_SUBJECT.finditer(self.text, start, position)):
            if (found is None or match.start(1) > at) and not self._quoted(match.start(1)):
                found, at = match.group(1), match.start(1)
        return found or self._name_speaking_before(start, position)

    def _name_speaking_before(self, start: int, position: int) -> str | None:
        """What "it" is when no organisation, body or writing opens a sentence before
        (_organisation_before): a name that spoke in the sentence before and is no person, place
        or time ('Marussia said surgeons "...". / It said: "..."')."""
        earlier = _sentence_before(self.text, _sentence_start(self.text, position))
        # the speech verb within the sentence before, and no further back than `start`
        subject = self._named_subject_before(position, position - max(start, earlier) - 1)
        body = subject and self._as_body(subject)
        if not body or self.gender.get(self.full_name(body)) or all(bare(t) in TIME_WORDS for t in body.split()):
            return None
        return body

    def _issuer_before(self, position: int) -> str | None:
        """Who spoke last, named, within a sentence or two before `position`: the issuer of "a
        statement" that follows."""
        subject = self._named_subject_before(position, 500)
        return subject and (self._speaker_of(subject) or self._as_body(subject))

    def _publisher_before(self, writing: str, position: int) -> str | None:
        """Who the article last says put out a `writing` ("statement", "post") within a few
        sentences before `position`: "Cisco Talos published a post", "The company released a
        statement"; a name, or the organisation a "the company" stands for."""
        found = [m for m in _PUBLISHED.finditer(self.text, max(0, position - 600), position)
                 if bare(m.group(2)) == writing]
        if not found:
            return None
        words = found[-1].group(1).split()
        if words[0].lower() == "the" and words[1][:1].islower():
            return self.resolve(" ".join(words), found[-1].start()) if bare(words[-1]) in _BODIES else None
        name = self.full_name(" ".join(words[1:] if words[0].lower() == "the" else words))  # "Cook": Peter Cook
        return self.resolve(name, found[-1].start()) if name in self.roles else None

    def _study_author_before(self, position: int) -> str | None:
        """Who wrote the study, report or survey the article last named with its author,
        within 2,000 characters before `position` ("A study by the University of Calgary's
        School of Public Policy analyzed ...")."""
        found = list(_STUDY_BY.finditer(self.text, max(0, position - 2000), position))
        opened = list(_IN_STUDY.finditer(self.text, max(0, position - 2000), position))
        if opened and (not found or opened[-1].start() > found[-1].start()):
            # "In a report released in February, the Office of the Director of National
            # Intelligence said ...": the subject of the sentence the report opens
            return opened[-1].group(1)
        if not found:
            return None
        author = found[-1].group(1)
        if not author.endswith(POSSESSIVE_ENDS):
            return author
        # "the report by the Justice Department's inspector general, Michael Horowitz,": the
        # holder of the role the possessive opens, or that role
        held = _OWNED_ROLE_HOLDER.match(self.text, found[-1].end(1))
        return (held.group(2) or f"{author} {held.group(1)}") if held else None

    def _body_before(self, position: int) -> str | None:
        """The organisation that spoke last within a few sentences before `position` ("Fexa
        Holdings said ..."), when the last speech verb's subject is a name and no person's."""
        subject = self._named_subject_before(position, 500)
        return subject and self._as_body(subject)

    def _named_body(self, noun: str, position: int) -> str | None:
        """"The diocese" after "the Roman Catholic Diocese of Covington": the last name before
        `position` that has the noun as a word of its own."""
        word = noun.capitalize()
        for _, name, _ in reversed(self.mentions_between(0, position)):
            if word in name.split() and not self.is_place(name):
                return name
        return None

    def _named_subject_before(self, position: int, reach: int) -> str | None:
        """The last speech verb's subject before `position`, within `reach` characters, when it
        is a name (not a role or a pronoun)."""
        k = bisect.bisect_left(self._subject_starts, position) - 1
        while k >= 0 and self._quoted(self._subjects[k][0]):
            k -= 1  # ""The truth is, Taylor has admitted ...," the statement continued": quoted words
        if k < 0 or position - self._subjects[k][0] > reach:
            return None
        subject = self._subjects[k][1]
        if _is_role(subject) or subject.split()[0].lower() in DETERMINERS or is_pronoun(subject):
            return None
        return subject

    def _as_body(self, subject: str) -> str | None:
        """`subject` when it names an organisation rather than a person or a place."""
        words = subject.split()
        if self.is_place(subject) or all(bare(t) in STOP_CAPS for t in words):
            return None
        return subject if is_org(words) or not self._speaker_of(subject) else None

    def _role(self, phrase: str, loose: bool = True) -> str:
        holder = self._office_holder(phrase)
        if holder:
            return holder
        complement = ROLE_COMPLEMENT.search(phrase)
        if complement:
            # "a longtime adviser to Bill Clinton": the person introduced with the role, or
            # the whole phrase (who the role serves tells the reader more than "an adviser").
            head = self._role(phrase[:complement.start()], loose=False)
            served = phrase[complement.start():]
            return head if head != phrase[:complement.start()] and head.split()[-1] not in served else phrase
        words = {bare(t) for t in phrase.split()} - DETERMINERS - {"for", "of", "the"}
        if "pm" in words:
            words = words - {"pm"} | {"prime", "minister"}  # "The PM said": the prime minister
        if not words or (plural_role(phrase) and bare(phrase.split()[-1]) in _CROWDS):
            return phrase  # "the attendees" are never one of the people the article names
        # Only names introduced with one of the words can match: look those up, not all names.
        by_role = self._role_index()
        pool = set.intersection(*(by_role.get(w, set()) for w in words))
        head = bare(phrase.split()[-1])
        if loose and not pool and bare(phrase.split()[0]) == "the" and head in ROLE_WORDS \
                and not (head == "general" and len(phrase.split()) > 2) \
                and not any(bare(w) in _ORDINALS for w in phrase.split()):
            # "the lanky, bespectacled professor": the one professor named, whatever lower-case
            # words describe him (not "the Florida senator" for a senator from elsewhere, nor "the
            # inspector general" for the attorney general, nor "the third witness" for another)
            named = {bare(w) for w in phrase.split()[1:-1] if w[:1].isupper()} | {head}
            pool = set.intersection(*(by_role.get(w, set()) for w in named))
        if loose and not pool and bare(phrase.split()[0]) == "the" and head in PERSONAL_TITLES \
                and all(w[:1].islower() for w in phrase.split()[1:]):
            pool = self._titled_surname(head)
        if len(pool) > 1:
            # "the president" beside President Barack Obama and Vice President Joe Biden: the
            # one whose title no qualifier narrows that the phrase does not carry.
            pool = {name for name in pool if not (self.roles[name] - words) & _ROLE_QUALIFIERS}
        owner = _OWNER_GENDER.get(phrase.split()[0].lower())
        if owner:
            # "His campaign" is no woman's campaign
            pool = {name for name in pool
                    if (self.gender.get(name) or self._usual.get(name.split()[0])) in (None, owner)}
        if head in _BODY_ROLES and not words & (ROLE_WORDS - _BODY_ROLES):
            pool -= self.persons  # "the Green party" is no person that "Green party leader" names
        # Every name in the index is one of self.names: one match is the pool's only name.
        return next(iter(pool)) if len(pool) == 1 else phrase

    def writer(self, owner: list[str], position: int) -> str | None:
        """The person a possessive before a writing names ("her", "Mr Katter's"), when the
        article names them."""
        if len(owner) == 1 and owner[0].lower() in _OWNER_GENDER:
            return self._pronoun(_OWNER_GENDER[owner[0].lower()], position)
        if not owner[-1].endswith(("\u2019s", "'s")) or not all(t[:1].isupper() for t in owner):
            return None
        found = self.resolve(" ".join(owner)[:-2], position)
        return found if found in self.persons else None

    def _office_holder(self, phrase: str) -> str | None:
        """Who holds an office written in capitals with its "of" or "for" ("The Secretary of
        State"): the one person the article introduced with its title and field ("Secretary of
        State John Kerry", whose title went into his name); never a former holder."""
        tokens = phrase.split()
        joint = next((i for i, t in enumerate(tokens) if t in ("of", "for")), 0)
        if not joint or not tokens[joint - 1][:1].isupper() or bare(tokens[joint - 1]) not in PERSONAL_TITLES:
            return None
        field = {bare(t) for t in tokens[joint + 1:]} - {"the"}
        if not field or not all(t[:1].isupper() for t in tokens[joint + 1:] if t != "the"):
            return None
        by_role = self._role_index()
        office = " ".join(tokens[joint - 1:])
        pool = {name for name in set.intersection(*(by_role.get(w, set()) for w in field))
                if not self._former(f"{office} {name}")}
        return next(iter(pool)) if len(pool) == 1 else None

    def _former(self, titled: str) -> bool:
        """Whether the article writes `titled` ("Secretary of State Hillary Clinton") after
        "former", "ex-" or "then-": an office its holder has left."""
        at = self.text.find(titled)
        return at > 0 and _FORMER_BEFORE.search(self.text, max(0, at - 10), at) is not None

    def _titled_surname(self, title: str) -> set[str]:
        """Who "the president" is in an article that writes "President Obama" and never names
        him in full: the one surname written after the title, when no full name the article
        uses ends in it (a "Sasha Obama" is somebody else; a full name with the title is
        found by _role itself)."""
        surnames = self._titled_with(title)
        if len(surnames) != 1:
            return set()
        surname = next(iter(surnames))
        return set() if self._by_last().get(surname) else {surname}

    def _titled_with(self, title: str) -> set[str]:
        """The surnames the article writes after `title` ("President Obama": "Obama")."""
        if self._titled is None:
            self._titled = {}
            for match in _TITLE_SURNAME.finditer(self.text):
                surname = match.group(2)
                if bare(match.group(1)) in PERSONAL_TITLES and not is_org([surname]) and not self.is_place(surname):
                    self._titled.setdefault(bare(match.group(1)), set()).add(surname)
        return self._titled.get(title, set())

    def _role_index(self) -> dict[str, set[str]]:
        if self._roles_by_word is None or self._roles_size != len(self.names):
            index: dict[str, set[str]] = {}
            for name, words in self.roles.items():
                for word in words | (_LAWMAKER_WORDS if words & _LAWMAKER_TITLES else set()) \
                        | (_HOUSE_MEMBER_WORDS if words & _HOUSE_TITLES else set()):
                    index.setdefault(word, set()).add(name)
            self._roles_by_word, self._roles_size = index, len(self.names)
        return self._roles_by_word

    def mentions(self) -> list[tuple[int, str, bool]]:
        """(position, full name, in subject position) of every mention, in text order: one
        pass over the capitalised words, matching the longest known form at each."""
        if self._mentions is None:
            forms: dict[str, str] = {}
            for position in (None, -1, 0):  # whole names, then surnames, then first words
                for name in self.names:
                    form = name if position is None else name.split()[position]
                    if position is not None and len(form) > 1 and form.isupper():
                        continue  # "FIRE" alone is an acronym ("Physician on FIRE"), not "Regular FIRE"
                    forms.setdefault(form, name)
            longest = max((len(f.split()) for f in forms), default=0)
            starts = {f.split()[0] for f in forms}  # most capitalised words start no form
            words = list(CAP_WORD.finditer(self.text))
            found: list[tuple[int, str, bool]] = []
            i = 0
            while i < len(words):
                step = 1
                if words[i].group(0) not in starts:
                    i += 1
                    continue
                for size in range(min(longest, len(words) - i), 0, -1):
                    group = words[i:i + size]
                    if any(not NAME_GAP.fullmatch(self.text, a.end(), b.start())
                           for a, b in zip(group, group[1:], strict=False)):
                        continue
                    form = self.text[group[0].start():group[-1].end()]
                    end = group[-1].end()
                    if form in forms and not POSSESSIVE_AT.match(self.text, end):
                        # "porters like Grizzle recognized": an example inside the subject is not it
                        subject = bool(SUBJECT_AFTER.match(self.text, end) or SUBJECT_AFTER_APPOSITIVE.match(
                            self.text, end)) and not _EXAMPLE_BEFORE.search(
                            self.text, max(0, group[0].start() - 12), group[0].start()) \
                            or self._role_appositive(group[0].start(), end)
                        if size == 1 and bare(form) in STOP_CAPS and not subject and \
                                _OPENS.search(self.text, max(0, group[0].start() - 3), group[0].start()):
                            break  # "From there, ...": a sentence's opening word, not Al From
                        found.append((_particles_start(self.text, group[0].start(), forms[form]), forms[form],
                                      subject))
                        step = size
                        break
                i += step
            self._mentions = found
            self._mention_starts = [m[0] for m in found]
        return self._mentions

    def _honour_mentions(self) -> None:
        """Once first names' usual genders are known: each surname mentioned right after an
        honorific is the full name of its gender among the article's names of that surname
        ("Mr Cameron": David Cameron), the rest of what the mentions learned (who is a subject)
        kept."""
        mentions = self.mentions()
        for k, (at, name, subject) in enumerate(mentions):
            surname = name.split()[-1]
            if not self.text.startswith(surname, at) or self.text.startswith(name, at):
                continue  # a full name, or a first name alone
            title = _HONORIFIC_BEFORE.search(self.text, max(0, at - 6), at)
            honoured = self._honoured(surname, _HONORIFIC_GENDER[title.group(1).lower()]) if title else None
            if honoured:
                mentions[k] = (at, honoured, subject)

    def _role_appositive(self, start: int, end: int) -> bool:
        """Whether the name at `start`..`end` names the role that opens its sentence, as the
        subject of its verb ("The center's president, Cathi Herrod, has been deriding")."""
        return bool(APPOSITIVE_SUBJECT_AFTER.match(self.text, end)
                    and ROLE_OPENING_BEFORE.search(self.text, max(0, start - 80), start))

    def _pronoun(self, gender: str, position: int) -> str | None:
        """The person last named before `position`, preferring a sentence's subject; a later
        speech verb whose subject is a role ("a ministry spokesman said the statue of Cecil
        Amery ... "…," he said") wins over a name that was only mentioned."""
        # "Asked what he would tell Mayor John Tory, he said": a name in the pronoun's own
        # sentence that is no clause's subject is not who "he" is.
        opening = max(self.text.rfind(mark, max(0, position - 400), position) for mark in (". ", "\n", "? ", "! "))
        found = self._nearest_person(gender, position, opening if opening >= 0 else position)
        event = self._role_event(gender, position)
        since = max(event[0] if event else -1, found[0] if found else -1)
        acting = self._role_acting_before(gender, position, since)
        if acting:
            return acting
        if event and (found is None or not found[2] or event[0] > found[0] or self._reported(event[0], found[0])):
            return event[1]
        return found[1] if found else None

    def _role_acting_before(self, gender: str, position: int, since: int) -> str | None:
        """Who "he" is when the sentence before the pronoun's opens with a role doing something,
        after `since` (the last speaker and the last person named): 'On Dec. 13, the mayor
        brought up the plan again. "...," he said' is the mayor's, not the spokesperson's who
        spoke before, when the article names who the role is (as it resolves a speaker's role).
        Sentences where the same pronoun spoke are passed over on the way back."""
        earlier = _sentence_before(self.text, _sentence_start(self.text, position))
        said = _HE_SAID if gender == "m" else _SHE_SAID
        for _ in range(3):  # back over sentences where the same pronoun spoke ("...," he said.)
            if earlier <= since or not said.search(self.text, earlier, _sentence_end(self.text, earlier)):
                break
            earlier = _sentence_before(self.text, earlier)
        if earlier <= since:
            return None
        next_subject = bisect.bisect_left(self._subject_starts, earlier)
        if next_subject < len(self._subject_starts) and self._subject_starts[next_subject] < position:
            return None  # a speaker named since ("adds Al Basha") is who "she" is, if anyone
        opening = _ROLE_OPENING.match(self.text, earlier)
        if not opening or self._quoted(opening.start()):
            return None
        words = opening.group(2).split()
        # the role is the first word naming one; a lower-case word that is no preposition follows
        k = next((k for k, w in enumerate(words) if bare(w) in _ACTING_ROLES), None)
        if k is None or k + 1 == len(words) or bare(words[k + 1]) in _NOT_VERBS or not words[k + 1].isalpha():
            return None
        head = bare(words[k])
        if head in _NOT_PERSONS or plural_role(head) or head in FEMALE_ROLES and gender == "m" \
                or head in MALE_ROLES and gender == "f":
            return None
        role = " ".join([opening.group(1), *words[:k + 1]])
        person = self.resolve(role, opening.start(1))
        if not person or self.gender.get(person, gender) != gender or _collective(person):
            return None
        if person in self.persons or (person != role and person[:1].isupper() and not is_org(person.split())):
            return person
        return None  # a role nobody named holds ("the reporter") leaves "he" to who spoke last

    def _in_caption(self, at: int) -> bool:
        """Whether `at` is in a photograph's caption: a paragraph closing on its credit
        ("( THE CANADIAN PRESS FILE PHOTO )", "(Luis Tato/AFP/Getty Images)")."""
        end = self.text.find("\n", at)
        return bool(_CAPTION_CREDIT.search(self.text, at, end if end >= 0 else len(self.text)))

    def _reported(self, verb: int, at: int) -> bool:
        """Whether a mention at `at` lies in the words a speech verb at `verb` reports, in its
        own sentence ("Sarah Buckley ... said Covington Catholic has ...")."""
        return verb < at and not _SENTENCE_END.search(self.text, verb, at)

    def _nearest_person(self, gender: str, position: int, objects_from: int) -> tuple[int, str, bool] | None:
        """The person of `gender` last named before `position`, no further back than 1500
        characters (or than a run of the same pronoun reaches), preferring a sentence's subject
        among close mentions; from `objects_from` on (the pronoun's own sentence) only subjects
        count."""
        mentions = self.mentions()
        at = bisect.bisect_left(self._mention_starts, position)
        candidates: list[tuple[int, str, bool]] = []
        horizon: int | None = None  # how far a run of the pronoun reaches, found once needed
        clear = position  # the narration from here to the quotation holds no name that stops a run
        for k in range(at - 1, -1, -1):  # walk back from the quotation
            m = mentions[k]
            far = position - m[0] >= 1500
            if far:
                if horizon is None:
                    horizon = self._chain_start(gender, position) - 1500
                if m[0] <= horizon:
                    break
            if m[0] >= objects_from and (not m[2] or _COMPLEMENT_BEFORE.search(self.text, max(0, m[0] - 9), m[0])):
                continue  # ('"...," -- that Bloomberg is perceived as ... -- "...," he says': not him)
            if self._quoted(m[0]):
                continue  # "Senator Reid now agrees ...," he said: a name in somebody's words
            if self._in_caption(m[0]):
                continue  # a photograph's caption between paragraphs is not the story's narration
            if far:
                if clear == position and self._named_speaker_within(position - 1500, position) \
                        or self._unknown_name_between(m[0], clear):
                    break  # a run of "he" past a name never learned, or past "Bob said", may mean them
                clear = m[0]  # each stretch of narration is read once
            if m[1] in self.persons and self.gender.get(m[1], gender) == gender and not _collective(m[1]):
                candidates.append(m)
                if candidates[0][0] - m[0] >= 120:
                    break
        if not candidates:
            return None
        latest = candidates[0]
        window = [m for m in candidates if latest[0] - m[0] < 120 and m[2]]
        chosen = window[0] if window else latest
        if self._coordinated(chosen, gender):
            # "Reps. Peter DeFazio ..., and Jim McDermott and Jay Inslee ... are crafting a letter.
            # ... "...," he told Fox News": any of them; the pronoun names nobody
            return None
        return chosen

    def _named_speaker_within(self, start: int, end: int) -> bool:
        """Whether a speech verb between `start` and `end` has a person other than "he" or "she"
        as its subject ("Bob said he took only one call"): then the pronouns need not all be one
        person's."""
        lo = bisect.bisect_left(self._subject_starts, start)
        hi = bisect.bisect_left(self._subject_starts, end)
        return any(subject not in PRONOUNS and not self._quoted(at) and self._named_one(subject)
                   for at, subject in self._subjects[lo:hi])

    def _named_one(self, subject: str) -> bool:
        """A person, or one capitalised word that may be a person's only name ("Bob said"), not
        a plural ("Democrats") nor an organisation or a place."""
        if self._speaker_of(subject) in self.persons:
            return True
        return subject[:1].isupper() and " " not in subject and not subject.endswith("s") \
            and not is_org([subject]) and not self.is_place(subject) and bare(subject) not in STOP_CAPS

    def _unknown_name_between(self, start: int, end: int) -> bool:
        """Whether the narration between `start` and `end` holds a full name that is no known
        person, organisation or place ("Arturo Sarukh\u00e1n, Mexico's ambassador, said" where the
        accent was garbled)."""
        mentions = self.mentions()
        for match in _FULL_NAME_IN_TEXT.finditer(self.text, start, end):
            k = bisect.bisect_left(self._mention_starts, match.start())
            mentioned = k < len(mentions) and mentions[k][0] < match.end() \
                and (mentions[k][1] in self.persons or is_org(mentions[k][1].split()) or self.is_place(mentions[k][1]))
            inside = _CAPITAL_BEFORE.search(self.text, max(0, match.start() - 40), match.start())
            if not mentioned and not inside and bare(match.group(1)) not in TITLES | STOP_CAPS \
                    and not self._quoted(match.start()):
                return True  # not even "President Obama", whose "Obama" is a mention
        return False

    def _chain_start(self, gender: str, position: int) -> int:
        """Where a run of the same pronoun ending at `position` begins: each "he" (or "she")
        within 1500 characters of the next. A speech reported through "he said ... he said ..."
        paragraph after paragraph still means the person last named before the run."""
        pronoun = _HE if gender == "m" else _SHE
        start = position
        for _ in range(20):
            earlier = pronoun.search(self.text, max(0, start - 1500), start)
            if earlier is None:
                break
            start = earlier.start()
        return start

    def _coordinated(self, mention: tuple[int, str, bool], gender: str) -> bool:
        """Whether a mention is joined by "and" to another name that `gender` also fits, in one
        phrase ("Jim McDermott and Jay Inslee")."""
        mentions = self.mentions()
        k = bisect.bisect_left(self._mention_starts, mention[0])
        for j in (k - 1, k + 1):  # the mentions either side
            if not 0 <= j < len(mentions):
                continue
            other = mentions[j]
            # titles and initials keep their full stops: "Jim McDermott and Sen. Jay Inslee"
            between = _ABBREVIATION.sub("", self.text[min(other[0], mention[0]):max(other[0], mention[0])])
            if other[1] != mention[1] and len(between) < 80 and _JOINED.search(between) \
                    and self.gender.get(other[1], gender) == gender and not _collective(other[1]) \
                    and not self.is_place(other[1]):
                return True
        return False

    def named_only_in_quotes(self) -> set[str]:
        """The people the article names only inside quotations ('"We also won Tony Moly
        cosmetics!"'), never in its own narration."""
        mentions = self.mentions()
        if self._only_quoted is None or self._only_quoted[0] is not mentions:
            inside: set[str] = set()
            outside: set[str] = set()
            for at, name, _subject in mentions:
                (inside if self._quoted(at) else outside).add(name)
            self._only_quoted = (mentions, inside - outside)
        return self._only_quoted[1]

    def _quoted(self, at: int) -> bool:
        """Whether position `at` lies inside a quotation."""
        if self._quote_spans is None:
            # Paragraph by paragraph: a quotation running on to the next paragraph has no
            # closing mark, and pairing marks across paragraphs would put them out of step.
            self._quote_spans = [(start + a, start + b) for start, paragraph in _paragraphs(self.text)
                                 for a, b in quote_spans(paragraph)]
            self._quote_starts = [s for s, _e in self._quote_spans]
        k = bisect.bisect_right(self._quote_starts, at) - 1
        return k >= 0 and at < self._quote_spans[k][1]

    def _role_event(self, gender: str, position: int) -> tuple[int, str] | None:
        """The last speech verb within 600 characters before `position` whose subject is a
        role phrase or a person, with that speaker; ``None`` when the gender disagrees."""
        last = k = bisect.bisect_left(self._subject_starts, position) - 1
        while k >= 0 and self._quoted(self._subjects[k][0]):
            k -= 1  # '"Governor Hale said it best," he said': a speech verb in somebody's words
        if k < 0 or position - self._subjects[k][0] > 600:
            return None
        at = self._subjects[k][0]
        event = self._event_speaker(k, gender)
        if event and k < last and any(m[1] in self.persons and m[1] != event[1] and not self._quoted(m[0])
                                      and (m[2] or _sentence_start(self.text, m[0]) == m[0])
                                      for m in self.mentions_between(at + 1, position)):
            # back past somebody's words to a speaker, but another has been a sentence's
            # subject since ("Netanyahu also made an appearance ... "...," he said")
            return None
        return event

    def _event_speaker(self, k: int, gender: str) -> tuple[int, str] | None:
        """The speaker of the `k`th speech verb, a person or a role, if "he" or "she" of
        `gender` may be them."""
        at, subject = self._subjects[k]
        if k and ends_with_document(subject) and self._subjects[k - 1][0] in self._issued_at \
                and at - self._subjects[k - 1][0] < 80:
            # "Barry Rand issued a formal statement saying ... what he described as": the issuer
            at, subject = self._subjects[k - 1]
        if not _is_role(subject) and subject.split()[0].lower() not in DETERMINERS:
            # A named speaker ("Professor Jonah Jansen said ... Paul Kruger ..."): when a person.
            name = self._speaker_of(subject)
            if name is None or self.gender.get(name, gender) != gender or _collective(name):
                return None
            named = [m for m in self.mentions_between(max(0, at - 120), at + 1) if m[1] == name]
            earlier = self.mentions_between(max(0, at - 120), named[-1][0]) if named else []
            if earlier and _NAMES_JOINED.fullmatch(self.text, earlier[-1][0], named[-1][0]):
                return None  # "Jeb Bush and Chris Christie, who say": both of them, not "he"
            return at, name
        words = {bare(t) for t in subject.split()}
        if words & FEMALE_ROLES and gender == "m" or words & MALE_ROLES and gender == "f" or plural_role(subject) \
                or bare(subject.split()[-1]).lower() in _NOT_PERSONS:
            # nor is "he" the "aides" of "what aides called", the "lawmakers" of "lawmakers
            # announced" or the "agency" of "the first time the agency acknowledged the practice"
            return None
        role = self._role(subject)
        if role == subject and JUDGEMENT_VERB.match(self.text, at):
            # "In other tweets, the reporter mocked the parade. "...," he tweeted": a role that
            # judged and that no name resolves leaves "he" with whoever spoke before.
            return None
        return at, role


_OWNER_GENDER = {"his": "m", "her": "f"}
# What a person writes in their own name ("her statement", "his letter").
_OWN_WRITINGS = {"statement", "letter", "post", "tweet", "email", "e-mail", "note", "message", "memo"}


def _is_role(subject: str) -> bool:
    """A subject in lower case is a role ("a ministry spokesman"), unless it is a name whose
    article is written in lower case ("al-Assad said")."""
    return not subject[:1].isupper() and not _PARTICLE_NAME.match(subject)


_PLAIN_CAP = re.compile(r"(" + word_start("[A-Z]") + r"[\w\-]*)\b(?![\u2019']s\b)")
_WITH_BODY = re.compile(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w&'\u2019\-]*\s+(?:(?:of|to|for|and)\s+)?){1,5}"
                        r"(?:[a-z]+ed|[a-z]+s)\b")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019]?\s|\n")
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# Where a person comes from or what they won, before the name: "Chicago-born Lamas", "Oscar-winner
# Sarandon" (not "-based": mostly a firm)
_ORIGIN = re.compile(r"[A-Z][\w\-]*-(?:born|bred|raised|educated|trained|winner|winning|nominated)")
# A sentence opening with a singular role as its subject, after a short fronted phrase: "On Dec.
# 13, the mayor brought up ...", "The lanky professor smiled".
_ROLE_OPENING = re.compile(r"(?:[A-Z][\w.]*(?: [\w.]+){0,4}, )?([Tt]he) ((?:[a-z][\w\-]*,? ){1,4}[a-z][\w\-]*)")
_HE_SAID = re.compile(r"\bhe (?:" + SPEECH_VERBS + r")\b")
_SHE_SAID = re.compile(r"\bshe (?:" + SPEECH_VERBS + r")\b")
_NOT_VERBS = {"of", "for", "and", "or", "to", "in", "at", "on", "who", "which", "that", "with", "from", "by", "as"}
_QUESTION_QUOTED = re.compile(r"\?[\"\u201d]")
# A finite verb right after a name: the name opens a clause ("said Trump has decided").
_VERB_AFTER_NAME = re.compile(r"\s+(?:has|had|have|is|was|were|are|will|would|could|should|can|may|might|must|"
                              r"did|does|[a-z]+ed)\b")
# "that" or "whether" right before a name: the name opens a clause somebody reports.
_COMPLEMENT_BEFORE = re.compile(r"\b(?:that|whether)\s+$")
# A title in quotation marks: 'the "Harbour Lights" actor'.
_QUOTED_TITLE = re.compile(r"[\"\u201c][^\"\u201c\u201d]{1,60}[\"\u201d]")
# A short fronted phrase before a paragraph's subject: "Down the street, ", "At the rally, ".
_FRONTED = re.compile(r"[A-Z][a-z]+(?: [a-z]+){0,4}, ")
# "Mr. Perry, in his most expansive comments, was ...": an honorific or a title opening the sentence.
_HONORIFIC_OPENING = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+")
_STATEMENTS = {"statement", "release"}
# What somebody issues in their own name, and the verbs of issuing it: one vocabulary for the speech
# events (_ISSUED) and for who put a writing out (_PUBLISHED).
_ISSUING = r"(?:published|released|issued|posted|put\s+out|sent|shared|provided|gave|emailed)"
_ISSUED_WRITINGS = r"(?:statement|release|post|letter|email|e-mail|memo|note|message|tweet)"
# "Cisco Talos published a post", "The company flat-out denied the allegations in a statement".
_PUBLISHED = re.compile(r"(?<![\w\-])((?:[Tt]he\s+[a-z]+)|(?:[A-Z][\w\u2019'\-]*\s+){0,3}[A-Z][\w\u2019'\-]*)\s+"
                        r"(?:[a-z]+ly\s+|flat-out\s+)?(?:" + _ISSUING + r"|(?:[a-z]+ed\s+(?:[\w\-]+\s+){0,4}in))\s+"
                        r"(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(" + _ISSUED_WRITINGS + r")\b")
# The writings "the report said" may mean, and how an article names their author first.
_STUDIES = {"report", "study", "survey", "analysis", "paper", "review", "audit"}
_STUDY_BY = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){0,2}?(?:study|report|survey|analysis|paper|review|audit)"
                       r"\s+(?:by|from)\s+(?:the\s+)?((?:[A-Z][\w\u2019'\-]*(?:\s+(?:of|for|and)(?=\s+[A-Z]))?\s*)+)"
                       r"(?<!\s)")
# A sentence a study opens, and its subject who says what the study found: "In a report released in
# February, the Office of the Director of National Intelligence said".
_IN_STUDY = re.compile(r"\bIn\s+(?:a|an|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:study|report|survey|analysis|paper|review|"
                       r"audit)\b[^,.;:\"\u201c]{0,80},\s+(?:the\s+|The\s+)?((?:[A-Z][\w\u2019'\-]*(?:\s+(?:of|for|and)"
                       r"(?:\s+the)?(?=\s+[A-Z]))?\s*)+)(?<!\s)\s+(?:said|found|concluded|warned|reported|wrote|noted|estimated)\b")
_OWNED_ROLE_HOLDER = re.compile(r"\s+((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)(?:,\s+((?:[A-Z][\w.\u2019'\-]*\s+){1,3}"
                                r"[A-Z][\w\u2019'\-]*),)?")
# A member of a legislature is "the lawmaker" or "the legislator" too ("Rep. Bob Etheridge").
_LAWMAKER_TITLES = {"rep", "representative", "sen", "senator", "congressman", "congresswoman", "assemblyman",
                    "assemblywoman", "mp", "mla", "mpp"}
_LAWMAKER_WORDS = {"lawmaker", "legislator"}
# "Rep. Bob Etheridge" ... "the seven-term congressman": a member of the House by any of its titles
_HOUSE_TITLES = {"rep", "representative", "congressman", "congresswoman"}
# The role puts a question to somebody, the one the sentence before is about: "The presenter asked him".
# (a question put: "asked him:", "asked her whether", not "asked him to resign")
_ASKS_THEM = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:asked|asks|questioned|questions|pressed|presses|quizzed|quizzes)\s+"
                        r"(?:him|her)(?:\s*[:,]|\s+(?:if|whether|what|why|how|when|where|who|about)\b)")
# Roles that describe the person holding them, one person ("the prime minister", "the lanky,
# bespectacled professor"), not one who speaks for somebody else ("the spokesman", "the aide").
DESCRIBED_ROLES = {
    "president", "minister", "leader", "secretary", "coach", "manager", "professor", "governor", "mayor",
    "senator", "congressman", "congresswoman", "lawmaker", "candidate", "nominee", "chairman", "chairwoman",
    "founder", "owner", "executive", "ceo", "businessman", "billionaire", "mogul", "front-runner",
    "frontrunner", "hopeful", "challenger", "incumbent", "author", "economist", "historian", "columnist",
    "premier", "chancellor", "ambassador", "judge", "director", "boss", "striker", "captain", "veteran",
    "reporter", "journalist",
} | PROFESSIONS
_ACTING_ROLES = DESCRIBED_ROLES | ROLE_NOUNS  # the roles that may open a sentence "he" follows
_HOUSE_MEMBER_WORDS = {"congressman", "congresswoman"}
# A role in lower case, perhaps owned ("the department's"), then the name that holds it, set off
# by commas: "the department's inspector general, Michael Horowitz,".
# (a lookahead, so that "a letter from her lawyer, William Taylor III," is tried from "her" too)
_ROLE_THEN_NAME = re.compile(r"(?=[TtAaHhIi])\b(?=(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+"
                            r"(?:[a-z][\w\-]*(?:\u2019s|'s)\s+)?((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*),\s+"
                            r"([A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'.\-]+){1,3}),)")
# A capitalised word shaped as a describing word, never a first name: "Understated", "Leading".
_WORD_SHAPE = re.compile(r"[A-Z][a-z]{4,}(?:ed|ing|ly)")
# Words that make a phrase more than a role: "the judgment of another witness, Alexander Vindman,".
_NOT_IN_ROLES = {"of", "for", "to", "in", "at", "on", "with", "by", "about", "from", "and", "or", "another", "other"}
# Words that tell one holder of a role from another ("the third witness", "the other lawyer").
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "last", "next", "other", "another", "latest"}
# A role's title as written before a name ("Gov. Deval Patrick": the governor).
_SHORT_TITLES = {"governor": "gov", "senator": "sen", "professor": "prof", "president": "pres"}
# The titles a role's holder is named with when it is not the role's own word.
_TITLES_OF = {**{role: (short,) for role, short in _SHORT_TITLES.items()}, "judge": ("justice",),
              "officer": ("constable", "sergeant", "sgt"), "lawmaker": ("rep", "sen", "senator", "representative")}
# "Metallica's Lars Ulrich": a capitalised owner's possessive, then a name of two or three words
# on one line; then the verb that makes the name a subject.
_AFFILIATED_NAME = re.compile(r"\b([A-Z][\w&\-]*(?:\s[A-Z][\w&\-]*){0,3})[\u2019']s\s+"
                             r"([A-Z][a-z]+(?:[^\S\n][A-Z][a-z\-]+){1,2})\b(?![\u2019'])")
_VERB_AFTER_AFFILIATED = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:was|is|has|had|[a-z]+ed|[a-z]+s)\b")
# "Anne Hughes, 63,": a name of two or three words, then an age between commas.
_AGED_NAME = re.compile(r"(?<![\w\-])([A-Z][\w\u2019'\-]+(?:\s[A-Z][\w\u2019'\-]+){1,2}),\s\d{1,3},")
_FORMER_BEFORE = re.compile(r"\b(?:[Ff]ormer\s+|[Ee]x-|[Tt]hen-)$")
_ROLE_QUALIFIERS = {"vice", "deputy", "former", "assistant", "associate", "ex"}
# Last words of organisations' names beside those of _BODIES ("Eastside Development Corporation").
_ORG_HEADS = {"corporation", "corp", "inc", "ltd", "llc", "co", "party", "campaign", "authority", "trust"}
# Role heads that stand for an organisation: "the company said" repeats the last one to speak.
_BODIES = {
    "company", "firm", "agency", "department", "ministry", "group", "organization", "organisation",
    "diocese", "club", "team", "union", "airline", "retailer", "bank", "insurer", "automaker",
    "carmaker", "broadcaster", "network", "league", "charity", "council", "commission", "committee",
    "association", "utility", "hospital", "university", "board", "regulator", "watchdog", "startup",
}

# A plural noun after a name ("Tea Party activists", "Hydro One workers"): the name is a modifier.
_NOUN_AFTER = re.compile(r"\s+[a-z]+(?:ers|ists|ans|ents|als|ors|ies|ees|ics)\b")


def _is_headline(line: str) -> bool:
    """A line in title case ("Obama Willing to Use Executive Orders on Guns"). Unlike
    quotes._headline, which reads the words before a quotation, short words ("to", "on")
    are not counted: a whole headline line has many of them."""
    long_words = [w for w in line.split() if len(w) > 3]
    return len(line.split()) >= 4 and len(long_words) >= 3 and all(w[:1].isupper() for w in long_words)


_LINE_ENDS = set(".!?:;\"\u201d\u2019')")
# "Mayor McCallum", "Premier Ford": one title, then a surname that no capitalised word follows.
_TITLE_SURNAME = re.compile(r"(" + word_start("[A-Z]") + r"[a-z]+\.?)\s+"
                            r"([A-Z][\w\-]*(?:[\u2019'][A-Z][\w\-]*)?)(?:[\u2019']s?)?(?![\w\-])"
                            r"(?!\s+[A-Z])")
_CAPS_AT = re.compile(r"[A-Z][\w\u2019'\-]*(?:[^\S\n]+[A-Z][\w\u2019'\-]*)*")

# "Carla, 23, was", "Dawn, who has", "Tommy — who goes by": a capitalised word, then an age or "who"
# set off by a comma or a dash (learn_lone_first_names keeps it when it is a known first name and no
# capitalised word of a name comes right before it); or what the person is ("Yuni, a resident of
# Lampung": group 2, whatever the name).
_LONE_FIRST_NAME = re.compile(r"\b([A-Z][a-z]{2,})(?:,\s+|\s*(?:\u2014|\u2013|--)\s*)"
                              r"(?:\d{1,2},\s|who\s|(an?\s+(?:[\w\-]+\s+){0,2}?"
                              r"(?:resident|mother|father|student|teacher|worker|farmer|nurse|survivor|witness|victim|villager|refugee|"
                              r"grandmother|grandfather|widow|shopkeeper|vendor|fisherman|pensioner|retiree|"
                              r"volunteer|migrant|mum|dad)\b))")
# A person brought in by what they are and the one name they go by: "a 52-year-old Salem, N.H.,
# resident named Caroline" (group 2 matches nothing: a first name known as one is wanted).
_NAMED_PERSON = re.compile(r"\b(?:woman|man|girl|boy|resident|mother|father|student|teacher|worker|nurse|wife|"
                           r"husband|daughter|son|friend|neighbou?r|driver|passenger|customer|patient|voter|"
                           r"supporter|mum|dad)\s+(?:named|called)\s+([A-Z][a-z]{2,})\b(?![\s\-]+[A-Z])()")
# Titles that, with one name after them, are the whole name a person goes by.
_NAMED_BY_TITLE = {"lady", "lord", "sir", "dame", "prince", "princess", "king", "queen"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_HONORIFIC = re.compile(r"(" + word_start("M") + r"(?:r|rs|s|iss))\.?\s+"
                        r"([A-Z][\w\u2019'\-]+)\b(?![\w\u2019'\-]*\s+[A-Z])")

# One of a group the article does not name ("one Twitter user", "another voter").
_ONE_AMONG_MANY = {"one", "another"}
# Role nouns that name a body or a writing, never a "he" or a "she".
_NOT_PERSONS = _BODIES | {"police", "government", "embassy", "military", "army", "court", "report", "statement",
                          "readout", "study", "campaign", "office", "administration"}
# Last words of names that are bodies, not people ("the Democratic Unionist Party", "the
# Associated Press"): never who "he" or "she" is, though they say things.
_COLLECTIVES = {"party", "parties", "partiers", "press", "movement", "caucus", "coalition", "alliance", "front"}


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) of each paragraph of an article's text."""
    out, start = [], 0
    for paragraph in text.split("\n\n"):
        out.append((start, paragraph))
        start += len(paragraph) + 2
    return out


_EXAMPLE_BEFORE = re.compile(r"\b(?:like|such as|including)\s+$")
_CAPTION_CREDIT = re.compile(r"\([^()\n]{0,100}\b(?:PHOTO|[Pp]hoto|IMAGES|Images|FILES?|[Ff]ile)\b[^()\n]{0,60}\)\s*$")


QUANTIFIERS = {"some", "many", "several", "most", "few"}  # a part of a group: "some Republicans"
_CROWDS = {"attendees", "protesters", "demonstrators", "marchers", "supporters", "fans", "voters", "residents"}


# "special envoy to", "ambassador to": the capitalised words after are where the role serves.
_ROLE_TO = re.compile(r"\b(?:envoy|ambassador|representative|delegate|adviser|advisor|minister)\s+to\s+$",
                      re.IGNORECASE)


# Where a person comes from, before their first name: "New Zealander Tim Weston", "Australian",
# "Briton", "Israeli".
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ander|ians?|ese|ish|ean|i)|Briton|Brit|Scot|Texan|Mexican|American|"
                      r"African|Korean|Dominican|Cuban|Puerto|Ecuadorean|German|Spaniard|Dane|Swede|Pole|Finn|Kiwi|"
                      r"Thai|Swiss|Greek|Czech|(?:French|Dutch|English|Irish|Scots|Welsh)(?:man|woman)")
# What marks a name as an organisation's: a word of three capitals or more that is no Roman
# numeral, its initials ("NHS"), or where it is based ("the Oxfordshire-based Marussia team").
_BODY_MARK = re.compile(r"\b(?![IVXL]+\b)[A-Z]{3,}\b|-based\b")
# Two names joined by "and" in one phrase, up to the second: "Jeb Bush and Gov. ".
_NAMES_JOINED = re.compile(r"[A-Z][\w.\u2019'\-]*(?:\s+[A-Z][\w.\u2019'\-]*){0,3},?\s+and\s+(?:[A-Z][\w]*\.\s+)?")


# "South African", "New Zealander": a nationality of two words
_NATIONALITY_PREFIX = {"South", "North", "New", "Northern", "West", "East"}


def _nationality_words(tokens: list[str]) -> int:
    """How many words of a capitalised run are the nationality before a person's name: "German
    Jens Voigt", "South African Cameron van der Burgh", "Frenchman Mehdy Metella"; 0 when
    what follows is no name of two words or more ("American Bar Association" stays whole, to be
    found an organisation)."""
    k = 1 if tokens[:1] and tokens[0] in _NATIONALITY_PREFIX else 0
    if k >= len(tokens) or not _DEMONYM.fullmatch(tokens[k]):
        return 0
    rest = tokens[k + 1:]
    if _name_words(rest) < 2 or not rest[0][:1].isupper() or is_org(rest) or bare(rest[0]) in TITLES:
        return 0
    return k + 1


def _label_words(tokens: list[str]) -> int:
    """How many words in capitals open a run before a name written in ordinary capitals: a
    heading's label run into it ("DEBATE STAGE Rand Paul"), no word of the name."""
    k = 0
    while k < len(tokens) and len(tokens[k]) > 1 and tokens[k].isalpha() and tokens[k].isupper():
        k += 1
    rest = tokens[k:]
    return k if k and len(rest) >= 2 and not any(t.isupper() for t in rest) else 0


def _first_name_at(name: list[str]) -> int:
    """Where a known first name opens the last two or three words of a capitalised run whose
    earlier words hold none ("Ukraine Kurt Volker": 1); 0 when none does, or the run opens with
    one ("Mary Ellen Smith")."""
    known = _known_first_names()
    for k in range(1, len(name) - 1):
        if _first_word(name[k]) in known and _name_words(name[k:]) <= 3:
            return k if not any(_first_word(t) in known for t in name[:k]) else 0
    return 0


def _particles_start(text: str, at: int, name: str) -> int:
    """Where the mention of `name` at `at` starts, with the particles before its last word that
    the text writes there: "Van der Burgh" of "Cameron van der Burgh" starts at "Van"."""
    words = name.split()
    k = len(words) - 1
    while k > 1 and words[k - 1].islower():
        k -= 1
    particles = " ".join(words[k:-1]) + " " if k < len(words) - 1 else ""
    return at - len(particles) if particles and text[max(0, at - len(particles)):at].lower() == particles else at


def _name_words(name: list[str]) -> int:
    """How many words a name has, not counting the particles inside it ("Cameron van der Burgh":
    two, as "Cameron Burgh")."""
    return sum(1 for token in name if not token.islower())


def _first_word(token: str) -> str:
    return token.strip(".,;:\u2019'").split("-")[0]  # "Eva-Marie": Eva


def _known_first_names(path: Path | None = None) -> dict[str, str]:
    """The learned first names, shared and not to be changed (first_names gives a copy)."""
    try:
        return _first_names_file(path or FIRST_NAMES_PATH)["names"]
    except (KeyError, TypeError, ValueError):
        return {}


# Role nouns that name a body or a writing, not a person ("the Green party", "the report"): the
# role nouns that are never "he" or "she", and a few bodies that a person's role may name.
_BODY_ROLES = (_NOT_PERSONS & ROLE_NOUNS) | {"authorities", "kremlin", "party", "family", "staff"}
# Role nouns that are no title: one written before a name ("Musician Questlove", "Dad Phil")
# only opens a sentence, capitalised there.
_ROLES_BEFORE_NAMES = ROLE_NOUNS - TITLES - _BODY_ROLES - {"source", "master", "forward", "head", "fan"}


def plural_role(role: str) -> bool:
    """A role phrase whose last word is a plural noun in lower case ("aides", "GOP lawmakers")."""
    last = bare(role.split()[-1])
    return last[:1].islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _collective(name: str) -> bool:
    words = name.split()
    return is_org(words) or bare(words[-1]).lower() in _COLLECTIVES


FIRST_NAMES_PATH = Path(__file__).with_name("first_names.json")


@functools.cache
def first_names(path: Path = FIRST_NAMES_PATH) -> dict[str, str]:
    """First name -> "m" or "f", as learned by bench/train_first_names.py; empty without the file."""
    return dict(_known_first_names(path))


@functools.cache
def person_first_names(path: Path = FIRST_NAMES_PATH) -> frozenset[str]:
    """First names that open persons' names, as learned by bench/train_first_names.py."""
    try:
        return frozenset(_first_names_file(path)["persons"])
    except (KeyError, TypeError):
        return frozenset()


@functools.cache
def _first_names_file(path: Path) -> dict:
    """The learned first-name file, read once; empty when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# Two capitalised words inside a sentence, the shape of a person's full name.
_FULL_NAME_IN_TEXT = re.compile(r"(?<![Tt]he )(?<![\w\-])([A-Z][a-z]+) [A-Z][^\s,.;:!?]*[a-z](?![\w\-]| [A-Z])")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w\-]*\s$")  # "Political Action Conference": inside a longer name
_HE = re.compile(r"\b[Hh]e\b")
_SHE = re.compile(r"\b[Ss]he\b")
# Two names joined by "and" within one phrase: "Peter DeFazio of Oregon, and Jim McDermott".
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{0,3}\.")
_JOINED = re.compile(r"^[^.;:!?\n\"\u201c\u201d]*\sand\s+$")
# "him", and "her" before no noun ("asked her if she could", "told her."): whom the name before
# it spoke to or acted on, somebody else.
_OBJECT_PRONOUN = re.compile(r"him\b|her(?:[\s,.;:!?]|$)(?:[\s,.;:!?]*(?:if|to|that|about|for|whether|of|in|on|at|"
                             r"and|or|but|a|an|the|as|with|from|by|he|she|it|they|we|i|you)\b|[,.;:!?]|$)", re.I)
# The first third-person pronoun after a subject's name, within its clause: "Rubio said he",
# "Clinton told her aides" (no full stop, quotation mark or other name on the way).
_NEXT_PRONOUN = re.compile(r"(?:[A-Z][\w\u2019'.\-]*\s+){0,3}[A-Z][\w\u2019'\-]*"
                           r"[^.!?;:\"\u201c\u201dA-Z\n]{0,60}?\b(he|his|him|she|her|hers)\b")
# "in Paris", "at Davos", "near Kharkiv": a place (a possessive, "at Smith's home", is not).
# Where a person's name ends: punctuation, or a verb ("Al From said", "Al From (D) wrote"),
# not an object ("Speech Against the ...", "Forbes Under 30").
_NAME_ENDS = re.compile(r"[,;:.)\u2014]|\s*\(|\s+(?!(?:the|a|an|his|her|their|its|our|this|that|these|those|"
                        r"all|some|any|every|each|no)\b)[a-z]+\b")
# Nothing but a sentence's or a paragraph's start before a word.
_OPENS = re.compile(r"(?:^|[.!?\u201d\"]\s+|\n\s*)$")
# A name before a lower-case noun modifies it ("at Hillary Clinton rally", "in Trump campaign
# ads"): it is no place there; before a function word or punctuation it may be one.
_AFTER_PLACE = (r"(?:on|in|at|to|for|from|with|by|of|and|or|but|nor|as|than|last|this|next|that|which|"
                r"where|when|while|after|before|during|since|until|is|was|were|are|has|had|have|will|"
                r"would|the|a|an|today|tonight|yesterday|who)\b")
# An organisation opening a sentence as its subject: "The Eastside Development Corporation declined".
_ORG_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:The\s+)?((?:[A-Z][\w&\u2019'\-]*\s+){0,5}[A-Z][\w&\-]*)"
                          r"\s+(?:[a-z]+ly\s+)?(?:has|had|was|is|did|does|[a-z]+ed|[a-z]+s)\b")
_BODY_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(The\s+(?:[a-z][\w\-]*\s+){0,2}?(?:" + "|".join(sorted(_BODIES))
                           + r"))\s+(?:[a-z]+ly\s+)?(?:has|had|was|is|did|does|[a-z]+ed|[a-z]+s)\b")
_WRITING_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))((?:The|This|That)\s+(?:[\w\-]+\s+){0,2}?(?:"
                              + WRITINGS + r"))\s+(?:[a-z]+ly\s+|also\s+)?(?:[a-z]+ed|[a-z]+s)\b")
_WRITING_PART_SUBJECT = re.compile(r"(?:^|(?<=,\s)|(?<=[.!?]\s)|(?<=\n))(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){0,2}?"
                                   r"(?:section|part|passage|portion|page|paragraph)\s+of\s+(the\s+(?:[\w\-]+\s+){0,2}?"
                                   r"(?:" + WRITINGS + r"))\b")
_PARTICLE_NAME = re.compile(HYPHENED_PARTICLE + r"\b")  # "al-Assad said": a name, not a role
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "&"}  # inside a name an acronym spells out
# These scan whole articles: a look-ahead of first letters lets the engine skip the positions
# where no match can start.
_ISSUED = re.compile(r"(?=[irpsge])\b" + _ISSUING + r"\s+(?:a|an)\s+(?:[a-z\-]+\s+){0,2}" + _ISSUED_WRITINGS + r"\b")
_PLACE = re.compile(
    r"(?=[iIaAnNoOvV])\b(?i:in|at|near|outside|across|visited|visiting)\s+((?>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\b(?![\u2019'])"
    r"(?!\s+(?!" + _AFTER_PLACE + r")[a-z])")
_PLACE_OF = re.compile(
    r"(?=[mgpcsr])\b(?:mayors?|governors?|premiers?|city|cities|state|province|people|residents|citizens|suburbs?|streets)"
    r"\s+of\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,?\s+and\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?\b(?![\u2019'])")
# Words right before a name that make the words before them no title or role of the name.
_NOT_ROLE_WORDS = {"with", "to", "for", "about", "on", "at", "in", "into", "near", "against", "from", "by", "and", "or",
                   "of", "than", "as", "like", "that", "who", "which", "said", "says", "told", "asked"}
_OWNED_PLACE = re.compile(r"\b(?:of|from)\s+$")
_SPEAKS = re.compile(r"(" + word_start("[A-Z]", not_after=r"[\w\-]")
                     + r"[\w\u2019'\-]*(?:[^\S\n][A-Z][\w\u2019'\-]*)?)\s+(?:" + SPEECH_VERBS + r")\b")
_DATELINE = re.compile(r"(?:^|\n)([A-Z]{3,}(?:\s[A-Z]{3,})?)\s*(?:\([^)]{1,30}\)\s*)?[,\u2014\u2013-]")


def _sentence_before(text: str, start: int) -> int:
    """Where the sentence before the one starting at `start` starts (white space between
    them skipped without copying the text)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return _sentence_start(text, end - 1)


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence starting at `start` ends (its paragraph's end at the latest)."""
    end = text.find("\n", start)
    spans = sentence_spans(text[start:end if end >= 0 else len(text)])
    return start + (spans[0][1] if spans else 0)


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts, as text.sentence_spans splits its
    paragraph ("Sen. Ted Cruz" is no sentence's end)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    spans = sentence_spans(text[start:end if end >= 0 else len(text)])
    return start + max((a for a, _ in spans if start + a <= position), default=0)
