"""Feed and topic subscriptions: /subscribe, /unsubscribe, /sources, /export, OPML import."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime
from urllib.parse import urlsplit

from bot import subscriptions as subs
from bot.chat.commands import Context, Handler, typing
from bot.messages import Block, Document, Span
from briefs.collect.collector import CollectError, SourcePreview
from briefs.collect.opml import OpmlError, OpmlFeed, parse_opml, to_opml
from briefs.models import Source, utcnow

log = logging.getLogger(__name__)

_ASCII_NUMBER = re.compile(r"[0-9]{1,30}")
MAX_ID = 2**63 - 1  # the largest database integer
MAX_URL_CHARS = 2048
PREVIEW_EXAMPLES = 3
IMPORT_CONCURRENCY = 4
IMPORT_MAX_BYTES = 1_000_000


async def subscribe(ctx: Context) -> None:
    first, _, rest = ctx.args.strip().partition(" ")
    if not first:
        await ctx.reply(ctx.t("subscribe_usage"))
        return
    if not await ctx.allowed_to_change():
        return
    if first.lower() in ("topic", "topics"):
        await _subscribe_topic(ctx, rest)
        return
    await subscribe_url(ctx, _clean_url(first))


async def _subscribe_topic(ctx: Context, text: str) -> None:
    try:
        sub = subs.add_topic(ctx.store, ctx.incoming.chat, text, ctx.settings.bot.max_topics_per_chat)
    except subs.SubscriptionError as exc:
        await ctx.reply(ctx.t(exc.key, **exc.args_))
        return
    await ctx.reply(ctx.t("subscribed_topic", id=sub.id, words=", ".join(sub.words) or "*",
                          excluding=_excluding(ctx, sub.exclude)))


async def subscribe_url(ctx: Context, url: str) -> None:
    """Check and fetch `url` once; only a source that yields something readable is accepted."""
    problem = await _check_new_feed(ctx, url)
    if problem:
        await ctx.reply(problem)
        return
    try:
        async with typing(ctx):
            preview = await ctx.service.collector.preview(url)
    except CollectError as exc:  # written for users: bad, private or unreachable
        log.info("subscribe refused for %s in %s: %s", url, ctx.incoming.chat.key, exc)
        await ctx.reply(ctx.t("subscribe_failed", url=url, error=_error_text(exc)))
        return
    source, sub_id = await _accept(ctx, url, preview)
    if sub_id is None:
        return
    titles = [item.title for item in preview.items if item.title]
    title = source.title or preview.title or url
    if not titles:
        await ctx.reply(ctx.t("subscribed_feed_empty", id=sub_id, title=title))
        return
    examples = "\n".join(f"\u2022 {t}" for t in titles[:PREVIEW_EXAMPLES])
    count = ctx.t("items_one") if len(titles) == 1 else ctx.t("items_many", n=len(titles))
    await ctx.reply(ctx.t("subscribed_feed", id=sub_id, title=title, count=count,
                          examples=examples))


async def _check_new_feed(ctx: Context, url: str) -> str | None:
    """A user-facing reason to refuse `url` before fetching it, or None."""
    if len(url) > MAX_URL_CHARS:
        return ctx.t("subscribe_long_url", max=MAX_URL_CHARS)
    if not _is_web_url(url):
        return ctx.t("subscribe_bad_url", url=url)
    existing = ctx.store.find_source(url)
    if existing and subs.has_feed(ctx.store, ctx.incoming.chat, existing.id):
        return ctx.t("sub_exists", url=url)
    limit = ctx.settings.bot.max_subscriptions_per_chat
    if subs.count(ctx.store, ctx.incoming.chat, "feed") >= limit:
        return ctx.t("sub_limit", limit=limit)
    return None


async def _accept(ctx: Context, url: str, preview: SourcePreview) -> tuple[Source, int | None]:
    kind = preview.kind if preview.kind in ("feed", "page") else "auto"
    source = ctx.store.add_source(url, kind=kind, title=preview.title, origin="chat")
    try:
        sub = subs.add_feed(ctx.store, ctx.incoming.chat, source,
                            ctx.settings.bot.max_subscriptions_per_chat)
    except subs.SubscriptionError as exc:  # a concurrent /subscribe got there first
        await ctx.reply(ctx.t(exc.key, **exc.args_))
        return source, None
    await ctx.notify_scheduler("source_added", source)
    return source, sub.id


def _is_web_url(url: str) -> bool:
    """An http(s) URL with a host that parses (``https://[::1`` does not)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # a bad port raises here
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def _clean_url(text: str) -> str:
    # Slack wraps links as <https://example.org|example.org>; Telegram may keep <...>.
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].split("|", 1)[0]
    return text


def _error_text(exc: Exception) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text[:300]


async def unsubscribe(ctx: Context) -> None:
    raw = ctx.args.strip().lstrip("#")
    if not _ASCII_NUMBER.fullmatch(raw):  # "²" is a digit to str.isdigit, not to int()
        await ctx.reply(ctx.t("unsubscribe_usage"))
        return
    if not await ctx.allowed_to_change():
        return
    number = int(raw)
    # Beyond a database integer no subscription can have that number.
    removed = subs.remove(ctx.store, ctx.incoming.chat, number) if number <= MAX_ID else None
    if removed is None:
        await ctx.reply(ctx.t("unsubscribe_missing", id=raw))
        return
    source = removed.source
    if source and source.origin == "chat" and subs.subscriber_count(ctx.store, source.id) == 0:
        # Nobody follows it any more: stop collecting it (its articles stay).
        ctx.store.remove_source(source.id)
        await ctx.notify_scheduler("source_removed", source)
    await ctx.reply(ctx.t("unsubscribed", id=removed.id, what=_describe(ctx, removed)))


def _describe(ctx: Context, sub: subs.Subscription) -> str:
    if sub.kind == "feed":
        return (sub.source.title or sub.source.url) if sub.source else "?"
    return "topic " + ", ".join(sub.words) + _excluding(ctx, sub.exclude)


def _excluding(ctx: Context, words: tuple[str, ...]) -> str:
    return ctx.t("excluding", words=", ".join(words)) if words else ""


async def sources(ctx: Context) -> None:
    found = subs.list_subscriptions(ctx.store, ctx.incoming.chat)
    if not found:
        await ctx.reply(ctx.t("sources_none", count=len(ctx.store.list_sources())))
        return
    lines = [ctx.t("sources_head")]
    for sub in found:
        if sub.kind == "feed" and sub.source:
            title = sub.source.title or sub.source.url
            lines.append(ctx.t("sources_feed", id=sub.id, title=title, health=_health(ctx, sub.source)))
        else:
            lines.append(ctx.t("sources_topic", id=sub.id, words=", ".join(sub.words) or "*",
                               excluding=_excluding(ctx, sub.exclude)))
    await ctx.reply(Document((Block("paragraph", (Span(lines[0]),)),
                              Block("bullets", items=tuple((Span(line),) for line in lines[1:])))))


def _health(ctx: Context, source: Source) -> str:
    if source.health == "failing":
        return ctx.t("health_failing", failures=source.failures, error=source.last_error or "?")
    if source.health == "new":
        return ctx.t("health_new")
    return ctx.t("health_ok", when=_ago(ctx, source.last_success))


def _ago(ctx: Context, moment: datetime | None) -> str:
    if moment is None:
        return ctx.t("never")
    minutes = max(0, int((utcnow() - moment).total_seconds() // 60))
    if minutes < 120:
        return ctx.t("minutes_ago", n=minutes)
    if minutes < 48 * 60:
        return ctx.t("hours_ago", n=minutes // 60)
    return ctx.t("days_ago", n=minutes // 1440)


# -- OPML ------------------------------------------------------------------------------------


async def export(ctx: Context) -> None:
    feeds = [s.source for s in subs.list_subscriptions(ctx.store, ctx.incoming.chat)
             if s.kind == "feed" and s.source]
    if not feeds:
        await ctx.reply(ctx.t("export_none"))
        return
    opml = to_opml([OpmlFeed(url=s.url, title=s.title) for s in feeds],
                   f"briefbot feeds of {ctx.incoming.chat.key}")
    await ctx.reply(Document((Block("paragraph", (Span(ctx.t("export_head")),)),
                              Block("paragraph", (Span(opml, "code"),))),
                             meta={"kind": "opml", "filename": "briefbot-feeds.opml", "opml": opml}))


async def import_attachment(ctx: Context) -> None:
    """An .opml file sent to the bot: each feed is checked like /subscribe URL."""
    attachment = ctx.incoming.attachment
    assert attachment is not None
    name = attachment.filename.lower()
    if not (name.endswith((".opml", ".xml")) or "opml" in (attachment.mime_type or "")):
        await ctx.reply(ctx.t("attachment_unknown"))
        return
    if not await ctx.allowed_to_change():
        return
    try:
        if len(attachment.data) > IMPORT_MAX_BYTES:
            raise OpmlError(f"too large: over {IMPORT_MAX_BYTES} bytes")
        urls = [feed.url for feed in parse_opml(attachment.data)]
    except OpmlError as exc:
        await ctx.reply(ctx.t("import_bad", error=exc))
        return
    async with typing(ctx):
        results = await _import_urls(ctx, urls)
    added = sum(1 for r in results if r is None)
    skipped = [f"{url} ({reason})" for url, reason in zip(urls, results, strict=True) if reason]
    detail = ctx.t("import_skipped", count=len(skipped), details="; ".join(skipped[:10])) \
        if skipped else ""
    await ctx.reply(ctx.t("import_done", added=added, skipped=detail))


async def _import_urls(ctx: Context, urls: list[str]) -> list[str | None]:
    """Per URL: None when subscribed, else a short reason."""
    gate = asyncio.Semaphore(IMPORT_CONCURRENCY)
    lock = asyncio.Lock()  # the limit check and the insert go together

    async def one(url: str) -> str | None:
        if len(url) > MAX_URL_CHARS or not _is_web_url(url):
            return "not an http/https address"
        early = await _check_new_feed(ctx, url)  # no fetching beyond the limit
        if early:
            return early
        async with gate:
            try:
                preview = await ctx.service.collector.preview(url)
            except CollectError as exc:
                return _error_text(exc)
        async with lock:
            problem = await _check_new_feed(ctx, url)
            if problem:
                return problem
            source = ctx.store.add_source(url, kind=preview.kind, title=preview.title, origin="chat")
            subs.add_feed(ctx.store, ctx.incoming.chat, source, ctx.settings.bot.max_subscriptions_per_chat)
            await ctx.notify_scheduler("source_added", source)
        return None

    return list(await asyncio.gather(*(one(u) for u in urls)))


HANDLERS: dict[str, Handler] = {
    "subscribe": subscribe,
    "unsubscribe": unsubscribe,
    "sources": sources,
    "export": export,
}
