"""Article text and metadata from HTML pages (trafilatura), cleaned, off the event loop.

trafilatura does the hard part; we add the metadata we need (title, author, date, language)
and the boilerplate cleaning of `briefs.clean`. Extraction is CPU-bound (lxml), so the
collector runs it in a process pool (`ExtractorPool`) and the event loop stays responsive.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, TypeVar

from briefs.clean import clean_text, clean_title

log = logging.getLogger(__name__)
T = TypeVar("T")

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
_OG_TITLE = re.compile(
    r"<meta\b[^>]*?property\s*=\s*[\"']og:title[\"'][^>]*?content\s*=\s*[\"']([^\"']+)", re.I)


@dataclass(frozen=True)
class ExtractedPage:
    """What a page yields: clean text and the metadata trafilatura found."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    url: str | None = None  # the page's own canonical URL, when it declares one
    sitename: str | None = None


def extract_page(html: str | bytes, url: str | None = None) -> ExtractedPage | None:
    """Extract and clean one page; None when it holds no readable article text.

    Runs in worker processes, so it takes and returns plain picklable values.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    text = clean_text(doc.text)
    if not text:
        return None
    raw = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    title = doc.title or _og_title(raw)
    return ExtractedPage(
        text=text,
        title=clean_title(title) if title else None,
        author=_author(doc.author),
        published=_date(doc.date),
        language=doc.language or _html_language(raw),
        url=doc.url,
        sitename=doc.sitename,
    )


def _author(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return value[:200] or None


def _date(value: str | None) -> datetime | None:
    """trafilatura's date (YYYY-MM-DD) as a UTC datetime at midnight."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _html_language(raw: bytes) -> str | None:
    match = _HTML_LANG.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _og_title(raw: bytes) -> str | None:
    match = _OG_TITLE.search(raw[:65536].decode("utf-8", "replace"))
    return match.group(1) if match else None


def worker_count(configured: int) -> int:
    """`collect.workers`: 0 means one per core."""
    return configured if configured > 0 else (os.cpu_count() or 1)


class ExtractorPool:
    """A lazily started process pool for CPU-heavy parsing and extraction.

    `workers=1` still uses a separate process (the loop must never block on lxml); tests can
    pass any `Executor` instead.
    """

    def __init__(self, workers: int, executor: Executor | None = None) -> None:
        self.workers = worker_count(workers)
        self._executor = executor
        self._owned = executor is None

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.workers)
        return self._executor

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool(), func, *args)

    async def extract(self, html: str | bytes, url: str | None = None) -> ExtractedPage | None:
        return await self.run(extract_page, html, url)

    def close(self) -> None:
        if self._executor is not None and self._owned:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None
