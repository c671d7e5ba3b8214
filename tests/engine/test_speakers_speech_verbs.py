"""Verbs that report words: "made clear", "spoke of" before a colon, "begged"; and a participle
after a subordinate clause whose subject is a pronoun ("... when he took to Twitter writing:")
speaks for the main clause's subject. Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_LEAD = "Tomas Brandt, the harbour master, opened the new pier on Monday.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sentence", [
    "He made clear that any cuts to the ferry should be \u201cminimal,\u201d and paid for by the port.",
    "He made it clear that any cuts to the ferry should be \u201cminimal,\u201d and paid for by the port.",
    "Brandt spoke of the storm during the years in the early 1980s: \u201cWe lost every boat we had.\u201d",
    "He begged the council \u201cnot to lose sight of\u201d the ferry.",
])
def test_a_reporting_verb_names_its_subject(model: bool, sentence: str) -> None:
    assert find_quotes(_LEAD + sentence, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
def test_a_participle_after_a_pronoun_clause_is_the_main_subject_s(model: bool) -> None:
    text = _LEAD + ("On Sunday, his eldest son Ivo Brandt doubted some of the pier's new friends when he took to "
                    "Twitter writing: \u201cHard not to name a few people who were never with us.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Ivo Brandt"


@pytest.mark.parametrize("model", [False, True])
def test_a_participle_after_a_pronoun_clause_alone_is_the_pronoun_s(model: bool) -> None:
    text = _LEAD + ("Later, when he took to Twitter writing: \u201cHard not to name a few people who were never "
                    "with us.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("narration", "speaker"), [
    # a role opening its sentence with a capital is still a role: its words go on
    ("The harbour master says the pier could open in May.", "The harbour master"),
    ("Brandt's spokesman told the Herald that this, too, was not the whole story.", "Brandt's spokesman"),
])
def test_a_role_s_narration_hands_over_to_the_words_after_it(model: bool, narration: str, speaker: str) -> None:
    text = ("The council met on Monday.\n\n" + narration
            + "\n\n\u201cFirst of all, the pier gives the town a reason to look at the sea again.\u201d")
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_plea_in_court_is_no_speech(model: bool) -> None:
    text = _LEAD + ("A young deckhand told the court of the harm it had done to her. The wealthy ferry owner has "
                    "pleaded guilty to 12 offences.\n\n\u201cHe has taken the sea from me.\u201d")
    assert find_quotes(text, model=model)[0].speaker != "The wealthy ferry owner"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Brandt dismissed the letter as the work of a \u201ctiny and insignificant group\u201d.", "Tomas Brandt"),
    ("Isn't running a harbour enough for one man? He laughs: \u201cIt keeps me busy.\u201d", "Tomas Brandt"),
    ("The critics wrote to him, but he pushed back, saying \u201cthe pier pays for itself\u201d.", "Tomas Brandt"),
])
def test_more_reporting_verbs_name_their_subject(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_LEAD + sentence, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    # a role served by a body whose name is in lower case, after its possessive
    ("A spokesman for the party's harbour group said the letter came from a \u201ctiny and insignificant "
     "group\u201d.", "A spokesman for the party's harbour group"),
    # a role opening the sentence with no article, then its holder's name set off by commas
    ("Pop star and member of the Harbour Singers, Ivo Marsh, wrote: \u201cOnce again the pier is ours.\u201d",
     "Ivo Marsh"),
])
def test_a_role_and_whom_it_serves_or_who_holds_it(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_LEAD + sentence, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_name_with_an_appositive_is_its_sentence_s_subject_for_he(model: bool) -> None:
    text = ("Sander Levin dismissed concerns that he was bucking the will of his state.\n\n"
            "Former governor Ed Marsh, one of the pier's most vocal supporters, was even more resolute.\n\n"
            "\u201cAbsolutely not,\u201d he said of the possibility of a second vote.")
    assert find_quotes(text, model=model)[-1].speaker == "Ed Marsh"


def test_whom_the_words_were_told_to_is_no_speaker() -> None:
    text = ("A young deckhand has told a court of the harm it did to her life.\n\n"
            "\u201cHe has taken the sea from me.\u201d")
    assert find_quotes(text, model=False)[0].speaker != "a court"


@pytest.mark.parametrize("model", [False, True])
def test_he_in_a_clause_about_a_thing_is_the_role_opening_the_sentence(model: bool) -> None:
    text = ("Mr. Brandt, in his longest remarks on the pier since the vote, was not proposing to close it, an "
            "aide later made clear, but calling for a new survey.\n\n"
            "The candidate sought to draw a contrast with the council, which he criticized as having a "
            "\u201cpatch-and-pray\u201d policy.")
    assert find_quotes(text, model=model)[0].speaker == "The candidate"


@pytest.mark.parametrize("model", [False, True])
def test_the_role_is_the_person_an_honorific_opened_the_sentence_before_with(model: bool) -> None:
    text = ("Tomas Brandt, the harbour master, is running for mayor.\n\n"
            "Mr. Brandt, in his longest remarks on the pier since the vote, was not proposing to close it, an "
            "aide later made clear, but calling for a new survey. "
            "The candidate sought to draw a contrast with the council, which he criticized as having a "
            "\u201cpatch-and-pray\u201d policy.")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("opening", "speaker"), [
    ("Said another Weibo user:", "another Weibo user"),
    ("Wrote one commenter:", "one commenter"),
    ("Added the harbour master:", "Tomas Brandt"),  # the lead says who the harbour master is
])
def test_a_verb_before_a_determiner_phrase_names_it(model: bool, opening: str, speaker: str) -> None:
    text = _LEAD + "On the forum, some condemned the plan.\n\n" + (
        f"{opening} \u201cEven if the pier had been built twice, the ferry would still be late.\u201d")
    assert find_quotes(text, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_weighed_in_attributes_like_chimed_in(model: bool) -> None:
    text = ("The ferry fares rose again on Monday. The minister weighed in that the islanders "
            "\u201ccannot keep paying this much to cross.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "The minister"
