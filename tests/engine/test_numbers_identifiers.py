"""Model and product numbers name things; they are not key figures."""

import pytest

from briefs.write.numbers import find_numbers, identifiers, key_numbers


def ids(sentence: str) -> list[str]:
    matches = find_numbers(sentence)
    starts = identifiers(sentence, matches)
    return [m.text for m in matches if m.start in starts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The recall covers the PowerCell 500 and PowerCell 750 batteries.", ["500", "750"]),
        ("The PowerCell 500 and 750 packs should not be charged.", ["500", "750"]),
        ("Owners of the 500 and 750 models were told to stop riding.", ["500", "750"]),
        ("The Model 3 and model 5 were recalled.", ["3", "5"]),
        ("It flew a Boeing 747 from Gate 12 to Route 66.", ["747", "12", "66"]),
        ("Cases of Covid-19 rose.", ["19"]),
    ],
)
def test_identifiers(sentence: str, expected: list[str]) -> None:
    assert ids(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "About 500 riders were affected.",
        "Now 91, she still rides every day.",
        "Brazil beat Chile 1-0 on Sunday.",
        "Match ends, Millwall 0, Walsall 3.",
        "On Tuesday 300 workers walked out.",
        "Corvane sold 120,000 bikes and 750 scooters.",
    ],
)
def test_quantities_are_not_identifiers(sentence: str) -> None:
    assert ids(sentence) == []


def test_model_numbers_never_show_as_key_figures() -> None:
    sentences = [
        "Corvane is recalling 120,000 e-bike batteries after fires.",
        ("The recall covers the Corvane PowerCell 500 and PowerCell 750 batteries fitted to its "
         "City and Trail models."),
        "Owners of the 500 and 750 models should stop charging them.",
        "The recall will cost about $35 million, and shares fell 6.4%.",
    ]
    texts = [f.text for f in key_numbers(sentences, "a1", limit=5)]
    assert texts == ["120,000", "$35 million", "6.4%"]


def test_a_count_before_a_described_noun_ranks_as_a_count() -> None:
    sentences = ["The index stood at 52 in May.", "The camp once housed 600 Palestinian refugees."]
    texts = [f.text for f in key_numbers(sentences, "a1", limit=1)]
    assert texts == ["600"]


def test_a_figure_before_any_plural_noun_ranks_as_a_count() -> None:
    sentences = ["The index stood at 52 in May.", "He has made just 10 appearances this season."]
    texts = [f.text for f in key_numbers(sentences, "a1", limit=1)]
    assert texts == ["10 appearances"]


def test_the_age_of_somebody_the_lead_does_not_name_is_not_a_key_number() -> None:
    sentences = [
        "The city council approved a new bridge over the Lessa river on Tuesday.",
        "Work starts in the spring.",
        "Tom Ridley, 54, a ferry captain, said he welcomed the plan.",
    ]
    assert [f.text for f in key_numbers(sentences, "a1")] == []
    # The lead names him: his age is part of the story.
    named = ["Ferry captain Tom Ridley welcomed the new bridge on Tuesday.", *sentences[1:]]
    assert [f.text for f in key_numbers(named, "a1")] == ["54"]
    # The lead gives the age: "a 54-year-old captain ..." then "Tom Ridley, 54, ...".
    aged = ["A 54-year-old ferry captain welcomed the new bridge on Tuesday.", *sentences[1:]]
    assert "54" in [f.text for f in key_numbers(aged, "a1")]


def test_an_ordinal_that_is_part_of_a_name_is_not_a_key_number() -> None:
    sentences = [
        "Voters in the state's 16th District chose a new representative on Tuesday.",
        "It was the candidate's third attempt and the district's 2nd recount in a decade.",
    ]
    texts = [f.text for f in key_numbers(sentences, "a1")]
    assert "16th" not in texts and "2nd recount" not in texts and "2nd" in texts


def test_a_bare_count_is_shown_with_the_noun_it_counts() -> None:
    sentences = ["The tower would be 15 stories tall, with a 500-seat hall on its ground floor."]
    assert {f.text for f in key_numbers(sentences, "a1")} == {"15 stories", "500-seat"}


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("Police received 911 calls about the fire on Monday, and 400 people were evacuated.", ["400 people"]),
        ("She dialled 999 after the crash on the ring road.", []),
        ("The factory made 911 cars last year.", ["911 cars"]),  # a count that happens to be 911
        ("Police received 400 calls about the fire.", ["400 calls"]),
        ("The bill helps the first responders whose health suffered because of their bravery on 911.", []),
    ],
)
def test_an_emergency_line_or_the_attacks_of_9_11_are_not_counts(sentence: str, shown: list[str]) -> None:
    assert [f.text for f in key_numbers([sentence], "a1")] == shown
