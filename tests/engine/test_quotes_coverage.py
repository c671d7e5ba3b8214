"""Attribution shapes that used to leave a quotation without its speaker or give it the
wrong one, and key quotes that were not complete statements.

Every text here is written for these tests; none is taken from the corpus."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes, key_quotes


def speakers(text: str, model: bool = True) -> dict[str, str | None]:
    return {f.text: f.speaker for f in find_quotes(text, model=model)}


@pytest.mark.parametrize("model", [True, False])
def test_an_attribution_split_off_after_a_question_mark_belongs_to_its_quotation(model: bool) -> None:
    text = (
        "Senator Ruth Calder and the host Ben Okoro argued about the budget.\n\n"
        "\u201cWho is going to pay for all of this?\u201d Okoro asked. "
        "\u201cWe will, and we are proud of it!\u201d Calder said."
    )
    found = speakers(text, model)
    assert found["Who is going to pay for all of this?"] == "Ben Okoro"
    assert found["We will, and we are proud of it!"] == "Ruth Calder"


@pytest.mark.parametrize("model", [True, False])
def test_a_party_tag_between_the_name_and_the_verb(model: bool) -> None:
    text = (
        "Senator Dana Whitlow spoke after the vote.\n\n"
        "\u201cThis bill will not survive the winter recess in its present form,\u201d "
        "Sen. Dana Whitlow (D-Ore.) said Tuesday. \u201cWe need a better one.\u201d"
    )
    found = speakers(text, model)
    assert found["This bill will not survive the winter recess in its present form"] == "Dana Whitlow"
    assert found["We need a better one."] == "Dana Whitlow"


@pytest.mark.parametrize("model", [True, False])
def test_a_quotation_paragraph_continues_after_a_long_appositive(model: bool) -> None:
    text = (
        "Marta Quell runs the campaign for Governor Ivo Brandt.\n\n"
        "\u201cWe raised more money this quarter than in the whole of last year,\u201d "
        "Marta Quell, Brandt\u2019s campaign manager and a former state treasurer, said in a statement.\n\n"
        "\u201cVoters are telling us they want a change in the capital.\u201d"
    )
    found = speakers(text, model)
    assert found["We raised more money this quarter than in the whole of last year"] == "Marta Quell"
    assert found["Voters are telling us they want a change in the capital."] == "Marta Quell"


@pytest.mark.parametrize("model", [True, False])
def test_an_anonymous_partisan_is_a_role_and_continues_into_the_next_paragraph(model: bool) -> None:
    text = (
        "Party insiders doubt the front-runner can hold on.\n\n"
        "\u201cThe gap in the north is too wide to close before the vote,\u201d said a Nevada Democrat.\n\n"
        "\u201cShe needs a strong result in the south to stay in the race.\u201d"
    )
    found = speakers(text, model)
    assert found["The gap in the north is too wide to close before the vote"] == "a Nevada Democrat"
    assert found["She needs a strong result in the south to stay in the race."] == "a Nevada Democrat"


@pytest.mark.parametrize("model", [True, False])
def test_a_statement_introduced_without_a_speech_verb(model: bool) -> None:
    text = (
        "Governor Ivo Brandt visited the flooded towns on Sunday.\n\n"
        "After the visit, Governor Ivo Brandt issued the following statement:\n\n"
        "\u201cOur thoughts are with every family that lost a home this weekend.\u201d"
    )
    assert speakers(text, model)["Our thoughts are with every family that lost a home this weekend."] == "Ivo Brandt"


@pytest.mark.parametrize("model", [True, False])
def test_a_statutes_wording_is_not_given_to_the_critics_in_the_sentence(model: bool) -> None:
    text = (
        "The election law took effect on Monday.\n\n"
        "Critics say the 1998 act, which states that \u201cno person shall distribute any leaflet "
        "within 100 feet of a polling place on the day of an election,\u201d is being misused.\n\n"
        "Critics argued that the statute, which reads \u201cNo person shall photograph a ballot "
        "in a polling booth,\u201d was too broad."
    )
    assert set(speakers(text, model).values()) == {None}
    assert key_quotes(text, "a1") == []


@pytest.mark.parametrize("model", [True, False])
def test_a_place_is_not_a_speaker(model: bool) -> None:
    text = (
        "PARIS \u2014 Ministers met in Paris on Monday to discuss the grain deal.\n\n"
        "Paris said the agreement was \u201ca step in the right direction for the whole region.\u201d"
    )
    assert speakers(text, model) == {"a step in the right direction for the whole region.": None}


@pytest.mark.parametrize("model", [True, False])
def test_a_possessive_leaves_no_apostrophe_in_a_speakers_name(model: bool) -> None:
    text = (
        "Attorney General Karl Sessions met the state governors on Tuesday.\n\n"
        "Karl Sessions\u2019 remarks drew criticism, and Sessions\u2019 office said: "
        "\u201cThe attorney general stands by every word he said at the meeting.\u201d"
    )
    speaker = speakers(text, model)["The attorney general stands by every word he said at the meeting."]
    assert speaker is not None and speaker.endswith("office") and not speaker.startswith("and ")
    assert all(not (s or "").endswith(("\u2019", "'")) for s in speakers(text, model).values())


def test_the_title_of_a_spokesman_is_not_the_speaker() -> None:
    text = (
        "Kestan and Valdoria resumed talks on Monday.\n\n"
        "\u201cWe hope that Kestan will use its influence to end the blockade,\u201d "
        "Valdorian Foreign Ministry spokesman Oleg Marenko told reporters on Monday."
    )
    assert speakers(text) == {"We hope that Kestan will use its influence to end the blockade": "Oleg Marenko"}


def test_key_quotes_are_complete_statements_not_phrases_lifted_from_narration() -> None:
    text = (
        "The pension reform passed parliament on Tuesday after a long debate.\n\n"
        "Minister Elena Duarte said the reform would \u201cprotect the savings of every family in "
        "this country for many years to come\u201d and promised a review next year.\n\n"
        "\u201cNobody will lose their pension because of this reform. We have made sure of that,\u201d "
        "Duarte said."
    )
    quotes = key_quotes(text, "a1")
    assert [q.text for q in quotes] == [
        "Nobody will lose their pension because of this reform. We have made sure of that"
    ]


def test_key_quotes_prefer_the_principal_actors_over_a_pages_header() -> None:
    text = "\n\n".join([
        "Friday, April 19, 2024",
        "HomeWorld Kestan leader visits Valdoria for the first time...",
        "Kestan President Lu Wenhai and Valdorian President Ana Brisk met in the capital on "
        "Monday and touted their close ties, on the first day of a state visit.",
        "\u201cOur two countries have never been closer, and our trade has doubled,\u201d Lu said.",
        "\u201cWe are grateful to our friends, who came a long way to see us,\u201d said Ines Holt, a "
        "local shop owner who watched the motorcade.",
        "Lu met Brisk again on Tuesday, and Lu is to visit the port before leaving.",
    ])
    assert [q.speaker for q in key_quotes(text, "a1", limit=1)] == ["Lu Wenhai"]
