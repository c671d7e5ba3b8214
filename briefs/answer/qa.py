"""Question answering: grounded answers with citations, or an honest "not in my sources".

The extractive answer is always computed (it is cheap and it is the fallback): the best
sentence that really covers the question's key terms and holds the kind of thing asked for.
With an LLM configured, the model may phrase the answer from the same passages; its output
is used only when every citation, quote and number checks out (see qa_llm.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping, Sequence

from briefs.answer import neural
from briefs.answer.cues import (
    COUNT,
    DIGITS,
    clock_times,
    counts_of,
    number,
    says_role_words,
    says_their_words,
    speaker_names,
    speaker_role,
)
from briefs.answer.query import Query, analyse, names_of, refers_back, with_names
from briefs.answer.question import SPEECH
from briefs.answer.reader import ORDINAL
from briefs.answer.retrieve import Retriever
from briefs.answer.scoring import ScoredPassage
from briefs.answer.terms import paraphrases
from briefs.answer.who_is import credit_described
from briefs.answer.who_said import asks_naming, asks_speaker, credit_speakers
from briefs.models import Answer, Citation, Scope, Turn, iso
from briefs.store.store import Store
from briefs.write.text import quoted
from config.settings import Settings

log = logging.getLogger(__name__)

NOT_FOUND = "I can't answer that from my sources: none of the articles I have collected covers it."
NOT_SAID = "My sources cover this story but do not say that."
# Refuse below this confidence (ScoredPassage.confidence). Read off the development half of
# bench/qa.py's precision/coverage curve (SQuAD 2.0 dev, even-indexed articles), never off
# held-out questions: the highest threshold at which development coverage stays a point or
# more ahead of the BM25 baseline's top three. A higher one refuses more unanswerable
# questions but falls behind the baseline (the curve is in docs/BENCHMARKS.md).
THRESHOLD = 0.05
# The same rule over the curve of the neural reader's confidence (neural.py), when it is in use.
THRESHOLD_NEURAL = 0.05
# A story "covered" for the second kind of refusal: a top passage's window names everyone
# the question names, or holds at least this share of the question's weight.
COVERED = 0.5
# Refuse when words that no stored sentence holds carry this share of the question's weight
# (IDF): "When will the tunnel open?" with no article on any tunnel.
UNKNOWN = 0.3
SAME_EVENT_DAYS = 7  # reports further apart than this are about different events


def default_threshold() -> float:
    """The refusal threshold of the confidence model in use."""
    return THRESHOLD_NEURAL if neural.active() else THRESHOLD


def supports(candidate: ScoredPassage, query: Query, threshold: float | None = None) -> bool:
    """Does this passage answer the question: confident enough, names present, right type?"""
    limit = default_threshold() if threshold is None else threshold
    if not query.key and not query.carried:
        return False
    if not candidate.sentence_hits:
        return False  # the sentence itself must say something about the question
    if not candidate.names_found or not candidate.cue_ok:
        return False
    if query.kind != SPEECH and _asks(candidate.passage.sentence):
        return False  # "So who is Dave Brat, and how did he pull off ...?": a question, no answer
    if candidate.signals.get("unknown", 0.0) >= UNKNOWN:
        return False  # a main word of the question is in no stored article at all
    topic = [paraphrases(t) for t in query.key - query.entities] if query.kind == SPEECH else []
    if topic and not any(g & candidate.article_stems for g in topic):
        return False  # only the names match: "what did Okafor say about *the bridge*"
    if query.kind == SPEECH and not _says(candidate, query):
        return False
    if query.key and query.carried and not query.carried & candidate.article_stems:
        return False  # a follow-up must stay with the person or thing it follows up on
    return candidate.confidence >= limit


def _asks(sentence: str) -> bool:
    """Is the sentence the narration's own question (not somebody's quoted one)?"""
    text = sentence.strip()
    return text.endswith("?") and text[:1] not in "\"\u201c\u2018'"


def _says(candidate: ScoredPassage, query: Query) -> bool:
    """Does the sentence carry the words of whoever the speech question asks about?"""
    passage = candidate.passage
    role = speaker_role(query.text)
    if role:  # "what did Reid's adviser say": the adviser speaks, Reid need not
        return says_role_words(passage.sentence, passage.before, role)
    return says_their_words(passage.sentence, passage.before,
                            speaker_names(query.text, query.entities))


def refusal(query: Query, ranked: Sequence[ScoredPassage]) -> Answer:
    """Which kind of "no": nothing on this, or the story is here but the answer is not."""
    for best in ranked[:3]:
        names = query.entities | query.carried
        named = bool(names) and all(paraphrases(n) & best.article_stems for n in names)
        if best.names_found and (named or best.coverage >= COVERED):
            return Answer(NOT_SAID, grounded=False, citations=(citation(best),))
    return Answer(NOT_FOUND, grounded=False)


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
    if query.focus in {"time", "meet"}:
        return {number(m.group()) for m in ORDINAL.finditer(sentence)} | {
            number(m.group(1)) for m in COUNT.finditer(sentence)}
    if query.cue == "amount":
        return {_money(m) for m in _MONEY.finditer(sentence) if m.group(1) or m.group(3)}
    if query.cue == "date":
        days = {m.group().lower() for m in _YEAR_OR_DAY.finditer(sentence)}
        return days | clock_times(sentence)
    if query.cue == "number" and query.focus is None:
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


def extractive_answer(
    query: Query, ranked: Sequence[ScoredPassage], threshold: float | None = None,
    earlier: Mapping[int, int] | None = None,
) -> Answer:
    """The best supported passage's answer, or a refusal. `earlier` maps a story to the
    earlier story it continues (Store.previous_stories): reports of linked stories are of
    different events, and the continuing story is the later one, whatever their dates."""
    links = earlier or {}
    supported = [c for c in ranked if supports(c, query, threshold)]
    if not supported:
        return refusal(query, ranked)
    best = supported[0]
    # Another report of the figure need not be as sure as the answer to be worth naming.
    limit = default_threshold() if threshold is None else threshold
    pool = [c for c in ranked if c is not best and (c in supported or (
        c.cue_ok and c.names_found and c.sentence_hits and c.confidence >= 0.5 * limit))]
    rival = _disagreeing(best, pool, query)
    if rival is not None and same_event(best, rival, links):
        return _disagreement_answer(best, rival, query)
    if rival is not None and _later(rival, best, links):
        best, rival = rival, best  # the latest event leads; the earlier one is context
    backing = _backing(best, [c for c in ranked if c is not best and c is not rival], query,
                       threshold)
    text = _phrase(best)
    if rival is not None:
        text += " " + _earlier_coverage(best, rival)
        backing = [rival, *backing][:2]
    return Answer(text, grounded=True, citations=tuple(citation(c) for c in (best, *backing)))


def _phrase(candidate: ScoredPassage) -> str:
    """The short answer, then the sentence it comes from; the sentence alone without one."""
    sentence = candidate.passage.sentence
    if candidate.span and candidate.span.strip() != sentence.strip():
        return f"{candidate.span} — {quoted(sentence)}"
    return sentence


def same_event(a: ScoredPassage, b: ScoredPassage, earlier: Mapping[int, int] | None = None) -> bool:
    """Two reports are of one event when they share a story, or were made close in time;
    never when one's story continues the other's."""
    if a.passage.story_id is not None and a.passage.story_id == b.passage.story_id:
        return True
    if _continues(a, b, earlier or {}) or _continues(b, a, earlier or {}):
        return False
    first, second = a.passage.moment, b.passage.moment
    if first is None or second is None:
        return True
    return abs((first - second).total_seconds()) <= SAME_EVENT_DAYS * 86400


def _continues(a: ScoredPassage, b: ScoredPassage, earlier: Mapping[int, int]) -> bool:
    """Is a's story a continuation of b's (b's story is its "previously")?"""
    story = a.passage.story_id
    return story is not None and b.passage.story_id is not None and (
        earlier.get(story) == b.passage.story_id)


def _later(a: ScoredPassage, b: ScoredPassage, earlier: Mapping[int, int]) -> bool:
    """Is a the report of the later event: its story continues b's, or it is newer."""
    if _continues(a, b, earlier) or _continues(b, a, earlier):
        return _continues(a, b, earlier)
    return _moment_key(a) > _moment_key(b)


def _earlier_coverage(best: ScoredPassage, other: ScoredPassage) -> str:
    """A figure from another event, said as such: "In May 2025 coverage (another event), ..."."""
    moment = other.passage.published
    collected, ours = other.passage.collected_at, best.passage.collected_at
    if moment is None and collected and ours and (
            abs((ours - collected).total_seconds()) > SAME_EVENT_DAYS * 86400):
        moment = collected  # collected long apart: the collection month says when
    when = f"In {moment:%B %Y} coverage" if moment else "In earlier coverage"
    what = other.span or quoted(other.passage.sentence)
    return f"{when} (another event), {what}."


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
        if article == best.passage.article_id or other.score < 0.5 * best.score:
            continue
        theirs = answer_values(other.passage.sentence, query)
        if theirs & mine:
            agreeing.add(article)
        # Same subject (shares a matched term) and the kind of answer asked for, other figures.
        elif theirs and other.article_stems & best.article_stems & (query.key | query.carried):
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


def _disagreement_answer(a: ScoredPassage, b: ScoredPassage, query: Query) -> Answer:
    """Two reports of one event disagree: the newest wins, and the answer says they differ.

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
        f"{_phrase(newer)} Sources differ: {which}, "
        f"“{older.passage.title}”{dated}, said: {quoted(older.passage.sentence)}"
    )
    return Answer(text, grounded=True, citations=(citation(newer), citation(older)))


def _moment_key(candidate: ScoredPassage) -> tuple[float, int]:
    moment = candidate.passage.moment
    return (moment.timestamp() if moment else 0.0, candidate.passage.article_id)


def _backing(
    best: ScoredPassage, others: Sequence[ScoredPassage], query: Query, threshold: float | None
) -> list[ScoredPassage]:
    """Up to two more sentences on the question (other reports first), none contradicting.

    They pass the checks of `supports` except the asked-for type, with a confidence near the
    answer's: the context a reader checks the answer against.
    """
    mine = answer_values(best.passage.sentence, query)
    relevant = [
        o for o in others
        if o.sentence_hits and o.names_found
        and o.confidence >= 0.5 * (default_threshold() if threshold is None else threshold)
        and not (mine and (theirs := answer_values(o.passage.sentence, query)) and not mine & theirs)
    ]
    # An article can repeat a sentence (a pull quote, a standfirst): cite each once.
    seen = {_sentence_key(best)}
    distinct = []
    for other in relevant:
        if _sentence_key(other) not in seen:
            seen.add(_sentence_key(other))
            distinct.append(other)
    return distinct[:2]  # in rank order


def _sentence_key(candidate: ScoredPassage) -> tuple[int, str]:
    return candidate.passage.article_id, " ".join(candidate.passage.sentence.split())


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
        if focus_story_ids and not query.entities and not query.carried and refers_back(question):
            query = with_names(query, self._story_names(focus_story_ids))
        if query.empty:
            return query, [], Answer(NOT_FOUND, grounded=False)
        # More candidates than the LLM sees: agreeing and disagreeing reports are found here.
        ranked = self.retriever.search(
            query,
            scope,
            focus_story_ids=focus_story_ids,
            limit=3 * max(self.settings.ask.passages, 1),
        )
        if asks_speaker(query.text) or asks_naming(query.text):
            # Only the answer's candidates: "who said" is answered by the quote engine's speaker.
            credit_speakers(ranked, self.store.article_texts, query.text)
        # "Who is the tea party-backed candidate?": the person the role stands for in its article.
        credit_described(ranked, self.store.article_texts, query.text)
        return query, ranked, extractive_answer(query, ranked, earlier=self._links(ranked))

    def _links(self, ranked: Sequence[ScoredPassage]) -> dict[int, int]:
        """Which of the candidates' stories continue which ("previously" links)."""
        stories = sorted({c.passage.story_id for c in ranked if c.passage.story_id is not None})
        if len(stories) < 2:
            return {}
        return {s: ref.story_id for s, ref in self.store.previous_stories(stories).items()}

    def _story_names(self, story_ids: Sequence[int]) -> list[str]:
        """The names a briefing's stories are about (titles and leads of their articles)."""
        articles = [a for sid in story_ids[:3] for a in self.store.story_articles(sid)[:3]]
        leads = self.store.article_leads([a.id for a in articles], chars=400)
        return names_of(" ".join(f"{a.title}. {leads.get(a.id, '')}" for a in articles), limit=3)

    async def aclose(self) -> None:
        if self._llm_answerer is not None:
            await self._llm_answerer.aclose()
