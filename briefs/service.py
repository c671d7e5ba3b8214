"""BriefingService: the engine's one entry point for the chat side and the CLI.

collect -> store -> brief / ask. The service owns the long-lived pieces (the hardened
fetcher, the worker pool, the LLM client) and hands them to the parts that need them.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime
from typing import Callable, Sequence

from briefs.models import Answer, ArticleDraft, Briefing, CollectReport, Scope, Source, Turn
from briefs.store.store import Store
from config.settings import Settings

ProgressCallback = Callable[[str, int, int], None]  # (source, done, total)


class BriefingService:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._collector = None
        self._writer = None
        self._answerer = None

    # The parts are built on first use so that a command pays only for what it needs.

    @property
    def collector(self):  # type: ignore[no-untyped-def]
        if self._collector is None:
            from briefs.collect.collector import Collector

            self._collector = Collector(self.store, self.settings)
        return self._collector

    @property
    def writer(self):  # type: ignore[no-untyped-def]
        if self._writer is None:
            from briefs.write.briefing import BriefingWriter

            self._writer = BriefingWriter(self.store, self.settings)
        return self._writer

    @property
    def answerer(self):  # type: ignore[no-untyped-def]
        if self._answerer is None:
            from briefs.answer.qa import QuestionAnswerer

            self._answerer = QuestionAnswerer(self.store, self.settings)
        return self._answerer

    async def collect(
        self, sources: Sequence[Source] | None = None, progress: ProgressCallback | None = None
    ) -> CollectReport:
        """One collection pass over `sources` (default: every source that is due).

        The new articles' passages are indexed right after the pass, so the first question
        after a large collection does not pay for it."""
        report = await self.collector.collect(sources, progress=progress)
        await asyncio.to_thread(self.index_passages)
        return report

    def index_passages(self) -> int:
        """Index the passages of articles stored since the last time; returns how many."""
        from briefs.answer.index import open_passage_index

        index = open_passage_index(self.store.engine)  # FTS5 on SQLite, tsvector on PostgreSQL
        return 0 if index is None else index.refresh()

    async def summarize(self, drafts: Sequence[ArticleDraft]) -> Briefing:
        """The briefing of unstored articles (several on one event make one story)."""
        return await self.writer.summarize(drafts)

    async def brief(
        self, scope: Scope, *, limit: int | None = None, topic: str | None = None,
        since: datetime | None = None, summary_sentences: int | None = None,
    ) -> Briefing:
        """The digest for `scope`: top stories, ranked, each with "also reported by".

        `since` narrows the scope to articles collected at or after that moment;
        `summary_sentences` is a chat's own summary length (default: the configured one).
        """
        if since is not None:
            scope = dataclasses.replace(scope, since=since)
        return await self.writer.digest(
            scope, limit=limit, topic=topic, summary_sentences=summary_sentences
        )

    async def ask(
        self, question: str, scope: Scope, *, history: Sequence[Turn] = (),
        focus_story_ids: Sequence[int] = (),
    ) -> Answer:
        """A grounded answer with citations, or an honest "not in my sources"."""
        return await self.answerer.ask(
            question, scope, history=history, focus_story_ids=focus_story_ids
        )

    async def aclose(self) -> None:
        for part in (self._collector, self._writer, self._answerer):
            close = getattr(part, "aclose", None)
            if close is not None:
                await close()
        self.store.close()
