"""Two chats, each subscribed to one of two feeds that carry the same item: both are briefed
on it (an article belongs to every feed it was seen in)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{name}</title><link>{base}/</link><description>News</description>
<item><title>Ferry fire strands passengers at Oskarhamn</title><link>{base}/ferry</link>
<guid>{base}/ferry</guid><description>Fire on the Nordstjarna.</description></item>
</channel></rss>"""
PAGE = ("<html><head><title>Ferry fire strands passengers at Oskarhamn</title></head><body><article>"
        "<h1>Ferry fire strands passengers at Oskarhamn</h1><p>The Lindqvist ferry company cancelled "
        "all crossings between Oskarhamn and Veldholm on Tuesday after a fire broke out in the engine "
        "room of the Nordstjarna, stranding about 900 passengers in the two ports.</p><p>Coastguard "
        "crews put out the fire within an hour and nobody was hurt, the company said, but the ship "
        "will stay in dry dock for at least three weeks while inspectors check it.</p></article>"
        "</body></html>")


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/world.xml"):
            name = "World (UK edition)" if "edition=uk" in self.path else "World"
            self._send(FEED.format(name=name, base=base), "application/rss+xml")
        elif self.path == "/ferry":
            self._send(PAGE, "text/html")
        else:
            self.send_error(404)

    def _send(self, body: str, kind: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_two_chats_on_two_feeds_with_the_same_item_both_get_the_story(chat, service, site) -> None:
    store = chat.store
    world, uk = f"{site}/world.xml", f"{site}/world.xml?edition=uk"
    assert "Subscribed" in await chat.say(f"/subscribe {world}", chat_id="10")
    await service.collect([store.find_source(world)])
    assert "Subscribed" in await chat.say(f"/subscribe {uk}", chat_id="20")
    await service.collect([store.find_source(uk)])

    counts = store.count_articles_by_source()
    assert counts[store.find_source(world).id] == 1 and counts[store.find_source(uk).id] == 1
    for chat_id in ("10", "20"):
        assert "Ferry fire strands passengers" in await chat.say("/brief", chat_id=chat_id)
    # Questions are answered from the same scope: the second feed's chat finds the story too.
    for chat_id in ("10", "20"):
        assert "900" in await chat.say("/ask How many passengers were stranded by the ferry fire?", chat_id=chat_id)
