"""Verbs of judgement carry their subject's words ("Quill slammed the plan for offering "..."",
"Sorin blasted him as a "..."") but never in the passive ("no witnesses were questioned", "the
nephew accused of fraud"); a relative clause's own pronoun is never the name it is about; a
nickname is nobody's words; a writing, dated or not, speaks for its issuers, and "it" after a
sentence whose subject is a part of a writing ("a key section of the report") is the writing.
Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

OPENING = "The county board met on Tuesday to vote on the new budget. Oscar Delane chairs the board.\n\n"


def _speaker_of(text: str, words: str, model: bool) -> str | None:
    return next(q.speaker for q in find_quotes(text, model=model) if words in q.text)


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    ("At a meeting in Linwood last spring, board member Mara Quill fairly scolded Delane for suggesting that "
     "the county should simply \u201cwait it out.\u201d", "wait", "Mara Quill"),
    ("He looked shaken when Quill accused him of a \u201ccareless bluff\u201d over the audit.",
     "careless", "Mara Quill"),
    ("At a breakfast in Salem, Ivo Brandt accused Delane, the chairman of the board, of being "
     "\u201cafraid of the numbers\u201d on the question of pensions.", "afraid", "Ivo Brandt"),
    ("The taxpayers\u2019 group Linwood Ratepayers Alliance strongly denounced the plan and said it would "
     "\u201crefund\u201d every donation it had taken from the board.", "refund", "Linwood Ratepayers Alliance"),
    ("Lena Voss touted her record as the author of the pension reform. \u201cWe need to keep every promise we "
     "made to the people who served this county.\u201d", "promise", "Lena Voss"),
    ("Quill and Brandt have slammed the board for not using the words \u201cbudget emergency.\u201d",
     "emergency", "Quill and Brandt"),
    # a judge's rating
    ("In June, the Linwood Ratepayers Alliance completed its review of the budget and deemed it "
     "\u201cwell balanced,\u201d its highest rating.", "balanced", "Linwood Ratepayers Alliance"),
])
def test_a_verb_of_judgement_speaks_for_its_subject(model: bool, sentence: str, words: str, speaker: str) -> None:
    text = OPENING + "Mara Quill and Ivo Brandt sit on the board.\n\n" + sentence
    assert (_speaker_of(text, words, model) or "").removeprefix("the ") == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_role_in_brackets_speaks_without_the_bracket(model: bool) -> None:
    text = (OPENING + "\u201cThe plan is a disgrace,\u201d Delane said.\n\n"
            "(Quill's spokeswoman challenged the claim that Quill had ever \u201cattacked\u201d the board.)")
    assert _speaker_of(text, "attacked", model) == "Quill's spokeswoman"


@pytest.mark.parametrize("model", [False, True])
def test_a_verb_after_and_and_a_short_phrase_shares_the_subject(model: bool) -> None:
    text = (OPENING + "\u201cWe cannot keep spending like this,\u201d said Tomas Ferrell, a board member.\n\n"
            "Dora Finch, the chairwoman of the county party, is backing Delane and in a statement called "
            "him \u201ca careful and honest man.\u201d")
    assert _speaker_of(text, "careful", model) == "Dora Finch"


@pytest.mark.parametrize("model", [False, True])
def test_a_pronoun_in_a_relative_clause_is_not_its_name(model: bool) -> None:
    # guard: "blasted" now speaks, and its "he" is still not the name "who" is about
    text = (OPENING + "On Monday, Pavel Sorin again said the party must back Delane in the fall to beat "
            "Victor Lamb, who he blasted as a \u201creckless showman.\u201d")
    assert _speaker_of(text, "showman", model) == "Pavel Sorin"


@pytest.mark.parametrize("model", [False, True])
def test_a_writing_speaks_past_a_relative_clause_with_appositives(model: bool) -> None:
    text = (OPENING + "The lawsuit, which was brought by the state's attorney general, Jon Brisk, and the "
            "city's lawyer, Amy Tobin, accused the firm of a \u201cscheme\u201d to hide its losses.")
    assert _speaker_of(text, "scheme", model) == "The lawsuit"


@pytest.mark.parametrize("model", [False, True])
def test_a_passive_verb_of_judgement_gives_nobody_the_words(model: bool) -> None:
    # guard: "questioned" now speaks, but not in the passive
    text = (OPENING + "Ray Tolson filed a complaint against the deputy in 2013, but he was never interviewed "
            "and no witnesses were questioned.\n\n"
            "\u2018They never asked anybody from the street. Not one person.\u2019")
    assert _speaker_of(text, "street", model) != "no witnesses"


def test_accused_of_after_a_name_is_no_speech_of_that_name() -> None:
    # guard: "accused" now speaks, but not as a participle with "of" after it (the rules' reading;
    # the speaker model may still pick the one name near the words, as it did before)
    text = ("The nephew of banker Lionel Brandt accused of cheating his clients during a holiday in Lisbon will "
            "repay a \u2018substantial sum\u2019 of his trust fund to the families.")
    assert _speaker_of(text, "substantial", False) is None


@pytest.mark.parametrize("model", [False, True])
def test_a_nickname_between_a_first_name_and_a_surname_is_no_quotation(model: bool) -> None:
    text = OPENING + "In the suit, Rochelle \u201cShelly\u201d Marsh accused Tina Vale of taking the money."
    assert [q.text for q in find_quotes(text, model=model)] == []


@pytest.mark.parametrize("model", [False, True])
def test_a_quoted_word_after_a_verb_stays_a_quotation(model: bool) -> None:
    # guard: only a name's first word before it makes a quoted word a nickname
    text = OPENING + "Delane called the plan \u201cReckless\u201d Monday, and the board agreed."
    assert [q.text for q in find_quotes(text, model=model)] == ["Reckless"]


@pytest.mark.parametrize("model", [False, True])
def test_a_writing_from_two_issuers_speaks_for_both(model: bool) -> None:
    text = (OPENING + "But the lawsuit from Ardenne and Velmont, where the drug is still banned, argues that "
            "Corland has \u201copened a dangerous gap\u201d in the law.")
    assert _speaker_of(text, "dangerous", model) == "Ardenne and Velmont"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("date", ["Feb. 1", "Jan 12", "March 3", "Tuesday"])
def test_a_dated_writing_speaks_for_its_issuer(model: bool, date: str) -> None:
    text = (OPENING + f"A {date} letter from the Harbour Trust obtained by the Gazette warns that "
            "\u201cany further use of our name will be met in court.\u201d")
    assert _speaker_of(text, "court", model) == "Harbour Trust"


@pytest.mark.parametrize("model", [False, True])
def test_it_is_a_writing_whose_part_was_the_subject_before(model: bool) -> None:
    text = (OPENING + "In addition to naming the two groups, a key section of the report, which remains secret, "
            "seemed to foresee the attack.\n\n"
            "\u201cThe post cannot be defended with the guards it has,\u201d it said.")
    assert _speaker_of(text, "guards", model) == "the report"
