"""Key figures: found as written with their unit, in context, ranked, never invented."""

import pytest

from briefs.write.numbers import clause_around, find_numbers, key_numbers
from briefs.write.text import split_sentences

TEXT = (
    "The bank pledged $2 billion in emergency loans on May 16, 2024, the 43rd such package "
    "since 1998. Inflation rose to 4.2% in April, up from 3.9 percent. About 1,200 people "
    "lost their homes, and the 75-year-old governor said recovery would take 10 years. "
    "The meeting began at 3 p.m. Revenue reached \u00a31.5m and shares fell 12 per cent."
)


def test_figures_as_written_with_units_and_kinds() -> None:
    found = {n.text: n.kind for n in find_numbers(TEXT)}
    assert found["$2 billion"] == "money:$"
    assert found["43rd"] == "ordinal"
    assert found["4.2%"] == "percent" and found["3.9 percent"] == "percent"
    assert found["1,200 people"] == "unit:people"
    assert found["75-year-old"] == "age"
    assert found["10 years"] == "unit:year"
    assert found["\u00a31.5m"] == "money:\u00a3"
    assert found["12 per cent"] == "percent"
    assert found["16"] == "date" and found["3"] == "time"


def test_values_include_scales() -> None:
    values = {n.text: n.value for n in find_numbers("$2 billion, \u20ac5m, 1,200 and 2.5 million")}
    assert values == {"$2 billion": 2e9, "\u20ac5m": 5e6, "1,200": 1200, "2.5 million": 2.5e6}


def test_key_numbers_rank_money_and_percentages_and_skip_dates_and_times() -> None:
    figures = key_numbers(split_sentences(TEXT), "a1", limit=5)
    texts = [f.text for f in figures]
    assert texts[0] == "$2 billion"
    assert "4.2%" in texts and "16" not in texts and "3" not in texts
    assert all(f.text in TEXT and f.text in f.context and f.source_id == "a1" for f in figures)


def test_years_only_in_context() -> None:
    texts = [f.text for f in key_numbers(["The club was founded in 1998.", "Call 2024 now."], "a1")]
    assert texts == ["1998"]


def test_clause_is_the_part_of_the_sentence_around_the_figure() -> None:
    sentence = ("Officials met on Monday; the bank pledged $2 billion in loans, which critics "
                "called too little, while unions asked for more.")
    start = sentence.index("$2")
    clause = clause_around(sentence, start, start + len("$2 billion"))
    assert clause == "the bank pledged $2 billion in loans"


@pytest.mark.parametrize(("sentence", "figure", "clause"), [
    # a short opening clause takes the one it opens
    ("Since 1989, when it crushed the harbour strike, the council has avoided open conflict.", "1989",
     "Since 1989, when it crushed the harbour strike"),
    # an en dash between figures is a range, not a clause's end
    ("Eat every 2\u20133 hours before a long race \u2013 the body needs a steady supply.", "2\u20133",
     "Eat every 2\u20133 hours before a long race"),
])
def test_a_figure_s_clause_says_what_it_is_about(sentence: str, figure: str, clause: str) -> None:
    at = sentence.index(figure)
    assert clause_around(sentence, at, at + len(figure)).startswith(clause)


def test_a_figure_in_the_headline_leads() -> None:
    sentences = ["The bank lost $3 million in the quarter.", "About 240,000 customers were affected."]
    figures = key_numbers(sentences, "a1", title="Outage hits 240,000 bank customers")
    assert [f.text for f in figures] == ["240,000 customers", "$3 million"]


def test_a_quotations_dangling_end_and_attribution_leave_the_figures_clause() -> None:
    sentence = ("\"I applaud the mayor for finally showing some independence from the council, but it's "
                "regrettable that she hasn't shown this same independence on the harbour during the last "
                "19 months,\" he said.")
    at = sentence.index("19 months")
    clause = clause_around(sentence, at, at + 9)
    assert clause.endswith("during the last 19 months") and "\"" not in clause


def test_a_whole_quotation_in_the_clause_keeps_its_marks_and_attribution() -> None:
    sentence = "She said \u201cwe lost 19 jobs,\u201d she said."
    at = sentence.index("19")
    assert clause_around(sentence, at, at + 2) == sentence


def test_a_figure_restated_in_other_units_in_brackets_is_shown_once() -> None:
    sentences = ["The team studied the 1,900-mile-wide (3,100 kilometers) moon for 17 nights.",
                 "The plume held about 2,300 tons (2,095 metric tons) of water, the researchers said.",
                 "The club paid $5 million (\u00a33.9m) for the striker, who scored 12 goals (in 30 games)."]
    shown = [f.text for f in key_numbers(sentences, "a1", limit=10)]
    assert not any(text.startswith(("3,100", "2,095", "\u00a33.9")) for text in shown)
    assert "2,300 tons" in shown and "$5 million" in shown and "30 games" in shown


def test_a_measure_written_as_a_compound_adjective_keeps_its_unit() -> None:
    found = {n.text: n.kind for n in find_numbers(
        "The 1,900-mile-wide moon, a 40-foot-tall statue, a 2-ton truck and a 90-degree turn.")}
    assert found == {"1,900-mile": "unit:mile", "40-foot": "unit:foot", "2-ton": "unit:ton",
                     "90-degree": "unit:degree"}
    sentences = ["Engineers lifted the 40-foot-tall statue onto a barge at dawn."]
    assert [f.text for f in key_numbers(sentences, "a1")] == ["40-foot"]


def test_a_range_sharing_a_unit_and_a_score_in_words_are_one_figure_each() -> None:
    sentences = ["Savers should aim to hold 25 to 30 times their yearly costs before they stop work.",
                 "The harbour side won 3 to 1 on Saturday in front of a record crowd."]
    shown = [f.text for f in key_numbers(sentences, "a1", limit=10)]
    assert "25 to 30 times" in shown and "3 to 1" in shown
    assert not {"25", "30 times", "3", "1"} & set(shown)


def test_a_reference_to_a_source_in_brackets_is_no_figure() -> None:
    figures = key_numbers(["Up to 99% of the alarms need no action from a nurse [2]."], "a1")
    assert [f.text for f in figures] == ["99%"]


def test_an_age_written_without_its_second_hyphen_is_an_age() -> None:
    [figure] = key_numbers(["A 55-year old man fell ill after eating a raw kidney of a wild rabbit."], "a1")
    assert (figure.text, figure.kind) == ("55-year old", "age")


def test_figures_that_are_no_quantities_are_not_key() -> None:
    figures = key_numbers(["The shop is open 24/7 and appeared in the 20/20 special with 300 workers."], "a1")
    assert [f.text for f in figures] == ["300 workers"]


@pytest.mark.parametrize(("sentence", "figure"), [
    ("The relay team won in a record time of three minutes 38.56 seconds.", "three minutes 38.56 seconds"),
    ("The ferry crossed in 2 hours 5 minutes on Monday.", "2 hours 5 minutes"),
    ("The repair took 3 hours, 12 minutes and 9 seconds.", "3 hours, 12 minutes and 9 seconds"),
])
def test_a_time_in_several_units_is_one_figure(sentence: str, figure: str) -> None:
    assert [f.text for f in key_numbers([sentence], "a1")] == [figure]


def test_times_in_two_clauses_stay_apart() -> None:
    texts = [f.text for f in key_numbers(["The talks lasted two hours and the vote took 20 minutes."], "a1")]
    assert texts == ["20 minutes"]
