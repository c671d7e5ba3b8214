"""What a question may cost the passage index: the postings budget, the newest passages when
one word is too common, and the document frequencies kept between questions."""

from __future__ import annotations

import pytest

from briefs.answer.index import (
    SQLitePassageIndex,
    _within_budget,
    newest_within,
    open_passage_index,
    postings,
)
from briefs.answer.query import analyse
from briefs.answer.retrieve import Retriever
from briefs.models import Scope


def test_a_stem_shared_by_two_groups_is_paid_for_once() -> None:
    df = {"vote": 2, "rule": 5, "green": 3}
    groups = [frozenset({"vote"}), frozenset({"vote", "rule"}), frozenset({"green"})]
    # vote (2), then only rule's 5 more (7), then green's 3 would be 10: over a budget of 8.
    assert _within_budget(groups, df, 8) == [frozenset({"vote"}), frozenset({"vote", "rule"})]
    assert _within_budget(groups, df, 5) == [frozenset({"vote"}), frozenset({"green"})]
    assert postings(groups, df) == 10


def test_the_first_group_is_always_searched_even_over_the_budget() -> None:
    assert _within_budget([frozenset({"polic"})], {"polic": 50}, 10) == [frozenset({"polic"})]


def test_the_search_starts_late_enough_for_the_budget() -> None:
    assert newest_within(total=100, budget=200, start=0, low=0, high=1000) == 0
    assert newest_within(total=400, budget=100, start=0, low=0, high=1000) == 750
    # The window already starts later than the budget needs: the window decides.
    assert newest_within(total=400, budget=100, start=900, low=0, high=1000) == 900
    assert newest_within(total=400, budget=100, start=0, low=500, high=1000) == 875
    assert newest_within(total=5, budget=1, start=0, low=0, high=0) == 0  # an empty index


@pytest.mark.backends("sqlite", "postgresql")
def test_a_word_over_the_budget_is_searched_in_the_newest_passages(store, add) -> None:  # type: ignore[no-untyped-def]
    articles = [add(f"Report {n}", "The police said little.") for n in range(6)]
    index = open_passage_index(store.engine)
    assert index is not None
    index.refresh()
    index.POSTINGS = 2  # type: ignore[misc]
    df, _ = index.document_frequency({"polic"})
    hits = index.search([frozenset({"polic"})], 10, df)
    assert {h.article_id for h in hits} == {articles[-2].id, articles[-1].id}
    index.POSTINGS = 100  # type: ignore[misc]
    assert len(index.search([frozenset({"polic"})], 10, df)) == 6


@pytest.mark.backends("sqlite", "postgresql")
def test_the_question_word_is_kept_when_its_paraphrases_are_over_budget(store, add) -> None:  # type: ignore[no-untyped-def]
    ruling = [add(f"Ruling {n}", "The judge gave her ruling on the case.") for n in range(5)]
    vote = add("Council", "The motion passed by 12 votes to 3.")
    retriever = Retriever(store.engine)
    assert retriever.index is not None
    retriever.index.POSTINGS = 3  # type: ignore[attr-defined]
    # "vote" brings its paraphrases (ruling, decision, verdict ...): 6 postings in all.
    ranked = retriever.search(analyse("How many votes?"), Scope())
    assert {s.passage.article_id for s in ranked} == {vote.id}
    retriever.index.POSTINGS = 100  # type: ignore[attr-defined]
    ranked = retriever.search(analyse("How many votes?"), Scope())
    assert {s.passage.article_id for s in ranked} == {vote.id, *(a.id for a in ruling)}


def test_document_frequencies_follow_articles_indexed_by_another_process(store, add) -> None:  # type: ignore[no-untyped-def]
    add("Pier", "The pier reopens in spring.")
    answering = SQLitePassageIndex(store.engine)
    answering.refresh()
    assert answering.document_frequency({"pier", "ferri"}) == ({"pier": 1}, 1)
    add("Ferry", "The ferry stops at the pier. It runs hourly.")
    SQLitePassageIndex(store.engine).refresh()  # the collection pass, not the answerer
    assert answering.document_frequency({"pier", "ferri"}) == ({"pier": 2, "ferri": 1}, 3)


def test_document_frequencies_are_counted_again_when_the_newest_passages_go(store, add) -> None:  # type: ignore[no-untyped-def]
    add("Pier", "The pier reopens in spring.")
    last = add("Pier again", "The pier closed. The pier reopened.")
    index = SQLitePassageIndex(store.engine)
    index.refresh()
    assert index.document_frequency({"pier"}) == ({"pier": 3}, 3)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (last.id,))
    assert index.document_frequency({"pier"}) == ({"pier": 1}, 1)
