"""A writing its owner's possessive names speaks for that owner ("Brandt's letter said"), or stays
the writing when the owner is only a determiner phrase ("The group's first ad called"); a writing
speaks past a modifier that opens with an adverb ("A textbook just published for 9th graders
explains"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_LEAD = "Tomas Brandt, the mayor, opened the new pier on Monday.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Brandt\u2019s letter said \u201cthe pier is open to all.\u201d", "Tomas Brandt"),
    ("Brandt\u2019s email notes that \u201cthe pier is open to all.\u201d", "Tomas Brandt"),
    ("The mayor\u2019s letter said: \u201cThe pier is open to all.\u201d", "The mayor\u2019s letter"),
    ("The group\u2019s first ad called Brandt an \u201celitist hypocrite\u201d for his new car.",
     "The group\u2019s first ad"),
    ("Brandt\u2019s statement said \u201cthe pier is open to all.\u201d", "Tomas Brandt"),
    ("\u201cThe pier is open to all,\u201d Mr Brandt\u2019s statement reads.", "Tomas Brandt"),
    ("He cut the ribbon. \u201cThe pier is open to all,\u201d his statement said.", "Tomas Brandt"),
])
def test_an_owned_writing_speaks_for_its_owner(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_LEAD + sentence, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_writing_with_a_modifier_after_an_adverb_speaks(model: bool) -> None:
    text = _LEAD + ("An Ardenian textbook just published for 9th graders explains \u201cthe advantages of a pier for "
                    "the region\u201d with a photograph of the harbour.")
    assert find_quotes(text, model=model)[0].speaker == "An Ardenian textbook"


@pytest.mark.parametrize("model", [False, True])
def test_a_writing_with_a_modifier_set_off_by_commas_speaks(model: bool) -> None:
    text = _LEAD + ("One such document, obtained by the Herald, includes a \u201cno-disparagement\u201d clause "
                    "that binds the staff.")
    assert find_quotes(text, model=model)[0].speaker == "One such document"


@pytest.mark.parametrize("model", [False, True])
def test_documents_in_the_plural_speak_for_who_issued_them(model: bool) -> None:
    text = _LEAD + "The council issued statements saying \u201cthe pier will stay open all winter.\u201d"
    assert find_quotes(text, model=model)[0].speaker == "The council"


@pytest.mark.parametrize("sentence", [
    "The group sent letters urging members to \u201cstand firm.\u201d",
    "The council issued guidance saying the pier is \u201copen to all.\u201d",
    "The union held rallies shouting \u201cPier for all!\u201d",
    "The board wrote to members saying the pier is \u201copen to all.\u201d",
])
def test_a_clause_is_never_shown_as_a_speaker(sentence: str) -> None:
    speaker = find_quotes(_LEAD + sentence, model=False)[0].speaker
    assert speaker is None or len(speaker.split()) <= 2  # never "The group sent", "The union held rallies"


@pytest.mark.parametrize("sentence", [
    "The tea party-backed candidate called the win a \u201cmiracle.\u201d",
    "The newly elected mayor called the win a \u201cmiracle.\u201d",
    "\u201cIt is a miracle,\u201d the lanky, bespectacled professor said.",
])
def test_describing_words_ending_in_ed_stay_in_the_role(sentence: str) -> None:
    assert find_quotes(_LEAD + sentence, model=False)[0].speaker is not None


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("lead", "speaker"), [
    ("The Harbour Trust published a post about the pier on Monday.", "Harbour Trust"),
    ("The Harbour Trust flat-out denied the claims in a statement shared on its website.", "Harbour Trust"),
    # a surname alone: the person the article named in full
    ("The Gazette said Brandt provided a written statement in reply.", "Tomas Brandt"),
])
def test_the_writing_speaks_for_who_put_it_out(model: bool, lead: str, speaker: str) -> None:
    writing = "post" if "post" in lead else "statement"
    text = _LEAD + f"{lead} \u201cThe pier is open to all,\u201d the {writing} said."
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_name_inside_the_quoted_words_issues_no_statement(model: bool) -> None:
    text = _LEAD + ("The ferry company denied the claims.\n\n"
                    "\u201cThe truth is, Ivo Marsh has admitted to owing the harbour money,\u201d the statement "
                    "continued. \u201cWe have worked hard to settle it.\u201d")
    assert "Ivo Marsh" not in [q.speaker for q in find_quotes(text, model=model)]


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sent", ["sent a similar message", "posted a message", "shared a statement"])
def test_who_sent_a_message_speaks_the_quotation_after_it(model: bool, sent: str) -> None:
    text = _LEAD + (f"Brandt {sent} ahead of the harbour vote. \u201cThe ferry, with all the work the pier "
                    "brings, needs your vote on Tuesday.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
def test_he_after_who_sent_a_letter_is_the_sender(model: bool) -> None:
    text = _LEAD + ("\u201cThe ferry is a strong sign of commitment,\u201d said Jean Lacroix, director of the "
                    "harbour programme.\n\n"
            "Tomas Brandt sent a letter last week to the ferry company, saying the launch would not happen, and "
            "blaming what he said was \u201ctremendous anger and open hostility\u201d shown in its statement.")
    assert find_quotes(text, model=model)[1].speaker == "Tomas Brandt"
