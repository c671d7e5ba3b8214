"""Names of shapes the capitalised run alone gets wrong: particles inside a name ("Mirela van
der Kolk", written "Van der Kolk" at a sentence's start), a nationality before one ("Dutch
swimmer" aside, "South African Mirela van der Kolk"), and a person spoken of by age after the
verb ("joked the 29-year-old"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.people import People
from briefs.write.quotes import find_quotes


@pytest.mark.parametrize(("sentence", "name"), [
    ("The final was won by South African Mirela van der Kolk on Sunday.", "Mirela van der Kolk"),
    ("The final was won by German Ansgar Pohlmann on Sunday.", "Ansgar Pohlmann"),
    ("The final was won by Frenchwoman Odile Marchais on Sunday.", "Odile Marchais"),
    ("The final was won by Serbian Dragan Milosavic on Sunday.", "Dragan Milosavic"),
])
def test_a_nationality_before_a_name_is_no_part_of_it(sentence: str, name: str) -> None:
    assert People.from_paragraphs([sentence]).names == [name]


@pytest.mark.parametrize("organisation", ["American Bar Association", "Christian Democratic Union",
                                          "Israeli Foreign Ministry"])
def test_an_organisation_named_for_a_nationality_stays_no_person(organisation: str) -> None:
    assert People.from_paragraphs([f"The report was published by the {organisation} on Sunday."]).names == []


def test_a_surname_with_particles_opening_a_sentence_is_the_full_name() -> None:
    people = People.from_paragraphs(["South African Mirela van der Kolk was third.",
                                     "Van der Kolk, the 2019 world champion, paid tribute to the winner."])
    assert people.names == ["Mirela van der Kolk"]
    assert [(at, name) for at, name, _ in people.mentions()] == [(14, "Mirela van der Kolk"),
                                                                 (46, "Mirela van der Kolk")]


_RACE = ("Mirela van der Kolk was third in the 50m breaststroke.\n\n"
         "Van der Kolk, the 2019 world champion, paid tribute to the winner.\n\n")


@pytest.mark.parametrize("model", [False, True])
def test_an_age_after_the_verb_is_the_person_the_sentence_before_is_about(model: bool) -> None:
    text = _RACE + ("\u201cI think I have to retire and come back in a few years,\u201d joked the 29-year-old.\n\n"
                    "\u201cIt is really impressive.\u201d")
    quotes = find_quotes(text, model=model)
    assert [q.speaker for q in quotes] == ["Mirela van der Kolk", "Mirela van der Kolk"]


@pytest.mark.parametrize("model", [False, True])
def test_an_age_after_the_verb_with_nobody_before_stays_the_age(model: bool) -> None:
    text = "The pool was full on Sunday.\n\n\u201cI think I have to retire,\u201d joked the 29-year-old."
    assert find_quotes(text, model=model)[0].speaker == "the 29-year-old"


@pytest.mark.parametrize("model", [False, True])
def test_a_year_after_the_verb_is_no_speaker(model: bool) -> None:
    text = "Mirela van der Kolk was third.\n\n\u201cIt was a different pool,\u201d she said of the 2019."
    assert find_quotes(text, model=model)[0].speaker == "Mirela van der Kolk"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("title", "name"), [
    ("Ulster Unionist MLA", "Dermot Kerrigan"),
    ("Sergeant", "Dermot Kerrigan"),
    ("Drs", "Dermot Kerrigan"),
])
def test_a_title_before_a_name_is_no_part_of_it(model: bool, title: str, name: str) -> None:
    text = (f"{title} {name} said he would ask the minister to act so that \u201caction can be taken as soon "
            "as possible\u201d.\n\n"
            "\u201cJustice has been denied for almost 40 years,\u201d he said.")
    assert [q.speaker for q in find_quotes(text, model=model)] == [name, name]


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("heading", ["Understated Marsh", "Harbour Marsh", "Endorsed Marsh"])
def test_a_heading_s_word_before_a_surname_gives_way_to_the_person(model: bool, heading: str) -> None:
    text = (f"{heading}\n\n"
            "Labour Secretary Thomas Marsh toured the harbour on Monday. The harbour is busy.\n\n"
            "\u201cIt frankly breaks my heart,\u201d Marsh said.")
    assert find_quotes(text, model=model)[0].speaker == "Thomas Marsh"


def test_a_name_after_a_bands_possessive_is_a_person_whatever_the_first_name() -> None:
    text = ("\"We're quite upset,\" musician Amir Selwyn told the BBC.\n\n"
            "Glasshouse's Torvald Ekdahl was flying into the site by helicopter as the storm descended.\n\n"
            "\"It was kind of frightening,\" he said.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Amir Selwyn", "Torvald Ekdahl"]


@pytest.mark.parametrize("sentence", [
    "Fans packed the stadium for Sunday's Super Bowl, where she sang.",
    "Fans packed the stadium for Sunday's Harbour Cup which starts at noon.",
])
def test_a_days_event_is_no_person(sentence: str) -> None:
    people = People.from_paragraphs([sentence])
    assert not people.persons


def test_a_headings_words_in_capitals_are_no_part_of_the_name_after_them() -> None:
    people = People.from_paragraphs(["TWO MORE OUT OF THE NEXT DEBATE STAGE Rand Pauling and Carla Fiore "
                                     "did not make the cut for the main stage on Thursday."])
    assert "Rand Pauling" in people.names
    assert not any("STAGE" in name for name in people.names)


def test_an_acronym_before_a_role_and_a_name_leaves_the_name_whole() -> None:
    # guard: "NBA Commissioner Adam Silvers said": the name after the body and the title
    text = "\"We will look into it,\" NBA Commissioner Adam Silvers said on Monday."
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Adam Silvers"]


def test_a_surname_is_the_full_name_not_a_headline_s_award_and_surname() -> None:
    text = ("Liberal Award-winner Harlow \u2018not sure\u2019 about the ferry plan.\n\n"
            "New York (AFP) - Award-winning actress Dana Harlow, star of the film \u201cLow Tide,\u201d is not sure "
            "she can back the plan.\n\n"
            "\u201cThat is a legitimate concern, because they are very passionate,\u201d Harlow said.")
    assert find_quotes(text, model=False)[-1].speaker == "Dana Harlow"
