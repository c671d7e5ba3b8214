"""A new user's check, automated: in the console, /subscribe a local feed, /schedule a push,
and the briefing arrives through the scheduler, the fan-out and the outbox of the real app."""

from __future__ import annotations

import asyncio
import io
import os
import re
from datetime import UTC, datetime, timedelta

from tests.fakes.site import FakeSite

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbor Town News</title><link>{root}</link>
<description>local news</description>
<item><title>Harbor bridge reopens after repairs</title><link>{root}bridge.html</link>
<pubDate>{date}</pubDate><description>The harbor bridge reopened on Monday.</description></item>
</channel></rss>"""
PAGE = """<html><head><title>Harbor bridge reopens after repairs</title></head><body><article>
<h1>Harbor bridge reopens after repairs</h1>
<p>The harbor bridge reopened on Monday after six weeks of repairs costing $4.2 million, city
officials said.</p>
<p>"We are glad to have our bridge back," said Mayor Ana Lopez at a ribbon-cutting ceremony.</p>
<p>Traffic returned to normal within hours, and buses resumed their usual routes.</p>
</article></body></html>"""


async def wait_for_text(out: io.StringIO, pattern: str, start: int = 0) -> int:
    """Wait (polling, with a deadline) until `pattern` shows after `start`; its position."""
    async with asyncio.timeout(30):
        while not (found := re.search(pattern, out.getvalue()[start:])):
            await asyncio.sleep(0.02)
    return start + found.end()


async def test_subscribe_schedule_and_the_push_arrives_in_the_console(settings) -> None:
    from bot.app import build

    with FakeSite() as site:
        date = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
        feed = site.add("/feed.xml", FEED.format(root=site.url("/"), date=date),
                        content_type="application/rss+xml")
        site.add("/bridge.html", PAGE)
        read_end, write_end = os.pipe()
        stdin, typing = os.fdopen(read_end, "r"), os.fdopen(write_end, "w")
        out = io.StringIO()
        app = build(settings, console=True, stdin=stdin, stdout=out)
        running = asyncio.create_task(app.run())
        try:
            typing.write(f"/subscribe {feed}\n")
            typing.flush()
            seen = await wait_for_text(out, r"Harbor bridge")
            async with asyncio.timeout(30):  # the scheduler starts after the first collection
                while not app.scheduler.aps.running:
                    await asyncio.sleep(0.02)
            at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
            typing.write(f"/schedule {at} UTC\n")
            typing.flush()
            seen = await wait_for_text(out, re.escape(at), seen)
            async with asyncio.timeout(30):  # the new source's collection job has run
                while not any(a.url.endswith("/bridge.html") for a in app.store.list_articles()):
                    await asyncio.sleep(0.02)
            # The push job's own code path, run now rather than waiting for the minute to come.
            [slot] = app.scheduler.planned()
            report = await app.scheduler.fire(slot)
            assert report.queued == 1
            seen = await wait_for_text(out, r"Harbor bridge reopens", seen)
            assert "$4.2 million" in out.getvalue()[seen:]
        finally:
            typing.close()
            await asyncio.wait_for(running, 30)
