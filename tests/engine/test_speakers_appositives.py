"""Subjects written with what sets them off: an age after the name, a role with "of" before it.
Fixture sentences written here (no corpus needed)."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_AGE_AFTER_THE_NAME = (
    "The book follows the ferry crews of the 1950s, Anton Ilsley writes.\n\n"
    "Deckhands were called \u201cdeck ghosts\u201d by the passengers, Ilsley writes. In an interview "
    "with the Herald, retired deckhand Tomas Reyne, 81, recalls how he slept on coiled ropes when he "
    "first started. \u201cI came home every week and said I\u2019m not going back, this work is not "
    "for me,\u201d he tells Ilsley in the book."
)


@pytest.mark.parametrize("model", [False, True])
def test_he_is_the_one_whose_age_follows_his_name_as_the_subject(model: bool) -> None:
    # "Tomas Reyne, 81, recalls": the sentence's subject, nearer than the writer who spoke before
    quotes = find_quotes(_AGE_AFTER_THE_NAME, model=model)
    assert quotes[-1].speaker == "Tomas Reyne"


def test_an_age_after_a_name_does_not_make_an_object_a_subject() -> None:
    # guard: the name after a verb stays an object, its age notwithstanding
    text = (
        "Marta Ilsley wrote about the ferry crews for a decade.\n\n"
        "The paper then interviewed Tomas Reyne, 81, about the strike. \u201cWe won it in a week,"
        "\u201d she said."
    )
    assert find_quotes(text, model=False)[-1].speaker == "Marta Ilsley"


@pytest.mark.parametrize("role", ["head of operations", "head of communications"])
def test_said_a_head_of_something_then_the_name(role: str) -> None:
    text = (
        "The tram line opened on Monday after six years of work.\n\n"
        f"\u201cIt is a good day for the city,\u201d said {role} Noor Halvorsen, who has run the "
        "works since 2019."
    )
    assert find_quotes(text, model=False)[0].speaker == "Noor Halvorsen"


_SPEECH_INSIDE_THE_WORDS = (
    "Senator Hannah Mendez said on Monday that she expected to win the state.\n\n"
    "Lena Farrow, 31, came with her son to hear the senator.\n\n"
    "\u201cIt is my last chance to show him an honest politician,\u201d said Lena Farrow. \u201cI have "
    "followed Aldo Brenner for 20 years, and I told him so.\u201d\n\n"
    "Farrow and others said they could not vote for Hannah Mendez. \u201cI\u2019ll go Green or "
    "I\u2019ll write in Aldo,\u201d she said."
)


def test_she_is_the_last_speaker_past_a_speech_verb_inside_the_words() -> None:
    # "I told him so" is a speech verb in Farrow's words; the speaker before it is who "she" is
    quotes = find_quotes(_SPEECH_INSIDE_THE_WORDS, model=False)
    assert quotes[-1].speaker == "Lena Farrow"


def test_a_person_who_opens_a_sentence_since_is_who_he_is() -> None:
    # guard: past the quoted "has said" to Matt Brooks, but Netanyahu opened a sentence since
    text = (
        "\u201cThis ad highlights the doubts of many voters,\u201d the coalition\u2019s director, "
        "Matt Brooks, said on Wednesday.\n\n"
        "Benjamin Netanyahu also made an appearance on a Sunday show, urging the president to "
        "take a tougher line.\n\n"
        "\u201cThe president has said that he is determined to act,\u201d he said on the show."
    )
    assert find_quotes(text, model=False)[-1].speaker == "Benjamin Netanyahu"


def test_a_noun_set_off_by_a_comma_opens_a_new_phrase() -> None:
    # "In the hearing, opponents argued": the speakers are the opponents, not "the hearing, opponents"
    text = (
        "The case reached the appeals court on Monday.\n\n"
        "In the hearing, opponents argued that the words \u201cset up by the state\u201d barred the "
        "federal subsidies."
    )
    assert find_quotes(text, model=False)[0].speaker == "opponents"


def test_a_possessive_role_keeps_its_owner_whole() -> None:
    text = ("The former governor will skip the convention this week.\n\n"
            "Citing \u201cfamily obligations in Ohio,\u201d the former lieutenant governor\u2019s "
            "spokeswoman told reporters that he would stay home.")
    assert find_quotes(text, model=False)[0].speaker == "the former lieutenant governor\u2019s spokeswoman"


def test_a_dash_ends_the_phrase_before_the_speakers() -> None:
    text = ("The poll has bad news for the governor.\n\n"
            "He has been trying to right a struggling campaign \u2014 25 percent of likely voters say "
            "they would \u201cdefinitely not support\u201d him.")
    assert find_quotes(text, model=False)[0].speaker == "25 percent of likely voters"


def test_a_name_with_its_appositive_before_a_verb_of_no_list() -> None:
    # '"...," Pierre Gignac, EDC's then-chief risk officer, mentioned in a commentary.'
    text = (
        "The insurer paid the claim in 2012 without naming the customer.\n\n"
        "\u201cWe had the largest claim in our history as a result of the turmoil,\u201d Pierre Gagnon, "
        "the agency\u2019s then-chief risk officer, mentioned in a 2013 commentary."
    )
    assert find_quotes(text, model=False)[0].speaker == "Pierre Gagnon"


@pytest.mark.parametrize("model", [False, True])
def test_words_in_the_relative_clause_of_the_one_who_speaks(model: bool) -> None:
    text = (
        "The six-month program aims to help people make small choices, Erin Kamal says.\n\n"
        "Toronto retiree Dag Pursey, who lost 16 lbs. \u201cand two belt loops\u201d between May and October, "
        "says the program changed his life."
    )
    assert find_quotes(text, model=model)[-1].speaker == "Dag Pursey"
