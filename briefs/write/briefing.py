"""BriefingWriter: story briefs and digests, extractive by default, LLM-written when configured.

The extractive brief is always computed (cheap, deterministic, offline) and is the fallback
for any story whose LLM output is missing or fails verification. CPU work runs in a thread so
the event loop (chat adapters, scheduler) is never held up by a large digest.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from briefs.llm import deadline_in, make_llm_client
from briefs.models import (
    Article,
    ArticleDraft,
    Briefing,
    Figure,
    Quote,
    Scope,
    SourceRef,
    StoryBrief,
    StoryRef,
    public_id,
)
from briefs.store.store import Store
from briefs.write.numbers import key_numbers
from briefs.write.quotes import key_quotes
from briefs.write.ranking import group_by_story, host_of, in_scope, rank, scope_filters, select_articles
from briefs.write.summarize import story_sentences, summarize
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
    sample: bool = False  # from the bundled sample news

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.source_id, self.title, self.url, self.published, host_of(self.url))


def doc_from_draft(draft: ArticleDraft, source_id: str) -> Doc:
    return Doc(source_id, clean_title(draft.title, draft.text), draft.text, draft.url,
               draft.published, draft.content_hash)


def doc_from_article(article: Article, sample_sources: frozenset[int] = frozenset()) -> Doc:
    sample = bool(article.source_ids) and set(article.source_ids) <= sample_sources
    return Doc(article.public_id, clean_title(article.title, article.text), article.text,
               article.url, article.published, article.content_hash, sample)


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
    paragraphs = split_paragraphs(doc.text)  # split once, for the sentences and the quotes
    sentences = story_sentences(doc.text, doc.title, paragraphs)
    summary = summarize(doc.text, doc.title, brief.summary_sentences, sentences=sentences)
    quotes = key_quotes(doc.text, doc.source_id, brief.max_quotes, paragraphs=paragraphs, summary=summary)
    numbers = key_numbers([s.text for s in sentences], doc.source_id, brief.max_numbers, doc.title,
                          year=doc.published.year if doc.published else None)
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

def group_docs(docs: Sequence[Doc]) -> list[list[Doc]]:
    """Inputs on the same event make one story: the same model as collection
    (briefs.stories.cluster), filed in input order."""
    return [group for group, _ in group_docs_with_memory(docs)]


def group_docs_with_memory(docs: Sequence[Doc]) -> list[tuple[list[Doc], int | None]]:
    """Stories of unstored inputs, each with the index of the earlier story it continues."""
    from briefs.stories.cluster import StoryIndex, features, is_newer

    index = StoryIndex()
    feats = [features(d.title, d.text, d.url, d.published) for d in docs]
    order: dict[int, list[int]] = {}
    previous: dict[int, int] = {}
    for i, f in enumerate(feats):
        filing = index.add(i, f)
        order.setdefault(filing.story, []).append(i)
        if filing.previous is not None and filing.previous_features is not None:
            if is_newer(f, filing.previous_features):
                previous[filing.story] = filing.previous
            else:
                previous[filing.previous] = filing.story
    keys = list(order)
    return [([docs[i] for i in order[k]], keys.index(previous[k]) if k in previous else None) for k in keys]


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
        groups = await asyncio.to_thread(group_docs_with_memory, docs)
        written = await self._write([(g, None) for g, _ in groups])
        out = []
        for story, (_, earlier) in zip(written, groups, strict=True):
            if earlier is not None:
                first = primary_of(groups[earlier][0])
                story = dataclasses.replace(story, previous=StoryRef(None, first.title, first.url, first.published))
            out.append(story)
        return Briefing(tuple(out))

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
        written = await self._write(chosen, brief)
        return Briefing(tuple(self._with_memory(written, chosen)))

    def _with_memory(self, stories: list[StoryBrief], chosen: list[tuple[list[Doc], int | None]]) -> list[StoryBrief]:
        """Each story with the earlier story it continues, and marked when it is sample news."""
        ids = [s.story_id for s in stories if s.story_id is not None]
        previous = self.store.previous_stories(ids)
        samples = self.store.sample_source_ids()
        out = []
        for story, (docs, _) in zip(stories, chosen, strict=True):
            sample = bool(samples) and all(d.sample for d in docs)
            out.append(dataclasses.replace(story, previous=previous.get(story.story_id or 0), sample=sample))
        return out

    def _top_groups(self, articles: list[Article], scope: Scope, limit: int | None,
                    topic: str | None) -> list[tuple[list[Doc], int | None]]:
        samples = self.store.sample_source_ids()
        if samples:  # sample news only while there is nothing real to show
            real = [a for a in articles if not (a.source_ids and set(a.source_ids) <= samples)]
            articles = real or articles
        selected = select_articles(articles, scope, topic)
        ranked = rank(group_by_story(selected), [*scope.topics, *([topic] if topic else [])])
        count = limit if limit is not None else self.settings.brief.stories
        out = []
        for group in ranked[:count]:
            members = self._story_members(group.story_id, group.articles, scope)
            out.append(([doc_from_article(a, samples) for a in members], group.story_id))
        return out

    def _story_members(self, story_id: int | None, found: list[Article], scope: Scope) -> list[Article]:
        """Every article of the story the scope may see ("also reported by"), oldest first."""
        if story_id is None:
            return found
        _, exclude = scope_filters(scope)
        members = [a for a in self.store.story_articles(story_id)
                   if (scope.source_ids is None or set(a.source_ids) & scope.source_ids)
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
