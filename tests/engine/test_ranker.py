"""The learned candidate ranker: shipped weights, sensible order, and the hand fallback."""

from __future__ import annotations

import pytest

from briefs.answer import ranker
from briefs.answer.qa import NOT_FOUND, QuestionAnswerer
from briefs.models import ArticleDraft, Scope

STRONG = {"coverage": 1.0, "said": 1.0, "fresh": 1.0, "exact": 1.0, "bm25": 1.0,
          "share": 1.0, "names_in": 1.0, "proximity": 0.8, "pairs": 1.0}
WEAK = {"coverage": 0.3, "said": 0.2, "fresh": 0.2, "exact": 0.2, "bm25": 0.3,
        "share": 0.25, "missing": 0.5}


def test_the_fitted_ranker_is_shipped_and_scores_in_the_unit_interval() -> None:
    weights = ranker.weights()
    assert weights is not None and {"bias", "coverage", "bm25", "near"} <= set(weights)
    strong, weak = ranker.rank_score(STRONG), ranker.rank_score(WEAK)
    assert 0.0 <= weak < strong <= 1.0


def test_without_the_weights_file_the_hand_weights_rank(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ranker, "WEIGHTS_FILE", tmp_path / "absent.json")
    ranker.weights.cache_clear()
    try:
        assert ranker.weights() is None
        assert ranker.linear(STRONG) == pytest.approx(
            sum(w * STRONG.get(k, 0.0) for k, w in ranker.HAND.items()))
        assert ranker.rank_score(STRONG) > ranker.rank_score(WEAK)
    finally:
        ranker.weights.cache_clear()


@pytest.fixture
def ferry(store):  # type: ignore[no-untyped-def]
    text = (
        "The harbour board met on Thursday to discuss the timetable.\n\n"
        "The new ferry to Skerrow will carry 340 passengers and 60 cars.\n\n"
        "Its first crossing is planned for the spring, the board said.\n\n"
        "The board also approved a new car park beside the terminal."
    )
    store.add_article(ArticleDraft(url="https://news.example/ferry", title="Harbour board news",
                                   text=text))
    return store


async def test_the_ranked_answer_is_the_sentence_that_covers_the_question(ferry, settings) -> None:  # type: ignore[no-untyped-def]
    answer = await QuestionAnswerer(ferry, settings).ask(
        "How many passengers will the Skerrow ferry carry?", Scope())
    assert answer.grounded and answer.answer.startswith("340")


async def test_a_question_whose_main_word_no_article_holds_is_refused(ferry, settings) -> None:  # type: ignore[no-untyped-def]
    # "hovercraft" is in no stored sentence or title: nothing covers it.
    answer = await QuestionAnswerer(ferry, settings).ask(
        "How many passengers will the Skerrow hovercraft carry?", Scope())
    assert not answer.grounded
    assert answer.answer != "" and (answer.answer == NOT_FOUND or "do not say" in answer.answer)
