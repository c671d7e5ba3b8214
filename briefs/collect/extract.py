"""Article text and metadata from HTML pages (trafilatura), cleaned, off the event loop.

trafilatura finds the article body; `briefs.collect.clean` removes the boilerplate it lets through.
Page metadata (title, author, date, language, canonical URL) comes from the page's meta tags,
JSON-LD and <title> with a few regular expressions rather than from trafilatura's metadata
pass: that pass (htmldate, author heuristics) costs about a quarter of the extraction time,
and the tags news sites publish for social previews say the same things.

Extraction is CPU-bound (lxml), so the collector runs it in a process pool (`ExtractorPool`)
and the event loop stays responsive.
"""

from __future__ import annotations

import asyncio
import html as htmllib
import multiprocessing
import multiprocessing.context
import os
import re
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, TypeVar

from briefs.collect.clean import clean_text, clean_title
from briefs.collect.feeds import MAX_ITEM_CHARS, cap_text

T = TypeVar("T")
MIN_ARTICLE_WORDS = 5  # less is a menu or an error page, not an article
FALLBACK_WORDS = 50  # a shorter fast extraction is retried with trafilatura's fallbacks


@dataclass(frozen=True)
class ExtractedPage:
    """What a page yields: clean text and the metadata the page declares."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    url: str | None = None  # the page's own canonical URL, when it declares one


def extract_page(html: str | bytes, url: str | None = None) -> ExtractedPage | None:
    """Extract and clean one page; None when it holds no readable article text.

    Runs in worker processes, so it takes and returns plain picklable values.
    """
    import trafilatura

    # Bounded input: a multi-megabyte page costs hundreds of MiB in lxml and trafilatura, for
    # an article no reader wants whole. Markup weighs several times the text it carries.
    html = html[:MAX_ITEM_CHARS * 8]
    text_html = html if isinstance(html, str) else _decode(html)
    # Comments are not the article; skipping them is also cheaper. trafilatura's own
    # extractor alone ("fast": no readability/jusText comparison) is about a third cheaper
    # and on the benchmark pages at least as accurate; the fallbacks run only when it finds
    # little, and the longer result wins.
    options = {"url": url, "include_comments": False, "include_tables": True}
    doc = trafilatura.bare_extraction(text_html, fast=True, **options)
    if doc is None or len((doc.text or "").split()) < FALLBACK_WORDS:
        full = trafilatura.bare_extraction(text_html, fast=False, **options)
        if full is not None and len(full.text or "") > len(doc.text or "" if doc else ""):
            doc = full
    if doc is None or not (doc.text or "").strip():
        return None
    text = cap_text(clean_text(doc.text), MAX_ITEM_CHARS)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    meta = page_metadata(text_html)
    author = meta.get("author")
    return ExtractedPage(
        text=text,
        title=clean_title(meta["title"]) if meta.get("title") else None,
        author=author[:200] if author else None,
        published=parse_date(meta.get("date")) or markup_date(text_html, url),
        language=_language(meta.get("language")) or guess_language(text),
        url=meta.get("url"),
    )


def _decode(raw: bytes) -> str:
    from briefs.collect.fetch import decode_body

    return decode_body(raw)


# -- page metadata --------------------------------------------------------------------------

_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1_TAG = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
_CANONICAL = re.compile(r"<link\s[^>]*rel\s*=\s*[\"']?canonical[^>]*>", re.I)
_HREF = re.compile(r"href\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_JSONLD_FIELD = re.compile(r'"(datePublished|dateCreated|author|inLanguage|headline)"\s*:\s*'
                           r'(?:"([^"]{1,300})"|\{[^{}]*?"name"\s*:\s*"([^"]{1,200})"'
                           r'|\[\s*\{[^{}]*?"name"\s*:\s*"([^"]{1,200})")')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)", re.I)
_TAGS = re.compile(r"<[^>]+>")
_HEAD_CHARS = 300_000  # meta tags and JSON-LD sit near the top; never scan a whole huge page

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline")
_AUTHOR_KEYS = ("author", "article:author", "byl", "parsely-author", "sailthru.author",
                "dc.creator", "cxenseparse:author")
_DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
              "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "sailthru.date",
              "parsely-pub-date", "article.published", "published_time", "og:published_time")
_LANG_KEYS = ("content-language", "og:locale", "language", "dc.language")


def page_metadata(html: str) -> dict[str, str]:
    """title, author, date, language and url (canonical) found in the page, when present."""
    head = html[:_HEAD_CHARS]
    meta = _meta_tags(head)
    jsonld: dict[str, str] = {}
    for match in _JSONLD_FIELD.finditer(head):
        jsonld.setdefault(match.group(1), match.group(2) or match.group(3) or match.group(4) or "")
    time_tag = _TIME_TAG.search(head)
    lang_tag = _HTML_LANG.search(head[:5000])
    found = {
        "title": _first(meta, _TITLE_KEYS) or jsonld.get("headline") or _tag_text(_TITLE_TAG, head)
        or _tag_text(_H1_TAG, head),
        "author": _first(meta, _AUTHOR_KEYS, skip_urls=True) or jsonld.get("author"),
        "date": _first(meta, _DATE_KEYS) or jsonld.get("datePublished") or jsonld.get("dateCreated")
        or (time_tag.group(1) if time_tag else None),
        "language": (lang_tag.group(1) if lang_tag else None) or _first(meta, _LANG_KEYS)
        or jsonld.get("inLanguage"),
    }
    canonical = _CANONICAL.search(head)
    href = _HREF.search(canonical.group(0)) if canonical else None
    if href:
        found["url"] = href.group(1)
    return {k: htmllib.unescape(v).strip() for k, v in found.items() if v and v.strip()}


def _meta_tags(head: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
               or attrs.get("http-equiv") or "").lower()
        if key and attrs.get("content", "").strip() and key not in meta:
            meta[key] = attrs["content"].strip()
    return meta


def _first(meta: dict[str, str], keys: tuple[str, ...], skip_urls: bool = False) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value and not (skip_urls and value.startswith(("http://", "https://", "@"))):
            return value
    return None


def _tag_text(pattern: re.Pattern[str], head: str) -> str | None:
    match = pattern.search(head)
    if not match:
        return None
    return " ".join(_TAGS.sub(" ", match.group(1)).split()) or None


def markup_date(html: str, url: str | None = None) -> datetime | None:
    """The publication date from the page's markup (time elements, date classes, the URL) by
    htmldate, when the meta tags had none. Only the markup and URL are searched, not the
    visible text: a page's "today is ..." line or a scraper's date is not the story's date."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is optional; a page that confuses htmldate has none
        return None
    return parse_date(found)


def parse_date(value: str | None) -> datetime | None:
    """ISO 8601 (with or without time and zone) or RFC 2822 dates, as UTC; None if implausible."""
    if not value:
        return None
    value = value.strip()
    try:
        moment: datetime | None = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = _rfc2822(value) or _iso_prefix(value)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment if 1990 <= moment.year <= 2100 else None


def _rfc2822(value: str) -> datetime | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _iso_prefix(value: str) -> datetime | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    try:
        return datetime.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None


_STOPWORDS = {
    "en": "the and of to in is that for with was on as by at from he it said his are have has".split(),
    "de": "der die und das ist nicht mit von den dem sich auf für ein eine des im zu wurde auch".split(),
    "fr": "le la les et des est une dans pour que qui sur du au pas par avec sont ce il".split(),
    "es": "el la los las y de que en un una por con para es se del al fue como su".split(),
    "it": "il di che la per una sono con non del della gli le è da nel alla ha anche".split(),
    "nl": "de het een en van is dat niet op te met voor zijn er aan door ook als bij".split(),
    "pt": "o os da do que em um uma para com não dos das se por mais foi ao como".split(),
}
_STOPWORD_SETS = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """A cheap guess from function words, for pages and files that do not declare one."""
    tokens = re.findall(r"\w+", text[:3000].lower())
    if len(tokens) < 20:
        return None
    scores = sorted(((sum(t in words for t in tokens), lang) for lang, words in _STOPWORD_SETS.items()),
                    reverse=True)
    (best, lang), (second, _other) = scores[0], scores[1]
    return lang if best >= 5 and best >= 1.5 * second else None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


# -- the worker pool ------------------------------------------------------------------------


def worker_count(configured: int) -> int:
    """`collect.workers`: 0 means one per core."""
    return configured if configured > 0 else (os.cpu_count() or 1)


def _mp_context() -> multiprocessing.context.BaseContext:
    """Workers are started from a clean server process (forkserver), not forked from the bot.

    The bot has threads (the resolver's, the chat libraries'); forking a threaded process can
    copy a lock that some thread holds and hang the child. The server preloads the parsing
    libraries once, so each worker still starts quickly.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([
            "briefs.collect.extract", "briefs.collect.feeds", "briefs.collect.local", "briefs.stories.dedupe",
            "trafilatura", "feedparser",
        ])
        return context
    return multiprocessing.get_context("spawn")


class WorkerError(RuntimeError):
    """A task the worker pool could not finish: the worker crashed or overran its deadline."""


class ExtractorPool:
    """A lazily started process pool for CPU-heavy parsing and extraction.

    Even with one worker the work runs in another process: the loop must never block on
    lxml. A task that overruns `task_timeout` (a pathological page) or a worker that dies
    gets the pool replaced, so one bad page cannot keep a worker busy for good; the tasks in
    flight then fail with `WorkerError` and their sources record it. Tests may pass any
    `Executor` instead.
    """

    def __init__(self, workers: int, executor: Executor | None = None, task_timeout: float = 120.0) -> None:
        self.workers = worker_count(workers)
        self.task_timeout = task_timeout
        self._executor = executor
        self._owned = executor is None

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=_mp_context())
        return self._executor

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        pool = self._pool()
        future = loop.run_in_executor(pool, func, *args)
        try:
            return await asyncio.wait_for(future, self.task_timeout)
        except TimeoutError:
            self._replace(pool, kill=True)
            raise WorkerError(f"{getattr(func, '__name__', 'task')} took over {self.task_timeout:g}s") from None
        except BrokenProcessPool:
            self._replace(pool, kill=False)
            raise WorkerError("a worker process crashed") from None

    def _replace(self, broken: Executor, kill: bool) -> None:
        """Drop `broken` (once, however many tasks notice) so the next task starts a new pool."""
        if broken is not self._executor or not self._owned:
            return
        self._executor = None
        if kill and isinstance(broken, ProcessPoolExecutor):
            # ProcessPoolExecutor cannot cancel a running task; ending its processes is the
            # only way to get the CPU back (attribute stable since Python 3.2).
            for process in list((getattr(broken, "_processes", None) or {}).values()):
                process.kill()
        broken.shutdown(wait=False, cancel_futures=True)

    async def extract(self, html: str | bytes, url: str | None = None) -> ExtractedPage | None:
        return await self.run(extract_page, html, url)

    def close(self) -> None:
        if self._executor is not None and self._owned:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None
