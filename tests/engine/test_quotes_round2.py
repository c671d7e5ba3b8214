"""Speakers that are not introduced people, quoted strings that are nobody's words, and key
quotes about the story's principal actors. Every text here is written for these tests."""

from __future__ import annotations

from briefs.write.people import People
from briefs.write.quotes import (
    Found,
    _score,
    _Story,
    attributed_by_rules,
    find_quotes,
    is_quotation,
    key_quotes,
    load_quotation_model,
    quotation_features,
)
from briefs.write.speakers import candidates, choose_speakers, sentence_phrases


def _only(text: str) -> tuple[Found, People]:
    found, people = attributed_by_rules(text)
    assert len(found) == 1
    return found[0], people


def test_an_organisation_in_the_quotations_sentence_is_a_candidate() -> None:
    text = ("Shipping resumed on the river on Tuesday. The Dunmore Harbour Board was blunt in its "
            "ruling: \u201cNo further delays will be tolerated at the northern locks.\u201d")
    quote, people = _only(text)
    phrases = sentence_phrases(quote, people)
    board = next(name for name in phrases if "Harbour Board" in name)
    assert phrases[board]["np_first"] == 1.0 and phrases[board]["np_org"] == 1.0
    assert board in [name for name, _features in candidates(quote, people, None)]


def test_a_role_with_a_proper_adjective_after_said_is_the_speaker() -> None:
    text = ("\u201cThe gap is too wide to close before the vote in the spring,\u201d said a "
            "former U.S. trade official who asked not to be named.")
    assert [(f.text[:11], f.speaker) for f in find_quotes(text, model=False)] == [
        ("The gap is ", "a former U.S. trade official")]


def test_phrase_candidates_skip_common_words_and_the_quotation_itself() -> None:
    text = ("Reading from a card, Mara Quist praised the crew.\n\n"
            "Her deputy said the plan was \u201cFirm and Fair\u201d and reading it was easy.")
    found, people = attributed_by_rules(text)
    phrases = sentence_phrases(found[-1], people)
    assert "Firm" not in " ".join(phrases) and "Reading" not in " ".join(phrases)
    first, people = attributed_by_rules("Reading from a card, Mara Quist called it \u201cgood work\u201d.")
    assert "Mara Quist" in sentence_phrases(first[0], people)


def test_the_speaker_model_can_choose_a_phrase_candidate_that_speaks() -> None:
    text = ("The Dunmore Harbour Board said on Monday that the locks were safe.\n\n"
            "Shipping resumed on Tuesday. The Dunmore Harbour Board had one message for the crews: "
            "\u201cNo further delays will be tolerated at the northern locks.\u201d")
    found, people = attributed_by_rules(text)
    assert found[-1].speaker is None
    choose_speakers(found, people, weights={"np_first": 3.0, "np_org": 1.0, "nobody": 1.0})
    assert found[-1].speaker is not None and "Harbour Board" in found[-1].speaker


def test_the_speaker_model_never_fills_in_a_name_that_never_speaks() -> None:
    text = ("Shipping resumed on Tuesday.\n\nThe plan, drawn up after the Dunmore Harbour School "
            "flood, recommended \u201ca second wall at the northern locks.\u201d")
    found, people = attributed_by_rules(text)
    assert found[-1].speaker is None
    choose_speakers(found, people, weights={"np_first": 3.0, "np_org": 1.0, "nobody": 1.0})
    assert found[-1].speaker is None


def test_the_quotation_model_drops_markup_attributes_and_keeps_statements() -> None:
    text = ('<post author="@harbourwatch" date="May 2">Ships are back.</post>\n\n'
            "\u201cWe expect the locks to reopen by Friday and the backlog to clear within a week,"
            "\u201d said Mara Quist, the harbour master.")
    weights = load_quotation_model()
    assert weights is not None
    found, people = attributed_by_rules(text)
    markup = next(f for f in found if f.text == "@harbourwatch")
    statement = next(f for f in found if f.text.startswith("We expect"))
    assert quotation_features(markup, people.text)["markup"] == 1.0
    assert not is_quotation(markup, people.text, weights)
    assert is_quotation(statement, people.text, weights)
    assert [f.text[:9] for f in find_quotes(text)] == ["We expect"]


def test_a_show_title_after_a_possessive_is_not_a_quotation() -> None:
    text = ("The senator appeared on KTVX\u2019s \u201cMorning Desk Live\u201d on Sunday and "
            "talked about the budget.")
    found, people = attributed_by_rules(text)
    features = quotation_features(found[0], people.text)
    assert features["possessive_before"] == 1.0 and features["title_case"] == 1.0
    assert find_quotes(text) == []


def test_key_quotes_prefer_a_statement_naming_the_storys_principals() -> None:
    text = "\n\n".join([
        "Valdoria and Kestan opened border talks in Port Amsel on Monday.",
        "Both sides sent large delegations, and the talks are expected to last a week.",
        "\u201cWe will keep talking for as long as it takes, and we are patient people,\u201d "
        "said Ilse Varga, a negotiator.",
        "\u201cWe hope Kestan will use this week to reopen the crossings at Port Amsel for "
        "Valdoria\u2019s traders,\u201d said Tomas Reyl, a negotiator.",
        "Valdoria and Kestan last met in Port Amsel in 2019, when talks failed.",
    ])
    paragraphs = text.split("\n\n")
    found = find_quotes(text)
    story = _Story.of(text, paragraphs, found)
    assert {"Valdoria", "Kestan"} <= story.names and "Monday" not in story.names
    reyl = next(f for f in found if f.speaker == "Tomas Reyl")
    plain = _Story(story.topic, story.actors, set())
    assert _score(reyl, len(paragraphs), story) >= _score(reyl, len(paragraphs), plain) + 1.5
    assert [q.speaker for q in key_quotes(text, "a1", limit=1)] == ["Tomas Reyl"]


def test_a_continuation_line_ranks_below_the_attributed_one() -> None:
    text = ("\u201cThe locks will reopen on Friday and the ships will move again,\u201d said Mara "
            "Quist. \u201cThe locks will reopen on Friday and the barges will move again.\u201d")
    found = find_quotes(text)
    assert [f.how for f in found] == ["after", "continued"]
    assert _score(found[0], 1) > _score(found[1], 1)
