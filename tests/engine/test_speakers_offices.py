"""A role "of" or "from" a place or a body speaks with it ("The mayor of Mountain View said"),
never the place; the name after "of" is never given the role ("the wife of Tom Hale" is no
wife); the holder of an office "for" a field speaks ("Minister for Sport Aileen Campbell said").
Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

OPENING = "The council voted on the budget on Monday. Aubrey Grey runs a research foundation in the city.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("subject", [
    "The mayor of Mountain View",
    "The governor of Texas",
    "The head of the Justice Department",
    "A spokesman of Hamas",
    "The wife of Tom Hale",
])
def test_a_role_of_a_place_or_a_body_speaks_whole(model: bool, subject: str) -> None:
    text = OPENING + f"{subject} said: \u201cWe have done what we promised the city we would do.\u201d"
    assert find_quotes(text, model=model)[0].speaker == subject


@pytest.mark.parametrize("model", [False, True])
def test_a_place_after_of_is_given_no_role(model: bool) -> None:
    # "The mayor" of one city is not the other city: "Mountain View" learnt no role "mayor"
    text = (
        OPENING
        + "The mayor of Chicago said: \u201cWe will not raise taxes this year.\u201d\n\n"
        + "The mayor of Mountain View praised Grey, saying: \u201cHe has done more for this town than anyone.\u201d"
    )
    speakers = [q.speaker for q in find_quotes(text, model=model)]
    assert speakers == ["The mayor of Chicago", "The mayor of Mountain View"]


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("subject", "speaker"), [
    # guards: a person named before "of" is still the speaker, and a named mayor is who "the
    # mayor" is
    ("Rep. Bernie Sanders of Vermont", "Bernie Sanders"),
    ("Jane Marsh of the Heritage Trust", "Jane Marsh"),
    ("the senator from Vermont", "the senator from Vermont"),
])
def test_a_person_of_a_place_stays_the_person(model: bool, subject: str, speaker: str) -> None:
    text = OPENING + f"\u201cIt is a rigged economy and we will change it,\u201d said {subject}."
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_the_mayor_the_article_named_is_the_mayor(model: bool) -> None:
    # guard: "Chicago Mayor Dana Wells" tells who "the mayor" is
    text = (
        "Chicago Mayor Dana Wells presented the budget on Monday.\n\n"
        "\u201cWe will not raise taxes this year,\u201d the mayor said."
    )
    assert find_quotes(text, model=model)[0].speaker == "Dana Wells"


@pytest.mark.parametrize("model", [False, True])
def test_the_pm_is_the_prime_minister_the_article_names(model: bool) -> None:
    text = ("Prime Minister Tomas Brandt visited a hospital in Ardenia on Monday with his wife.\n\n"
            "The PM said: \u201cIt is very difficult to get out at the weekend.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


_WORDS = "\u201cnot change what the city owes its people\u201d"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("office", [
    "The Secretary of State",
    "The Director of National Intelligence",
    "The United Nations High Commissioner for Human Rights",
])
def test_an_office_in_capitals_speaks_whole(model: bool, office: str) -> None:
    text = OPENING + f"{office} said the budget did {_WORDS}."
    assert find_quotes(text, model=model)[0].speaker == office


@pytest.mark.parametrize("model", [False, True])
def test_an_office_in_capitals_is_the_person_who_holds_it(model: bool) -> None:
    text = OPENING + ("Secretary of State Dana Whitlow met the council on Monday.\n\n"
                      f"The Secretary of State said the budget did {_WORDS}.")
    assert find_quotes(text, model=model)[0].speaker == "Dana Whitlow"


@pytest.mark.parametrize("model", [False, True])
def test_a_former_holder_is_not_the_office(model: bool) -> None:
    text = OPENING + ("Former Secretary of State Dana Whitlow met the council on Monday.\n\n"
                      f"The Secretary of State said the budget did {_WORDS}.")
    assert find_quotes(text, model=model)[0].speaker == "The Secretary of State"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("between", "speaker"), [
    # of two governors, the one the sentence before is about
    ("Mr. Brandt, who has served as a mentor to Mr. Cole, was asked whether he saw himself in him.",
     "Tomas Brandt"),
    # guard: a sentence about neither leaves the role as written
    ("The weather was cold in the capital on Wednesday.", "the governor"),
])
def test_the_governor_of_two_is_the_one_the_text_is_about(model: bool, between: str, speaker: str) -> None:
    text = ("Gov. Tomas Brandt and Gov. Ada Vale named new judges this year.\n\n" + between
            + "\n\n\u201cI\u2019m not that cool,\u201d the governor replied.")
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("named", "speaker"), [
    ("Justice Ilse Marsh directed the board to hand over its minutes.", "Ilse Marsh"),
    ("Judge Ilse Marsh directed the board to hand over its minutes.", "Ilse Marsh"),
    # another title is somebody else
    ("Mayor Ilse Marsh directed the board to hand over its minutes.", "A judge"),
])
def test_a_lead_s_unnamed_role_is_the_person_the_next_sentence_names_with_its_title(
        model: bool, named: str, speaker: str) -> None:
    text = ("A judge chastised the harbour board on Friday, saying it had been \u201cplaying games\u201d with "
            f"its members. {named}")
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_title_alone_is_never_shown_as_the_speaker(model: bool) -> None:
    text = ("Justice vows to be \u2018more circumspect\u2019 with her opinions.\n\n"
            "Ruth Bader Ginsburg regrets her remarks about the harbour, she said on Thursday.")
    assert find_quotes(text, model=model)[0].speaker != "Justice"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("office", ["Minister for Sport", "Secretary of State for Health", "Minister for Europe"])
def test_the_holder_of_an_office_for_a_field_speaks(model: bool, office: str) -> None:
    text = OPENING + (f"\u201cWe are raising investment where it will reduce health inequality,\u201d {office} "
                      f"Aileen Campbell said.")
    assert find_quotes(text, model=model)[0].speaker == "Aileen Campbell"


@pytest.mark.parametrize("model", [False, True])
def test_a_counsel_in_a_clause_after_the_subject_is_who_spoke(model: bool) -> None:
    text = ("Special counsel Ruth Alder has led the inquiry since May.\n\n"
            "The latest charges, issued by a grand jury, come after the special counsel said in court "
            "filings on Monday that the adviser had \u201crepeatedly\u201d contacted two witnesses.")
    assert find_quotes(text, model=model)[0].speaker == "Ruth Alder"
