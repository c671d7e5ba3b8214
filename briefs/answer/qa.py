"""Question answering: grounded answers with citations, or an honest "not in my sources".

The extractive answer is always computed (it is cheap and it is the fallback): the best
sentence that really covers the question's key terms and holds the kind of thing asked for.
With an LLM configured, the model may phrase the answer from the same passages; its output
is used only when every citation, quote and number checks out (see qa_llm.py).
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections.abc import Sequence

from briefs.answer.retrieve import (
    COUNT,
    DIGITS,
    Query,
    Retriever,
    ScoredPassage,
    allowed_missing,
    analyse,
    clock_times,
    counts,
    counts_of,
    number,
)
from briefs.models import Answer, Citation, Scope, Turn, iso
from briefs.store.store import Store
from config.settings import Settings

log = logging.getLogger(__name__)

NOT_FOUND = "I can't answer that from my sources: none of the articles I have collected covers it."
_HARD_CUES = {"amount", "number", "date", "person", "place"}  # "speech" only ranks


def supports(candidate: ScoredPassage, query: Query) -> bool:
    """Does this passage really answer the question (not just share a word with it)?"""
    required = query.key or query.carried
    # The sentence itself must say something about the question: two of its terms (or its
    # one), what the title establishes counting ("the mayor" in a Northbridge story).
    said = candidate.sentence_hits | candidate.title_hits
    if (
        not required
        or len(said & required) < min(2, len(required))
        or not candidate.sentence_hits & required
    ):
        return False
    if query.counted and not counts(candidate.passage.sentence, query.counted):
        return False  # "how many votes": a figure about something else is no answer
    if not query.entities <= candidate.covered:
        return False  # every name asked about must be in the sentence's window or title
    needed = math.ceil(0.6 * len(required)) if len(required) > 1 else 1
    if len(candidate.covered & required) < needed:
        return False
    # A key word absent from the whole article means it is about something else
    # ("the Riverside *tunnel*" against an article on the Riverside bridge).
    if len(required - candidate.article_stems) > allowed_missing(len(required)):
        return False
    if query.key and query.carried and not query.carried & candidate.article_stems:
        return False  # a follow-up must stay with the person or thing it follows up on
    return candidate.cue_ok or query.cue not in _HARD_CUES


_MONEY = re.compile(
    r"([$£€¥])?\s?(\d[\d,]*(?:\.\d+)?)\s?"
    r"(million|billion|trillion|bn|m|thousand|%|percent|per cent)?\b",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_YEAR_OR_DAY = re.compile(
    r"\b(?:(?:19|20)\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def answer_values(sentence: str, query: Query) -> set[str]:
    """The figures that answer this kind of question, comparable across reports.

    Only the asked-for kind is compared ("how many batteries" -> counts of batteries,
    "how much" -> sums of money or percentages, "when" -> years, days and times of day), so a model
    number or a year elsewhere in a sentence never reads as a disagreement.
    """
    if query.counted:
        return counts_of(sentence, query.counted)
    if query.cue == "amount":
        return {_money(m) for m in _MONEY.finditer(sentence) if m.group(1) or m.group(3)}
    if query.cue == "date":
        days = {m.group().lower() for m in _YEAR_OR_DAY.finditer(sentence)}
        return days | clock_times(sentence)
    if query.cue == "number":
        return {number(m.group(1)) for m in COUNT.finditer(sentence)} | {
            number(v) for v in DIGITS.findall(sentence)
        }
    return set()


def _money(match: re.Match[str]) -> str:
    value = float(match.group(2).replace(",", ""))
    unit = (match.group(3) or "").lower()
    if unit in {"%", "percent", "per cent"}:
        return f"{value:g}%"
    return f"{match.group(1) or ''}{value * _SCALE.get(unit, 1):g}"


def extractive_answer(query: Query, ranked: Sequence[ScoredPassage]) -> Answer:
    supported = [c for c in ranked if supports(c, query)]
    if not supported:
        return Answer(NOT_FOUND, grounded=False)
    best = supported[0]
    rival = _disagreeing(best, supported[1:], query)
    if rival is not None:
        return _disagreement_answer(best, rival)
    backing = _backing(best, supported[1:], query)
    return Answer(
        best.passage.sentence, grounded=True, citations=tuple(citation(c) for c in (best, *backing))
    )


def citation(candidate: ScoredPassage) -> Citation:
    p = candidate.passage
    return Citation(source_id=p.source_id, title=p.title, url=p.url, excerpt=p.sentence)


def _disagreeing(
    best: ScoredPassage, others: Sequence[ScoredPassage], query: Query
) -> ScoredPassage | None:
    """The strongest passage of another article whose figures for the question all differ
    from ours (an article that also states our figure somewhere agrees)."""
    mine = answer_values(best.passage.sentence, query)
    if not mine:
        return None
    rivals: dict[int, list[ScoredPassage]] = {}
    agreeing: set[int] = set()
    for other in others:
        article = other.passage.article_id
        if article == best.passage.article_id or other.score < 0.6 * best.score:
            continue
        theirs = answer_values(other.passage.sentence, query)
        if theirs & mine:
            agreeing.add(article)
        # Same subject (shares a matched term) and the kind of answer asked for, other figures.
        elif theirs and other.sentence_hits & best.sentence_hits:
            rivals.setdefault(article, []).append(other)
    # A figure counting the same thing ("43rd meeting" against "40th meeting") is the real
    # disagreement; another figure in the same report ("fourth time") is only a fallback.
    nouns = counted_nouns(best.passage.sentence)
    for article, candidates in rivals.items():
        if article not in agreeing:
            return max(candidates, key=lambda c: (bool(counted_nouns(c.passage.sentence) & nouns), c.score))
    return None


_FIGURE_AND_NOUN = re.compile(
    r"\b(?:\d[\d,.]*(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+([a-z][\w'’-]*)",
    re.IGNORECASE,
)


def counted_nouns(sentence: str) -> set[str]:
    """The words that figures in `sentence` count: "the 40th meeting" -> {"meeting"}."""
    return {m.group(1).lower().removesuffix("s") for m in _FIGURE_AND_NOUN.finditer(sentence)}


def _disagreement_answer(a: ScoredPassage, b: ScoredPassage) -> Answer:
    """The newest report wins; the answer says that another one differs.

    Only a publication date a day or more older makes the other report "earlier": collection
    times say nothing about when a story was written.
    """
    newer, older = sorted((a, b), key=_moment_key, reverse=True)
    new_date, old_date = newer.passage.published, older.passage.published
    earlier = bool(new_date and old_date and (new_date - old_date).days >= 1)
    when = iso(old_date) if earlier else None
    dated = f" ({when[:10]})" if when else ""
    which = "an earlier report" if earlier else "another report"
    text = (
        f"{newer.passage.sentence} Sources differ: {which}, "
        f"“{older.passage.title}”{dated}, said: “{older.passage.sentence}”"
    )
    return Answer(text, grounded=True, citations=(citation(newer), citation(older)))


def _moment_key(candidate: ScoredPassage) -> tuple[float, int]:
    moment = candidate.passage.moment
    return (moment.timestamp() if moment else 0.0, candidate.passage.article_id)


def _backing(
    best: ScoredPassage, others: Sequence[ScoredPassage], query: Query
) -> list[ScoredPassage]:
    """Up to two more articles saying the same thing (same figures, or none at all)."""
    mine = answer_values(best.passage.sentence, query)
    seen = {best.passage.article_id}
    out: list[ScoredPassage] = []
    for other in others:
        if other.passage.article_id in seen or other.score < 0.75 * best.score:
            continue
        theirs = answer_values(other.passage.sentence, query)
        if mine and theirs and not mine & theirs:
            continue
        seen.add(other.passage.article_id)
        out.append(other)
        if len(out) == 2:
            break
    return out


class QuestionAnswerer:
    """Answers questions over the store; the LLM client comes from settings.llm when enabled."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.retriever = Retriever(store.engine, window_days=settings.ask.window_days)
        self._llm_answerer = None
        if settings.llm.enabled:
            from briefs.answer.qa_llm import LLMAnswerer

            self._llm_answerer = LLMAnswerer(settings)

    async def ask(
        self,
        question: str,
        scope: Scope,
        *,
        history: Sequence[Turn] = (),
        focus_story_ids: Sequence[int] = (),
    ) -> Answer:
        turns = (
            tuple(history)[-self.settings.ask.history_turns :]
            if self.settings.ask.history_turns
            else ()
        )
        query, ranked, extractive = await asyncio.to_thread(
            self.answer_extractively, question, scope, turns, tuple(focus_story_ids)
        )
        if self._llm_answerer is None or not ranked:
            return extractive
        generated = await self._llm_answerer.answer(query, ranked, turns)
        return generated if generated is not None else extractive

    def answer_extractively(
        self,
        question: str,
        scope: Scope,
        history: Sequence[Turn] = (),
        focus_story_ids: Sequence[int] = (),
    ) -> tuple[Query, list[ScoredPassage], Answer]:
        """Retrieval and the extractive answer: synchronous, for a worker thread or a bench."""
        query = analyse(question, history)
        if query.empty:
            return query, [], Answer(NOT_FOUND, grounded=False)
        # More candidates than the LLM sees: agreeing and disagreeing reports are found here.
        ranked = self.retriever.search(
            query,
            scope,
            focus_story_ids=focus_story_ids,
            limit=3 * max(self.settings.ask.passages, 1),
        )
        return query, ranked, extractive_answer(query, ranked)

    async def aclose(self) -> None:
        if self._llm_answerer is not None:
            await self._llm_answerer.aclose()
