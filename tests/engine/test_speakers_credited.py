"""A quotation credited by what follows it: the next sentence ("That quote from X appeared
...") or a dashed signature with what the signer did ("-President Obama, tweeting after the
speech."). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("credit", ["That quote from", "The remark, by"])
def test_the_next_sentence_credits_the_quotation(model: bool, credit: str) -> None:
    text = (
        "The bureau has had a bad name in the state for decades.\n\n"
        "\u201cI would rather have a sister in a hospital than a brother in the bureau.\u201d "
        f"{credit} State Securities Commissioner Tomas Krall appeared in the Journal in 1980. "
        "Governor Ina Belk said on Monday that the bureau had changed."
    )
    assert find_quotes(text, model=model)[0].speaker == "Tomas Krall"


@pytest.mark.parametrize("model", [False, True])
def test_a_dashed_signature_with_what_the_signer_did(model: bool) -> None:
    text = (
        "Senator Dale Hurst spoke to the delegation on Wednesday.\n\n"
        "\u201cGreat speech. She is tested. She is ready.\u201d\n\n"
        "-Mayor Rosa Quint, tweeting after the speech.\n\n"
        "\u201cWe are tired of waiting,\u201d Hurst said."
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Rosa Quint", "Dale Hurst"]


def test_a_sentence_about_another_quote_credits_nothing() -> None:
    # guard: the next sentence must open with the credit; a later mention of a quote is no credit
    text = (
        "The bureau has had a bad name in the state for decades.\n\n"
        "\u201cI would rather have a sister in a hospital than a brother in the bureau.\u201d "
        "Many have repeated it since; a later quote from Tomas Krall was kinder."
    )
    assert find_quotes(text, model=False)[0].speaker is None


def test_the_main_clause_speaks_after_an_opening_participle_of_speech() -> None:
    # "Acknowledging that X "...", Allen did suggest": Allen's reading of X, not X's words
    text = (
        "Tom Allen, a county commissioner, backs the senator.\n\n"
        "Acknowledging that Senator Ann Voss \u201csays a lot of silly stuff,\u201d though, Allen did "
        "suggest that her wealth gives her an edge."
    )
    assert find_quotes(text, model=False)[0].speaker == "Tom Allen"


def test_his_campaign_protested_is_not_her_campaign() -> None:
    # the one the article names with "campaign" is a woman: "His campaign" stays as written
    text = (
        "Senator Paul Reder will debate on Monday, said campaign chief Ann Voss.\n\n"
        "His campaign protested that Voss aides were being \u201cdisingenuous\u201d because they knew "
        "of the rally."
    )
    assert find_quotes(text, model=False)[0].speaker == "His campaign"


def test_a_quotation_alone_after_its_speakers_sentence_is_theirs() -> None:
    text = (
        "The debate turned sharp on Wednesday night.\n\n"
        "Moderator Carl Quint seemed taken aback and mentioned that the candidate's picture had been "
        "on the company's website. \u201cDoes that not speak to your judgment in any way?\u201d"
    )
    assert find_quotes(text, model=False)[0].speaker == "Carl Quint"


def test_as_described_by_later_in_the_sentence_credits_the_words() -> None:
    text = (
        "The record of the former secretary is long.\n\n"
        "From her failure to secure the embassy to being \u201cextremely careless\u201d with secrets "
        "\u2014 as described by FBI Director Jim Comer \u2014 the list goes on."
    )
    assert find_quotes(text, model=False)[0].speaker == "Jim Comer"


def test_the_makers_of_a_named_work_are_not_its_speakers() -> None:
    # '"...," wrote the authors of the "Growth Project"': the words are the authors', the
    # work's quoted name nobody's
    text = (
        "The party published its review in March.\n\n"
        "\u201cWe have to engage new voters,\u201d wrote the authors of the \u201cGrowth Project,\u201d "
        "giving the example of the last nominee."
    )
    quotes = find_quotes(text, model=False)
    assert [(q.text, q.speaker) for q in quotes] == [("We have to engage new voters", "the authors"),
                                                      ("Growth Project", None)]


def test_a_role_between_an_outlet_and_a_name_introduces_the_name() -> None:
    text = (
        "The candidates met for a debate on Tuesday.\n\n"
        "The senator was asked by Fox Business moderator Gerard Baxter whether the plan would risk "
        "\u201cadding another expensive program.\u201d"
    )
    assert find_quotes(text, model=False)[0].speaker == "Gerard Baxter"


def test_a_name_and_its_verb_after_a_question_attribute_it() -> None:
    # '"...?" Lichtman said about ...': the next sentence's own quotation does not take it away
    text = (
        "Historian Alan Lichter has studied the race. Senator Carver kept his distance from the "
        "president.\n\n"
        "\u201cWhy in the world would you try to cozy up to George W. Bush?\u201d Lichter said about "
        "Carver\u2019s effort to downplay his ties with Bush. He added, though, that in the end "
        "\u201cCarver couldn\u2019t escape the record, and it didn\u2019t work.\u201d"
    )
    assert find_quotes(text, model=False)[0].speaker == "Alan Lichter"


@pytest.mark.parametrize("model", [False, True])
def test_a_question_put_to_somebody_is_not_their_words(model: bool) -> None:
    text = (
        "Governor Dale Hurst spoke to a magazine this week.\n\n"
        "In the interview, Hurst was asked, \u201cWhat is the most dangerous place you have been to?\u201d "
        "He joked that it was the state capital."
    )
    assert find_quotes(text, model=model)[0].speaker is None


@pytest.mark.parametrize("model", [False, True])
def test_a_name_given_by_somebodys_opponents_is_theirs(model: bool) -> None:
    # 'X is called a "racist" by his opponents': the opponents' word, not X's
    text = (
        "Protests against old statues spread across the country on Monday.\n\n"
        "Politician and mine owner Cecil Rhodan is called a \u201cracist\u201d by his opponents."
    )
    assert find_quotes(text, model=model)[0].speaker == "his opponents"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("According to some on Twitter, Kelly was \u201cincognito,\u201d sparking speculation.", "some on Twitter"),
    ("The deal is \u201calmost done,\u201d according to people familiar with the matter.",
     "people familiar with the matter"),
    ("According to critics, the plan is \u201ca giveaway to the rich.\u201d", "critics"),
])
@pytest.mark.parametrize("model", [False, True])
def test_people_named_by_what_they_are_report_the_words(sentence: str, speaker: str, model: bool) -> None:
    text = "The anchor Mara Kelly visited the tower on Wednesday.\n\n" + sentence
    assert find_quotes(text, model=model)[0].speaker == speaker


def test_a_quoted_subheading_is_found_by_the_words_it_echoes() -> None:
    # "'Just listen to us'" heads a section; the words are Dennis's, said further down, not the
    # speaker's of the paragraph before
    text = (
        "\u201cSome phones were stolen,\u201d said researcher Nadia Jamal. \u201cWe do not know what "
        "happened to others.\u201d\n\n"
        "\u2018Just listen to us\u2019\n\n"
        "For his part, Dennis Brock said he found housing in October.\n\n"
        "Asked what he would tell the mayor, Dennis Brock said: \u201cJust listen. Just listen to us. "
        "We are people.\u201d"
    )
    speakers = {q.text: q.speaker for q in find_quotes(text, model=False)}
    assert speakers["Just listen to us"] == "Dennis Brock"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    # a record and the body that issued it, named in lower case
    ("According to a statement from the council, the pier is \u201csafe for all\u201d.", "the council"),
    # a person's own writing: theirs
    ("Tomas Brandt wrote a memoir. According to his memoir, the pier was \u201chis greatest work\u201d.",
     "Tomas Brandt"),
    # a thing's writing: the writing
    ("He met a man whose book, according to its online summary, \u201cdraws a troubling portrait of the "
     "mayor\u201d.", "its online summary"),
])
def test_according_to_a_record_names_who_or_what_reports(model: bool, sentence: str, speaker: str) -> None:
    text = "The pier opened on Monday after three years of work.\n\n" + sentence
    assert find_quotes(text, model=model)[0].speaker == speaker


def test_a_caption_repeating_attributed_words_takes_their_speaker() -> None:
    text = (
        "Tomas Brandt will chronicle his journey in a new series.\n\n"
        "\u2018They are warning him to slow down on revealing too much of his life on television,\u2019 a source "
        "told the Herald.\n\n"
        "Brandt sons: \u2018They are warning him to slow down on revealing too much of his life on television,\u2019 "
        "it was also shared."
    )
    assert [q.speaker for q in find_quotes(text, model=False)] == ["a source", "a source"]


def test_a_short_phrase_two_people_use_keeps_each_speaker() -> None:
    text = (
        "Jo Marsh says the movement wanted to take a \u201chard stand\u201d against the council.\n\n"
        "In his own videos, Ivo Santos is seen speaking during a march about taking a \u201chard stand\u201d at "
        "the harbour."
    )
    assert [q.speaker for q in find_quotes(text, model=False)][1] != "Jo Marsh"


@pytest.mark.parametrize("model", [False, True])
def test_words_it_was_noted_are_nobody_s_the_label_names(model: bool) -> None:
    text = (
        "Ivo Brandt spoke of his father: \u2018We were never close.\u2019\n\n"
        "Ivo and his brothers: \u2018They urged him not to give other interviews this year,\u2019 it was noted."
    )
    assert find_quotes(text, model=model)[-1].speaker is None


@pytest.mark.parametrize("model", [False, True])
def test_a_person_the_sentence_before_is_according_to_hands_over_the_next_paragraph(model: bool) -> None:
    text = ("The council will read the harbour charter aloud.\n\n"
            "According to Peter Keaton at the Harbour Gazette, \u00a31.1 million is the cost of the reading.\n\n"
            "\u201cThe amount I get is nearly \u00a31.1 million, though this is more back-of-the-envelope than "
            "exact.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "Peter Keaton"
