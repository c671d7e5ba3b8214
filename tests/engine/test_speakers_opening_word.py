"""A speaker's name never keeps the capitalised common word that opened its headline or
sentence ("More Dana Whitcombe emails released"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_HEADLINE = (
    "More Dana Whitcombe emails released on eve of caucuses.\n\n"
    "The State Department released more than 1,100 pages of Dana Whitcombe's emails on Friday "
    "night. There will be more releases next month.\n\n"
    "\u201cSo far so good,\u201d Whitcombe wrote to an aide in one of them."
)


@pytest.mark.parametrize("model", [False, True])
def test_a_headline_word_before_a_name_is_no_part_of_the_speaker(model: bool) -> None:
    assert [q.speaker for q in find_quotes(_HEADLINE, model=model)] == ["Dana Whitcombe"]


def test_a_first_name_that_is_also_a_word_stays() -> None:
    # guard: "Will" is a first name, though the article writes "will" too
    text = (
        "Will Estrada will lead the new campaign, the group said on Monday. Rosa Estrada, his "
        "sister, will run its office.\n\n"
        "\u201cWe will knock on every door,\u201d Will Estrada said."
    )
    assert find_quotes(text, model=False)[0].speaker == "Will Estrada"


def test_a_name_the_article_never_writes_in_lower_case_stays() -> None:
    # guard: "Marine" opens a person's name here; the article has no "marine"
    text = (
        "Marine Le Pen spoke in Lyon on Sunday.\n\n"
        "\u201cFrance comes first,\u201d Marine Le Pen said. \u201cIt always will.\u201d"
    )
    assert find_quotes(text, model=False)[0].speaker == "Marine Le Pen"


@pytest.mark.parametrize("model", [False, True])
def test_a_profession_opening_the_sentence_is_no_part_of_the_speaker(model: bool) -> None:
    text = ("The video spread fast on Sunday.\n\n"
            "Drummer Kestrelove wrote: \u2018I believe in waiting to hear everything before I judge.\u2019")
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Kestrelove"]


def test_a_first_name_that_is_also_a_role_stays() -> None:
    # guard: "Ally" is a first name as well as a role noun
    text = "Ally Brennan spoke last.\n\n\u201cWe are ready,\u201d Ally Brennan said. \u201cAll of us.\u201d"
    assert find_quotes(text, model=False)[0].speaker == "Ally Brennan"


def test_where_an_organisation_is_based_is_no_part_of_its_name() -> None:
    text = ("She had driven the car for the Oxbridge-based Varenna team.\n\n"
            "Varenna said surgeons \u201cworked through the night to treat her injuries\u201d.")
    assert find_quotes(text, model=False)[0].speaker == "Varenna"
