"""Subscriptions: feeds checked before they are accepted, topics with exclusions, removal,
limits, OPML in and out, and the scope a chat's briefings and answers come from."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot import subscriptions as subs
from bot.messages import Attachment, ChatRef
from bot.subscriptions import parse_topic, scope_for_chat

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Herald</title><link>{base}/</link>
<description>News from the harbour</description>
<item><title>Lighthouse keeper retires after 41 years</title><link>{base}/lighthouse</link>
<guid>{base}/lighthouse</guid><pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
<description>After 41 years on the rock, keeper Ruth Anders handed over the keys on Sunday.
"The sea was my neighbour and my boss," Anders said as she left the island for the last time.
The harbour authority said the light would now be run remotely from the port office.</description>
</item>
<item><title>Fish market moves to the east quay</title><link>{base}/fish-market</link>
<guid>{base}/fish-market</guid><pubDate>Sun, 15 Nov 2026 08:00:00 GMT</pubDate>
<description>The fish market will move to the east quay in March, the council said.
The move will cost $1.1 million and create space for 30 more stalls.</description>
</item>
</channel></rss>"""

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p></article></body></html>"""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            self._send(200, FEED.format(base=base), "application/rss+xml")
        elif self.path in ("/lighthouse", "/fish-market"):
            title = "Lighthouse keeper retires" if self.path == "/lighthouse" else "Fish market moves"
            body = ("After 41 years on the rock, keeper Ruth Anders handed over the keys on Sunday. "
                    "\"The sea was my neighbour and my boss,\" Anders said. " * 3)
            self._send(200, PAGE.format(title=title, body=body), "text/html")
        else:
            self._send(404, "not here", "text/plain")

    def _send(self, status: int, body: str, kind: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_parse_topic_words_phrases_and_exclusions() -> None:
    assert parse_topic('Gull Island "night ferry" -football -Cup') == (
        ("gull", "island", "night ferry"), ("football", "cup"))


async def test_subscribe_refuses_what_is_not_a_web_address(chat) -> None:
    for bad in ("file:///etc/passwd", "ftp://example.org/feed", "not-a-url", "javascript:alert(1)"):
        reply = await chat.say(f"/subscribe {bad}")
        assert "http" in reply and "isn't a web address" in reply
    assert subs.list_subscriptions(chat.store, "memory:1") == []


async def test_subscribe_reports_an_unreachable_feed(chat, site) -> None:
    reply = await chat.say(f"/subscribe {site}/missing.xml")
    assert "couldn't use" in reply
    assert subs.list_subscriptions(chat.store, "memory:1") == []
    assert chat.store.find_source(f"{site}/missing.xml") is None


async def test_subscribe_to_a_local_feed_previews_and_links_it(chat, site, hooks) -> None:
    reply = await chat.say(f"/subscribe {site}/feed.xml")
    assert "Subscribed (#" in reply
    assert "Lighthouse keeper retires" in reply
    source = chat.store.find_source(f"{site}/feed.xml")
    assert source is not None and source.origin == "chat"
    assert ("source_added", source) in [(n, s) for n, s in hooks.calls]
    assert scope_for_chat(chat.store, "memory:1").source_ids == frozenset({source.id})
    assert "already follows" in await chat.say(f"/subscribe {site}/feed.xml")
    listing = await chat.say("/sources")
    assert "Harbour Herald" in listing or f"{site}/feed.xml" in listing


async def test_topic_subscription_with_exclusions_filters_the_briefing(chat) -> None:
    reply = await chat.say("/subscribe topic Gull Island -football")
    assert "gull, island" in reply and "excluding football" in reply
    scope = scope_for_chat(chat.store, ChatRef("memory", "1"))
    assert scope.source_ids is None  # no feeds of its own: everything, filtered
    assert scope.topics == ("gull", "island") and scope.exclude == ("football",)
    briefing = await chat.say("/brief")
    assert "Gull Island" in briefing and "coach" not in briefing.lower()
    assert "library" not in briefing.lower()


async def test_unsubscribe_by_id(chat) -> None:
    await chat.say("/subscribe topic ferry")
    [sub] = subs.list_subscriptions(chat.store, "memory:1")
    assert "Unsubscribed" in await chat.say(f"/unsubscribe {sub.id}")
    assert subs.list_subscriptions(chat.store, "memory:1") == []
    assert "no subscription #" in await chat.say(f"/unsubscribe {sub.id}")
    assert "Usage" in await chat.say("/unsubscribe everything")


async def test_unsubscribing_the_last_follower_of_a_chat_feed_removes_the_source(chat, store) -> None:
    source = store.add_source("https://feeds.example.org/a.xml", origin="chat")
    from bot.chats import ensure_chat
    ensure_chat(store, "memory:1")
    sub = subs.add_feed(store, "memory:1", source, limit=5)
    await chat.say(f"/unsubscribe {sub.id}")
    assert store.get_source(source.id) is None


async def test_other_chats_are_not_affected(chat) -> None:
    await chat.say("/subscribe topic ferry")
    assert "no subscription" in await chat.say("/unsubscribe 1", chat_id="2")
    assert scope_for_chat(chat.store, "memory:2").topics == ()


async def test_topic_limit(chat, store, settings) -> None:
    for n in range(settings.bot.max_topics_per_chat):
        await chat.say(f"/subscribe topic word{n}")
    reply = await chat.say("/subscribe topic onemore")
    assert f"already has {settings.bot.max_topics_per_chat} topics" in reply


async def test_feed_limit_is_checked_before_fetching(chat, store, settings) -> None:
    from bot.chats import ensure_chat
    ensure_chat(store, "memory:1")
    for n in range(settings.bot.max_subscriptions_per_chat):
        subs.add_feed(store, "memory:1", store.add_source(f"https://f{n}.example.org/rss"), 10_000)
    reply = await chat.say("/subscribe https://unreachable.invalid/feed")
    assert f"already has {settings.bot.max_subscriptions_per_chat} feeds" in reply


async def test_export_and_import_opml(chat, store, site) -> None:
    assert "nothing to export" in await chat.say("/export")
    opml = f"""<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
      <outline text="news"><outline type="rss" text="Harbour" xmlUrl="{site}/feed.xml"/></outline>
      <outline type="rss" text="gone" xmlUrl="{site}/gone.xml"/>
      <outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>
    </body></opml>"""
    reply = await chat.say("", attachment=Attachment("feeds.opml", opml.encode(), "text/x-opml"))
    assert "Imported 1 feed" in reply and "skipped 2" in reply
    exported = await chat.say("/export")
    assert f'xmlUrl="{site}/feed.xml"' in exported and "<opml" in exported


async def test_import_refuses_a_file_that_is_not_opml(chat) -> None:
    reply = await chat.say("", attachment=Attachment("feeds.opml", b"<html>nope</html>"))
    assert "couldn't read that file as OPML" in reply
    reply = await chat.say("", attachment=Attachment("cat.jpg", b"\xff\xd8"))
    assert ".opml" in reply
