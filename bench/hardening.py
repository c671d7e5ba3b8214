"""Memory of one huge feed item, capped (collect.max_item_chars) against uncapped.

Run from the project root: ``.venv/bin/python bench/hardening.py``.

A feed on the fake site (tests/fakes/site.py, 127.0.0.1) carries one item whose description
is about 4.85 MB of distinct HTML paragraphs, as in the hardening issue. Each run is a fresh
process that collects that feed once with the real Collector (parsing in a thread, so the
one process holds everything) into a fresh SQLite store and reports its peak memory (max
RSS) and the stored text length. The baseline is the same code
with the cap lifted (max_item_chars = 10**9); ours is the default cap.
No corpus is involved: the input is generated here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import asyncio, dataclasses, json, resource, sys, tempfile
sys.path.insert(0, sys.argv[1])
from bot.storage import open_store
from concurrent.futures import ThreadPoolExecutor
from briefs.collect.collector import Collector
from briefs.collect.extract import ExtractorPool
from config.settings import load_settings
from tests.fakes.site import FakeSite

cap = int(sys.argv[2])
para = "<p>The council met again on Tuesday to discuss the harbour budget, the new ferry and the pier. </p>\n"
html = "".join(para.replace("Tuesday", f"day {i}") for i in range(4_850_000 // len(para)))
feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        '<item><title>Huge</title><link>http://example.invalid/huge</link><description><![CDATA['
        + html + ']]></description></item></channel></rss>')

async def main():
    with tempfile.TemporaryDirectory() as tmp, FakeSite() as site:
        url = site.add("/feed.xml", feed, content_type="application/rss+xml")
        settings = load_settings(data_dir=tmp, environ={"BRIEFBOT_ALLOW_PRIVATE_NETWORKS": "1"})
        settings = settings.replace(collect=dataclasses.replace(settings.collect, max_item_chars=cap,
                                                                workers=1, fetch_full_text=False))
        store = open_store(settings)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Parsing in a thread of this process, so its memory counts in the one peak.
        collector = Collector(store, settings, pool=ExtractorPool(1, executor=ThreadPoolExecutor(1)))
        report = await collector.collect([store.add_source(url)])
        await collector.aclose()
        text = max((len(a.text) for a in store.list_articles()), default=0)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        store.close()
        print(json.dumps({"feed_mb": round(len(feed) / 1e6, 2), "new": report.new,
                          "stored_chars": text, "before_mib": before // 1024,
                          "peak_mib": peak // 1024}))

asyncio.run(main())
"""


def run(cap: int) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(CHILD)
    out = subprocess.run([sys.executable, script.name, str(ROOT), str(cap)], capture_output=True,
                         text=True, check=True)
    Path(script.name).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    baseline = run(10**9)
    ours = run(200_000)
    print(json.dumps({"baseline (uncapped)": baseline, "capped (default 200000 chars)": ours}, indent=2))


if __name__ == "__main__":
    main()
