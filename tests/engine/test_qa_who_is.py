""""Who is the <role>?" is answered with the person the article means by the role, as the
briefing's quote engine reads it, never with a name the role's own sentence mentions."""

from __future__ import annotations

import pytest

from briefs.answer.qa import QuestionAnswerer
from briefs.answer.who_is import asked_role
from briefs.models import ArticleDraft, Scope

pytestmark = pytest.mark.backends("sqlite", "postgresql")

_CANDIDATE = (
    "Economics professor Karl Dremmel won the harbour district primary on Tuesday night.\n\n"
    "Dremmel spoke to supporters at the pier after the count.\n\n"
    "The tea party-backed candidate attributed his victory to Providence and to volunteers, calling "
    "the win a \u201cmiracle.\u201d")

_UNNAMED = (
    "A harbour pilot brought the ferry in through the storm on Tuesday night.\n\n"
    "The lanky pilot credited the win to Providence and to a good engine.")


@pytest.mark.parametrize(("question", "role"), [
    ("Who is the tea party-backed candidate?", "the tea party-backed candidate"),
    ("who was the former coach", "the former coach"),
    ("Who is Karl Dremmel?", None),
    ("Who said the win was a miracle?", None),
])
def test_which_questions_ask_who_a_role_is(question: str, role: str | None) -> None:
    assert asked_role(question) == role


async def test_a_role_is_the_person_the_article_means(store, settings) -> None:  # type: ignore[no-untyped-def]
    store.add_article(ArticleDraft(url="https://news.example/primary", title="Dremmel wins",
                                   text=_CANDIDATE))
    answer = await QuestionAnswerer(store, settings).ask("Who is the tea party-backed candidate?", Scope())
    assert answer.grounded
    assert answer.answer.startswith("Karl Dremmel \u2014")


async def test_a_role_the_article_never_names_is_not_a_name_in_its_sentence(store, settings) -> None:  # type: ignore[no-untyped-def]
    store.add_article(ArticleDraft(url="https://news.example/ferry", title="Ferry in the storm",
                                   text=_UNNAMED))
    answer = await QuestionAnswerer(store, settings).ask("Who is the lanky pilot?", Scope())
    assert not answer.answer.startswith("Providence")
