"""A first name alone with an age or a "who" clause set off after it is a person ("Carla, 23, was
taken into care ... "...," she said", "Dawn, who has appeared on the show, ..."), never the last
word of a full name. Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.people import People
from briefs.write.quotes import find_quotes

OPENING = "Nine in ten children in care are placed with foster families, the study found.\n\n"


@pytest.mark.parametrize("model", [False, True])
def test_a_first_name_with_an_age_is_who_she_is(model: bool) -> None:
    text = OPENING + (
        "Carla, 23, was taken into care at the age of 12 and had eight foster homes.\n\n"
        "\u201cLooking back now I realised that the Randalls saved my life,\u201d she said."
    )
    assert find_quotes(text, model=model)[0].speaker == "Carla"


@pytest.mark.parametrize("model", [False, True])
def test_a_surname_with_an_age_is_the_full_name(model: bool) -> None:
    # guard: "Tom Hale, 45," is Tom Hale, and no "Hale" of its own
    text = OPENING + (
        "Foster carer Tom Hale, 45, has looked after 30 children.\n\n"
        "\u201cEvery one of them changed our family,\u201d he said."
    )
    assert find_quotes(text, model=model)[0].speaker == "Tom Hale"


@pytest.mark.parametrize("model", [False, True])
def test_a_first_name_with_a_who_clause_is_who_she_is(model: bool) -> None:
    text = OPENING + (
        "The row began when Dawn, who has fostered for a decade, found that the savings for a headstone "
        "had gone. Suspecting lodger Jamie and his girlfriend Carol, she confronted them.\n\n"
        "\u2018Only him and Carol knew where it was,\u2019 she said during the hearing."
    )
    assert find_quotes(text, model=model)[0].speaker == "Dawn"


@pytest.mark.parametrize("model", [False, True])
def test_a_full_name_with_a_who_clause_stays_whole(model: bool) -> None:
    # guard: "Bill Maris, who" is Bill Maris, and no "Maris" of its own (a word of a name the article writes)
    text = OPENING + (
        "Bill Maris, who runs the foundation's fund, said on Monday that it was ready.\n\n"
        "\u201cWe have the tools to do this,\u201d he said."
    )
    assert find_quotes(text, model=model)[0].speaker == "Bill Maris"


@pytest.mark.parametrize("model", [False, True])
def test_a_full_name_with_an_age_is_a_person_whatever_the_first_name(model: bool) -> None:
    text = OPENING + (
        "Ottoline Brisk, 63, from a village near the coast, has fostered children for two decades.\n"
        "She said she was \u201cabsolutely heartbroken\u201d by the cuts."
    )
    assert find_quotes(text, model=model)[0].speaker == "Ottoline Brisk"


@pytest.mark.parametrize("model", [False, True])
def test_one_name_with_what_the_person_is_is_a_person_whatever_the_name(model: bool) -> None:
    text = OPENING + (
        "The minister was due to visit the coast later on Monday.\n\n"
        "Yuniarti, a resident of the harbour town, was watching television at home when she heard the water.\n\n"
        "\u201cI heard a rumbling sound and I thought it was the wind.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Yuniarti"


@pytest.mark.parametrize("model", [False, True])
def test_a_person_brought_in_by_what_they_are_and_one_name_is_a_person(model: bool) -> None:
    text = ("The woman who started it all identified herself as a 52-year-old Dunmore resident named "
            "Caroline.\n\n"
            "\u201cHe truly cares about the harbour,\u201d she said of the mayor.")
    assert find_quotes(text, model=model)[0].speaker == "Caroline"


def test_a_dog_named_after_a_person_is_no_person() -> None:
    people = People.from_paragraphs(["The family has a dog named Caroline."])
    assert "Caroline" not in people.persons


def test_a_first_name_with_a_who_clause_between_dashes_is_a_person() -> None:
    text = ("Early retirees often stick to low-cost index funds.\n\n"
            "Tommy \u2014 who only goes by his first name online \u2014 retired at age 51 after a career in "
            "telecom. One of his biggest regrets? Not paying off his mortgage.\n\n"
            "\"So much of having a great retirement is mental,\" he wrote.")
    assert find_quotes(text, model=False)[-1].speaker == "Tommy"
