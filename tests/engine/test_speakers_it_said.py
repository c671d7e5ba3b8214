"""'It said' after an organisation that spoke in the sentence before is that organisation's
statement, even when nothing in its name says it is one; a title a work is given is nobody's
words. Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_CRASH = "The driver was hurt when her car hit a lorry at the test track on Tuesday.\n\n"


def _speakers(text: str, model: bool) -> dict[str, str | None]:
    return {found.text: found.speaker for found in find_quotes(text, model=model)}


@pytest.mark.parametrize("model", [False, True])
def test_it_said_is_the_organisation_that_spoke_in_the_sentence_before(model: bool) -> None:
    text = _CRASH + ("Velocetta said doctors \u201cworked through the night to treat her injuries\u201d.\n\n"
                     "It said: \u201cThe operation went well and she is awake.\n\n"
                     "\u201cShe remains in a stable condition.\u201d")
    speakers = _speakers(text, model)
    assert speakers["The operation went well and she is awake."] == "Velocetta"
    assert speakers["She remains in a stable condition."] == "Velocetta"


@pytest.mark.parametrize("model", [False, True])
def test_a_name_marked_as_based_somewhere_is_no_person(model: bool) -> None:
    # "the Surrey-based Velocetta team": a firm, so "it" can be Velocetta
    text = _CRASH + ("It was her first run for the Surrey-based Velocetta team.\n\n"
                     "Velocetta said doctors \u201cworked through the night to treat her injuries\u201d.\n\n"
                     "It said: \u201cThe operation went well and she is awake.\u201d")
    assert _speakers(text, model)["The operation went well and she is awake."].endswith("Velocetta")


def test_a_team_is_an_organisation() -> None:
    text = _CRASH + ("Velocetta Racing Team said doctors \u201cworked through the night to treat her\u201d.\n\n"
                     "It said: \u201cThe operation went well and she is awake.\u201d")
    assert _speakers(text, False)["The operation went well and she is awake."] == "Velocetta Racing Team"


def test_it_is_not_a_name_that_spoke_sentences_earlier() -> None:
    # guard: two sentences on, "it" is more likely what the sentences since were about
    text = ("The wreck was found off the coast of Cornwall on Monday.\n\n"
            "Divers from Exeter University said they had raised the bell. The ship was later moved to the "
            "harbour. It said the bell was \u201cin remarkably good condition\u201d.")
    assert _speakers(text, False)["in remarkably good condition"] is None


def test_it_is_never_a_day() -> None:
    # "an email Wednesday saying": the day is no speaker, so "it" is not the day either
    text = ("The campaign sent an email Wednesday saying the race was now between two candidates. "
            "It said the plan was \u201ca waste of public money and of everybody's time\u201d.")
    assert _speakers(text, False)["a waste of public money and of everybody's time"] is None


@pytest.mark.parametrize("given", [
    "The installation \u2013 entitled \u201cWhere the light goes when the evening falls\u201d and made for "
    "the show \u2013 fills the old hall.",
    "His installation, titled \u201cWhere the light goes when the evening falls\u201d, fills the old hall.",
])
def test_a_title_given_to_a_work_is_nobody_s_words(given: str) -> None:
    text = "The festival opened on Friday in Milan, where designer Tomas Berglund showed his new lamps. " + given
    assert _speakers(text, True)["Where the light goes when the evening falls"] is None


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("naming", ["is entitled", "is called", "was titled"])
def test_a_writing_s_title_is_not_its_words(model: bool, naming: str) -> None:
    text = f"The club posted a new video on Monday. The video {naming} \u201cKemp Harlow - Player of the Year?\u201d"
    assert all(found.speaker != "The video" for found in find_quotes(text, model=model))


def test_a_writing_that_says_something_still_speaks() -> None:
    # guard: "The report calls for ..." is the report's
    text = "The report calls for \u201can end to the fare rises and a full review of the harbour board.\u201d"
    assert find_quotes(text, model=False)[0].speaker == "The report"


@pytest.mark.parametrize("opening, writer", [
    ("The report was published on Monday.", "The report"),
    ("The harbour board published its report on Monday.", "The harbour board"),
])
def test_a_body_or_writing_before_keeps_it_over_a_surname_that_spoke(opening: str, writer: str) -> None:
    # guard: "Kellow" may be a person known by surname only; "it" is the report or the board
    text = (f"{opening} Kellow said the findings were flawed. It said the harbour was "
            f"\u201cin urgent need of dredging and repair.\u201d")
    assert _speakers(text, False)["in urgent need of dredging and repair."] == writer
