"""Speakers named with long roles: two roles joined by "and" before the name ("lead author and
county hydrologist Nora Vale said"), an appositive whose last role is joined by "and" after a
place ("a fellow at the institute in Tromso, Norway, and co-author of the study,"), a role
before a name that has an appositive; an adverb between a pronoun and its verb ("He instead
told"); a company's "Inc." inside an appositive; "according to his aunt, Ida Marsh,"; nobody
named only inside somebody's words is given other words, nor anybody the words that an unnamed
"she" goes on saying; the holder of an office "of Public Prosecution" is named without it, and a
book's long title with a subtitle is no quotation, nor are titles listed with their commas inside
the marks; an abbreviation, a role or a common word before a first name is no part of the name;
a name "known as" and the accused of a charge are nobody's words; a report by an office's holder
speaks for the holder, and a letter for its writer; a room is no name; a hearer or a person spoken
of, named by a first word, is no speaker. Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

OPENING = "The river survey was published on Monday by the county and the university.\n\n"
WORDS = "\u201cThe water is rising faster than any model we had,\u201d"


def _speaker_of(text: str, words: str, model: bool) -> str | None:
    return next(q.speaker for q in find_quotes(text, model=model) if words in q.text)


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("attribution", [
    " lead author and county hydrologist Nora Vale said in a statement.",
    " lead author and hydrologist Nora Vale said.",
    " Nora Vale, a fellow at the institute in Tromso, Norway, and co-author of the study, said.",
    " Nora Vale, a hydrologist at the Arden Water Institute in Tromso, Norway, and co-author of the study, "
    "said in a statement.",
    " study lead author Nora Vale, a hydrologist at the Arden Water Institute in Tromso, Norway, and "
    "Lakeside University in Bergen, Norway, said in a statement.",
    " lead author Nora Vale, a hydrologist at the Arden Water Institute in Tromso, Norway, said.",
])
def test_a_long_role_after_the_words_names_its_holder(model: bool, attribution: str) -> None:
    text = OPENING + WORDS + attribution
    assert _speaker_of(text, "rising", model) == "Nora Vale"


@pytest.mark.parametrize("model", [False, True])
def test_a_role_joined_by_and_before_the_words_names_its_holder(model: bool) -> None:
    text = (OPENING + "Nora Vale, a fellow at the institute in Tromso, Norway, and co-author of the study, said: "
            "\u201cThe water is rising faster than any model we had.\u201d")
    assert _speaker_of(text, "rising", model) == "Nora Vale"


@pytest.mark.parametrize("model", [False, True])
def test_two_people_with_roles_are_not_one_role(model: bool) -> None:
    # guard: "and the governor, Ava Hill," is a second person, not a role of the first
    text = OPENING + WORDS + " Ray Dunn, the mayor, and the governor, Ava Hill, said."
    assert _speaker_of(text, "rising", model) != "Ray Dunn"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("adverb", ["instead", "finally", "even"])
def test_an_adverb_between_a_pronoun_and_its_verb(model: bool, adverb: str) -> None:
    text = (OPENING + "Duke Albrecht was asked about the flooded farms on Sunday.\n\n"
            f"He {adverb} told the radio interviewer: \u201cI took the view that this was serious.\u201d")
    assert _speaker_of(text, "serious", model) == "Duke Albrecht"


# A name only inside quotations is given no other words; nor anybody the words that an unnamed
# "she" goes on saying.
_REVIEWS = ("Visitors who booked the boat tour through Fjordline left their reviews of the trip on the booking "
            "site. Check them out below!\n\n"
            "\u201cThe tour was really great. We received the tickets at the pier and enjoyed a free coffee. "
            "Booking was really easy.\u201d\n\n\u2013 Jo**\n\n"
            "\u201cVery friendly crew! Super fun! We also met Danny Brekke, the captain, who told great "
            "stories!\u201d\n\n\u2013 Ali***\n\n"
            "\u201cIt was really good, and my cousin got to steer the boat. The seats were fine and we also had "
            "a view of the glacier.\u201d\n\n\u2013 Ki** Le**")
_UNNAMED_SHE = ("Robert Vale, a spokesman for the app, confirmed that the company notifies people who could use "
                "business accounts. \u201cWe use a model which predicts the likely intent of accounts,\u201d he "
                "said in an email.\n\n"
                "The Courier spoke to one mother, who knew her son was posing as a bakery on the app but did not "
                "know his number was on his profile. \u201cI am ahead of every other parent I know when it comes "
                "to phones,\u201d she said. \u201cI am literally laughing that my son has a public account with his "
                "own number on it.\u201d")


@pytest.mark.parametrize(("text", "words"), [(_REVIEWS, "cousin"), (_UNNAMED_SHE, "laughing")],
                         ids=["named-only-inside-quotations", "going-on-after-an-unnamed-she"])
def test_the_model_gives_these_words_to_nobody(text: str, words: str) -> None:
    assert _speaker_of(text, words, True) is None


@pytest.mark.parametrize("model", [False, True])
def test_a_company_suffix_is_no_appositive(model: bool) -> None:
    text = (OPENING + "Ola Brekke, Senior Vice President of Sales for Fjordline, Inc., says: \u201cThe water "
            "is rising faster than any model we had.\u201d")
    assert _speaker_of(text, "rising", model) == "Ola Brekke"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sentence", [
    "According to his aunt, Ida Marsh, \u201che was reading at an adult level in kindergarten.\u201d",
    "According to his aunt, Ida Marsh, he was \u201creading at an adult level in kindergarten.\u201d",
])
def test_according_to_a_role_and_its_holder(model: bool, sentence: str) -> None:
    text = "Tom Marsh was born in Gary, Indiana, in 1957.\n\n" + sentence + " He played chess."
    assert _speaker_of(text, "kindergarten", model) == "Ida Marsh"


@pytest.mark.parametrize("model", [False, True])
def test_the_holder_of_an_office_of_prosecution_is_named_without_it(model: bool) -> None:
    text = ("Deputy Director of Public Prosecution Ulla Brand-Holm closed the inquiry, the authority said.\n\n"
            "Ms Brand-Holm said: \u201cI would like to stress that the injured party has been credible.\u201d")
    assert _speaker_of(text, "credible", model) == "Ulla Brand-Holm"


@pytest.mark.parametrize("mark", ["\"", "\" "])
def test_a_long_title_with_a_subtitle_is_no_quotation(mark: str) -> None:
    text = ("Early retiree Ansel Moor suggests saving 25 times your yearly costs. In his book "
            f"{mark}Quiet Money: A Patient Path to All the Savings You Will Ever Need,\" Moor shares his formula.")
    assert not [q for q in find_quotes(text) if "Patient Path" in q.text]


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("opening", "speaker"), [
    ("Harbour FC DL Milo Brandt", "Milo Brandt"),          # a team and an abbreviated position
    ("Filmmaker Jack Orlen", "Jack Orlen"),                # a word the article writes in lower case
    ("Ferry Strike Carla Dunn", "Carla Dunn"),             # the same, a headline's words
    ("Special envoy to Ardenia Kurt Brandt", "Kurt Brandt"),  # where a role serves
    ("Actress Jamie Lee Orlen", "Jamie Lee Orlen"),        # guard: a first name the list does not know stays
    ("J. Gerald Orlen", "J. Gerald Orlen"),                # guard: an initial stays
])
def test_words_before_a_first_name_that_are_no_name_are_left_out(model: bool, opening: str, speaker: str) -> None:
    text = (f"{opening} spoke to reporters about the ferry strike on Monday, as did a filmmaker.\n\n"
            f"\u201cThe boats will sail again by spring,\u201d {speaker.split()[-1]} said.")
    assert _speaker_of(text, "sail", model) == speaker


def test_song_titles_listed_with_commas_inside_the_marks_are_no_quotations() -> None:
    text = ("According to the promoter, expect to hear the band's hits on the tour, including \u201cRiver Road,\u201d "
            "\u201cTakin\u2019 It Home,\u201d \u201cBlue Water Line\u201d and others.")
    assert find_quotes(text) == []


def test_a_name_given_in_the_passive_is_nobodys_words() -> None:
    text = ("HP is a rare condition in which the lungs react to something breathed in over time. The trigger can be "
            "dust, mould or feathers. When the trigger is feathers in a quilt, HP is called \u201cquilt lung.\u201d "
            "When it is feathers on a bird, the term often used is \u201cbird keeper\u2019s lung.\u201d When HP occurs "
            "in a person breeding pigeons, it is called \u201cpigeon breeder\u2019s lung.\u201d")
    assert [q.speaker for q in find_quotes(text)] == [None, None, None]


@pytest.mark.parametrize("opening", ["Yesterday, one user on Weibo said:",
                                     "According to AFP, one user on Weibo posted:"])
def test_a_user_on_a_platform_after_a_fronted_phrase(opening: str) -> None:
    text = ("Three cases were confirmed in the capital.\n\n" + opening
            + " \u201cI just want to know how these two came to the city.\u201d")
    assert _speaker_of(text, "came to the city", False) == "one user on Weibo"


@pytest.mark.parametrize("text", [
    "The police announcement came after President Ada Marsh ordered an end to a policy known as "
    "\u201ccatch and release.\u201d",
    "Paul Varga was charged last year with fraud.\n\nThe new charges accuse Varga, 69, and Ivo Lenn, 48, of "
    "intentionally attempting to \u201ccorruptly persuade\u201d two people.",
], ids=["a-name-known-as", "the-accused"])
def test_the_model_gives_a_name_or_a_charge_to_nobody(text: str) -> None:
    assert [q.speaker for q in find_quotes(text)] == [None]


@pytest.mark.parametrize("model", [False, True])
def test_a_report_by_an_office_holder_speaks_for_the_holder(model: bool) -> None:
    text = ("The comments followed the release on Thursday of the report by the Harbour Department\u2019s inspector "
            "general, Nils Horwath, on the port\u2019s handling of the strike.\n\n"
            "The report blasted the former harbour master for \u201cdeviating\u201d from long-standing rules.")
    assert _speaker_of(text, "deviating", model) == "Nils Horwath"


def test_a_room_is_no_name_a_body_resolves_to() -> None:
    text = ("The president spoke in the White House Roosevelt Room on Friday.\n\n"
            "On Thursday morning, the White House released a statement saying: \"We were very much looking "
            "forward to being there with you.\"")
    assert _speaker_of(text, "looking forward", False) == "White House"


@pytest.mark.parametrize("model", [False, True])
def test_a_letter_someone_wrote_speaks_for_the_writer(model: bool) -> None:
    # the hearer named by a first word ("Kim" of "Kim Jong Ilsu") is no speaker either
    text = ("Kim Jong Ilsu said on Friday that he was still willing to talk.\n\n"
            "On Thursday morning, the palace released a letter Marsh wrote to Kim saying: \"I was very much "
            "looking forward to being there with you.\"")
    assert _speaker_of(text, "looking forward", model) == "Marsh"


def test_words_spoken_of_someone_named_by_first_name_are_not_theirs() -> None:
    text = ("Bruce Talley has three sons. On Monday, footage aired that showed the brothers talking about their "
            "childhoods.\n\n"
            "Brandon spoke of Bruce during the years in the early '80s: 'Us missing a time of our lives is still "
            "the hardest thing for us to deal with.'")
    assert _speaker_of(text, "hardest thing", True) != "Bruce Talley"


@pytest.mark.parametrize("model", [False, True])
def test_where_a_source_works_is_not_the_source(model: bool) -> None:
    text = (OPENING + "One source at the company told the Courier: \u2018The water is rising faster than any model "
            "we had.\u2019")
    assert _speaker_of(text, "rising", model) == "One source at the company"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    # a name the first-name list does not know, after the country a diplomat is sent to
    ("Ardenia\u2019s ambassador to Norland Wen Haoxi said on Sunday that \u201cthe door is open.\u201d", "Wen Haoxi"),
    ("Special envoy to Norland Kurt Brandt said on Sunday that \u201cthe door is open.\u201d", "Kurt Brandt"),
    # guards: an adviser to a titled person is the adviser; an envoy nobody names stays a role
    ("A senior adviser to President Kurt Brandt said on Sunday that \u201cthe door is open.\u201d",
     "A senior adviser to President Kurt Brandt"),
    ("The Ardenian ambassador to Norland said on Sunday that \u201cthe door is open.\u201d",
     "The Ardenian ambassador to Norland"),
])
def test_a_diplomat_is_named_after_the_country_they_are_sent_to(model: bool, sentence: str, speaker: str) -> None:
    assert _speaker_of(sentence + " Talks resume next week.", "door", model) == speaker


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("According to the agency, one user on Chirp, which is Norland\u2019s answer to Twitter, posted: "
     "\u201cWho can we trust now?\u201d", "one user on Chirp"),
    ("Yesterday, a woman in the crowd, who had waited for hours, shouted: \u201cWho can we trust now?\u201d",
     "a woman in the crowd"),
])
def test_a_relative_clause_after_an_unnamed_subject_leaves_it_the_speaker(model: bool, sentence: str,
                                                                          speaker: str) -> None:
    assert _speaker_of(sentence, "trust", model) == speaker


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("opening", ["New Zealander", "Australian", "Briton"])
def test_where_a_person_comes_from_is_no_part_of_the_name(model: bool, opening: str) -> None:
    text = (f"{opening} Tim Orlen was on holiday with his wife when the attack happened and described how "
            "\u201cthe crocodile kept the dog in its mouth for ages.\u201d")
    assert _speaker_of(text, "crocodile", model) == "Tim Orlen"


def test_a_club_describing_a_man_is_not_the_speaker() -> None:
    text = ("Arsenal beat Newcastle 2-1 on Saturday.\n\n"
            "And the former Schalke man says he is finally adjusting to English football, claiming he fits in "
            "\u201cperfectly.\u201d")
    assert find_quotes(text, model=False)[0].speaker != "Schalke"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("reporter", "speaker"), [("the man", "the man"), ("his mother", "his mother")])
def test_according_to_somebody_described_names_them(model: bool, reporter: str, speaker: str) -> None:
    text = (f"Tim Orlen, 12, fell ill last year.\n\nAccording to {reporter}, the steroids \u201chad a transformative "
            "effect within two days.\u201d")
    assert _speaker_of(text, "transformative", model) == speaker


def test_according_to_the_data_names_nobody() -> None:
    text = ("Tim Orlen, 12, fell ill last year.\n\n"
            "According to the data, the drug \u201chad a transformative effect.\u201d")
    assert _speaker_of(text, "transformative", False) is None


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    # a role whose field or place is a name opens the appositive
    ("Nora Vale, Arctic analyst for the Polar Institute, told BBC Radio the survey showed the river was "
     "\u201crising faster than any model we had\u201d.", "Nora Vale"),
    ("Nora Vale, BBC correspondent, said the river was \u201crising faster than any model we had\u201d.", "Nora Vale"),
    # an office in capitals with its "for", then its holder set off by commas
    ("The European Commissioner for Climate, Nora Vale, said the river was \u201crising faster than any model we "
     "had\u201d.", "Nora Vale"),
    # a day that opens the sentence is nobody; the name before the appositive speaks
    ("On Monday, the County Gazette, the voice of the farming towns, warned that the river was \u201crising faster "
     "than any model we had\u201d.", "County Gazette"),
])
def test_the_name_before_an_appositive_speaks(model: bool, sentence: str, speaker: str) -> None:
    # (the model shows the article the text writes before a name: "the County Gazette")
    assert find_quotes(OPENING + sentence, model=model)[0].speaker.removeprefix("the ") == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_role_set_before_a_name_is_the_name_s(model: bool) -> None:
    text = ("In a long-awaited report, the department\u2019s inspector general, Michael Horvath, took the mayor "
            "to task.\n\nThe decision was \u201ca serious error of judgment,\u201d the inspector general wrote.")
    assert find_quotes(text, model=model)[0].speaker == "Michael Horvath"


@pytest.mark.parametrize("model", [False, True])
def test_the_inspector_general_is_not_the_attorney_general(model: bool) -> None:
    text = ("Attorney General Loretta Lyle said the harbour inquiry was closed.\n\n"
            "The decision was \u201ca serious error of judgment,\u201d the inspector general wrote.")
    assert find_quotes(text, model=model)[0].speaker == "the inspector general"


@pytest.mark.parametrize("model", [False, True])
def test_the_third_witness_is_not_another_witness_named_before(model: bool) -> None:
    text = ("The board questioned the judgment of another witness, Alexander Vinter, on Monday.\n\n"
            "The pier was \u201ca political problem,\u201d the third witness said.")
    assert find_quotes(text, model=model)[0].speaker == "the third witness"


@pytest.mark.parametrize("model", [False, True])
def test_a_wife_set_off_before_her_name_is_no_he(model: bool) -> None:
    text = ("Tomas Brandt, the harbour master, spoke of the toll on his wife, Huma Aberg, a ferry pilot.\n\n"
            "\u201cI am protecting my wife from these stories,\u201d he said.")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
def test_a_clause_with_its_own_subject_is_no_appositive_before_the_verb(model: bool) -> None:
    text = ("The ferry was on its way from the capital, Zagora, when it ran aground about two miles from the "
            "harbour about noon, said Marina Kovac-Lind, a spokeswoman for the harbour police. \u201cThis is a "
            "huge loss, so there is no place for speculation,\u201d she said.")
    assert find_quotes(text, model=model)[0].speaker == "Marina Kovac-Lind"


@pytest.mark.parametrize("model", [False, True])
def test_a_clause_without_its_own_subject_is_a_parenthetical(model: bool) -> None:
    text = ("Tomas Brandt, when asked about the ferry on Monday, said it was \u201cout of our hands.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("subject, speaker", [
    ("The report, released on Thursday,", "The report"),
    ("The harbour board's statement, published late on Friday,", "The harbour board's statement"),
    ("A spokesman, speaking on condition of anonymity,", "A spokesman"),
])
def test_a_participle_set_off_after_a_role_or_writing_leaves_it_the_subject(
        model: bool, subject: str, speaker: str) -> None:
    text = f"Talks on the ferry fares resumed on Monday. {subject} said the talks were \u201cgoing nowhere fast.\u201d"
    assert find_quotes(text, model=model)[0].speaker == speaker


def test_a_clause_set_off_after_a_place_is_no_participle_aside() -> None:
    # guard: "In the court, opponents argued": a fronted phrase, then the clause's own subject
    text = "In the harbour court, opponents argued the fares were \u201cfar too high for the islanders.\u201d"
    assert find_quotes(text, model=False)[0].speaker == "opponents"
