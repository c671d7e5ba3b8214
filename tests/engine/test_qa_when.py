"""'When' questions: times of day, weekdays and relative dates are answers too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefs.answer import question as qn
from briefs.answer.cues import clock_times
from briefs.answer.qa import NOT_FOUND, NOT_SAID, QuestionAnswerer
from briefs.answer.reader import find_span
from briefs.models import ArticleDraft, Scope

# On SQLite (FTS5) and on PostgreSQL (its full-text passage index).
pytestmark = pytest.mark.backends("sqlite", "postgresql")

FERRY = """Extra sailings will run to the island during the harbour festival, the ferry company said.

The last ferry will leave the mainland at 11:30 p.m. on festival nights.

Tickets for the late sailings cost the same as daytime fares."""

FESTIVAL = """The harbour festival returns with a fireworks display over the bay.

Organisers said the fireworks would start on Tuesday after dark.

The food market opens next week on the quayside."""

PIER = """Repairs to the old pier are running late, the council said.

The pier will reopen by March once new railings are fitted.

The ticket office on the pier will open within three weeks."""


@pytest.fixture
def answerer(store, settings):  # type: ignore[no-untyped-def]
    for n, (title, text) in enumerate(
        [("Late ferries for the festival", FERRY), ("Fireworks over the bay", FESTIVAL),
         ("Pier repairs delayed", PIER)]
    ):
        store.add_article(ArticleDraft(url=f"https://news.example/{n}", title=title, text=text))
    return QuestionAnswerer(store, settings)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("When will the last ferry leave the mainland?",
         "The last ferry will leave the mainland at 11:30 p.m. on festival nights."),
        ("When will the fireworks start?",
         "Organisers said the fireworks would start on Tuesday after dark."),
        ("When does the food market open?", "The food market opens next week on the quayside."),
        ("When will the pier reopen?", "The pier will reopen by March once new railings are fitted."),
        ("When will the ticket office open?", "The ticket office on the pier will open within three weeks."),
    ],
)
async def test_when_questions_are_answered_by_times_and_days(answerer, question, answer) -> None:  # type: ignore[no-untyped-def]
    result = await answerer.ask(question, Scope())
    assert result.grounded
    assert result.answer.endswith(f"“{answer}”")  # a short answer, then its sentence
    assert result.citations[0].excerpt == answer


async def test_a_when_question_without_any_time_is_still_refused(answerer) -> None:  # type: ignore[no-untyped-def]
    # The sentence covers the question's words but says nothing about when.
    result = await answerer.ask("When do tickets for the late sailings cost the same?", Scope())
    assert not result.grounded and result.answer in (NOT_FOUND, NOT_SAID)


@pytest.mark.parametrize(
    "sentence",
    [
        "The last ferry leaves at 11:30 p.m.",
        "The last ferry leaves at 11.30pm.",
        "The last ferry leaves at 6am.",
        "The last ferry leaves at 23:30.",
        "The last ferry leaves at midnight.",
        "The first ferry leaves at noon.",
        "The ferry leaves at 9 o'clock.",
        "The ferry leaves tonight.",
        "The ferry leaves this weekend.",
        "The ferry leaves on Tuesday.",
        "The ferry returns next week.",
        "The ferry returns by March.",
        "The ferry returns later this year.",
        "The ferry returns in the spring.",
        "The ferry returns within three weeks.",
        "The ferry returns in two days.",
    ],
)
def test_times_of_day_and_relative_dates_answer_when(sentence: str) -> None:
    assert _when(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry carries 300 passengers.",
        "Tickets cost $12 each.",
        "The ferry is run by the harbour company.",
        "The crossing takes 45 minutes.",
    ],
)
def test_sentences_without_a_time_do_not_answer_when(sentence: str) -> None:
    assert _when(sentence) is None


def test_a_date_is_preferred_to_a_span_of_time() -> None:
    assert _when("After three years of repairs, the ferry returned in 1998.") == "1998"
    assert _when("The ferry returns within three weeks.") == "within three weeks"


def _when(sentence: str) -> str | None:
    """The span that answers "When does the ferry leave?" in `sentence`."""
    return find_span(sentence, qn.DATE, None, frozenset({"ferri", "leav"}))


def _add(store, title: str, text: str, day: int):  # type: ignore[no-untyped-def]
    published = datetime(2026, 6, day, tzinfo=UTC)
    draft = ArticleDraft(url=f"https://ferry.example/{day}", title=title, text=text, published=published)
    return store.add_article(draft)


async def test_reports_of_different_departure_times_differ(store, settings) -> None:  # type: ignore[no-untyped-def]
    old = _add(store, "Late ferries", "The last ferry will leave the mainland at 11:30 p.m. this summer.", 1)
    new = _add(store, "Ferry times cut", "The last ferry will leave the mainland at 10 p.m. this summer.", 8)
    answer = await QuestionAnswerer(store, settings).ask("When will the last ferry leave the mainland?", Scope())
    assert answer.grounded
    assert "The last ferry will leave the mainland at 10 p.m." in answer.answer.split("Sources differ")[0]
    assert "differ" in answer.answer and "11:30 p.m." in answer.answer
    assert [c.source_id for c in answer.citations] == [f"a{new.id}", f"a{old.id}"]


async def test_one_time_written_two_ways_is_agreement(store, settings) -> None:  # type: ignore[no-untyped-def]
    _add(store, "Late ferries", "The last ferry will leave the mainland at 11:30 p.m. this summer.", 1)
    _add(store, "Ferry timetable", "The last ferry will leave the mainland at 23:30 this summer.", 8)
    answer = await QuestionAnswerer(store, settings).ask("When will the last ferry leave the mainland?", Scope())
    assert answer.grounded and "differ" not in answer.answer
    assert len(answer.citations) == 2


def test_clock_times_are_compared_on_a_24_hour_clock() -> None:
    assert clock_times("at 11:30 p.m., or 11.30pm") == {"23:30"}
    assert clock_times("from 6am to 12 a.m. and at 9 o'clock") == {"06:00", "00:00", "09:00"}
    assert clock_times("The crossing takes 45 minutes.") == set()
