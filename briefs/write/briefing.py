"""BriefingWriter: story briefs and digests, extractive by default, LLM-written when configured.

The extractive brief is always computed (cheap, deterministic, offline) and is the fallback
for any story whose LLM output is missing or fails verification. CPU work runs in a thread so
the event loop (chat adapters, scheduler) is never held up by a large digest.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from briefs.llm import deadline_in, make_llm_client
from briefs.models import Article, ArticleDraft, Briefing, Figure, Quote, Scope, SourceRef, StoryBrief, public_id
from briefs.store.store import Store
from briefs.write.numbers import find_numbers, key_numbers
from briefs.write.quotes import key_quotes
from briefs.write.ranking import group_by_story, host_of, in_scope, rank, scope_filters, select_articles
from briefs.write.summarize import content_words, story_sentences, summarize
from briefs.write.text import split_paragraphs
from config.settings import BriefSettings, Settings

log = logging.getLogger(__name__)

try:  # the collection engineer's headline cleaner (site names, breadcrumbs, dates)
    from briefs.collect.clean import clean_title as _clean_title
except ImportError:  # pragma: no cover - only while the collection side is being written
    def _clean_title(title: str) -> str:
        return " ".join(title.split())


@dataclass(frozen=True)
class Doc:
    """One article as the writer sees it, with the id it is cited by."""

    source_id: str
    title: str
    text: str
    url: str
    published: datetime | None = None
    content_hash: str = ""

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.source_id, self.title, self.url, self.published, host_of(self.url))


def doc_from_draft(draft: ArticleDraft, source_id: str) -> Doc:
    return Doc(source_id, clean_title(draft.title, draft.text), draft.text, draft.url,
               draft.published, draft.content_hash)


def doc_from_article(article: Article) -> Doc:
    return Doc(article.public_id, clean_title(article.title, article.text), article.text,
               article.url, article.published, article.content_hash)


def clean_title(title: str, text: str = "") -> str:
    """A clean headline; made from the first story sentence when the page gave none."""
    cleaned = _clean_title(title or "").strip()
    if cleaned:
        return cleaned
    sentences = story_sentences(text)
    words = sentences[0].text.split() if sentences else text.split()
    return " ".join(words[:14]).rstrip(",;:.") + ("…" if len(words) > 14 else "")


# -- extractive ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Extract:
    """The extractive reading of one article: summary sentences, key quotes, key figures."""

    doc: Doc
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    numbers: tuple[Figure, ...]


def extract(doc: Doc, brief: BriefSettings) -> Extract:
    sentences = story_sentences(doc.text, doc.title)
    summary = summarize(doc.text, doc.title, brief.summary_sentences, sentences=sentences)
    quotes = key_quotes(doc.text, doc.source_id, brief.max_quotes, paragraphs=split_paragraphs(doc.text),
                        summary=summary)
    numbers = key_numbers([s.text for s in sentences], doc.source_id, brief.max_numbers, doc.title)
    return Extract(doc, tuple(summary), tuple(quotes), tuple(numbers))


def primary_of(docs: Sequence[Doc]) -> Doc:
    """The article a story's headline and summary come from: the fullest text."""
    return max(docs, key=lambda d: (len(d.text.split()) > 80, -docs.index(d)))


def extractive_story(docs: Sequence[Doc], brief: BriefSettings, story_id: int | None = None) -> StoryBrief:
    """A story brief from its articles: the primary's headline and summary, quotes and
    figures from every article (primary first), and every article as a source."""
    primary = primary_of(docs)
    extracts = [extract(d, brief) for d in [primary, *[d for d in docs if d is not primary]]]
    summary = extracts[0].summary or tuple(split_paragraphs(primary.text)[:1])
    quotes: list[Quote] = []
    for q in (q for e in extracts for q in e.quotes):
        if len(quotes) < brief.max_quotes and not any(_same_quote(q, o) for o in quotes):
            quotes.append(q)
    numbers: list[Figure] = []
    for n in (n for e in extracts for n in e.numbers):
        if len(numbers) < brief.max_numbers and all(n.text.lower() != o.text.lower() for o in numbers):
            numbers.append(n)
    return StoryBrief(
        title=primary.title, summary=summary, quotes=tuple(quotes), numbers=tuple(numbers),
        sources=tuple(d.ref for d in docs), generated_by="extractive", story_id=story_id,
    )


def _same_quote(a: Quote, b: Quote) -> bool:
    x, y = a.text.lower(), b.text.lower()
    return x in y or y in x


# -- grouping unstored articles ------------------------------------------------------------

# Two inputs report one event when their leads' vocabularies are close (cosine) and, above
# all, when they share specific figures ("38%", "$48 million"): related stories a year apart
# share names and words but not their numbers.
_SAME_EVENT = 0.55
_SHARED_FIGURE_BONUS = 0.15  # per shared figure, at most two
_SAME_EVENT_DAYS = 3


_ORDINAL_CONFLICT = 0.3


def _conflicting_ordinals(a: set[tuple[float, str]], b: set[tuple[float, str]]) -> bool:
    first = {v for v, kind in a if kind == "ordinal"}
    second = {v for v, kind in b if kind == "ordinal"}
    return bool(first and second and not first & second)


def _figures(doc: Doc) -> set[tuple[float, str]]:
    return {(round(n.value, 6), n.kind) for n in find_numbers(doc.text)
            if n.kind not in ("plain", "date", "time")}


def _lead_vector(doc: Doc) -> Counter[str]:
    words = content_words(doc.title) * 2
    for sentence in story_sentences(doc.text, doc.title)[:6]:
        words.extend(sentence.words)
    return Counter(words)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def group_docs(docs: Sequence[Doc]) -> list[list[Doc]]:
    """Inputs on the same event make one story: similar leads and dates close together."""
    vectors = [_lead_vector(d) for d in docs]
    figures = [_figures(d) for d in docs]
    groups: list[list[int]] = []
    for i, doc in enumerate(docs):
        for group in groups:
            j = group[0]
            shared = min(len(figures[i] & figures[j]), 2)
            score = _cosine(vectors[i], vectors[j]) + _SHARED_FIGURE_BONUS * shared
            if _conflicting_ordinals(figures[i], figures[j]):
                score -= _ORDINAL_CONFLICT  # "their 40th meeting" is not "their 43rd meeting"
            if score >= _SAME_EVENT and _close_in_time(doc, docs[j]):
                group.append(i)
                break
        else:
            groups.append([i])
    return [[docs[i] for i in group] for group in groups]


def _close_in_time(a: Doc, b: Doc) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= _SAME_EVENT_DAYS * 86400


# -- the writer ----------------------------------------------------------------------------

# The longest summary a chat may ask for: a briefing is a digest of several stories, and
# past five sentences an extractive summary turns into the article itself.
MAX_SUMMARY_SENTENCES = 5


def summary_length(requested: int | None, default: int) -> int:
    """The summary length for a digest: the configured default, or a chat's own choice kept
    within 1..MAX_SUMMARY_SENTENCES (or the default, when an operator configured more)."""
    if requested is None:
        return default
    return min(max(requested, 1), max(MAX_SUMMARY_SENTENCES, default))


# The most recently collected articles a digest considers: bounded work when `since` is None
# (an on-demand /brief over everything ever collected).
_MAX_CANDIDATES = 2000

class BriefingWriter:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.llm = make_llm_client(settings.llm)
        self._llm_writer = None
        if self.llm is not None:
            from briefs.write.llm_writer import LLMStoryWriter

            self._llm_writer = LLMStoryWriter(self.llm, store, settings)

    async def aclose(self) -> None:
        if self.llm is not None:
            await self.llm.aclose()

    async def summarize(self, drafts: Sequence[ArticleDraft]) -> Briefing:
        """The briefing of unstored articles: ids a1, a2... by input order."""
        docs = [doc_from_draft(d, public_id(i + 1)) for i, d in enumerate(drafts)]
        groups = await asyncio.to_thread(group_docs, docs)
        return Briefing(tuple(await self._write([(g, None) for g in groups])))

    async def digest(self, scope: Scope, *, limit: int | None = None, topic: str | None = None,
                     summary_sentences: int | None = None) -> Briefing:
        """The top stories of the scope, ranked, each with all its articles as sources;
        `summary_sentences` overrides the configured summary length (a chat's own choice)."""
        articles = self.store.list_articles(
            since=scope.since, source_ids=None if scope.source_ids is None else sorted(scope.source_ids),
            limit=_MAX_CANDIDATES,
        )
        chosen = await asyncio.to_thread(self._top_groups, articles, scope, limit, topic)
        brief = self.settings.brief
        length = summary_length(summary_sentences, brief.summary_sentences)
        if length != brief.summary_sentences:
            brief = dataclasses.replace(brief, summary_sentences=length)
        return Briefing(tuple(await self._write(chosen, brief)))

    def _top_groups(self, articles: list[Article], scope: Scope, limit: int | None,
                    topic: str | None) -> list[tuple[list[Doc], int | None]]:
        selected = select_articles(articles, scope, topic)
        ranked = rank(group_by_story(selected), [*scope.topics, *([topic] if topic else [])])
        count = limit if limit is not None else self.settings.brief.stories
        out = []
        for group in ranked[:count]:
            members = self._story_members(group.story_id, group.articles, scope)
            out.append(([doc_from_article(a) for a in members], group.story_id))
        return out

    def _story_members(self, story_id: int | None, found: list[Article], scope: Scope) -> list[Article]:
        """Every article of the story the scope may see ("also reported by"), oldest first."""
        if story_id is None:
            return found
        _, exclude = scope_filters(scope)
        members = [a for a in self.store.story_articles(story_id)
                   if (scope.source_ids is None or a.source_id in scope.source_ids)
                   and in_scope(a, [], exclude)]
        known = {a.id for a in members}
        return members + [a for a in found if a.id not in known]

    async def _write(self, stories: list[tuple[list[Doc], int | None]],
                     brief: BriefSettings | None = None) -> list[StoryBrief]:
        brief = brief or self.settings.brief
        extractive = await asyncio.to_thread(
            lambda: [extractive_story(docs, brief, story_id) for docs, story_id in stories]
        )
        if self._llm_writer is None or not stories:
            return extractive
        deadline = deadline_in(self.settings.llm.deadline)
        writer = self._llm_writer
        # The first story goes alone: if the LLM is down, its failure opens the circuit and
        # the other stories fall back at once instead of each waiting for their own timeout.
        first = await writer.write(stories[0][0], extractive[0], deadline)
        rest = await asyncio.gather(*[
            writer.write(docs, fallback, deadline)
            for (docs, _), fallback in zip(stories[1:], extractive[1:], strict=True)
        ])
        return [first, *rest]
