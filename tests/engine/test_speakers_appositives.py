"""Subjects written with what sets them off: an age after the name, a role with "of" before it.
Fixture sentences written here (no corpus needed)."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_AGE_AFTER_THE_NAME = (
    "The book follows the ferry crews of the 1950s, Anton Ilsley writes.\n\n"
    "Deckhands were called \u201cdeck ghosts\u201d by the passengers, Ilsley writes. In an interview "
    "with the Herald, retired deckhand Tomas Reyne, 81, recalls how he slept on coiled ropes when he "
    "first started. \u201cI came home every week and said I\u2019m not going back, this work is not for me,\u201d he tells "
    "Ilsley in the book."
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
