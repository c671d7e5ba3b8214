"""People named by a role and what they belong to ("Leaders of the organization", "Proponents
of the new bill"), and an inverted attribution whose speaker has a relative clause ("Said
Dorothy Keyes, who grew up with him, "...""). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("subject", "verb"), [
    ("Leaders of the organization", "have said that"),
    ("Proponents of the new bill, however,", "say it would"),
    ("Some members of the council", "said they would"),
    ("The head of the group", "said it would"),
])
def test_a_role_of_a_group_speaks_whole(model: bool, subject: str, verb: str) -> None:
    text = (
        "Governor Tom Wells spoke to the group on Friday.\n\n"
        f"{subject} {verb} \u201cbuild a working relationship with whoever wins.\u201d"
    )
    expected = subject.replace(", however,", "")
    assert find_quotes(text, model=model)[0].speaker == expected


@pytest.mark.parametrize("model", [False, True])
def test_a_role_of_a_named_person_stays_the_person(model: bool) -> None:
    # guard: a name with its role set off by commas is still the name
    text = (
        "Governor Tom Wells spoke to the group on Friday.\n\n"
        "Dana Brook, the head of the group, said \u201cour community builds a working relationship.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Dana Brook"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("who", [
    "Maria Lopez, who grew up with the singer in the neighborhood",
    "Maria Lopez, a neighbour of the family for 30 years",
])
def test_an_inverted_attribution_with_what_the_speaker_is(model: bool, who: str) -> None:
    text = (
        "The old house on Birch Street became a museum last year.\n\n"
        f"Said {who}, \u201cWe were all so proud of him.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Maria Lopez"


@pytest.mark.parametrize("model", [False, True])
def test_one_persons_two_roles_with_a_relative_clause(model: bool) -> None:
    text = (
        "Mark Ellison spoke to delegates on Friday.\n\n"
        "The influential delegate and conservative activist, who backs Hale, warned of a "
        "\u201cferocious\u201d battle ahead."
    )
    assert find_quotes(text, model=model)[0].speaker == "The influential delegate and conservative activist"


@pytest.mark.parametrize("model", [False, True])
def test_two_people_with_a_relative_clause_are_nobody_alone(model: bool) -> None:
    # guard: "the mayor and the governor" are two people, never one role
    text = (
        "Mark Ellison spoke to delegates on Friday.\n\n"
        "The mayor and the governor, who back Hale, said \u201ca ferocious battle\u201d lies ahead."
    )
    assert find_quotes(text, model=model)[0].speaker != "The mayor and the governor"


@pytest.mark.parametrize("model", [False, True])
def test_an_owners_reviewers_speak(model: bool) -> None:
    text = (
        "The ministry declined to comment on Friday.\n\n"
        "The ministry\u2019s reviewers had said more than 1,300 letters held secrets, but most were just "
        "\u201cconfidential,\u201d a lower level."
    )
    assert find_quotes(text, model=model)[0].speaker == "The ministry\u2019s reviewers"


@pytest.mark.parametrize("model", [False, True])
def test_an_office_a_pronoun_names_speaks_through_its_statement(model: bool) -> None:
    text = (
        "Senator Mark Vetter joined the critics on Monday.\n\n"
        "His office put out a statement saying the state \u201cdoes not have the capacity to vet every newcomer.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "His office"


@pytest.mark.parametrize("model", [False, True])
def test_two_roles_with_a_party_and_an_office_of_something(model: bool) -> None:
    text = (
        "Dana Brook spoke in Ames on Tuesday.\n\n"
        "The Democratic presidential front-runner and former secretary of state said the country "
        "\u201cclearly\u201d needed a stronger air campaign."
    )
    assert find_quotes(text, model=model)[0].speaker == (
        "The Democratic presidential front-runner and former secretary of state")


@pytest.mark.parametrize("model", [False, True])
def test_a_master_of_ceremonies_is_a_role_before_the_name(model: bool) -> None:
    text = (
        "Families from the valley arrived on Sunday.\n\n"
        "\u201cThanks, Riverton, for welcoming these families,\u201d said master of ceremonies Asab Tabbar, "
        "an engineer who moved to the town decades ago."
    )
    assert find_quotes(text, model=model)[0].speaker == "Asab Tabbar"


@pytest.mark.parametrize("model", [False, True])
def test_a_plural_role_named_by_two_people_is_theirs(model: bool) -> None:
    text = ("The old pier was built in 1880 by Governor Tomas Brandt.\n\n"
            "Brandt\u2019s biographers, Ina and Owen Pratt, wrote that Brandt \u201chad a tin ear for the town.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Ina and Owen Pratt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("When the man asks Brandt to \u201cplease let go of me,\u201d the governor grabs his arm.", "the man"),
    # guard: "a man" after "when" is anybody, not a speaker
    ("When a man tells a woman that she is \u201cmoaning,\u201d he shuts her down.", None),
])
def test_a_definite_subject_of_a_subordinate_clause_speaks(model: bool, sentence: str, speaker: str | None) -> None:
    text = "Governor Tomas Brandt lost his temper on camera.\n\n" + sentence
    assert find_quotes(text, model=model)[0].speaker == speaker
