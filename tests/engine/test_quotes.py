"""Quotation finding and attribution on short news texts the team wrote."""

import pytest

from briefs.write.quotes import find_quotes, key_quotes


def speakers(text: str) -> dict[str, str | None]:
    return {f.text: f.speaker for f in find_quotes(text)}


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('"We will rebuild every home in the valley," Mayor Anna Kowalski said on Monday.',
         "We will rebuild every home in the valley", "Anna Kowalski"),
        ("Mayor Anna Kowalski said: \u201cWe will rebuild every home in the valley.\u201d",
         "We will rebuild every home in the valley.", "Anna Kowalski"),
        ('"The talks were frank and useful," said Foreign Minister Pedro Almeida.',
         "The talks were frank and useful", "Pedro Almeida"),
        ('Senator Ruth Okafor told reporters, "This bill will not pass the chamber."',
         "This bill will not pass the chamber.", "Ruth Okafor"),
        ("Ukrainian Foreign Ministry spokesman Oleg Nikolenko said the visit was "
         "\u201ca cynical show staged for domestic viewers.\u201d",
         "a cynical show staged for domestic viewers.", "Oleg Nikolenko"),
        ("Coach Martin Hale said: \u2018I have not made up my mind about the team yet.\u2019",
         "I have not made up my mind about the team yet.", "Martin Hale"),
        ('The rally drew thousands, "more than we ever expected," according to organiser Lisa Brandt.',
         "more than we ever expected", "Lisa Brandt"),
    ],
)
def test_attribution_patterns(text: str, quote: str, speaker: str) -> None:
    assert speakers(text)[quote] == speaker


def test_pronouns_resolve_to_the_last_named_person() -> None:
    text = (
        "Prime Minister Elena Duarte met union leaders in Lisbon on Tuesday.\n\n"
        '"Nobody will lose their pension because of this reform," she said.\n\n'
        "Opposition leader Marco Pires rejected the plan.\n\n"
        '"This is a tax on the young and we will fight it," he added.'
    )
    found = speakers(text)
    assert found["Nobody will lose their pension because of this reform"] == "Elena Duarte"
    assert found["This is a tax on the young and we will fight it"] == "Marco Pires"


def test_gendered_titles_steer_pronouns() -> None:
    text = (
        "Mrs. Helen Ward, the council leader, spoke after Mr. Tom Reed had left the room.\n\n"
        '"We cannot keep closing libraries and call it savings," she said.'
    )
    assert speakers(text)["We cannot keep closing libraries and call it savings"] == "Helen Ward"


def test_surnames_and_roles_become_full_names() -> None:
    text = (
        "Chinese President Wei Longmin welcomed Brazilian President Carla Matos in Beijing.\n\n"
        '"Our friendship will grow stronger with every harvest," Wei said.\n\n'
        "The Brazilian president said the deal would \u201copen new markets for our farmers.\u201d"
    )
    found = speakers(text)
    assert found["Our friendship will grow stronger with every harvest"] == "Wei Longmin"
    assert found["open new markets for our farmers."] == "Carla Matos"


def test_quotations_spanning_sentences_and_continuations() -> None:
    text = (
        '"The water came fast. We had ten minutes to leave," said farmer Joan Price. '
        '"Everything else is gone."'
    )
    found = speakers(text)
    assert found["The water came fast. We had ten minutes to leave"] == "Joan Price"
    assert found["Everything else is gone."] == "Joan Price"


def test_participle_attribution_uses_the_sentence_subject() -> None:
    text = ("Governor Sam Ito, who took office in March after a long campaign against the "
            "incumbent, praised the rescue crews, calling their work \u201cthe best of this state.\u201d")
    assert speakers(text)["the best of this state."] == "Sam Ito"


def test_unattributed_quotes_have_no_speaker() -> None:
    text = 'The sign on the gate read "closed until further notice for repairs".'
    assert speakers(text)["closed until further notice for repairs"] is None


def test_key_quotes_prefer_attributed_statements_over_scare_quotes_and_titles() -> None:
    text = (
        'Officials called it a "new era" in relations.\n\n'
        'The two leaders watched "Swan Lake" at the Bolshoi.\n\n'
        '"We have agreed to double trade within five years and to open three new border crossings," '
        "President Ivan Sokol said.\n\n"
        'Analysts were cautious. "Promises like this have been made before," said economist Mia Berg.'
    )
    quotes = key_quotes(text, "a1")
    assert [q.speaker for q in quotes] == ["Ivan Sokol", "Mia Berg"]
    assert quotes[0].text.startswith("We have agreed to double trade")
    assert all(q.source_id == "a1" for q in quotes)
    assert all(q.text in text for q in quotes)  # verbatim


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("In a statement, her senior adviser, Tomas Brink, said: \u201cThe senator will "
         "vote for the bill next week.\u201d",
         "The senator will vote for the bill next week.", "Tomas Brink"),
        ("Governor Ana Ruiz took the stage in Salem and called the budget \u201ca betrayal of "
         "every teacher in this state.\u201d",
         "a betrayal of every teacher in this state.", "Ana Ruiz"),
        ("Mayor Leon Carter, during a town hall in Dover, Delaware, said the plan was "
         "\u201cdead on arrival in the council.\u201d",
         "dead on arrival in the council.", "Leon Carter"),
        ("Senator Ray Olsen on Thursday stepped up his criticism, saying the deal was "
         "\u201ca gift to the oil companies.\u201d",
         "a gift to the oil companies.", "Ray Olsen"),
        ('"Our schools need more than promises," said Sen. Patty Moore of Ohio.',
         "Our schools need more than promises", "Patty Moore"),
    ],
)
def test_more_attribution_patterns(text: str, quote: str, speaker: str) -> None:
    assert speakers(text)[quote] == speaker


def test_pronoun_after_a_verb_and_comma_and_places_are_not_people() -> None:
    text = (
        "Former judge Alan Reyes spoke in New York on Monday.\n\n"
        "He wrote, \u201cNo court in this country has ever accepted that argument.\u201d"
    )
    assert speakers(text)["No court in this country has ever accepted that argument."] == "Alan Reyes"


def test_a_quotation_running_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Chief engineer Mara Lind described the night the dam nearly failed.\n\n"
        "\u201cWe watched the water rise by the minute and we knew the spillway was blocked,\u201d "
        "Lind said. \u201cEvery pump we had was running.\n\n"
        "\u201cBy morning the level finally started to fall.\u201d"
    )
    found = speakers(text)
    assert found["Every pump we had was running."] == "Mara Lind"
    assert found["By morning the level finally started to fall."] == "Mara Lind"


def test_lower_case_role_between_verb_and_name() -> None:
    text = ('"We have won a fair deal for every member," said union secretary Joanna Reyes. '
            '"Work starts again tonight."')
    found = speakers(text)
    assert found["We have won a fair deal for every member"] == "Joanna Reyes"
    assert found["Work starts again tonight."] == "Joanna Reyes"


def test_a_quotation_in_the_predicate_belongs_to_the_named_subject() -> None:
    text = ("Senator Mia Corr spoke to voters in Dayton.\n\n"
            "Corr also bemoaned a climate in which neighbours \u201cno longer talk to each other\u201d "
            "about politics.")
    assert speakers(text)["no longer talk to each other"] == "Mia Corr"
