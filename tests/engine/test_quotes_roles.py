"""``said <role words> <Name>``: the speaker is the name after the role, not the role."""

import pytest

from briefs.write.phrases import name_run_after
from briefs.write.quotes import find_quotes, key_quotes

QUOTE = '"We have a deal that our members can live with," '


def speaker_of(attribution: str, before: str = "") -> str | None:
    found = find_quotes(before + QUOTE + attribution)
    assert found, "the quotation itself must be found"
    return found[-1].speaker


@pytest.mark.parametrize(
    "attribution",
    [
        "said union secretary Joanna Reyes.",
        "says union secretary Joanna Reyes.",
        "added union secretary Joanna Reyes.",
        "said union general secretary Joanna Reyes.",
        "said union secretary-general Joanna Reyes.",
        "said longtime union branch secretary Joanna Reyes.",
        "said 54-year-old union secretary Joanna Reyes.",
        "said dock worker and union secretary Joanna Reyes.",
        "said Harbour Workers Union secretary Joanna Reyes.",
        "said the union secretary Joanna Reyes.",
        "said the union secretary, Joanna Reyes.",
        "said the union\u2019s secretary, Joanna Reyes.",
        "said union secretary Joanna Reyes on Thursday.",
        "said union secretary Joanna Reyes, who led the talks.",
    ],
)
def test_role_words_between_verb_and_name_are_skipped(attribution: str) -> None:
    assert speaker_of(attribution) == "Joanna Reyes"


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("said chief executive officer Anna Berg.", "Anna Berg"),
        ("said Kestrel Holdings chief executive Anna Berg.", "Anna Berg"),
        ("said union secretary J. R. Reyes.", "J. R. Reyes"),
        ("said union secretary Joanna de la Cruz.", "Joanna de la Cruz"),
        ("said former Sen. Ruth Okafor, who chaired the inquiry.", "Ruth Okafor"),
        ("said Okafor campaign manager Tom Baptiste.", "Tom Baptiste"),
    ],
)
def test_names_after_titles_organisations_and_particles(attribution: str, speaker: str) -> None:
    assert speaker_of(attribution) == speaker


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        # Without a name, the role itself is who spoke, up to its last role word.
        ("said a union secretary.", "a union secretary"),
        ("said the union\u2019s secretary.", "the union\u2019s secretary"),
        ("said a senior Okafor adviser.", "a senior Okafor adviser"),
        ("said one district party leader.", "one district party leader"),
        # A weekday after the role is a time, not the speaker's name.
        ("said the ministry Tuesday.", "the ministry"),
        # A comma followed by a clause adds no name.
        ("said the union secretary, who led the talks.", "the union secretary"),
    ],
)
def test_role_phrases_without_a_name(attribution: str, speaker: str) -> None:
    assert speaker_of(attribution) == speaker


def test_a_bare_role_after_the_verb_is_the_person_introduced_with_it() -> None:
    before = "Union secretary Joanna Reyes led the talks for the dock workers.\n\n"
    assert speaker_of("said the secretary.", before) == "Joanna Reyes"


@pytest.mark.parametrize(
    "attribution",
    [
        "said of Joanna Reyes.",  # the object of a preposition
        "said when asked about Joanna Reyes.",
        "said officials Tuesday.",
    ],
)
def test_clause_words_and_times_are_not_speakers(attribution: str) -> None:
    assert speaker_of(attribution) is None


def test_the_port_strike_story_names_the_union_secretary() -> None:
    text = (
        "A strike that halted cargo traffic at the harbour ended on Thursday.\n\n"
        '"We have a deal that our members can live with," said union secretary Joanna Reyes. '
        '"Work starts again on the evening shift."\n\n'
        "The port operator said about 140 ships had been delayed."
    )
    quotes = key_quotes(text, "a1")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We have a deal that our members can live with", "Joanna Reyes"),
        ("Work starts again on the evening shift.", "Joanna Reyes"),
    ]


def test_a_possessive_before_the_role_is_not_the_speaker() -> None:
    # "said Okafor's spokesman": the spokesman spoke, not Okafor.
    assert name_run_after("Okafor\u2019s spokesman.") == "Okafor\u2019s spokesman"
    assert name_run_after("Okafor\u2019s top aide, Tom Baptiste.") == "Tom Baptiste"
    assert name_run_after("Okafor\u2019s decision.") is None


# -- "the congressman", "the president": a role the article gave one named person ------------

_HOUSE_MEMBER = (
    "Rep. Tom Harlan of Ohio walked out of the hearing on Tuesday. A reporter followed him down the "
    "hall. \"Who sent you here?\" the three-term congressman demands. \"I have a right to know.\""
)
_PRESIDENT_AND_DEPUTY = (
    "President Marta Silva and Vice President Jon Reyes toured the flooded valley on Monday. "
    "\"We will rebuild every bridge before winter,\" said the president, standing on a riverbank."
)
_TITLED_SURNAME_ONLY = (
    "President Delgado signed the water bill on Friday after a long fight with the assembly. "
    "\"This is a good day for every farmer in the valley,\" the president said."
)
_SURNAME_OF_A_RELATIVE = (
    "President Delgado signed the water bill on Friday. His daughter, Lucia Delgado, watched from "
    "the gallery. \"This is a good day for every farmer in the valley,\" the president said."
)


@pytest.mark.parametrize("model", [False, True])
def test_the_congressman_is_the_representative_the_article_named(model: bool) -> None:
    # "Rep." and "congressman" are titles of one office: the role resolves to the person.
    found = find_quotes(_HOUSE_MEMBER, model=model)
    assert [q.speaker for q in found] == ["Tom Harlan", "Tom Harlan"]


@pytest.mark.parametrize("model", [False, True])
def test_the_president_is_not_the_vice_president(model: bool) -> None:
    [quote] = find_quotes(_PRESIDENT_AND_DEPUTY, model=model)
    assert quote.speaker == "Marta Silva"


@pytest.mark.parametrize("model", [False, True])
def test_the_president_is_the_one_surname_the_article_gives_that_title(model: bool) -> None:
    [quote] = find_quotes(_TITLED_SURNAME_ONLY, model=model)
    assert quote.speaker == "Delgado"


def test_the_president_is_not_a_relative_named_in_full_with_the_same_surname() -> None:
    # Guard: "Lucia Delgado" is somebody else; the role stays a role rather than become her.
    [quote] = find_quotes(_SURNAME_OF_A_RELATIVE)
    assert quote.speaker == "the president"


# A role no one was given, right after a sentence whose subject is a person: that person, as a
# reader takes it.
_DESCRIBED_PROFESSOR = (
    "Ilse Brandauer founded the scooter maker in 2014 and still runs its factory.\n\n"
    "Brandauer is aware that she is entering uncharted waters. \"I don't know any carmaker that "
    "makes money with a car this small,\" the lanky, bespectacled professor said."
)
_DESCRIBED_PRIME_MINISTER = (
    "OTTAWA \u2014 Colm Varley says he is worried about cuts to schools.\n\n"
    "Varley made the comments at a town hall meeting on Thursday night.\n\n"
    "The prime minister said he was \"deeply concerned\" about the plan to close rural schools."
)
_DESCRIBED_REPORTER = (
    "Radio journalist Tomas Brenn was taken off the air on Monday over his posts about the harbour strike.\n\n"
    "\"The owners lied to every worker on the docks,\" Brenn wrote on Saturday.\n\n"
    "In later posts, the reporter called the strike \"the only honest thing in this town.\""
)


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("text", "speaker"), [(_DESCRIBED_PROFESSOR, "Ilse Brandauer"),
                                                (_DESCRIBED_PRIME_MINISTER, "Colm Varley"),
                                                (_DESCRIBED_REPORTER, "Tomas Brenn")])
def test_a_role_nobody_was_given_is_the_subject_of_the_sentence_before(text: str, speaker: str,
                                                                      model: bool) -> None:
    quote = find_quotes(text, model=model)[-1]
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # an unnamed professor was brought in: "the professor" may be that one
        (_DESCRIBED_PROFESSOR.replace("\n\nBrandauer", "\n\nA professor at the college disagreed. Brandauer"),
         "the lanky, bespectacled professor"),
        # a role that speaks for somebody else
        (_DESCRIBED_PRIME_MINISTER.replace("The prime minister", "The spokesman"), "The spokesman"),
        # a role with a name in it tells the reader who it is
        (_DESCRIBED_PRIME_MINISTER.replace("The prime minister", "The Westland premier"), "The Westland premier"),
        # an answer to a question the sentence before quotes is somebody else's
        ("Colm Varley interviewed the senator on Sunday.\n\n\"Would that be you?\" Varley asked. "
         "\"That would be me, yes, and I am ready,\" the senator said.", "the senator"),
        # "His daughter, Lucia Delgado," is the daughter, not the president the article titles
        ("President Delgado signed the water bill on Friday. Lucia Delgado said she was proud. His daughter, "
         "Lucia Delgado, watched from the gallery. \"This is a good day for every farmer in the valley,\" the "
         "president said.", "the president"),
        # "His wife, Ana Varley," is the wife, named in apposition: no subject of a verb of hers
        ("Colm Varley chairs the harbour board. Ana Varley said she was proud. His wife, Ana Varley, wept. "
         "\"This is a good day for every farmer in the valley,\" the chairman said.", "the chairman"),
    ],
)
def test_a_role_stays_a_role_where_the_sentence_before_does_not_say_who(text: str, role: str) -> None:
    assert find_quotes(text)[-1].speaker == role


@pytest.mark.parametrize("opening", ["Prosecutor", "Chief Crown prosecutor"])
def test_a_role_written_before_a_known_person_is_not_part_of_the_name(opening: str) -> None:
    text = ("Ilona Vasquez Brandt, the lead prosecutor, opened the case on Monday.\n\n"
            f"{opening} Ilona Vasquez Brandt said the evidence was \"overwhelming and clear to anyone who looks.\"")
    assert find_quotes(text)[-1].speaker == "Ilona Vasquez Brandt"


@pytest.mark.parametrize(
    "attribution",
    ["said Harbour Boxing Club\u2019s Brandauer.", "said Lisbon-born Brandauer."],
)
def test_an_affiliation_or_an_origin_before_a_known_surname_is_the_person(attribution: str) -> None:
    text = ("Ilse Brandauer, the club's coach, watched the bout on Friday.\n\n"
            "\"We have a deal that our members can live with,\" " + attribution)
    assert find_quotes(text)[-1].speaker == "Ilse Brandauer"


def test_a_british_police_rank_is_a_title_and_its_holder_says_what_follows() -> None:
    text = ("Prison officer Adrian Mulvey died on Tuesday. A man appeared in court on Saturday.\n\n"
            "Det Ch Insp Richard Coyle said it was \"another difficult day for the Mulvey family\". "
            "He added: \"We have spoken to the family this morning and told them of this development.\"")
    assert [q.speaker for q in find_quotes(text)] == ["Richard Coyle", "Richard Coyle"]


def test_a_participle_after_a_prepositions_object_speaks_for_the_sentences_subject() -> None:
    text = ("Karl Voss, secretary of the Delmora branch, wrote to the National Board saying: "
            "\"For some time we have been appalled by the way the branch is run.\"")
    assert find_quotes(text)[-1].speaker == "Karl Voss"
    # Guard: a relative clause's own subject speaks ("the Harbour Council, which wrote ... saying")
    text = ("The letter quotes the Harbour Council, which wrote several letters to Parliament saying "
            "\"a fair budget cannot rest on cuts to the poorest.\"")
    assert find_quotes(text)[-1].speaker == "the Harbour Council"


def test_mr_and_mrs_of_one_surname_are_two_people() -> None:
    text = ("Sue Moorcroft lost her son in the crash. Mr and Mrs Moorcroft, from Westport, want a new law.\n\n"
            "Mr Moorcroft said: \"Somebody can drive drunk and kill my son and walk free.\"\n\n"
            "Mrs Moorcroft added: \"There is nothing careless about drink driving.\"")
    # "Sue" is a woman's name: Mrs Moorcroft is Sue Moorcroft, and Mr Moorcroft is not
    assert [q.speaker for q in find_quotes(text)] == ["Mr Moorcroft", "Sue Moorcroft"]


def test_an_athlete_named_with_her_sport_is_who_she_is() -> None:
    text = ("Coach Karen Pickford praised the team.\n\nWelsh swimmer Georgia Dawes booked her place in the final "
            "with a British record. \"I've not swum a best time in this since the Glasgow games,\" she told reporters.")
    assert find_quotes(text)[-1].speaker == "Georgia Dawes"


@pytest.mark.parametrize("relative", ["his dad", "her mum", "his brother"])
def test_a_relative_after_the_verb_is_the_speaker_not_the_child_spoken_of(relative: str) -> None:
    text = ("Charlie Pato is 11 and trains with three clubs.\n\n"
            f"\u2018Charlie is only 11 but he gets it and he knows what is happening to him,\u2019 added {relative}.")
    assert find_quotes(text)[-1].speaker == relative
