"""Ages written after "aged", and figures of people named by nation or party, in key numbers.
Fixture sentences written here."""

from __future__ import annotations

from briefs.write.numbers import key_numbers
from briefs.write.text import split_sentences

_DETAINED = ("Eleven travellers were detained at the border on Monday. The group, said to be four men, "
             "three women and four children aged from three to 12, was held in Kilis. About 700 people "
             "have tried to cross there since March.")


def test_childrens_ages_after_aged_are_no_key_numbers() -> None:
    shown = [f.text for f in key_numbers(split_sentences(_DETAINED), "a1")]
    assert "12" not in shown and "3" not in shown
    assert "700 people" in shown


def test_an_age_the_headline_is_about_stays_a_key_number() -> None:
    # "Girl aged 12 ..." makes the age the story's own figure, and it is shown as an age
    figures = key_numbers(split_sentences(_DETAINED), "a1", title="Girl aged 12 among those held at border")
    assert ("12", "age") in [(f.text, f.kind) for f in figures]


def test_a_figure_of_people_named_by_nation_or_party_counts_them() -> None:
    text = ("About 700 Norwegians have joined the march, police said. Some 40 Democrats "
            "signed the letter on Monday.")
    shown = {(f.text, f.kind) for f in key_numbers(split_sentences(text), "a1")}
    assert {("700 Norwegians", "count"), ("40 Democrats", "count")} <= shown
