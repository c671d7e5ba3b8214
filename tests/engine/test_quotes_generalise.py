"""Attribution shapes that used to fail on news the rules were not tuned on (issue 11).

Every text here is written for these tests; none is taken from the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs.write.quotes import find_quotes, key_quotes
from briefs.write.speakers import load_model


def speakers(text: str, model: bool = True) -> list[tuple[str, str | None]]:
    return [(f.text, f.speaker) for f in find_quotes(text, model=model)]


@pytest.mark.parametrize("model", [True, False])
def test_a_historical_figure_near_a_spokesmans_quote_is_not_the_speaker(model: bool) -> None:
    text = (
        "The museum holds the letters of King Edward Moss, who ruled the island until 1901. "
        "A ministry spokesman said the letters would stay where they are.\n\n"
        "\u201cThey belong to the nation and they will remain on public display,\u201d he said."
    )
    assert speakers(text, model) == [
        ("They belong to the nation and they will remain on public display", "A ministry spokesman"),
    ]


def test_a_spokesman_after_a_mentioned_name_keeps_the_role() -> None:
    text = (
        "Students want the statue of Cecil Amery removed from the square.\n\n"
        "\u201cThe statue will stay until the review is complete,\u201d said a spokesman for the ministry."
    )
    [(_, speaker)] = speakers(text)
    assert speaker is not None and "Amery" not in speaker and "spokesman" in speaker


def test_the_former_x_and_y_coach_is_a_role_not_a_club() -> None:
    text = (
        "The national side appointed a new manager in May.\n\n"
        "\u201cWe played with real courage tonight,\u201d said the former Ajax and Porto coach."
    )
    assert speakers(text) == [("We played with real courage tonight", "the former Ajax and Porto coach")]


def test_the_former_x_and_y_coach_resolves_to_the_person_introduced_with_that_role() -> None:
    text = (
        "Tomas Velde, the former Ajax and Porto coach, took charge of the national side in May.\n\n"
        "\u201cWe played with real courage tonight,\u201d said the former Ajax and Porto coach."
    )
    assert speakers(text) == [("We played with real courage tonight", "Tomas Velde")]


def test_an_organisation_after_of_only_places_the_speaker() -> None:
    text = "\u201cThe roof needs urgent repair before the winter,\u201d Jane Marsh of the Heritage Trust said."
    assert speakers(text) == [("The roof needs urgent repair before the winter", "Jane Marsh")]


def test_a_team_in_a_role_phrase_is_not_the_speaker() -> None:
    text = (
        "The visitors lost for the fourth time in a row.\n\n"
        "\u201cWe just could not score when it mattered,\u201d the Riverton Otters forward said."
    )
    assert speakers(text) == [("We just could not score when it mattered", "the Riverton Otters forward")]


def test_a_place_where_something_was_said_is_not_the_speaker() -> None:
    text = (
        "Staff at the Grand Palmyra hotel were praised by guests.\n\n"
        "\u201cGuests were evacuated calmly and nobody was hurt,\u201d said Lin Wei, the hotel\u2019s manager."
    )
    assert speakers(text) == [("Guests were evacuated calmly and nobody was hurt", "Lin Wei")]


def test_a_said_of_b_is_attributed_to_a() -> None:
    text = (
        "Harriet Lomax named Peter Okonjo as her deputy on Monday.\n\n"
        "\u201cHe is a man I trust completely,\u201d Lomax said of Okonjo."
    )
    assert speakers(text) == [("He is a man I trust completely", "Harriet Lomax")]


def test_a_quotation_paragraph_after_narration_inherits_its_speaker() -> None:
    text = (
        "Anna Pereira, who runs the food bank, said demand had doubled since the spring.\n\n"
        "\u201cWe are seeing families we have never seen before. Some of them have two jobs and "
        "still cannot make rent.\u201d"
    )
    [(_, speaker)] = speakers(text)
    assert speaker == "Anna Pereira"


def test_only_the_last_sentence_of_the_narration_hands_over() -> None:
    text = (
        "Anna Pereira said demand had doubled. The shelves were empty by noon on Friday.\n\n"
        "\u201cWe are seeing families we have never seen before.\u201d"
    )
    assert speakers(text, model=False) == [("We are seeing families we have never seen before.", None)]


def test_the_speaker_model_ships_and_loads() -> None:
    weights = load_model()
    assert weights and weights["rule"] > 0  # the rules' speaker is evidence, as trained


def test_a_missing_or_broken_model_file_leaves_the_rules(tmp_path: Path) -> None:
    broken = tmp_path / "model.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_model.__wrapped__(broken) is None
    broken.write_text(json.dumps({"weights": {"rule": 1.0}, "nobody_margin": 0.5}), encoding="utf-8")
    assert load_model.__wrapped__(broken) == {"rule": 1.0, "nobody": 0.5}


# -- key quotes -----------------------------------------------------------------------------

HARBOUR = (
    "The harbour board approved the new flood wall on Tuesday after a year of delays.\n\n"
    "\u201cThe flood wall will protect four thousand homes from the next storm surge,\u201d said "
    "board chair Mira Osei, adding that there \u201cis not a lot to do.\u201d\n\n"
    "Osei said the work would start in spring. She called the old wall \u201ca relic\u201d and said the "
    "board had \u201cno choice\u201d.\n\n"
    "\u201cThe flood wall will protect four thousand homes from the next storm surge,\u201d Osei repeated "
    "at a second meeting.\n\n"
    "\u201cThe builders start in April and the wall will be finished within two years,\u201d said "
    "engineer Tom Reyes.\n\n"
    "\u201cI liked the cake at the reception,\u201d said visitor Ana Lund."
)


def test_key_quotes_are_statements_without_duplicates() -> None:
    quotes = key_quotes(HARBOUR, "a1", 4)
    texts = [q.text for q in quotes]
    assert len(texts) == len(set(texts))
    assert "is not a lot to do." not in texts and "a relic" not in texts and "no choice" not in texts
    assert all(len(t.split()) >= 5 for t in texts)


def test_key_quotes_prefer_the_main_event_and_skip_what_the_summary_quotes() -> None:
    summary = ["The harbour board approved the new flood wall on Tuesday after a year of delays.",
               "\u201cThe flood wall will protect four thousand homes from the next storm surge,\u201d "
               "said board chair Mira Osei."]
    quotes = key_quotes(HARBOUR, "a1", 2, summary=summary)
    texts = [q.text for q in quotes]
    assert texts[0].startswith("The builders start in April")
    assert not any(t.startswith("The flood wall will protect") for t in texts)
    assert texts[-1] == "I liked the cake at the reception"  # the only other statement left


def test_a_quote_the_summary_carries_is_still_shown_when_it_is_the_only_one() -> None:
    text = "The harvest began early.\n\n\u201cThe grapes have never ripened this fast,\u201d said grower Ines Falk."
    summary = ["\u201cThe grapes have never ripened this fast,\u201d said grower Ines Falk."]
    quotes = key_quotes(text, "a1", 3, summary=summary)
    assert [q.speaker for q in quotes] == ["Ines Falk"]


@pytest.mark.parametrize("model", [True, False])
def test_a_historical_figure_named_after_the_speaker_does_not_take_his_words(model: bool) -> None:
    text = (
        "Professor Jonah Jansen said the university had a duty to confront the colonial era, "
        "including the statue of President Paul Kruger that stood at its gate for decades.\n\n"
        "\u201cWe cannot pretend that history began yesterday,\u201d he said."
    )
    assert speakers(text, model) == [("We cannot pretend that history began yesterday", "Jonah Jansen")]


def test_a_name_ending_the_previous_sentence_does_not_join_the_speaker() -> None:
    text = (
        "The college was built with money from the estate of Paul Amery. Vice-chancellor Jonas "
        "Brink said on Tuesday that the name would change.\n\n"
        "\u201cWe cannot honour a man who profited from forced labour,\u201d he said."
    )
    assert speakers(text, model=False) == [("We cannot honour a man who profited from forced labour", "Jonas Brink")]
    assert speakers(text) == [("We cannot honour a man who profited from forced labour", "Jonas Brink")]
