"""Collection at scale: N local feeds x 20 items with article pages served on 127.0.0.1.

    .venv/bin/python bench/collect.py --scale [--feeds 25,100,500]

For each N, two passes of our collector (new items, then all unchanged) into a fresh store,
beside a minimal pipeline over the same feeds and pages in the same run: a plain httpx
client with the same per-host concurrency, feedparser, bare `trafilatura.extract` in a
process pool of the same size, nothing stored. Each pass runs in its own process so that
its peak memory (ru_maxrss, the process and its workers) is its own.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ITEMS = 20
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "el", "di", "an", "bo", "ne", "ri", "ta", "gu",
              "pe", "sh", "ow", "ul", "ix", "mar", "ten", "cor", "lin", "das"]
_COMMON = ("the council said on monday that it would review the plan after residents raised "
           "concerns about costs and the timetable for the work").split()


def _vocabulary(size: int = 20000, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < size:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(out)


VOCAB = _vocabulary()


def article(feed: int, item: int) -> tuple[str, str]:
    """A deterministic article: a headline of rare words and 5 paragraphs mixing rare and
    common words (each article its own event, like a day of unrelated news)."""
    rng = random.Random(feed * 1000 + item)
    topic = rng.sample(VOCAB, 12)
    title = " ".join(w.capitalize() for w in topic[:6])
    paragraphs = []
    for _ in range(5):
        words = [rng.choice(topic) if rng.random() < 0.3 else
                 rng.choice(_COMMON) if rng.random() < 0.5 else rng.choice(VOCAB) for _ in range(60)]
        paragraphs.append(" ".join(words).capitalize() + ".")
    return title, "\n".join(f"<p>{p}</p>" for p in paragraphs)


def feed_xml(base: str, feed: int) -> str:
    items = []
    for item in range(ITEMS):
        title, _ = article(feed, item)
        items.append(f"<item><title>{title}</title><link>{base}/a/{feed}/{item}.html</link>"
                     f"<guid>{base}/a/{feed}/{item}.html</guid><description>{title[:60]}</description>"
                     f"<pubDate>Mon, 01 Jan 2024 {item % 24:02d}:00:00 GMT</pubDate></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
            f"<link>{base}/</link><description>bench</description>{''.join(items)}</channel></rss>")


def page_html(feed: int, item: int) -> str:
    title, body = article(feed, item)
    return (f"<html><head><title>{title}</title><meta property='article:published_time' "
            f"content='2024-01-01T{item % 24:02d}:00:00Z'></head><body><nav>Home News Sport</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright</footer></body></html>")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else each response waits ~40 ms for a delayed ACK

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://{self.headers['Host']}"
        parts = self.path.strip("/").split("/")
        if parts[0] == "f":
            body, ctype = feed_xml(base, int(parts[1].removesuffix(".xml"))), "application/rss+xml"
        elif parts[0] == "a":
            body, ctype = page_html(int(parts[1]), int(parts[2].removesuffix(".html"))), "text/html"
        else:
            self.send_error(404)
            return
        data = body.encode()
        etag = f'"{hash(data) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


# -- the two pipelines (each run in its own process) ----------------------------------------

async def ours(base: str, feeds: int, db: str) -> list[dict[str, float]]:
    import dataclasses

    from briefs.collect.collector import Collector
    from briefs.store.store import Store
    from config.settings import Settings

    settings = Settings()
    settings = dataclasses.replace(settings, fetch=dataclasses.replace(settings.fetch, allow_private_networks=True))
    store = Store.open(f"sqlite:///{db}")
    sources = [store.add_source(f"{base}/f/{n}.xml") for n in range(feeds)]
    collector = Collector(store, settings)
    passes = []
    try:
        for _ in range(2):
            current = [store.get_source(s.id) for s in sources]
            start = time.perf_counter()
            report = await collector.collect(current)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            passes.append({"seconds": seconds, "new": report.new, "duplicate": report.duplicate,
                           "failed": report.failed, "peak_mb": _peak_mb()})
    finally:
        await collector.aclose()
        store.close()
    return passes


async def minimal(base: str, feeds: int, per_host: int, workers: int) -> list[dict[str, float]]:
    from concurrent.futures import ProcessPoolExecutor

    import feedparser
    import httpx
    import trafilatura

    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(per_host)
    done = 0
    with ProcessPoolExecutor(workers) as pool:
        async with httpx.AsyncClient(timeout=30) as client:
            async def get(url: str) -> bytes:
                async with gate:
                    return (await client.get(url)).content

            async def one_page(link: str) -> None:
                nonlocal done
                html = await get(link)
                text = await loop.run_in_executor(pool, trafilatura.extract, html)
                done += bool(text)

            async def one_feed(n: int) -> None:
                parsed = feedparser.parse(await get(f"{base}/f/{n}.xml"))
                await asyncio.gather(*(one_page(e.link) for e in parsed.entries))

            start = time.perf_counter()
            await asyncio.gather(*(one_feed(n) for n in range(feeds)))
            seconds = time.perf_counter() - start
    return [{"seconds": seconds, "new": done, "peak_mb": _peak_mb()}]


def child(argv: list[str]) -> None:
    """`collect_scale.py --child ours|minimal FEEDS`: one run against its own server."""
    kind, feeds = argv[0], int(argv[1])
    from config.settings import Settings

    server, base = serve()
    try:
        if kind == "ours":
            with tempfile.TemporaryDirectory() as tmp:
                result = asyncio.run(ours(base, feeds, f"{tmp}/scale.db"))
        else:
            settings = Settings()
            result = asyncio.run(minimal(base, feeds, settings.fetch.per_host, settings.collect.workers))
    finally:
        server.shutdown()
    print(json.dumps(result))


def run(counts: list[int], timeout: float = 3600) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for feeds in counts:
        out: dict[str, object] = {"feeds": feeds, "items": feeds * ITEMS}
        for kind in ("minimal", "ours"):
            proc = subprocess.run([sys.executable, __file__, "--child", kind, str(feeds)],
                                  capture_output=True, text=True, timeout=timeout, cwd=ROOT)
            if proc.returncode:
                raise SystemExit(f"{kind} {feeds}: {proc.stderr[-2000:]}")
            out[kind] = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(out)
        print(json.dumps(out), file=sys.stderr, flush=True)
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    lines = ["| feeds | items | pipeline | pass | seconds | items/s | s per 1,000 items | peak MB | % of minimal rate |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        items = int(row["items"])  # type: ignore[arg-type]
        base = row["minimal"][0]  # type: ignore[index]
        base_rate = items / base["seconds"]
        lines.append(f"| {row['feeds']} | {items} | minimal | 1 | {base['seconds']:.1f} | {base_rate:.0f} | "
                     f"{1000 * base['seconds'] / items:.2f} | {base['peak_mb']:.0f} | 100% |")
        for number, p in enumerate(row["ours"], 1):  # type: ignore[arg-type]
            rate = items / p["seconds"]
            lines.append(f"| {row['feeds']} | {items} | ours | {number} ({p['new']} new, {p['duplicate']} dup, "
                         f"{p['failed']} failed) | {p['seconds']:.1f} | {rate:.0f} | {1000 * p['seconds'] / items:.2f} | "
                         f"{p['peak_mb']:.0f} | {100 * rate / base_rate:.0f}% |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    else:
        counts = [int(c) for c in (sys.argv[1] if len(sys.argv) > 1 else "25,100,500").split(",")]
        print(markdown(run(counts)))
