"""Who opens the sentence speaks for a participle or a verb further on: a writing with an
aside set off by dashes ("The resolution - co-sponsored by ... - calls for"), a role before a
verb whose past tense has no "-ed" ("The governor cast it ..., saying"), and a group a name and
a plural noun make in a clause ("when Marsh protesters interrupted her, shouting"), a writing
after a fronted phrase ("For instance, the paper notes") or before a participle's phrase ("The
post accompanying the video warns"), and never "Another" opening the sentence. Fixture
sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("aside", [
    "- co-sponsored by Congresswoman Dana Whitfield of Leeds and Congressman Tomas Brandt of York -",
    "\u2014 written by two former harbour masters \u2014",
])
def test_a_writing_with_an_aside_between_dashes_speaks(model: bool, aside: str) -> None:
    text = (f"The resolution {aside} calls for \u201can end to the fare rises and a full review of the "
            f"harbour board.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "The resolution"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("verb", ["cast", "put", "took"])
def test_a_past_tense_without_ed_still_makes_a_clause(model: bool, verb: str) -> None:
    text = f"The governor {verb} it in terms of rights, saying \u201ceach island may run its own ferries.\u201d"
    assert find_quotes(text, model=model)[0].speaker == "The governor"


@pytest.mark.parametrize("model", [False, True])
def test_a_name_and_a_plural_noun_are_a_group_not_the_person(model: bool) -> None:
    text = ("Ellen Marsh spoke in Harwich on Thursday. The first incident came during a speech there, when Marsh "
            "protesters interrupted her, shouting \u201cshe wins, we lose!\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Marsh protesters"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("opening, speaker", [
    ("Instead, the statement talked about", "the statement"),
    ("For instance, the paper notes", "the paper"),
    ("The post accompanying the video warns of", "The post"),
])
def test_a_writing_after_a_fronted_phrase_or_before_a_participle_speaks(model: bool, opening: str,
                                                                         speaker: str) -> None:
    text = f"The harbour board met on Monday. {opening} \u201ca fare rise nobody on the islands can afford.\u201d"
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_another_opening_the_sentence_is_no_name(model: bool) -> None:
    # "Another candidate, Dana Whitfield, the state treasurer, qualified her view, saying": hers
    text = ("Tomas Brandt said he would sign the bill. \u201cIt is a good bill,\u201d Brandt said.\n\n"
            "Another candidate, Dana Whitfield, the state treasurer, qualified her view, saying that she would "
            "veto the bill but then \u201cbring together all the interested parties before the session.\u201d")
    assert find_quotes(text, model=model)[-1].speaker == "Dana Whitfield"
