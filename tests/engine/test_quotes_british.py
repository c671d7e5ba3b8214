"""British style: a quotation in single marks that runs on into the next paragraph leaves its
first paragraph unclosed ("He said: 'I have not made up my mind ..."), and a name's title is set
off by commas in capitals ("Fanny Moizant, Brand Communications Director and Head of UK,
said"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes, key_quotes

OPENING = "The trainer has three horses entered at the festival this week.\n\n"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("mark", ["'", "\u2018"])
def test_an_unclosed_single_quoted_paragraph_is_a_quotation(model: bool, mark: str) -> None:
    close = "'" if mark == "'" else "\u2019"
    text = OPENING + (
        f"Paul Nichols said: {mark}I have not made up my mind if I am going to run Sam Winner yet.\n\n"
        f"{mark}I have not pressed any buttons on any of the horses who ran here.{close}\n\n"
        "The race starts at three."
    )
    found = find_quotes(text, model=model)
    assert [q.text for q in found] == [
        "I have not made up my mind if I am going to run Sam Winner yet.",
        "I have not pressed any buttons on any of the horses who ran here.",
    ]
    assert [q.speaker for q in found] == ["Paul Nichols", "Paul Nichols"]


@pytest.mark.parametrize("model", [False, True])
def test_an_apostrophe_opens_no_quotation(model: bool) -> None:
    # guard: a word's apostrophe at a paragraph's start or after a comma is no opening mark
    text = OPENING + (
        "He grew up in the '90s, 'round the corner from the track, and rode his first winner at 16.\n\n"
        "'90s racing was a different sport, he says."
    )
    assert find_quotes(text, model=model) == []


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("title", [
    "Vestiaire Collective's Brand Communications Director and Head of UK",
    "CEO of Lantern Air",
    "Lantern Air CEO",
])
def test_a_capitalised_title_after_the_name(model: bool, title: str) -> None:
    text = OPENING + (
        f"Fanny Moizant, {title}, said: \u201cThe bags have come to symbolise the epitome of "
        "quality.\u201d"
    )
    assert find_quotes(text, model=model)[0].speaker == "Fanny Moizant"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("mark", "close"), [("'", "'"), ("\u201c", "\u201d")])
def test_a_caption_between_paragraphs_of_one_quotation(model: bool, mark: str, close: str) -> None:
    text = (
        "Owen Hale believes his team-mate has become one of the best forwards in the league.\n\n"
        f"Now Hale has revealed his admiration for the former Rovers forward, saying: {mark}He is getting "
        "used in the right way. He is a handful for defenders.\n\n"
        "Dario Lenz has enjoyed an upturn in fortunes in recent weeks at United.\n\n"
        f"{mark}We like to play out from the back and we have him as an option.\n\n"
        f"{mark}He is probably the best in the league at bringing the ball down.{close}"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Owen Hale"] * 3


@pytest.mark.parametrize("model", [False, True])
def test_a_sentence_about_somebody_after_a_closed_quotation_hands_over(model: bool) -> None:
    # guard: with the quotation before closed, the person a lone sentence is about speaks next
    text = (
        "Owen Hale believes his team-mate has become one of the best forwards in the league.\n\n"
        "Now Hale has revealed his admiration for the former Rovers forward, saying: 'He is getting "
        "used in the right way.'\n\n"
        "Dario Lenz, the forward, outlined how the team plays.\n\n"
        "'We like to play out from the back and we have an option up front.'"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Owen Hale", "Dario Lenz"]


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("verb", ["proudly declared afterwards:", "angrily said:"])
def test_an_adverb_between_a_role_and_its_verb(model: bool, verb: str) -> None:
    text = OPENING + f"The Lions manager {verb} \u201cThat was a performance this club can be proud of.\u201d"
    assert find_quotes(text, model=model)[0].speaker == "The Lions manager"


@pytest.mark.parametrize("model", [False, True])
def test_the_interviewers_question_is_answered_by_who_spoke_last(model: bool) -> None:
    text = (
        "Aubrey Grey says ageing can be cured. Critics argue the world would be crowded, but he hits "
        "back by saying: 'Society will adapt. People will have fewer children.'\n\n"
        "What about the cost of keeping so many people alive? 'People will continue to contribute "
        "because they will be healthier.\n\n"
        "'I have no idea if I will live to 100.'"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Aubrey Grey"] * 3


@pytest.mark.parametrize("model", [False, True])
def test_two_captions_between_paragraphs_of_one_quotation(model: bool) -> None:
    text = (
        "Harry Reed hopes to see one of his former clubs go up this season.\n\n"
        "He said: 'The job which Eddie has done is second to none. He has been amazing.\n\n"
        "Reed is full of praise for the job the current manager has done at the club.\n\n"
        "The Cherries sit top of the league with three games of the season remaining.\n\n"
        "'I can't see them not going up because they are the best team in the league.'"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Harry Reed"] * 2


def test_a_quotation_whose_first_sentence_the_summary_carries_gives_way() -> None:
    text = (
        "Owen Hale believes his team-mate has become one of the best forwards in the league.\n\n"
        "Now Hale has revealed his admiration for the former Rovers forward, saying: \u201cHe is getting "
        "used in the right way. He is a handful for defenders to mark.\n\n"
        "\u201cHe is showing now what he did at Rovers and why the club bought him.\u201d"
    )
    summary = ["Now Hale has revealed his admiration for the former Rovers forward, saying: \u201cHe is "
               "getting used in the right way."]
    texts = [q.text for q in key_quotes(text, "a1", 1, summary=summary)]
    assert texts == ["He is showing now what he did at Rovers and why the club bought him."]


@pytest.mark.parametrize("model", [False, True])
def test_a_described_name_before_a_colon_speaks(model: bool) -> None:
    text = (
        "England drew the first Test in Abu Dhabi.\n\n"
        "Former England spinner Graeme Swain: \u201cI am proud of the way England played. They did "
        "that even though they did not get the result.\n\n"
        "\u201cI'm really pleased for the two spinners who copped a load of stick.\u201d"
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Graeme Swain"] * 2


def test_a_headline_naming_somebody_before_a_colon_does_not_give_him_the_words() -> None:
    # guard, the rules' (the model's choice for a headline is its own): in a headline, the name
    # before the colon is whom the headline is about
    text = (
        "Donald Trump Praises Political Editor Matthew Boyle: \u201cA Great Reporter\u201d\n\n"
        "The candidate spoke on Monday in Ohio about the press."
    )
    assert [q.speaker for q in find_quotes(text, model=False)] == [None]


@pytest.mark.parametrize("model", [False, True])
def test_an_unclosed_paragraph_holding_a_quotation_of_its_own_runs_on(model: bool) -> None:
    text = OPENING + (
        "Paul Nichols said: \u2018I have not made up my mind if I am going to run Sam Winner yet.\n\n"
        "\u2018I did not want to have to say \"sorry mate, he is not running\" and stop him getting a ride.\n\n"
        "\u2018I have plenty of other lads who could ride him.\u2019\n\n"
        "The race starts at three."
    )
    found = find_quotes(text, model=model)
    assert [q.text[:20] for q in found] == ["I have not made up m", "I did not want to ha", "I have plenty of oth"]
    assert [q.speaker for q in found] == ["Paul Nichols"] * 3


def test_a_closed_paragraph_keeps_the_quotation_inside_it_apart() -> None:
    text = OPENING + ("Paul Nichols said: \u2018I did not want to say \"sorry mate\" to him.\u2019 "
                      "The race starts at three.")
    assert [q.text for q in find_quotes(text, model=False)] == ["I did not want to say \"sorry mate\" to him."]


@pytest.mark.parametrize("model", [False, True])
def test_a_closing_mark_whose_partner_was_lost_opens_no_quotation(model: bool) -> None:
    # a page that lost a paragraph break: the second quotation's opening mark pairs with the
    # first's, and the mark after "pipeline." closes; the narration after it is nobody's words
    text = OPENING + (
        "Frank Lampen, co-founder of the fund, added: \"The team are the founders we love to back. "
        "\"Their vision for the harbour is exciting and this will fund the pipeline.\" Last year the "
        "group held a third of the whisky market, up from a quarter in the year before."
    )
    found = find_quotes(text, model=model)
    assert not any("Last year" in q.text for q in found)


@pytest.mark.parametrize("model", [False, True])
def test_a_straight_mark_between_spaces_still_opens_a_quotation(model: bool) -> None:
    text = OPENING + (
        "\"The tablets had a transformative effect within two days,\" Paul Nichols wrote. \" The course "
        "continued for twelve months, with a gradual reduction in dose over time.\n\n"
        "The race starts at three."
    )
    found = find_quotes(text, model=model)
    assert [q.text[:10] for q in found] == ["The tablet", "The course"]
    assert [q.speaker for q in found] == ["Paul Nichols"] * 2


@pytest.mark.parametrize("model", [False, True])
def test_an_excerpts_mark_doubled_before_the_quotations_own_keeps_the_narration_out(model: bool) -> None:
    text = OPENING + (
        "Here is an excerpt from the report:\n\n"
        "\"\"We have learned something since the days I served,\" Paul Nichols said to the group gathered "
        "in the hall in March. \"And you show it.\"\n\n"
        "The race starts at three."
    )
    found = find_quotes(text, model=model)
    assert [q.text for q in found] == ["We have learned something since the days I served", "And you show it."]
    assert [q.speaker for q in found] == ["Paul Nichols"] * 2


@pytest.mark.parametrize("model", [False, True])
def test_a_colon_the_page_broke_off_its_sentence_still_introduces_the_words(model: bool) -> None:
    text = OPENING + (
        "Former rider and BBC analyst Paul Nichols said in his weekly column\n\n"
        ": \"I was shocked to hear of the fall. I know her and her family very well.\n\n"
        "\"She is a role model, as are her brothers and her father Emilio.\"\n\n"
        "The race starts at three."
    )
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Paul Nichols"] * 2
