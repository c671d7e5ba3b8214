"""A crowd's chant and a grumble heard are the crowd's words ("supporters chanted "Lock her up!"",
"some Republicans could be heard grousing that ..."), an adverb between a subject and its verb
hides neither ("The U.S. media has always claimed"), and one person's sentence after a crowd's
words does not go on with them. Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_RALLY = "Governor Tom Wells held a rally in the city on Friday.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("His supporters chanted \u201cLock her up!\u201d as he spoke.", "His supporters"),
    ("Some Republicans could be heard grousing that the \u201cfake\u201d leaflets outnumbered the real ones.",
     "Some Republicans"),
    ("The national media has always claimed itself to be an \u201cunbiased\u201d review of events.",
     "The national media"),
])
def test_a_group_speaks_its_words(model: bool, sentence: str, speaker: str) -> None:
    assert find_quotes(_RALLY + sentence, model=model)[0].speaker == speaker


def test_one_persons_sentence_after_a_chant_is_not_the_crowds() -> None:
    text = _RALLY + (
        "As Wells attacked his rival, the attendees chanted, \u201cLock her up!\u201d as they had before. "
        "At one point, Wells tried to calm them. He gestured \u201cno\u201d with his hands."
    )
    speakers = {q.text: q.speaker for q in find_quotes(text, model=False)}
    assert speakers["Lock her up!"] == "the attendees"
    assert speakers["no"] != "the attendees"


def test_a_passive_announcement_still_speaks_for_nobody() -> None:
    # guard: "be" and "been" before a verb are passed over only for a speech verb's subject
    text = _RALLY + "The singer has been announced as \u201cthe act of the year.\u201d"
    assert find_quotes(text, model=False)[0].speaker is None


@pytest.mark.parametrize("model", [False, True])
def test_some_of_a_group_is_not_the_group_named_before(model: bool) -> None:
    text = _RALLY + (
        "In the first round of balloting, Georgia Republicans will cast 42 votes for Wells.\n\n"
        "As they walked the halls, some Republicans could be heard grousing that the \u201cfake\u201d "
        "leaflets outnumbered the real ones."
    )
    assert find_quotes(text, model=model)[0].speaker == "some Republicans"


@pytest.mark.parametrize("model", [False, True])
def test_a_crowd_is_never_one_person_named_with_it(model: bool) -> None:
    text = _RALLY + (
        "The attendees Dana Brook and Omar Haddad sat in the front row.\n\n"
        "Later the attendees chanted \u201cFour more years!\u201d as Wells left the stage."
    )
    assert find_quotes(text, model=model)[0].speaker == "the attendees"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sentence", [
    "Critics say the world will be overpopulated, but he hits back by saying: \u201cSociety will adapt.\u201d",
    "He hits back by saying: \u201cSociety will adapt.\u201d",
    # a verb that is no speech verb, and a comma before the participle
    "He invoked the doctrine of \u201cstewardship,\u201d saying it means \u201cSociety will adapt.\u201d",
    "She rejected the forecast, saying: \u201cSociety will adapt.\u201d",
])
def test_a_pronoun_opening_the_participles_clause_speaks(model: bool, sentence: str) -> None:
    text = "Aubrey Grey wants everyone to live longer.\n\n" + sentence
    assert find_quotes(text, model=model)[-1].speaker == "Aubrey Grey"


@pytest.mark.parametrize("model", [False, True])
def test_a_pronoun_is_not_one_of_two_names_a_plural_verb_shares(model: bool) -> None:
    text = ("Tomas Brandt says he is hopeful about the north.\n\n"
            "Speaking on the radio Monday, Brandt refrained from attacking his rivals, notably Govs. Ray Dunn and "
            "Owen Pratt, who say the young senator lacks the experience to lead.\n\n"
            "He waved off criticism of his debate, saying Monday that it was his campaign\u2019s "
            "\u201cbest fundraising night.\u201d")
    assert find_quotes(text, model=model)[-1].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Hundreds of pro-Grey demonstrators marched through the square on Monday, chanting \u201cLive long!\u201d",
     "Hundreds of pro-Grey demonstrators"),
    ("Dozens of students gathered outside the hall, shouting \u201cLive long!\u201d", "Dozens of students"),
    ("The students gathered outside the hall, shouting \u201cLive long!\u201d", "The students"),
])
def test_a_crowd_speaks_through_its_participle(model: bool, sentence: str, speaker: str) -> None:
    text = "Aubrey Grey wants everyone to live longer.\n\n" + sentence
    assert find_quotes(text, model=model)[-1].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_interjecting_is_speech(model: bool) -> None:
    text = ("Aubrey Grey wants everyone to live longer.\n\n"
            "He laughed it off by interjecting, \u201cOnly my doctor.\u201d")
    assert find_quotes(text, model=model)[-1].speaker == "Aubrey Grey"


@pytest.mark.parametrize("model", [False, True])
def test_one_user_and_another_are_two_people_the_article_does_not_name(model: bool) -> None:
    text = ("Forum user Dora Pike wrote: \u2018Sack him now, he has shamed the club!\u2019\n\n"
            "Others were angry about the fee. \u2018He should lose his job,\u2019 said one forum user, "
            "while another said, \u2018Not normally my thing, but I am paying for it.\u2019")
    assert [q.speaker for q in find_quotes(text, model=model)][1:] == ["one forum user", "another forum user"]


def test_another_opening_its_sentence_is_written_as_the_article_writes_it() -> None:
    text = "One voter said the mayor was \u201ca disgrace to the town\u201d. Another called him \u201ca hero\u201d."
    assert [q.speaker for q in find_quotes(text, model=False)] == ["One voter", "Another voter"]
