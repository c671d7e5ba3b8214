"""Questions worded unlike the articles, figures that count something else, events a year
apart, acronyms, and follow-ups that only say "they". All articles are written for these
tests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from briefs.answer.index import acronyms
from briefs.answer.qa import NOT_FOUND, NOT_SAID, QuestionAnswerer
from briefs.answer.question import expected_answer
from briefs.answer.reader import find_span
from briefs.answer.terms import term_set
from briefs.models import Scope, Turn

# On SQLite (FTS5) and on PostgreSQL (its full-text passage index).
pytestmark = pytest.mark.backends("sqlite", "postgresql")

CRASH = """A passenger plane came down in a field near the town of Harrowgate on Sunday evening.

The aircraft was carrying 51 passengers and three crew members, the operator Skylane said.

Rescuers said 19 people were injured, two of them seriously.

Investigators from the national air safety board arrived on Monday."""

COURT = """The Supreme Court of Veldenia on Friday upheld the national water law.

The justices ruled 5-4, with the chief justice writing for the majority.

Farm groups had argued that the law gave the state too much power over rivers."""

FACTORIES = """Factory activity in Veldenia shrank for a third month in April.

The purchasing managers' index, or PMI, fell to 47.8 from 48.6 in March, the statistics office said.

Readings below 50 mean that activity is contracting."""

FESTIVALS = """Summer music festivals generated 14 million euros for towns along the coast last year.

Hotels reported their busiest August since records began."""

TRIBUNAL = """The Coastal Fisheries Tribunal (CFT) has banned trawling in the northern bay.

All 31 harbours that answer to the tribunal must enforce the ban from June.

Fishing crews said the decision would cost them dearly."""

SUMMIT_1 = """President Ilse Marrow welcomed President Dorun Kasprak in Telmar on Tuesday.

The visit was the 40th meeting between the two leaders since 2012."""

SUMMIT_2 = """President Dorun Kasprak arrived in Telmar for talks with President Ilse Marrow.

Officials said it was the leaders' 43rd meeting, and the first since the border deal."""


@pytest.fixture
def answerer(store, settings):  # type: ignore[no-untyped-def]
    return QuestionAnswerer(store, settings)


@pytest.fixture
def news(add):  # type: ignore[no-untyped-def]
    add("Plane down near Harrowgate", CRASH)
    add("Court upholds water law", COURT)
    add("Factories shrink again", FACTORIES)
    add("Festivals boost coast", FESTIVALS)
    add("Trawling banned in northern bay", TRIBUNAL)


async def test_a_count_of_the_injured_is_not_how_many_were_on_board(news, answerer) -> None:  # type: ignore[no-untyped-def]
    answer = await answerer.ask("How many people were on the plane?", Scope())
    assert answer.grounded
    assert answer.answer.startswith("51 passengers and three crew")
    injured = await answerer.ask("How many people were hurt on the plane?", Scope())
    assert injured.grounded and injured.answer.startswith("19 people")


async def test_votes_are_found_in_a_ruling_written_as_a_score(news, answerer) -> None:  # type: ignore[no-untyped-def]
    answer = await answerer.ask("By how many votes did the Supreme Court uphold the water law?", Scope())
    assert answer.grounded and answer.answer.startswith("5-4")


async def test_a_reading_is_a_figure_even_without_the_articles_words(news, answerer) -> None:  # type: ignore[no-untyped-def]
    answer = await answerer.ask("What was the PMI reading in April?", Scope())
    # "PMI" is not in the article; the figure still comes from the right sentence.
    assert answer.grounded and "47.8" in answer.answer


async def test_a_paraphrased_verb_finds_the_article(news, answerer) -> None:  # type: ignore[no-untyped-def]
    answer = await answerer.ask("How much did the summer festivals bring in?", Scope())
    assert answer.grounded and answer.answer.startswith("14 million euros")


async def test_an_acronym_the_article_defines_finds_its_expansion(news, answerer) -> None:  # type: ignore[no-untyped-def]
    assert acronyms(TRIBUNAL) == {"CFT": "Coastal Fisheries Tribunal"}
    answer = await answerer.ask("How many harbours answer to the CFT?", Scope())
    assert answer.grounded and answer.answer.startswith("31 harbours")


async def test_two_kinds_of_refusal(news, answerer) -> None:  # type: ignore[no-untyped-def]
    unknown = await answerer.ask("Who won the chess olympiad in Oslo?", Scope())
    assert unknown.answer == NOT_FOUND and unknown.citations == ()
    unsaid = await answerer.ask("How many passengers did Skylane's plane have in March 2019?", Scope())
    assert unsaid.grounded or unsaid.answer in (NOT_SAID, NOT_FOUND)
    untold = await answerer.ask("When was Skylane founded?", Scope())
    assert not untold.grounded and untold.answer == NOT_SAID
    assert untold.citations and untold.citations[0].title == "Plane down near Harrowgate"


async def test_meetings_a_year_apart_are_earlier_coverage_not_a_conflict(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Marrow hosts Kasprak", SUMMIT_1, published=datetime(2024, 3, 5, tzinfo=timezone.utc))
    add("Kasprak in Telmar again", SUMMIT_2, published=datetime(2025, 3, 20, tzinfo=timezone.utc))
    answer = await answerer.ask("How many times have Marrow and Kasprak met?", Scope())
    assert answer.grounded and answer.answer.startswith("43rd meeting")
    assert "differ" not in answer.answer
    assert "In March 2024 coverage (another event), 40th meeting." in answer.answer


async def test_reports_of_one_event_that_differ_are_a_conflict(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Marrow hosts Kasprak", SUMMIT_1, published=datetime(2025, 3, 19, tzinfo=timezone.utc))
    add("Kasprak in Telmar again", SUMMIT_2, published=datetime(2025, 3, 20, tzinfo=timezone.utc))
    answer = await answerer.ask("How many times have Marrow and Kasprak met?", Scope())
    assert answer.grounded and "Sources differ" in answer.answer


async def test_a_follow_up_in_a_briefing_thread_means_the_storys_people(store, add, answerer) -> None:  # type: ignore[no-untyped-def]
    story = store.new_story("Kasprak in Telmar")
    add("Kasprak in Telmar again", SUMMIT_2, story_id=story)
    add("Deputy ministers reshuffled",
        "The government now has 10 deputy prime ministers after Tuesday's reshuffle.")
    answer = await answerer.ask("How many times have they met?", Scope(), focus_story_ids=[story])
    assert answer.grounded and answer.answer.startswith("43rd meeting")


async def test_a_follow_up_after_an_answer_keeps_its_people(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Kasprak in Telmar again", SUMMIT_2)
    history = [Turn("Where did Kasprak go?", "Telmar — “President Dorun Kasprak arrived in Telmar ...”")]
    answer = await answerer.ask("How many times has he met Marrow?", Scope(), history=history)
    assert answer.grounded and answer.answer.startswith("43rd meeting")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many people were on the plane?", "count"),
        ("How much did the festivals bring in?", "money"),
        ("How much of the river's flow reaches the sea?", "quantity"),
        ("What percentage of voters backed the plan?", "percent"),
        ("When did the factory close?", "date"),
        ("In what year was the bridge built?", "date"),
        ("Where did the plane come down?", "place"),
        ("Which country hosted the talks?", "place"),
        ("Which company built the aircraft?", "organisation"),
        ("Who chaired the inquiry?", "person"),
        ("How long is the new tunnel?", "measurement"),
        ("What did the minister call the plan?", "speech"),
        ("What was the PMI reading?", "count"),
        ("Why did the talks fail?", "short fact"),
    ],
)
def test_expected_answer_types(question: str, kind: str) -> None:
    assert expected_answer(question).kind == kind


@pytest.mark.parametrize(
    ("sentence", "question", "span"),
    [
        ("The ferry carried 12 passengers and two crew.", "How many people were on the ferry?",
         "12 passengers and two crew"),
        ("Nine people were injured.", "How many people were on the ferry?", None),
        ("Work will cost $2.5 million.", "How much will the work cost?", "$2.5 million"),
        ("Turnout rose to 64 percent.", "What percentage of voters turned out?", "64 percent"),
        ("The town was founded in the 12th century.", "When was the town founded?",
         "the 12th century"),
        ("The tunnel is 3.4 kilometres long.", "How long is the tunnel?", "3.4 kilometres"),
        ("Twenty-three schools closed on Monday.", "How many schools closed?", "Twenty-three schools"),
        ("The bus overturned, killing four people and injuring 30.", "How many people were killed?",
         "four people"),
        ("Clubs with more than 2,000 members must publish accounts.",
         "How many members must a club have to publish accounts?", "2,000 members"),
        ("It was the leaders' 43rd meeting.", "How many times have they met?", "43rd meeting"),
        ("The two last met in person in May.", "How many times have they met?", None),
        ("The recall covers the Voltra 300 and Voltra 450 packs.", "How many packs were recalled?", None),
        ("Brinmoor is recalling 64,000 scooter batteries.", "How many batteries were recalled?",
         "64,000 scooter batteries"),
    ],
)
def test_spans_are_of_the_expected_type_and_count_the_right_thing(
    sentence: str, question: str, span: str | None
) -> None:
    expect = expected_answer(question)
    assert find_span(sentence, expect.kind, expect.focus, term_set(question)) == span


def test_the_fitted_confidence_model_is_shipped_and_used() -> None:
    from briefs.answer.confidence import _weights, confidence

    weights = _weights()
    assert weights is not None and {"bias", "coverage", "said"} <= set(weights)
    strong = {"coverage": 1.0, "said": 1.0, "bm25": 1.0, "gap": 0.5, "names": 1.0, "cue": 1.0}
    weak = {"coverage": 0.2, "said": 0.0, "missing": 0.5, "bm25": 0.2, "names": 1.0, "cue": 1.0}
    assert confidence(strong) > confidence(weak)


async def test_a_continuing_story_leads_and_its_earlier_story_is_earlier_coverage(
    store, add, answerer
) -> None:  # type: ignore[no-untyped-def]
    # No publication dates, collected together: only the "previously" link says which
    # meeting came later. The later story was collected first, so order alone cannot tell.
    later, earlier = store.new_story("Kasprak in Telmar again"), store.new_story("Kasprak in Telmar")
    add("Kasprak in Telmar again", SUMMIT_2 + "\n\nThe two last met in person in May.",
        story_id=later)
    add("Kasprak visits Telmar", SUMMIT_1, story_id=earlier)
    store.link_story(later, earlier)
    answer = await answerer.ask("How many times have Marrow and Kasprak met?", Scope())
    assert answer.grounded and answer.answer.startswith("43rd meeting")
    assert "In earlier coverage (another event), 40th meeting." in answer.answer
    assert "Sources differ" not in answer.answer


async def test_without_the_link_undated_reports_of_other_figures_differ(store, add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Kasprak in Telmar again", SUMMIT_2, story_id=store.new_story("a"))
    add("Kasprak visits Telmar", SUMMIT_1, story_id=store.new_story("b"))
    answer = await answerer.ask("How many times have Marrow and Kasprak met?", Scope())
    assert answer.grounded and "Sources differ" in answer.answer


STATEMENT = """The harbour authority of Telmar closed the northern quay on Monday.

"We will not reopen the quay until the divers have checked every pile," harbour master Enna Colt told reporters."""


async def test_a_cited_quotation_is_not_wrapped_in_a_second_pair_of_marks(add, answerer) -> None:  # type: ignore[no-untyped-def]
    from bot.cli.ask import render_text

    add("Telmar quay closed", STATEMENT)
    answer = await answerer.ask("Who is the harbour master of Telmar?", Scope())
    assert answer.grounded and answer.answer.startswith("Enna Colt — \"We will not reopen")
    shown = render_text(answer)
    assert '“"' not in shown and '"”' not in shown and "““" not in shown
    assert '      "We will not reopen the quay' in shown


def test_a_name_is_read_from_the_clause_the_question_is_about() -> None:
    sentence = ("Photos showed Marrow handing flowers to Kasprak at a 2019 summit in Delmora,"
                " and the two baked bread together at a fair in Ostrava in 2018.")
    question = "Where did Marrow and Kasprak bake bread?"
    expect = expected_answer(question)
    terms = term_set(question)
    # The leaders' names are everywhere in their story; "bake" and "bread" are rare words.
    weights = {t: (0.5 if t in {"marrow", "kasprak"} else 3.0) for t in terms}
    assert find_span(sentence, expect.kind, expect.focus, terms, weights) == "Ostrava"
    # Without weights, the clause holding more of the question's words decides.
    assert find_span(sentence, expect.kind, expect.focus, term_set("Where did Marrow bake bread?")) == "Ostrava"
    assert find_span(sentence, expect.kind, expect.focus,
                     term_set("Where did Marrow hand flowers to Kasprak?")) == "Delmora"


@pytest.mark.parametrize(
    ("sentence", "question", "span"),
    [
        # A name opening its sentence is still a name; a party tag is none.
        ("Rep. Ann Vole (D-Ore.) pushed the reporter away, the video shows.",
         "Who pushed the reporter?", "Rep. Ann Vole"),
        ("The tower, perhaps 40 stories tall, would stand by the harbour.",
         "How tall would the tower be?", "40 stories"),
    ],
)
def test_names_at_a_sentence_start_and_heights_in_stories(sentence: str, question: str, span: str) -> None:
    expect = expected_answer(question)
    assert find_span(sentence, expect.kind, expect.focus, term_set(question)) == span


def test_a_readers_words_for_spending_and_television_reach_the_articles() -> None:
    from briefs.answer.terms import paraphrases, stem

    assert stem("bought") in paraphrases(stem("spend"))
    assert stem("television") in paraphrases(stem("TV"))
    assert stem("advertising") in paraphrases(stem("ads"))


TOLL = """Telmar's council met on Monday to discuss the valley's roads.

"Mayor Okafor must explain the bridge toll to the farmers," he said.

Councillor Tim Lind, who said the bridge was too costly, said Okafor needs to listen to the valley about the toll.

Okafor said the bridge toll would pay for the repairs within ten years."""


async def test_what_a_person_said_is_not_what_others_said_about_them(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Okafor defends bridge toll", TOLL)
    answer = await answerer.ask("What did Okafor say about the bridge toll?", Scope())
    assert answer.grounded
    assert "Lind" not in answer.answer and "must explain" not in answer.answer
    assert any("would pay for the repairs" in c.excerpt for c in answer.citations)


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("Lind, who said the bridge was too costly, said Okafor needs to listen.", True),
        ('"Mayor Okafor must explain the toll," he said.', True),
        ("Okafor said the toll would pay for the repairs.", False),
        ('"The toll pays for the repairs," said Ada Okafor.', False),
        ("Ada Okafor, the mayor of Telmar, said the toll would stay.", False),
        ('"It will work," he said of the plan.', False),
    ],
)
def test_a_sentence_that_only_talks_about_a_person_does_not_hold_their_words(sentence: str, other: bool) -> None:
    from briefs.answer.cues import speaks_for_other
    from briefs.answer.terms import stem

    assert speaks_for_other(sentence, frozenset({stem("Okafor")})) is other


BUDGET = """Mayor Ada Okafor presented the city budget on Monday.

The budget sets aside money for the harbour wall, which flooded twice last winter.

Treasurer Sam Lind warned that the harbour wall would cost more than planned.

"The harbour wall will need another two million," he told the council.

Okafor opened the new library on Friday.

"Is the harbour wall safe?" Okafor asked. "We will know by spring."""


async def test_what_a_person_said_needs_their_words_not_a_mention(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Budget for the harbour wall", BUDGET)
    answer = await answerer.ask("What did Okafor say about the harbour wall?", Scope())
    # Not the narration that names her, nor Lind's words, nor his "he told the council".
    assert "Is the harbour wall safe?" in answer.answer
    assert "two million" not in answer.answer and "flooded" not in answer.answer


async def test_what_lind_said_is_found_through_his_pronoun(add, answerer) -> None:  # type: ignore[no-untyped-def]
    add("Budget for the harbour wall", BUDGET)
    answer = await answerer.ask("What did Lind say about the cost of the harbour wall?", Scope())
    assert answer.grounded and "Lind" in answer.answer + " ".join(c.excerpt for c in answer.citations)


@pytest.mark.parametrize(
    ("sentence", "before", "theirs"),
    [
        ("Okafor opened the new library on Friday.", "", False),  # no words of hers
        ("Summers said the economy could stall.", "", False),  # somebody else's words
        ('"It will stall," he told reporters.', "Larry Summers warned on Wednesday of a stall.", False),
        ('"It will stall," he told reporters.', "The budget passed on Tuesday.", False),  # who is he?
        ('"It will stall," she told reporters.', "Okafor spoke at the harbour.", True),
        ("Rep. Bobby Scott, D-Va., one of nine who voted no, said the economy matters more.", "", False),
        ("Okafor said the economy could stall.", "", True),
        ("Okafor's comments added another voice to the toll dispute.", "", False),  # not speech
        ("Lind also suggested Okafor would lose votes over the toll.", "", False),
        ('"The toll stays," Okafor added.', "", True),
    ],
)
def test_which_sentences_hold_a_persons_words(sentence: str, before: str, theirs: bool) -> None:
    from briefs.answer.cues import says_their_words
    from briefs.answer.terms import stem

    assert says_their_words(sentence, before, frozenset({stem("Okafor")})) is theirs


def test_an_attribution_after_a_quoted_question_stays_with_the_quotation() -> None:
    from briefs.answer.passages import sentences_of

    text = '"What have you been debating? A coin for baseball?" Obama said. The House voted.'
    assert sentences_of(text) == ['"What have you been debating? A coin for baseball?" Obama said.',
                                  "The House voted."]
    assert sentences_of("He left early. Obama said. That was it.")[1] == "Obama said."


@pytest.mark.parametrize(
    ("question", "speech"),
    [
        ("What did Okafor tell the council?", True),
        ("What did the mayor call the new toll?", True),
        ("What is the dark soil of the valley called?", False),  # a name, not somebody's words
        ("What did engineers build to describe the river's flow?", False),
    ],
)
def test_naming_questions_are_not_questions_about_speech(question: str, speech: bool) -> None:
    from briefs.answer.question import SPEECH

    assert (expected_answer(question).kind == SPEECH) is speech


@pytest.mark.parametrize(
    ("sentence", "question", "span"),
    [
        ('"I back Dana Okafor because the valley needs her," Lind said in Telmar.',
         "Who backed Okafor?", "Lind"),  # not "Dana Okafor", the person asked about
        ('"We will rebuild the pier at Port Vale," said Okafor.', "Who promised to rebuild the pier?", "Okafor"),
    ],
)
def test_the_speaker_answers_who_and_the_person_asked_about_does_not(sentence: str, question: str,
                                                                      span: str) -> None:
    expect = expected_answer(question)
    assert find_span(sentence, expect.kind, expect.focus, term_set(question)) == span


@pytest.mark.parametrize("question", ["Who is Ada Okafor?", "who was Tim Lind", "Who's Okafor?"])
def test_who_is_a_named_person_asks_for_what_the_articles_say_of_them(question: str) -> None:
    from briefs.answer.question import FACT

    assert expected_answer(question).kind == FACT
    assert expected_answer("Who is the mayor of Telmar?").kind != FACT


@pytest.mark.parametrize(
    ("sentence", "question", "span"),
    [
        ("Sheriff Dana Okafor, 79, backed the toll.", "How old is Okafor?", "79"),
        ("The 64-year-old mayor opened the bridge.", "How old is Mayor Lind?", "64-year-old"),
        ("Lind became mayor at the age of 41.", "How old was Lind when he became mayor?", "at the age of 41"),
        ("Okafor backed a plan for families who have lived in Telmar at least three years.",
         "How old is Okafor?", None),  # how long they lived there, not anybody's age
        ("The harbour wall was found to be about 900 years old.", "How old is the harbour wall?",
         "900 years old"),
        ("Stones of about 900 million years were found under the wall.", "How old are the stones?",
         "900 million years"),
    ],
)
def test_how_old_is_answered_by_an_age(sentence: str, question: str, span: str | None) -> None:
    expect = expected_answer(question)
    assert find_span(sentence, expect.kind, expect.focus, term_set(question)) == span
