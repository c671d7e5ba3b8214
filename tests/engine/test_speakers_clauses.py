"""A participle of speech closing the last of two joined clauses speaks for that clause's
subject, not the sentence's first ("An executive called her, and Dana Pike, chief executive of
Lantern Air, sent her a letter ... and saying"); "the 31-year-old" after a name is that person.
Fixture sentences written here."""

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


@pytest.mark.parametrize("model", [False, True])
def test_an_age_describes_the_person_just_named(model: bool) -> None:
    text = (
        "Leeds striker Steve Morrow scored the only goal in the defeat at The Valley.\n\n"
        "When asked if there was a split in the camp, the 31-year-old added: \u201cIt has just been "
        "one of those seasons.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Steve Morrow"


@pytest.mark.parametrize("model", [False, True])
def test_an_age_after_an_unnamed_one_stays_as_written(model: bool) -> None:
    # guard: "a 31-year-old" brought in after the name may be somebody else
    text = (
        "Leeds striker Steve Morrow scored the only goal in the defeat at The Valley.\n\n"
        "A 31-year-old fan was arrested outside. \u201cIt was a scuffle, no more,\u201d the 31-year-old said."
    )
    assert find_quotes(text, model=False)[0].speaker == "the 31-year-old"


@pytest.mark.parametrize("model", [False, True])
def test_an_age_after_he_said_is_who_he_is(model: bool) -> None:
    text = (
        "Ibrahim Fatah said he saw heads cut off in the camp. He fled and has not looked back.\n\n"
        "\u201cI saw severed heads. They killed children,\u201d he said.\n\n"
        "\u201cWe had heard of their cruelty, but when we saw it ourselves it was worse,\u201d the "
        "55-year-old said."
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Ibrahim Fatah"] * 2


def test_one_attribution_closing_a_sentence_covers_its_quotations() -> None:
    text = ("The department's inspector general, Michael Harlow, took Cobb to task.\n\n"
            "Cobb's move to clear the senator without informing the attorney general \u201cwas extraordinary "
            "and insubordinate,\u201d while his decision to send a letter to Congress, despite the attorney general's "
            "opposition, constituted \u201ca serious error of judgment,\u201d the inspector general wrote.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Michael Harlow", "Michael Harlow"]


def test_a_sentence_end_between_quotations_keeps_them_apart() -> None:
    # guard: the attribution closing the second sentence is not the first sentence's
    text = ("Zoo director Carl Hayes and visitor Terra Lund watched the rescue.\n\n"
            "\u201cIt is not every day that somebody is in the pen with them.\u201d Hayes said the zoo had "
            "received reports that the child was \u201cdangled over the railing,\u201d he told reporters.")
    assert find_quotes(text, model=False)[0].speaker != "Carl Hayes"


def test_a_name_opening_a_that_clause_is_not_who_he_is() -> None:
    text = ("Mayor Michael Bloomfield said on Monday that he would not run.\n\n"
            "Bloomfield's pollster, Douglas Shane, says his man has the money and the message.\n\n"
            "\"I don't think the conventional wisdom\" -- that Bloomfield is perceived as a nanny-state "
            "liberal -- \"is going to last,\" he says.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Douglas Shane", "Douglas Shane"]


def test_an_award_before_a_surname_is_no_part_of_the_name() -> None:
    text = ("Susan Sarrow, 69, told MSNBC on Monday that she backed Sanders.\n\n"
            "Oscar-winner Sarrow is a high-profile campaigner.\n\n"
            "Asked about her vote in the event that Clinton faces Trump, she replied: \"I don't know.\"")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Susan Sarrow"]


def test_a_quotation_ending_a_sentence_keeps_its_own_attribution() -> None:
    # guard: a later quotation's "Hayes said" does not reach back over a full stop inside the marks,
    # even where spaced marks hide the sentence's end
    text = ("Visitor Terra Lund watched the rescue with zoo director Carl Hayes. 'It is not every day that "
            "somebody is in the pen with them. ' 'And everyone else was screaming. ' Hayes said the zoo had "
            "received a number of reports.")
    assert find_quotes(text, model=False)[0].speaker != "Carl Hayes"
