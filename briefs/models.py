"""The engine's value types: frozen dataclasses shared by collection, briefing and answering.

Public article ids look like ``a12`` (the store's integer id with an ``a`` prefix); they are
what briefings and answers cite as ``source_id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

GeneratedBy = Literal["extractive", "llm"]
SourceKind = Literal["feed", "page", "folder", "file", "auto"]


def public_id(article_id: int) -> str:
    return f"a{article_id}"


def parse_public_id(value: str) -> int:
    """``a12`` or ``12`` -> 12; ValueError for anything else."""
    text = value.strip().lower().removeprefix("a")
    if not text.isdigit():
        raise ValueError(f"not an article id: {value!r}")
    return int(text)


def iso(moment: datetime | None) -> str | None:
    """UTC ISO-8601 with a Z, as in the JSON shapes."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Source:
    """A configured source with its fetch state (conditional GET, backoff, health)."""

    id: int
    url: str
    kind: SourceKind = "auto"
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    interval_minutes: int | None = None  # from the feed's TTL / Cache-Control, if any
    added_at: datetime | None = None
    origin: str = "operator"  # "operator", "chat" or "sample"

    @property
    def health(self) -> str:
        """"ok", "failing" (recent failures, retrying with backoff) or "new"."""
        if self.failures:
            return "failing"
        return "ok" if self.last_success else "new"


@dataclass(frozen=True)
class Scope:
    """What a chat can see: its sources (None = everything collected) and topic filters."""

    source_ids: frozenset[int] | None = None
    topics: tuple[str, ...] = ()  # an article matches when it contains any of these
    exclude: tuple[str, ...] = ()  # ... and none of these
    since: datetime | None = None  # collected at or after this moment

    @property
    def key(self) -> str:
        """A stable key: chats with identical scopes share one computed digest."""
        ids = "*" if self.source_ids is None else ",".join(map(str, sorted(self.source_ids)))
        return "|".join([ids, ",".join(sorted(self.topics)), ",".join(sorted(self.exclude)),
                         iso(self.since) or ""])


@dataclass(frozen=True)
class ArticleDraft:
    """An article as collected, before it has an id in the store."""

    url: str  # canonical URL
    title: str
    text: str  # clean text: paragraphs separated by blank lines
    urls: tuple[str, ...] = ()  # every URL known for it (canonical first)
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    source: str | None = None  # the source URL or path it came from
    content_hash: str = ""


@dataclass(frozen=True)
class Article:
    id: int
    url: str
    title: str
    text: str
    urls: tuple[str, ...] = ()
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    source: str | None = None
    content_hash: str = ""
    collected_at: datetime | None = None
    story_id: int | None = None
    source_id: int | None = None  # the Source row it came from, when it came from one
    source_ids: tuple[int, ...] = ()  # every Source row that carried it (article_sources)

    @property
    def public_id(self) -> str:
        return public_id(self.id)

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.public_id,
            "title": self.title,
            "url": self.url,
            "urls": list(self.urls or (self.url,)),
            "source": self.source,
            "published": iso(self.published),
        }

    def full_json(self) -> dict[str, Any]:
        return {
            **self.summary_json(),
            "author": self.author,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim, without the quotation marks
    speaker: str | None
    source_id: str
    context: str = ""  # the sentence(s) it was found in
    via: str = ""  # the outlet or record the source says reported the words ("according to X")

    @property
    def credit(self) -> str | None:
        """Who said it, as readers see it: ``Peter Welch, according to Vermont Edition``."""
        if self.speaker and self.via:
            return f"{self.speaker}, according to {self.via}"
        return self.speaker

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "speaker": self.speaker, "source_id": self.source_id}
        return {**out, "via": self.via} if self.via else out


@dataclass(frozen=True)
class Figure:
    """A key number: as written, with its unit, and the clause it came from."""

    text: str
    context: str
    source_id: str
    kind: str = ""  # money, percent, count, measure, score, range, fraction, age, ordinal, year, number

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "context": self.context, "source_id": self.source_id}
        if self.kind:
            out["kind"] = self.kind
        return out


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    url: str
    published: datetime | None = None
    site: str | None = None  # the publisher's host, for "also reported by"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "published": iso(self.published)}


@dataclass(frozen=True)
class StoryRef:
    """An earlier story a new one continues ("Previously, 20 Mar 2023: ...")."""

    story_id: int | None  # None for unstored inputs (summarize)
    title: str
    url: str
    published: datetime | None = None  # None: undated, so no date is shown

    def to_json(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "title": self.title, "url": self.url, "published": iso(self.published)}


@dataclass(frozen=True)
class StoryBrief:
    title: str
    summary: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[Figure, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    generated_by: GeneratedBy = "extractive"
    story_id: int | None = None  # the store's story cluster, when there is one
    previous: StoryRef | None = None  # the earlier story this one continues
    sample: bool = False  # made from the bundled sample news, not from real sources

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": list(self.summary),
            "quotes": [q.to_json() for q in self.quotes],
            "numbers": [n.to_json() for n in self.numbers],
            "sources": [s.to_json() for s in self.sources],
            "generated_by": self.generated_by,
            **({"previous": self.previous.to_json()} if self.previous else {}),
            **({"sample": True} if self.sample else {}),
        }


@dataclass(frozen=True)
class Briefing:
    stories: tuple[StoryBrief, ...] = ()
    generated_at: datetime = field(default_factory=utcnow)

    @property
    def generated_by(self) -> GeneratedBy:
        return "llm" if self.stories and all(s.generated_by == "llm" for s in self.stories) else "extractive"

    def to_json(self) -> dict[str, Any]:
        return {"generated_by": self.generated_by, "stories": [s.to_json() for s in self.stories]}


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    url: str
    excerpt: str

    def to_json(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "title": self.title, "url": self.url, "excerpt": self.excerpt}


@dataclass(frozen=True)
class Answer:
    answer: str
    grounded: bool
    citations: tuple[Citation, ...] = ()
    generated_by: GeneratedBy = "extractive"

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "grounded": self.grounded,
            "citations": [c.to_json() for c in self.citations],
            "generated_by": self.generated_by,
        }


@dataclass(frozen=True)
class Turn:
    """One earlier question and answer in a conversation thread."""

    question: str
    answer: str


@dataclass(frozen=True)
class SourceResult:
    source: str
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "new": self.new, "duplicate": self.duplicate,
                "failed": self.failed, "error": self.error}


@dataclass(frozen=True)
class CollectReport:
    sources: tuple[SourceResult, ...] = ()

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def duplicate(self) -> int:
        return sum(s.duplicate for s in self.sources)

    @property
    def failed(self) -> int:
        return sum(s.failed for s in self.sources)

    def to_json(self) -> dict[str, Any]:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed,
                "sources": [s.to_json() for s in self.sources]}
