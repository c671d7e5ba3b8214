"""One collection pass: sources -> fetch -> parse/extract (worker pool) -> dedupe -> store.

A source is an http(s) URL (a feed or an article page, told apart by sniffing the response)
or, for the operator only, a local file or folder. Each source is collected in its own task
and its own error handling: one broken feed records its error (with exponential backoff) and
never stops the others; articles already stored are never touched by a failure.

Sources with `id <= 0` are one-off (`briefbot collect --source`): their articles are stored
but no source row is created or updated.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import AsyncIterator, Callable, Sequence
from urllib.parse import urlsplit

from briefs.collect.extract import ExtractedPage, ExtractorPool, WorkerError, extract_page, guess_language
from briefs.collect.feeds import (
    FeedError,
    FeedItem,
    ParsedFeed,
    discover_feed_links,
    looks_like_feed,
    parse_feed,
)
from briefs.collect.fetch import BadURLError, Fetcher, FetchError, FetchResult, HTTPStatusError, check_url
from briefs.collect.local import LocalSourceError, iter_local_sources, read_local_article
from briefs.models import ArticleDraft, CollectReport, Source, SourceResult, utcnow
from briefs.store.store import Store
from briefs.stories.cluster import Features
from briefs.stories.dedupe import Deduplicator, canonical_url, prepare
from config.settings import Settings

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]  # (source, done, total)
# a draft with its (content hash, SimHash) and story features, computed in the worker pool
_Prepared = tuple[ArticleDraft, tuple[tuple[str, int], Features]]
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_INTERVAL_MINUTES = 24 * 60


class CollectError(Exception):
    """A source or page that could not be read; the message is one line for users."""


@dataclass(frozen=True)
class PreviewItem:
    title: str
    url: str | None


@dataclass(frozen=True)
class SourcePreview:
    """What a URL yields, fetched once and stored nowhere (to check `/subscribe URL`)."""

    url: str  # after redirects
    kind: str  # "feed" or "page"
    title: str | None
    items: tuple[PreviewItem, ...] = ()


@dataclass
class _Tally:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    first_error: str | None = None
    deadline: float = float("inf")  # loop time when this source must stop fetching
    pass_bound: bool = False  # the pass's budget, not the source's own, set the deadline
    left: int = 0  # items not fetched because the time ran out

    def fail(self, error: str) -> None:
        self.failed += 1
        self.first_error = self.first_error or error

    def out_of_time(self) -> bool:
        return asyncio.get_running_loop().time() >= self.deadline


class _OverBudget(Exception):
    """A source's (or the pass's) time budget ran out before its first fetch finished."""


# An RFC 3986 scheme of two letters or more, then "://" ("C:\\x" is a Windows path, not a URL).
# Read without parsing the rest: a malformed URL ("https://[::1") is still a URL, and
# check_url then says what is wrong with it.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(target: str) -> bool:
    """True for anything with a URL scheme (which must then be http/https)."""
    return _SCHEME.match(target) is not None


def check_source_target(target: str) -> str:
    """Validate a source given by the operator: an http(s) URL or an existing local path.

    Returns the normalised form (URLs as given, paths absolute); raises CollectError.
    """
    if is_url(target):
        try:
            check_url(target)
        except BadURLError as exc:
            raise CollectError(str(exc)) from None
        return target
    path = Path(target).expanduser()
    if not path.exists():
        raise CollectError(f"no such file or folder: {target}")
    return str(path.resolve())


class Collector:
    def __init__(self, store: Store, settings: Settings, *, fetcher: Fetcher | None = None,
                 pool: ExtractorPool | None = None) -> None:
        self.store = store
        self.settings = settings
        self.fetcher = fetcher or Fetcher(settings.fetch)
        self.pool = pool or ExtractorPool(settings.collect.workers)
        self.dedupe = Deduplicator(store, settings.collect.near_duplicate_threshold,
                                   settings.collect.cluster_window_hours)

    async def aclose(self) -> None:
        await self.fetcher.aclose()
        self.pool.close()

    # -- the pass ------------------------------------------------------------------------

    async def collect(self, sources: Sequence[Source] | None = None,
                      progress: ProgressCallback | None = None) -> CollectReport:
        """Collect `sources` (default: every stored source that is due) concurrently."""
        if sources is None:
            for url in self.settings.sources.urls:
                self.store.add_source(url, origin="operator")
            now = utcnow()
            sources = [s for s in self.store.list_sources() if s.next_attempt is None or s.next_attempt <= now]
        self.dedupe.refresh()  # articles another process stored since the last pass
        total, done = len(sources), 0
        pass_deadline = asyncio.get_running_loop().time() + self.settings.collect.pass_budget_seconds

        async def one(source: Source) -> SourceResult:
            nonlocal done
            result = await self._collect_source(source, pass_deadline)
            done += 1
            if progress is not None:
                progress(source.url, done, total)
            return result

        results = await asyncio.gather(*(one(s) for s in sources))
        return CollectReport(tuple(results))

    async def _collect_source(self, source: Source, pass_deadline: float = float("inf")) -> SourceResult:
        own = asyncio.get_running_loop().time() + self.settings.collect.source_budget_seconds
        tally = _Tally(deadline=min(own, pass_deadline), pass_bound=pass_deadline < own)
        if tally.out_of_time():  # the pass is over its budget: start nothing new
            return SourceResult(source.url, error=self._budget_text(tally, started=False))
        try:
            if is_url(source.url):
                state = await self._collect_remote(source, tally)
            else:
                state = await self._collect_local(source, tally)
        except _OverBudget as exc:
            if tally.pass_bound:  # not the source's fault: it stays due, no backoff
                return SourceResult(source.url, error=self._budget_text(tally, started=False))
            return self._failed(source, self._budget_text(tally, started=False), exc)
        except (FetchError, FeedError, LocalSourceError, CollectError, WorkerError) as exc:
            return self._failed(source, str(exc), exc)
        except Exception as exc:  # a bug must not take the other sources down with it
            log.exception("collecting %s failed", source.url)  # the details, for the operator
            return self._failed(source, internal_error_text(exc), exc)
        if tally.failed or tally.left:
            # Keep the old validators: the next pass must get the full feed again to retry
            # the items that failed or were left, not a 304.
            state.pop("etag", None)
            state.pop("last_modified", None)
        self._succeeded(source, state)
        error = self._budget_text(tally, started=True) if tally.left else tally.first_error
        return SourceResult(source.url, tally.new, tally.duplicate, tally.failed, error)

    def _budget_text(self, tally: _Tally, started: bool) -> str:
        """What happened when time ran out, in one plain line."""
        c = self.settings.collect
        budget = (f"the collection pass reached its time budget ({c.pass_budget_seconds:g} s)"
                  if tally.pass_bound else f"over its time budget ({c.source_budget_seconds:g} s)")
        if not started:
            return f"not collected: {budget}"
        items = "1 item" if tally.left == 1 else f"{tally.left} items"
        return f"stopped early: {budget}; {items} left for the next pass"

    @contextlib.asynccontextmanager
    async def _until_deadline(self, tally: _Tally) -> AsyncIterator[None]:
        """Network work that must end by the source's deadline (then _OverBudget)."""
        try:
            async with asyncio.timeout_at(tally.deadline if tally.deadline != float("inf") else None):
                yield
        except TimeoutError:
            raise _OverBudget() from None

    # -- remote sources ------------------------------------------------------------------

    async def _collect_remote(self, source: Source, tally: _Tally) -> dict[str, object]:
        async with self._until_deadline(tally):
            result = await self.fetcher.fetch(source.url, etag=source.etag if source.id > 0 else None,
                                              last_modified=source.last_modified if source.id > 0 else None,
                                              accept=FEED_ACCEPT)
        state: dict[str, object] = {"etag": result.etag or source.etag,
                                    "last_modified": result.last_modified or source.last_modified}
        if result.not_modified:
            state["interval_minutes"] = self._interval(None, result.max_age, source.interval_minutes)
            return state
        if source.kind == "feed" or (source.kind in ("auto", "") and looks_like_feed(result.body, result.content_type)):
            feed = await self.pool.run(parse_feed, result.body, result.url, result.content_type,
                                       self.settings.collect.max_items_per_feed, self.settings.collect.max_item_chars)
            await self._store_feed_items(source, feed, tally)
            state.update(kind="feed", title=source.title or feed.title, skip_hours=feed.skip_hours,
                         interval_minutes=self._interval(feed.ttl_minutes, result.max_age, None))
            return state
        async with self._until_deadline(tally):
            behind = await self._feed_behind(source, result)
        if behind is not None:  # a site's address: collect the feed it advertises
            feed = await self.pool.run(parse_feed, behind.body, behind.url, behind.content_type,
                                       self.settings.collect.max_items_per_feed, self.settings.collect.max_item_chars)
            await self._store_feed_items(source, feed, tally)
            # The kind stays "auto" and the page's validators are not kept: the page is
            # looked at again next time, in case the site moves its feed.
            return {"title": source.title or feed.title,
                    "interval_minutes": self._interval(feed.ttl_minutes, behind.max_age, None)}
        state.update(kind="page", interval_minutes=self._interval(None, result.max_age, None))
        if self._seen(canonical_url(result.url), source):
            tally.duplicate += 1  # a page source seen before: no need to extract it again
            return state
        require_web_page(result)
        page = await self.pool.run(extract_page, result.body, result.url)
        if page is None:
            raise CollectError("no article text found on the page")
        draft = page_draft(page, result, source.url)
        await self._store(draft, source, tally)
        state["title"] = source.title or draft.title
        return state

    async def _store_feed_items(self, source: Source, feed: ParsedFeed, tally: _Tally) -> None:
        async def one(item: FeedItem) -> _Prepared | None:
            if tally.out_of_time():  # the budget is spent: no new fetches for this source
                tally.left += 1
                return None
            try:
                async with self._until_deadline(tally):
                    draft = await self._item_draft(item, source.url, source)
            except _OverBudget:
                tally.left += 1
                return None
            except (FetchError, FeedError, CollectError, WorkerError) as exc:
                tally.fail(f"{item.link or item.title}: {exc}")
                return None
            if draft is None:
                tally.duplicate += 1
                return None
            return await self._prepare(draft)

        self._store_in_order(await asyncio.gather(*(one(item) for item in feed.items)), source, tally)

    async def _item_draft(self, item: FeedItem, source_url: str,
                          source: Source | None = None) -> ArticleDraft | None:
        """A feed item as an article (None: already stored). Teasers get their page fetched."""
        link = item.link if item.link and item.link.startswith(("http://", "https://")) else None
        url = canonical_url(link) if link else f"{source_url}#{item.id or item.title}"
        if self._seen(url, source):
            return None  # seen before: no need to fetch its page again
        text, page, final_url = item.text, None, None
        teaser = len(text) < self.settings.collect.teaser_chars
        if teaser and link and self.settings.collect.fetch_full_text:
            try:
                fetched = await self.fetcher.fetch(link, accept=PAGE_ACCEPT)
                require_web_page(fetched)
                page = await self.pool.run(extract_page, fetched.body, fetched.url)
                final_url = fetched.url
            except (FetchError, CollectError) as exc:
                if not text:
                    raise
                log.info("keeping the teaser of %s: %s", link, exc)
            if page is not None and len(page.text) > len(text):
                text = page.text
        if not text.strip():
            raise CollectError("no text in the item or its page")
        urls = [url, *(u for u in (link, final_url and canonical_url(final_url)) if u)]
        return ArticleDraft(
            url=url, title=item.title or (page.title if page else None) or text.split("\n", 1)[0][:120],
            text=text, urls=tuple(dict.fromkeys(urls)),
            author=item.author or (page.author if page else None),
            published=item.published or (page.published if page else None),
            language=item.language or (page.language if page else None) or guess_language(text),
            source=source_url,
        )

    async def _feed_behind(self, source: Source, page: FetchResult) -> FetchResult | None:
        """The feed a site's front page advertises, for a source given as a site address.

        Only for a site root (path "/"): an article page advertises the site's feed too, and
        whoever gives an article's address wants that article.
        """
        if source.kind not in ("auto", "") or not is_site_root(page.url):
            return None
        for link in discover_feed_links(page.body, page.url)[:2]:
            try:
                fetched = await self.fetcher.fetch(link, accept=FEED_ACCEPT)
            except FetchError as exc:
                log.debug("advertised feed %s of %s failed: %s", link, page.url, exc)
                continue
            if looks_like_feed(fetched.body, fetched.content_type):
                return fetched
        return None

    # -- local sources -------------------------------------------------------------------

    async def _collect_local(self, source: Source, tally: _Tally) -> dict[str, object]:
        path = Path(source.url)
        files = iter_local_sources(path)
        if not files and path.is_file():
            raise LocalSourceError(f"unsupported file type: {path.name}")

        async def one(file: Path) -> _Prepared | None:
            if self._seen(file.resolve().as_uri(), source):
                tally.duplicate += 1
                return None
            try:
                draft = await self.pool.run(read_local_article, file)
            except (LocalSourceError, WorkerError) as exc:
                tally.fail(str(exc))
                return None
            return await self._prepare(dataclasses.replace(draft, source=source.url))

        self._store_in_order(await asyncio.gather(*(one(f) for f in files)), source, tally)
        return {"kind": "folder" if path.is_dir() else "file"}

    # -- storing and state ---------------------------------------------------------------

    def _seen(self, url: str, source: Source | None) -> bool:
        """True when `url` is stored already; the article then belongs to `source` too (the
        same item in a second feed reaches that feed's chats)."""
        found = self.store.article_id_for_url(url)
        if found is not None and source is not None and source.id > 0:
            self.store.link_source(found, source.id)
        return found is not None

    async def _prepare(self, draft: ArticleDraft) -> _Prepared:
        return draft, await self.pool.run(prepare, draft)

    async def _store(self, draft: ArticleDraft, source: Source, tally: _Tally) -> None:
        self._store_in_order([await self._prepare(draft)], source, tally)

    def _store_in_order(self, prepared: Sequence[_Prepared | None], source: Source, tally: _Tally) -> None:
        """Store drafts in source order (feed order, sorted file names), whatever order their
        fetches finished in: which copy of a near-duplicate is the original, and the article
        ids, then do not depend on network timing."""
        for item in prepared:
            if item is None:
                continue
            draft, (prints, feats) = item
            outcome, _article_id = self.dedupe.add(draft, prints, source_id=source.id if source.id > 0 else None,
                                                   feats=feats)
            if outcome == "new":
                tally.new += 1
            else:
                tally.duplicate += 1

    def _interval(self, ttl: int | None, max_age: int | None, previous: int | None) -> int:
        """Minutes until the next visit: the default, lengthened by a feed TTL or max-age."""
        minutes = max(self.settings.collect.interval_minutes, ttl or 0, (max_age or 0) // 60, previous or 0)
        return min(minutes, MAX_INTERVAL_MINUTES)

    def _succeeded(self, source: Source, state: dict[str, object]) -> None:
        if source.id <= 0:
            return
        now = utcnow()
        interval = int(state.pop("interval_minutes", None) or self.settings.collect.interval_minutes)
        skip = state.pop("skip_hours", ())
        if state.get("kind") and source.kind not in ("auto", "", state["kind"]):
            state.pop("kind")  # an explicit kind set by the operator stays
        self.store.update_source(source.id, failures=0, last_error=None, last_success=now,
                                 next_attempt=after_skipped_hours(now + timedelta(minutes=interval), skip),
                                 interval_minutes=interval, **state)

    def _failed(self, source: Source, error: str, exc: Exception) -> SourceResult:
        log.debug("source %s failed: %s", source.url, error)  # recorded in its health
        if source.id > 0:
            failures = source.failures + 1
            self.store.update_source(source.id, failures=failures, last_error=error,
                                     next_attempt=self._next_attempt(failures, exc))
        return SourceResult(source.url, failed=1, error=error)

    def _next_attempt(self, failures: int, exc: Exception) -> datetime:
        """Exponential backoff: base * 2^(failures-1), capped; Retry-After when longer."""
        c = self.settings.collect
        minutes = min(c.backoff_base_minutes * 2 ** min(failures - 1, 20), c.backoff_max_hours * 60)
        if isinstance(exc, HTTPStatusError) and exc.retry_after:
            minutes = max(minutes, min(exc.retry_after / 60, c.backoff_max_hours * 60))
        return utcnow() + timedelta(minutes=minutes)

    # -- single pages and previews -------------------------------------------------------

    async def fetch_article(self, url: str) -> ArticleDraft:
        """One article page (or the first item of a feed) as a draft, without storing it."""
        result = await self._fetch_for_user(url, PAGE_ACCEPT)
        if looks_like_feed(result.body, result.content_type):
            raise CollectError(f"{url} is a feed, not an article page")
        require_web_page(result)
        page = await self._in_pool(extract_page, result.body, result.url)
        if page is None:
            raise CollectError(f"no article text found at {url}")
        return page_draft(page, result, url)

    async def preview(self, url: str) -> SourcePreview:
        """Fetch and parse `url` once, storing nothing; CollectError if it is unusable."""
        result = await self._fetch_for_user(url, FEED_ACCEPT)
        if not looks_like_feed(result.body, result.content_type):
            result = await self._feed_behind(Source(id=0, url=url), result) or result
        if looks_like_feed(result.body, result.content_type):
            try:
                c = self.settings.collect
                feed = await self.pool.run(parse_feed, result.body, result.url, result.content_type,
                                           c.max_items_per_feed, c.max_item_chars)
            except (FeedError, WorkerError) as exc:
                raise CollectError(str(exc)) from None
            items = tuple(PreviewItem(i.title or i.link or "", i.link) for i in feed.items)
            return SourcePreview(result.url, "feed", feed.title, items)
        require_web_page(result)
        page = await self._in_pool(extract_page, result.body, result.url)
        if page is None:
            raise CollectError(f"no feed or article text found at {url}")
        title = page.title or page.text.split("\n", 1)[0][:120]
        return SourcePreview(result.url, "page", title, (PreviewItem(title, result.url),))

    async def _in_pool(self, func, *args):  # type: ignore[no-untyped-def]
        try:
            return await self.pool.run(func, *args)
        except WorkerError as exc:
            raise CollectError(str(exc)) from None

    async def _fetch_for_user(self, url: str, accept: str) -> FetchResult:
        if not is_url(url):
            raise CollectError(f"not a URL: {url}")
        try:
            return await self.fetcher.fetch(url, accept=accept)
        except FetchError as exc:
            raise CollectError(str(exc)) from None


WEB_PAGE_TYPES = ("", "text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def internal_error_text(exc: Exception) -> str:
    """A source's error for an unexpected failure: one plain line for /sources, never the
    exception's text (a database error's carries the SQL and its parameters)."""
    if type(exc).__module__.split(".")[0] == "sqlalchemy":
        return "internal error: the database refused a write (details in the log); will retry"
    return f"internal error: {type(exc).__name__} (details in the log); will retry"


def require_web_page(result: FetchResult) -> None:
    """Refuse what is not a web page (PDFs, images, archives) before extraction sees it."""
    if result.content_type not in WEB_PAGE_TYPES:
        raise CollectError(f"not a web page ({result.content_type})")


def after_skipped_hours(moment: datetime, skip: Sequence[int]) -> datetime:
    """`moment`, or the start of the first following UTC hour the feed does not skip."""
    if not skip or len(set(skip)) >= 24:
        return moment
    utc = moment.astimezone(timezone.utc)
    while utc.hour in skip:
        utc = (utc + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return utc


def is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def page_draft(page: ExtractedPage, result: FetchResult, source: str) -> ArticleDraft:
    url = canonical_url(result.url)
    urls = [url, *(canonical_url(u) for u in result.redirects)]
    # The page's own canonical link is trusted only on its own host: a page must not be able
    # to claim another site's URL (and so pass for a duplicate of that site's article).
    if page.url and urlsplit(page.url).hostname == urlsplit(result.url).hostname:
        urls.append(canonical_url(page.url))
    return ArticleDraft(
        url=url, title=page.title or page.text.split("\n", 1)[0][:120], text=page.text,
        urls=tuple(dict.fromkeys(u for u in urls if u.startswith(("http://", "https://")))),
        author=page.author, published=page.published, language=page.language, source=source,
    )
