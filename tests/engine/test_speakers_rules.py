"""The attribution rules on shapes where they used to name the wrong speaker: a role with the
name it serves, a sentence opened by an adverb, a question put by somebody else. Fixture
sentences written here (no corpus needed)."""

from __future__ import annotations

import re

import pytest

from briefs.write.people import People
from briefs.write.phrases import SPEECH_VERB, word_trie
from briefs.write.quotes import attributed_by_rules, find_quotes
from briefs.write.speakers import sentence_phrases


def _rules(text: str) -> dict[str, tuple[str | None, str]]:
    found, _people = attributed_by_rules(text)
    return {f.text: (f.speaker, f.how) for f in found}


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("\u201cThe ferry money is gone for this year,\u201d said a person close to the Varga family.",
         "The ferry money is gone for this year", "a person close to the Varga family"),
        ("\u201cShe will not sign it,\u201d said one longtime adviser to Helena Varga, who asked not to be named.",
         "She will not sign it", "one longtime adviser to Helena Varga"),
        ("\u201cWe warned them twice,\u201d said the former top aide to Governor Lars T. Brenn.",
         "We warned them twice", "the former top aide to Governor Lars T. Brenn"),
        ("“We warned them twice,” said an aide to Helena Varga Monday.",
         "We warned them twice", "an aide to Helena Varga"),
    ],
)
def test_a_role_keeps_the_name_it_serves(text: str, quote: str, speaker: str) -> None:
    assert _rules(text)[quote] == (speaker, "after")


def test_a_role_without_a_name_after_it_stays_short() -> None:
    assert _rules("\u201cThe pier is closed,\u201d said a spokesman for the harbour board.")["The pier is closed"] \
        == ("a spokesman", "after")
    assert _rules("\u201cThe pier is closed,\u201d said the aide on Tuesday.")["The pier is closed"] \
        == ("the aide", "after")


def test_a_role_with_its_name_is_still_the_person_the_article_introduced() -> None:
    text = ("Piet Oms, a spokesman for Varga, spoke first.\n\n"
            "\u201cThe pier is closed,\u201d said a spokesman for Varga.")
    assert _rules(text)["The pier is closed"][0] == "Piet Oms"


@pytest.mark.parametrize(
    "text",
    [
        "Hastily rewriting the timetable, Varga blamed the council and warned of \u201ca lost summer\u201d "
        "on the island.",
        "Earlier this week, Varga pressed the council, insisting that the ferries keep \u201cthe winter schedule\u201d "
        "until May.",
    ],
)
def test_an_opening_adverb_is_no_speaker(text: str) -> None:
    speaker, how = next(iter(_rules(text).values()))
    assert speaker == "Varga" and how == "before"


def test_a_question_put_by_somebody_is_the_askers() -> None:
    text = ("Mayor Helena Varga was asked by host Tomas Rell, who backs the plan, "
            "\u201cWill the ferry run next winter?\u201d")
    assert _rules(text)["Will the ferry run next winter?"] == ("Tomas Rell", "before")


def test_a_question_put_by_nobody_named_is_not_the_subjects() -> None:
    text = "In an interview, Mayor Helena Varga was asked, \u201cWill the ferry run next winter?\u201d"
    assert _rules(text)["Will the ferry run next winter?"][0] != "Helena Varga"


def test_an_opening_participle_or_adverb_is_no_candidate() -> None:
    text = ("Appearing on Harbour Radio Monday, the mayor called the plan \u201ca lost summer\u201d for the island. "
            "Hastily rewriting the timetable, Varga blamed the council for \u201cthe winter schedule.\u201d")
    found, people = attributed_by_rules(text)
    first, second = (set(sentence_phrases(quote, people)) for quote in found)
    assert "Appearing" not in first and "Harbour Radio" in first and "Harbour Radio Monday" not in first
    assert "Hastily" not in second and "Varga" in second


def test_a_sentence_reporting_its_own_words_is_no_attribution_of_the_quotation_before_it() -> None:
    text = ("Helena Varga called the plan \u201ca lost summer.\u201d Tomas Rell said the council "
            "\u201chas no money left for the ferry.\u201d")
    found = _rules(text)
    assert found["a lost summer."] == ("Helena Varga", "before")
    assert found["has no money left for the ferry."] == ("Tomas Rell", "before")


def test_a_short_attribution_after_a_closed_sentence_still_counts() -> None:
    assert _rules("\u201cWe won the vote.\u201d Helena Varga said on Tuesday in a statement.")["We won the vote."] \
        == ("Helena Varga", "after")


@pytest.mark.parametrize(
    "text",
    [
        "After the Harbour Festival, Varga released a new radio ad calling it \u201ca lost summer\u201d.",
        "Shortly after Rell ended the call, Varga sent out a statement saying Rell owes \u201can apology\u201d.",
        "Minutes later, Varga sent an email saying, \u201cCall me when the ferry docks.\u201d",
    ],
)
def test_a_name_inside_the_sentences_opening_phrase_is_not_its_subject(text: str) -> None:
    found, people = attributed_by_rules("Helena Varga and Tomas Rell met on Monday.\n\n" + text)
    assert found[-1].speaker == "Helena Varga"


def test_narration_before_a_quotation_hands_the_paragraph_to_its_speaker() -> None:
    text = ("\u201cWe are out of time,\u201d said Craig Rell, editor of the Courier.\n\n"
            "Helena Varga agreed. \u201cThe window is closing for all of them.\u201d\n\n"
            "Rell left early. \u201cNobody asked me.\u201d")
    found = _rules(text)
    assert found["The window is closing for all of them."] == ("Helena Varga", "continued")
    assert found["Nobody asked me."] == (None, "")  # narration without a speech verb: no rule speaker


def test_with_and_a_participle_names_its_own_speaker() -> None:
    text = ("Helena Varga and Tomas Rell met on Monday.\n\n"
            "The council was quick to reply, with Helena Varga saying the plan was \u201ca disaster\u201d.")
    assert _rules(text)["a disaster"] == ("Helena Varga", "before")


def test_calling_for_something_is_no_speech() -> None:
    text = ("Helena Varga and Tomas Rell met on Monday.\n\n"
            "Varga claimed that statements by Tomas Rell calling for a ban make him \u201cthe best recruiter\u201d.")
    assert _rules(text)["the best recruiter"] == ("Helena Varga", "before")


def test_a_quotation_in_a_later_clause_belongs_to_that_clauses_subject() -> None:
    text = ("Senator Mia Corr and Mayor Paul Hale spoke in Dayton.\n\n"
            "Corr on Monday signed the order, while Hale, the former mayor, proposed a \u201cquiet truce\u201d.")
    assert _rules(text)["quiet truce"] == ("Paul Hale", "subject")


def test_a_possessor_is_not_the_subject_of_a_participle() -> None:
    text = ("Helena Varga met voters on Monday.\n\n"
            "Varga\u2019s rival took the stage, saying \u201cnothing will change.\u201d")
    assert _rules(text)["nothing will change."][0] is None


def test_a_headline_without_a_full_stop_does_not_run_into_the_next_paragraphs_name() -> None:
    from briefs.write.people import People

    people = People.from_paragraphs(["Harlan Wins the Delmora Vote", "Mira Harlan, 52, won on Sunday."])
    assert "Delmora Vote Mira Harlan" not in people.names
    assert "Mira Harlan" in people.names


def test_a_conference_that_hears_a_speech_is_not_who_he_is():
    text = ("Tomas Reyl, the closing speaker, took the stage on Saturday.\n\n"
            "Spending, he told the Conservative Political Action Conference, is a cancer.\n\n"
            "\u201cWe cannot borrow our way out of this,\u201d he said.")
    speakers = {quote: speaker for quote, (speaker, _how) in _rules(text).items()}
    assert all(s is None or "Conference" not in s for s in speakers.values())


def test_a_long_appositive_after_a_headline_makes_its_name_a_person() -> None:
    text = ("Reyl Stirs the Farm Hall\n\n"
            "Tomas Reyl, the favourite of the valley's farmers and the closing speaker of a two-day rural"
            " congress, filled the hall on Saturday.\n\n"
            "\u201cWe cannot borrow our way out of this,\u201d he said.")
    speakers = {quote: speaker for quote, (speaker, _how) in _rules(text).items()}
    assert speakers == {"We cannot borrow our way out of this": "Tomas Reyl"}


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "via"),
    [
        ("Talks went on all week. \u201cWe will keep going,\u201d Maria Lenz said, according to the Daily Courier.",
         "We will keep going", "Maria Lenz", "Daily Courier"),
        ("According to Radio Nord, Maria Lenz said the deal was \u201cnot settled yet.\u201d",
         "not settled yet.", "Maria Lenz", "Radio Nord"),
        ("Maria Lenz said it was \u201cfine by us,\u201d according to an Associated Press account.",
         "fine by us", "Maria Lenz", "Associated Press"),
        ("Mayor Tomas Brandt met the council. Brandt said, according to Harbor Radio, "
         "\u201cThe pier opens in May.\u201d",
         "The pier opens in May.", "Tomas Brandt", "Harbor Radio"),
    ],
)
def test_the_speaker_keeps_the_words_and_the_report_is_kept_beside(text: str, quote: str, speaker: str,
                                                                    via: str) -> None:
    # The words are the speaker's; the outlet that reports them is kept to be shown with them.
    found, _people = attributed_by_rules(text)
    [f] = [f for f in found if f.text == quote]
    assert (f.speaker, f.via) == (speaker, via)
    [chosen] = [f for f in find_quotes(text) if f.text == quote]  # the model keeps it so
    assert (chosen.speaker, chosen.via) == (speaker, via)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("The talks ended late. \u201cNo deal will be signed this week,\u201d according to the Harbor Gazette.",
         "No deal will be signed this week", "Harbor Gazette"),
        ("The vote was close. \u201cWe counted every ballot twice,\u201d according to Radio Nord.",
         "We counted every ballot twice", "Radio Nord"),
    ],
)
def test_the_report_is_the_source_when_nobody_in_the_sentence_speaks(text: str, quote: str, speaker: str) -> None:
    assert _rules(text)[quote] == (speaker, "according")
    found, _people = attributed_by_rules(text)
    assert [f.via for f in found if f.text == quote] == [""]


def test_according_to_data_names_no_reporter() -> None:
    text = "Maria Lenz spoke first. \u201cA fair wage is high here,\u201d according to data from the census office."
    assert _rules(text)["A fair wage is high here"][1] != "according"


def test_a_less_common_speech_verb_after_the_quotation_names_its_speaker() -> None:
    # Without "summarized" read as speech, the paragraph passed for a continuation of the
    # previous paragraph's speaker and the words went to Mayor Quill.
    text = ("A harbour consultant, Lyle Barnes, told the council the plan had no money behind it.\n\n"
            "Mayor Ada Quill said in March that the ferry would run \u201call year, whatever it costs.\u201d\n\n"
            "\u201cIt does not square with what she promised in spring,\u201d summarized Barnes.")
    assert _rules(text)["It does not square with what she promised in spring"] == ("Lyle Barnes", "after")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Senator Maria Lenz spoke to farmers on Monday. As Lenz put it: "
         "\u201cThe river does not wait for the budget.\u201d",
         "The river does not wait for the budget.", "Maria Lenz"),
        ("Governor Tomas Brandt and Senator Maria Lenz met on Monday. "
         "\u201cThe river does not wait for the budget,\u201d as Lenz put it.",
         "The river does not wait for the budget", "Maria Lenz"),
        ("The plan failed. Or, as Tom Ridge, a former harbor commissioner, put it: \u201cThe barbarians are no longer "
         "at the gate.\u201d", "The barbarians are no longer at the gate.", "Tom Ridge"),
    ],
)
def test_as_somebody_put_it_attributes_the_words(text: str, quote: str, speaker: str) -> None:
    assert _rules(text)[quote][0] == speaker


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Al From, the founder of the council, spoke on Monday. "
         "\u201cWe have to win the center again,\u201d From said.",
         "We have to win the center again"),
        ("The council was founded in 1985. \u201cWe won fewer votes than anyone,\u201d said Al From, who founded it.",
         "We won fewer votes than anyone"),
    ],
)
def test_a_surname_that_is_also_a_common_word_stays_in_the_name(text: str, quote: str) -> None:
    assert _rules(text)[quote][0] == "Al From"


def test_an_opening_preposition_is_not_taken_for_that_surname() -> None:
    text = "Al From spoke on Monday. From there, the party moved on.\n\nFrom the start, the plan failed."
    people = People.from_paragraphs(text.split("\n\n"))
    assert [m[0] for m in people.mentions()] == [0]
    assert "Forbes Under" not in People.from_paragraphs(["She made the Forbes Under 30 list."]).names


@pytest.mark.parametrize(
    "text",
    [
        "Senator Tom Rolls spoke at the library on Monday about the economy. "
        "Saying President Obama, he said, was \u201ctoo simple an answer.\u201d",
        "President Barack Obama met Senator Tom Rolls at the library on Monday. Rolls was asked who was to blame. "
        "Saying President Obama, he said, was \u201ctoo simple an answer.\u201d",
    ],
)
def test_an_inserted_he_said_names_the_speaker_not_the_name_in_the_words_it_frames(text: str) -> None:
    assert _rules(text)["too simple an answer."] == ("Tom Rolls", "before")
    assert [(f.text, f.speaker) for f in find_quotes(text)] == [("too simple an answer.", "Tom Rolls")]


def test_an_inserted_he_said_before_another_speech_verb_leaves_the_words_to_its_subject() -> None:
    text = ("President Barack Obama met Senator Tom Rolls at the library on Monday. Rolls was asked about the "
            "talks. Obama, he said, told him \u201cthe deal is dead for this year.\u201d")
    assert [f.speaker for f in find_quotes(text)] == ["Barack Obama"]


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "via"),
    [
        ("The plan is late. \u201cWe will not sign it this week,\u201d according to a statement from "
         "the Harbor Council.",
         "We will not sign it this week", "Harbor Council", ""),
        ("The case was closed. \u201cThe state cannot prove the crime,\u201d according to a court document filed by "
         "state attorney Dave Aronberg.", "The state cannot prove the crime", "Dave Aronberg", ""),
        ("Maria Lenz wrote to the bank, threatening \u201ca major lawsuit,\u201d according to a copy of the letter "
         "reviewed by The Post.", "a major lawsuit", "Maria Lenz", "The Post"),
    ],
)
def test_a_record_from_somebody_names_who_reports_the_words(text: str, quote: str, speaker: str, via: str) -> None:
    found, _people = attributed_by_rules(text)
    assert [(f.speaker, f.via) for f in found if f.text == quote] == [(speaker, via)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("\u201cHe will not sign the ferry bill this year,\u201d according to a person familiar with "
         "Johnson\u2019s views.", "a person familiar with Johnson\u2019s views"),
        ("\u201cHe will not sign the ferry bill this year,\u201d said an official briefed on Johnson's "
         "plans, who asked not to be named.", "an official briefed on Johnson's plans"),
        ("\u201cHe will not sign the ferry bill this year,\u201d said a lawyer knowledgeable about Johnson's "
         "legal strategy.", "a lawyer knowledgeable about Johnson's legal strategy"),
    ],
)
def test_a_role_that_knows_somebody_keeps_what_it_knows(text: str, speaker: str) -> None:
    # The one the role knows about is no speaker, neither by the rules nor by the model.
    text = "Governor Alan Johnson met the ferry board on Monday.\n\n" + text
    assert _rules(text)["He will not sign the ferry bill this year"][0] == speaker
    assert [q.speaker for q in find_quotes(text)] == [speaker]


def test_a_role_that_knows_somebody_without_a_name_stays_short() -> None:
    found = _rules("\u201cThe pier is closed,\u201d said a person familiar with the matter.")
    assert found["The pier is closed"] == ("a person", "after")


@pytest.mark.parametrize(
    "narration",
    [
        "The pushback crested with Tomas Rell \u2014 still an influential voice \u2014 writing a letter to "
        "Varga on his site calling for her resignation.",
        "The pushback crested with Tomas Rell\u2014still an influential voice\u2014writing a letter to Varga.",
        "The council was quick to reply, with Tomas Rell writing a letter to Varga calling for her resignation.",
    ],
)
def test_a_narrated_writer_hands_over_to_the_next_quotation_paragraph(narration: str) -> None:
    text = ("Helena Varga met the ferry board on Monday.\n\n" + narration + "\n\n"
            "\u201cNeedless to say, the ferry was not \u201ca boat of Varga\u2019s choosing.\u201d It has been "
            "a long winter for the island.\u201d")
    found, _people = attributed_by_rules(text)
    assert (found[0].speaker, found[0].how) == ("Tomas Rell", "continued")
    assert find_quotes(text)[0].speaker == "Tomas Rell"


def test_a_name_before_a_dashed_appositive_is_the_speaker() -> None:
    text = "Tomas Rell \u2014 a former aide to the mayor \u2014 said the ferry was \u201cnever going to run\u201d."
    assert _rules(text)["never going to run"] == ("Tomas Rell", "before")


def test_the_object_of_a_preposition_before_a_participle_is_still_no_speaker() -> None:
    text = ("Helena Varga met the ferry board on Monday.\n\n"
            "The board sided with Varga on Facebook writing that the ferry was \u201clate again\u201d.")
    assert _rules(text)["late again"][0] != "Helena Varga"


def test_the_speech_verb_pattern_matches_whole_listed_words_only() -> None:
    text = "She said it, he says so, they were saying; emphasized, emphasised; resaid, sayings, saidx."
    assert [m.group(0) for m in SPEECH_VERB.finditer(text)] == [
        "said", "says", "saying", "emphasized", "emphasised"]
    # The first listed word wins, as in the plain alternation: "told", then "reporters".
    assert SPEECH_VERB.search("she told reporters").group(0) == "told"


def test_a_word_trie_matches_exactly_its_words() -> None:
    pattern = re.compile(r"\b" + word_trie(["went on", "went", "ask", "asked", "asking"]) + r"\b")
    assert [m.group(0) for m in pattern.finditer("went on; went; ask, asked, asking, asker, wen")] == [
        "went on", "went", "ask", "asked", "asking"]


def test_the_words_before_a_place_after_in_are_not_its_role() -> None:
    # "armed police in Port Talbot": the place is where the police are, not a police officer
    # (a role would let the speaker model give a quotation to it).
    people = People.from_paragraphs(["The man was shot dead by armed police in Port Talbot last month."])
    assert "Port Talbot" in people.roles
    assert not people.roles["Port Talbot"] & {"police", "armed"}
