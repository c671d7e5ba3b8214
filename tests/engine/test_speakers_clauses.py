"""A participle of speech closing the last of two joined clauses speaks for that clause's
subject, not the sentence's first ("An executive called her, and Dana Pike, chief executive of
Lantern Air, sent her a letter ... and saying"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

OPENING = "Governor Ellen Ward faced pressure to veto the bill.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("closing", [
    "sent her a letter and saying,",
    "sent her a letter, saying",
])
def test_the_last_joined_clause_speaks(model: bool, closing: str) -> None:
    text = OPENING + (
        "An executive from Orchard Computers called Ward to urge her to reject it, and Dana Pike, "
        f"chairman and chief executive of Lantern Air, {closing} \u201cThere is genuine concern "
        "throughout the business community that this bill would undo our work.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Dana Pike"


@pytest.mark.parametrize("model", [False, True])
def test_one_clause_keeps_the_sentence_subject(model: bool) -> None:
    # guard: with no joined clause the sentence's subject still speaks
    text = OPENING + (
        "Dana Pike, chairman of Lantern Air, sent Ward a letter on Monday, saying \u201cthere is "
        "genuine concern throughout the business community.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Dana Pike"
