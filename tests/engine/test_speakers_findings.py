"""Words a finding or a characterisation reports ("the Larch Center found that "..."", "The
Daily Courier characterized it as "...""), and words whose owner a speech noun names ("Brook's
catch phrase in that race was that ...", "the contention of former governor Tom Wells that ...").
Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_OPENING = "Governor Tom Wells had a bad week at the capital.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("In 2014, the Larch Center found that \u201cabout twice as many voters want gun control.\u201d", "Larch Center"),
    ("The Daily Courier characterized the mood as a \u201cjourney from denial to acceptance.\u201d", "Daily Courier"),
    ("A study by the Larch Center finds that \u201cmost voters want gun control.\u201d", "Larch Center"),
])
def test_a_finding_or_a_characterisation_is_its_subjects(model: bool, sentence: str, speaker: str) -> None:
    found = find_quotes(_OPENING + sentence, model=model)[0].speaker or ""
    assert found.removeprefix("the ") == speaker  # the model may show the name with its article


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Senator Dana Brook ran against Wells in 2010. Brook\u2019s catch phrase in that election against Wells "
     "was that Wells \u201cwould say or do anything to win.\u201d", "Dana Brook"),
    ("Senator Dana Brook spoke on Monday. Her remarks support the contention of former governor Tom Wells "
     "that some of his letters were subject to \u201cover-classification.\u201d", "Tom Wells"),
])
def test_the_owner_of_a_speech_noun_is_the_speaker(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_OPENING + sentence, model=model)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_somebody_elses_words_about_a_remark_stay_theirs(model: bool) -> None:
    # guard: "denounced Brook's remarks as "..."" are the denouncer's words, not Brook's
    text = _OPENING + ("Senator Dana Brook spoke on Monday. "
                       "Wells denounced Brook\u2019s remarks as \u201creckless.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Tom Wells"


@pytest.mark.parametrize("model", [False, True])
def test_a_speech_nouns_owner_after_an_earlier_speech_verb(model: bool) -> None:
    text = _OPENING + (
        "Senator Dana Brook spoke on Monday.\n\n"
        "The candidates say they are not avoiding Brook, who has been battered by FBI Director Omar Haddad\u2019s "
        "conclusion that her actions were \u201cextremely careless.\u201d\n\n"
        "In a statement, Wells called Brook\u2019s assertion of a \u201cclaim of right\u201d over the letters "
        "\u201csignificant and disturbing.\u201d"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Omar Haddad", "Dana Brook", "Tom Wells"]


@pytest.mark.parametrize("model", [False, True])
def test_a_verdict_on_somebodys_claim_is_the_speakers(model: bool) -> None:
    # guard: the quotation judges the claim; it is not the claim's content
    text = _OPENING + (
        "Spokeswoman Ana Ruiz said Thursday that Brook\u2019s claim that Wells is in favour of raising "
        "every tax in the state is \u201csimply not true.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Ana Ruiz"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Linda Sharp met him in 1986. To Sharp, Wells is the \u201ckind-hearted and caring\u201d man who saved her farm.",
     "Linda Sharp"),
    ("To his critics, the visit was \u201ca stunt.\u201d", "his critics"),
])
def test_the_view_a_sentence_opens_with_is_its_holders(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_OPENING + sentence, model=model)[0].speaker == speaker


def test_an_opening_phrase_with_to_names_nobody_when_it_is_no_view() -> None:
    # guard: "To his credit" is no one's view; the sentence's speech verb still speaks
    text = _OPENING + "To his credit, Wells called the visit \u201ca duty.\u201d"
    assert find_quotes(text, model=False)[0].speaker == "Tom Wells"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("opening", [
    "Brook\u2019s letter makes a libertarian-style case:",
    "From Brook\u2019s Facebook post:",
])
def test_a_persons_own_record_before_a_colon(model: bool, opening: str) -> None:
    text = _OPENING + (
        "Senator Dana Brook sits on the panel. Aides say she will back Wells.\n\n"
        f"{opening} \u201cFollowers of radical groups hate everything we stand for.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Dana Brook"


@pytest.mark.parametrize("model", [False, True])
def test_a_speaker_holding_to_their_own_words(model: bool) -> None:
    text = _OPENING + (
        "Senator Dana Brook debated him on Monday.\n\n"
        "As the debate went on and Wells stood by his comment Monday that \u201cthe city hates us,\u201d "
        "refusing to say more, Brook again tried to attack him."
    )
    assert find_quotes(text, model=model)[0].speaker == "Tom Wells"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The Rove ad hits Wells for taking \u201c54 times more money from banks than from all of Iowa.\u201d",
     "The Rove ad"),
    ("That cable warned the consulate could not defend against a \u201ccoordinated attack.\u201d", "That cable"),
])
def test_a_writing_that_opens_the_sentence_speaks(model: bool, sentence: str, speaker: str) -> None:
    text = _OPENING + "Karl Rove funds the group, and a cable came in August.\n\n" + sentence
    assert find_quotes(text, model=model)[0].speaker == speaker


def test_cable_news_is_no_writing() -> None:
    # guard: "The cable news networks" are not a cable
    text = _OPENING + ("The cable news networks showed the debate, where Wells called his rival "
                       "\u201cLittle Marco\u201d again.")
    assert find_quotes(text, model=False)[0].speaker != "The cable"


def test_the_report_is_the_subject_of_the_sentence_it_opens() -> None:
    text = ("In a report released in February, the Office of the Director of Coastal Security said the "
            "threat was on the rise.\n\n"
            "\"The potential for surprise will increase in the next year,\" the report said.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Office of the Director of Coastal Security"]
