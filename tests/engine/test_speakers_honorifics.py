"""An honorific before a surname two people of the article share names the one of its gender
("Mr Cameron" beside Samantha Cameron and David Cameron is David Cameron), for the speaker and
for the "he" that follows; a title and one name are a person ("Lady Gaga"), unless the name is
part of a full name the article writes ("Lord Rix" beside "Brian Rix"). Fixture sentences
written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

TEXT = (
    "Samantha Hale will join the campaign. Prime Minister David Hale said she was ready.\n\n"
    "Party chairman Grant Shaw used the opening speech of the conference to attack his rival, "
    "declaring: \u201cHe lied and lied again.\u201d\n\n"
    "Mr Hale has admitted that the pressures of the campaign mean their evenings out will be put on hold.\n\n"
    "{sentence}"
)


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sentence", [
    "He told the Sunday Courier: \u201cI think that will probably be a bit testing.\u201d",
    "\u201cI think that will probably be a bit testing,\u201d Mr Hale told the Sunday Courier.",
])
def test_mr_and_a_shared_surname(model: bool, sentence: str) -> None:
    found = find_quotes(TEXT.format(sentence=sentence), model=model)
    assert [q.speaker for q in found] == ["Grant Shaw", "David Hale"]


@pytest.mark.parametrize("model", [False, True])
def test_mrs_and_a_shared_surname(model: bool) -> None:
    sentence = "\u201cI am ready for the road,\u201d Mrs Hale told the Sunday Courier."
    found = find_quotes(TEXT.format(sentence=sentence), model=model)
    assert found[-1].speaker == "Samantha Hale"


@pytest.mark.parametrize("model", [False, True])
def test_one_person_of_the_surname_keeps_the_honorific_name(model: bool) -> None:
    # guard: with one full name of the surname, "Mr Shaw" is him
    sentence = "\u201cWe will win the seat back,\u201d Mr Shaw said."
    assert find_quotes(TEXT.format(sentence=sentence), model=model)[-1].speaker == "Grant Shaw"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("name", "pronoun"), [("Lady Gala", "she"), ("Prince Harald", "he")])
def test_a_title_and_one_name_are_a_person(model: bool, name: str, pronoun: str) -> None:
    text = (
        "The mayor praised the singer on Monday.\n\n"
        f"{name} is leading the show at Sunday's final. {name.split()[1]} has been putting in the hours.\n\n"
        f"\u201cWe were rehearsing in the tent for about a week,\u201d {pronoun} told a radio station."
    )
    assert find_quotes(text, model=model)[0].speaker == name


@pytest.mark.parametrize("model", [False, True])
def test_a_title_and_a_surname_of_a_full_name_are_that_person(model: bool) -> None:
    # guard: "Lord Rixby" beside "Brian Rixby" is Brian Rixby
    text = (
        "Brian Rixby, the actor, has written to the House of Lords.\n\n"
        "Lord Rixby said: \u201cMy position has changed.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Brian Rixby"


@pytest.mark.parametrize("model", [False, True])
def test_an_honorific_of_the_other_gender_is_not_the_one_named_in_full(model: bool) -> None:
    # the father is never named in full: "Mr. Marsh" is not his daughter Emma Marsh, even once
    # "Mr. Marsh" alone has made the only Marsh named in full a man
    text = ("Emma Marsh, 16, stood beside her father at the harbour on Monday. Mr. Marsh opened the pier.\n\n"
            "\u201cYou want to pet him?\u201d Mr. Marsh asked his daughters.")
    assert find_quotes(text, model=model)[0].speaker == "Mr. Marsh"
