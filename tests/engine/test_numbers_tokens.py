"""Key numbers are whole tokens with their kind (issue 11); fixtures written for these tests."""

from __future__ import annotations

from briefs.write.numbers import compound_numbers, key_numbers


def shown(sentences: list[str], limit: int = 10, title: str = "") -> dict[str, str]:
    return {f.text: f.kind for f in key_numbers(sentences, "a1", limit, title)}


def test_scores_and_set_scores_stay_whole() -> None:
    figures = shown(["Lowen Rovers won 2-1 at home on Saturday after a run of 6 defeats.",
                     "Mara Quist took the first set 6-3 before rain stopped play."])
    assert figures["2-1"] == "score" and figures["6-3"] == "score"
    assert "2" not in figures and "1" not in figures and "3" not in figures


def test_seasons_times_and_fractions_are_never_split() -> None:
    figures = shown(["The 2017/18 season brought record revenue of \u00a345m, with 3/4 of seats sold.",
                     "The final whistle went at 22:05, and the ground emptied by 23:10."])
    assert figures["\u00a345m"] == "money" and figures["3/4"] == "fraction"
    for piece in ("2017", "18", "22", "05", "23", "10", "3", "4"):
        assert piece not in figures
    assert "2017/18" not in figures and "22:05" not in figures  # a season or a clock time is no key figure


def test_a_range_is_one_figure() -> None:
    figures = shown(["A third of 10-11 year olds in the district walk to school."])
    assert figures == {"10-11": "range"}


def test_figures_glued_to_letters_are_not_shown_as_bare_digits() -> None:
    figures = shown(["Fans of the 90s band queued for 7hours at the 145ers club."])
    assert not {"90", "7", "145"} & set(figures)


def test_units_written_without_a_space_are_measures() -> None:
    figures = shown(["Engineers want a 2.9km tunnel and a speed limit of 40mph on the bypass."])
    assert figures["2.9km"] == "measure" and figures["40mph"] == "measure"


def test_an_age_in_a_background_sentence_is_not_a_key_number() -> None:
    sentences = [
        "The council cut bus fares by 20% for 40,000 pensioners on Monday.",
        "The scheme will cost $3.5 million a year.",
        "Commuters welcomed the change at the depot.",
        "Driver Lena Ward, 21, said the buses were already full.",
    ]
    figures = key_numbers(sentences, "a1", 3)
    assert sorted(f.text for f in figures) == ["$3.5 million", "20%", "40,000 pensioners"]
    assert {f.kind for f in figures} == {"money", "percent", "count"}
    assert "21" not in shown(sentences)
    assert shown(["Driver Lena Ward, 21, retires"], title="Driver, 21, retires")["21"] == "age"


def test_a_year_in_a_background_sentence_ranks_below_a_year_the_lead_is_about() -> None:
    sentences = [
        "The mill that closed in 1986 reopened on Friday as a museum.",
        "Visitors can see 12 looms and a steam engine.",
        "The owners bought the site in 2019 after a long campaign.",
    ]
    years = [f.text for f in key_numbers(sentences, "a1", 5) if f.kind == "year"]
    assert years == ["1986", "2019"]


def test_compound_numbers_name_their_kind() -> None:
    kinds = {m.text: m.kind for m in compound_numbers("At 9:30 pm on 12/03/2024 they won 3-0; 1/2 of the 2019/20 fees")}
    assert kinds == {"9:30 pm": "time", "12/03/2024": "date", "3-0": "score", "1/2": "fraction", "2019/20": "season"}


def test_a_vote_written_with_to_is_one_tally() -> None:
    figures = shown(["The board of governors voted 7 to 4 on Monday to close the Harbour Road depot."])
    assert figures["7 to 4"] == "score"
    assert "7" not in figures and "4" not in figures


def test_to_between_figures_outside_a_vote_is_a_range_only_before_a_shared_unit() -> None:
    assert compound_numbers("Fares rose 5 to 10 percent after the vote.") == []
    assert compound_numbers("Children aged 5 to 12 may enter.") == []
    repairs = compound_numbers("Repairs will take 3 to 4 weeks.")
    assert [(n.text, n.kind) for n in repairs] == [("3 to 4 weeks", "range")]


def test_rainfall_in_millimetres_is_a_measure() -> None:
    figures = shown(["Kelvale recorded only 23 millimetres of rain in August, a third of the usual total."])
    assert figures["23 millimetres"] == "measure"


BACKGROUND_STORY = [
    "The two ministers met in Oslo on Tuesday for their 12th round of talks since 2015.",
    "Trade between the countries reached $4 billion, officials said.",
    "The minister celebrated her 60th birthday with her counterpart in Bergen in 2021.",
    "They last signed a fishing accord in March 1998, after 14 rounds.",
]


def test_years_and_ordinals_of_a_sentence_dated_before_the_story_are_background() -> None:
    texts = [f.text for f in key_numbers(BACKGROUND_STORY, "a1", 5, year=2025)]
    assert texts[:2] == ["$4 billion", "12th"]
    assert not {"60th", "2021", "1998"} & set(texts)
    assert "14 rounds" in texts  # a count stays a count


def test_without_a_date_the_latest_year_the_story_writes_is_its_own() -> None:
    story = [*BACKGROUND_STORY, "A new accord is due in 2025."]
    assert "60th" not in [f.text for f in key_numbers(story, "a1", 5)]
    # The story's own year is not background: "in 2021" in a story of 2021.
    assert "60th" in [f.text for f in key_numbers(BACKGROUND_STORY, "a1", 5, year=2021)]


def test_money_is_not_given_the_noun_it_pays_for() -> None:
    figures = shown(["The county passed a $12 million jobs package and a 4% levy."])
    assert figures["$12 million"] == "money"
    assert not any("jobs" in text for text in figures)


def test_a_month_and_day_naming_an_event_is_not_a_fraction() -> None:
    figures = shown(["Relatives of 9/11 victims met the panel, and 3/4 of them backed the plan."])
    assert "9/11" not in figures
    assert figures["3/4"] == "fraction"
