"""Collection benchmark: extraction quality and speed, and feed-parser robustness.

1. `../shared/corpus/extraction/scrapinghub` (181 real pages with the expected article text):
   token-level F1 of our pipeline (trafilatura + metadata + boilerplate cleaning, in the
   worker pool on every core) beside bare `trafilatura.extract` (single process), and
   pages/second for both in the same run.
2. Every file of `../shared/corpus/feeds/` through `briefs.feeds.parse_feed` in worker
   processes with a per-file deadline: parsed, reported malformed/refused, crashed or hung;
   agreement with feedparser's MANIFEST (which files should be flagged as ill-formed).

Run from the project root: `.venv/bin/python bench/collect.py` (`--quick` for a smoke run).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section  # noqa: E402
from briefs.extract import ExtractorPool, extract_page  # noqa: E402
from briefs.feeds import FeedError, parse_feed  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = CORPUS / "extraction" / "scrapinghub"
FEEDS = CORPUS / "feeds"
FEED_DEADLINE = 10.0  # seconds per feed file
ROUNDS = 3  # best of, for both pipelines alike


# -- extraction ---------------------------------------------------------------------------


def tokens(text: str | None) -> Counter[str]:
    import re

    return Counter(re.findall(r"\w+", (text or "").lower()))


def f1(predicted: str | None, expected: str) -> float:
    got, want = tokens(predicted), tokens(expected)
    if not got or not want:
        return 0.0
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def load_pages(limit: int | None) -> list[tuple[bytes, str, str]]:
    rows = [json.loads(line) for line in (PAGES / "expected.jsonl").read_text().splitlines() if line.strip()]
    pages = [((PAGES / r["html_file"]).read_bytes(), r["url"], r["expected_text"]) for r in rows]
    return pages[:limit] if limit else pages


def run_bare(pages: list[tuple[bytes, str, str]]) -> tuple[list[str | None], float]:
    import trafilatura

    started = time.perf_counter()
    out = [trafilatura.extract(html) for html, _url, _exp in pages]
    return out, time.perf_counter() - started


async def run_ours(pages: list[tuple[bytes, str, str]], pool: ExtractorPool) -> tuple[list[str | None], float]:
    started = time.perf_counter()
    results = await asyncio.gather(*(pool.run(extract_page, html, url) for html, url, _exp in pages))
    elapsed = time.perf_counter() - started
    return [r.text if r else None for r in results], elapsed


def extraction_bench(limit: int | None) -> dict[str, float | int]:
    pages = load_pages(limit)
    pool = ExtractorPool(0)  # one process per core
    try:
        asyncio.run(run_ours(pages[:4], pool))  # start the workers and import trafilatura there
        run_bare(pages[:4])
        bare_times, our_times = [], []
        bare_out = ours_out = []
        for _ in range(ROUNDS):
            bare_out, seconds = run_bare(pages)
            bare_times.append(seconds)
            ours_out, seconds = asyncio.run(run_ours(pages, pool))
            our_times.append(seconds)
    finally:
        pool.close()
    expected = [exp for _h, _u, exp in pages]
    bare_f1 = [f1(p, e) for p, e in zip(bare_out, expected)]
    our_f1 = [f1(p, e) for p, e in zip(ours_out, expected)]
    return {
        "pages": len(pages), "workers": pool.workers,
        "bare_f1": mean(bare_f1), "our_f1": mean(our_f1),
        "bare_pps": len(pages) / min(bare_times), "our_pps": len(pages) / min(our_times),
        "better": sum(o > b + 1e-9 for o, b in zip(our_f1, bare_f1)),
        "worse": sum(o < b - 1e-9 for o, b in zip(our_f1, bare_f1)),
        "bare_empty": sum(p is None for p in bare_out), "our_empty": sum(p is None for p in ours_out),
    }


# -- feeds --------------------------------------------------------------------------------


def _parse_one(path: str, content_type: str) -> tuple[str, int, str | None]:
    """(status, items, message): status is parsed, warning (ill-formed but usable) or error."""
    body = Path(path).read_bytes()
    try:
        feed = parse_feed(body, None, content_type)
    except FeedError as exc:
        return "error", 0, str(exc)
    return ("warning" if feed.warning else "parsed"), len(feed.items), feed.warning


def feed_files() -> list[tuple[Path, str, bool | None]]:
    """(path, content type, expect_bozo) for every feed file in both collections."""
    manifest = {}
    for line in (FEEDS / "feedparser" / "MANIFEST.jsonl").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            manifest[row["path"]] = row
    files = []
    for path in sorted((FEEDS / "feedparser").rglob("*")):
        rel = path.relative_to(FEEDS / "feedparser").as_posix()
        if rel in manifest:
            header = manifest[rel].get("header") or ""
            content_type = header.split(":", 1)[1].strip() if header.lower().startswith("content-type") else ""
            files.append((path, content_type, manifest[rel].get("expect_bozo")))
    for path in sorted((FEEDS / "feedrs").rglob("*")):
        if path.is_file() and not path.name.endswith(".serde.json") and not path.name.startswith("LICENSE"):
            files.append((path, "", None))
    return files


def feeds_bench(limit: int | None) -> dict[str, object]:
    files = feed_files()[:limit] if limit else feed_files()
    statuses: Counter[str] = Counter()
    per_collection: dict[str, Counter[str]] = {"feedparser": Counter(), "feedrs": Counter()}
    agree = disagree = 0
    disagreements: list[str] = []
    errors: Counter[str] = Counter()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = [(path, expect, pool.submit(_parse_one, str(path), ctype)) for path, ctype, expect in files]
        for path, expect, future in futures:
            try:
                status, _items, message = future.result(timeout=FEED_DEADLINE)
            except FutureTimeout:
                status, message = "hang", f"over {FEED_DEADLINE:g}s"
            except Exception as exc:  # noqa: BLE001 - a crash is what we count here
                status, message = "crash", f"{type(exc).__name__}: {exc}"
            statuses[status] += 1
            collection = "feedparser" if "feedparser" in path.parts else "feedrs"
            per_collection[collection][status] += 1
            if status == "error" and message:
                errors[message.split(":")[0] if message.startswith(("malformed", "refused")) else message[:40]] += 1
            if expect is not None and status in ("parsed", "warning", "error"):
                flagged = status != "parsed"
                if flagged == expect:
                    agree += 1
                else:
                    disagree += 1
                    disagreements.append(f"{path.relative_to(FEEDS).as_posix()} ({status}: {message})")
    return {"files": len(files), "statuses": statuses, "per_collection": per_collection,
            "agree": agree, "disagree": disagree, "disagreements": disagreements,
            "errors": errors, "seconds": time.perf_counter() - started}


# -- report -------------------------------------------------------------------------------


def markdown(ex: dict[str, float | int], fd: dict[str, object]) -> str:
    speedup = float(ex["our_pps"]) / float(ex["bare_pps"])
    statuses: Counter[str] = fd["statuses"]  # type: ignore[assignment]
    per: dict[str, Counter[str]] = fd["per_collection"]  # type: ignore[assignment]
    lines = [
        "### Extraction (scrapinghub article-extraction-benchmark)",
        "",
        "| pipeline | pages | token F1 (mean) | empty results | pages/s |",
        "|---|---|---|---|---|",
        f"| bare `trafilatura.extract`, 1 process | {ex['pages']} | {ex['bare_f1']:.4f} | {ex['bare_empty']} | {ex['bare_pps']:.1f} |",
        f"| briefbot (`extract_page`: metadata + cleaning), {ex['workers']} worker processes | {ex['pages']} | "
        f"{ex['our_f1']:.4f} | {ex['our_empty']} | {ex['our_pps']:.1f} |",
        "",
        f"- Throughput ratio: **{speedup:.2f}x** bare trafilatura's single-process rate (target >= 1.6x).",
        f"- F1 difference: **{float(ex['our_f1']) - float(ex['bare_f1']):+.4f}** (target: no loss); "
        f"per page better on {ex['better']}, worse on {ex['worse']}.",
        f"- Best of {ROUNDS} rounds for each, interleaved in one run.",
        "",
        "### Feeds (`../shared/corpus/feeds`, every file through `parse_feed`)",
        "",
        "| collection | files | parsed | ill-formed but usable | reported malformed/refused | crashed | hung |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, counts in per.items():
        lines.append(f"| {name} | {sum(counts.values())} | {counts['parsed']} | {counts['warning']} | "
                     f"{counts['error']} | {counts['crash']} | {counts['hang']} |")
    lines += [
        f"| all | {fd['files']} | {statuses['parsed']} | {statuses['warning']} | {statuses['error']} | "
        f"{statuses['crash']} | {statuses['hang']} |",
        "",
        f"- Per-file deadline {FEED_DEADLINE:g}s; whole corpus in {float(fd['seconds']):.1f}s.",
        f"- Agreement with feedparser's MANIFEST on whether a file should be flagged ill-formed: "
        f"{fd['agree']} of {int(fd['agree']) + int(fd['disagree'])} files with an expectation.",
        "- Errors by kind: " + ", ".join(f"{k} ({v})" for k, v in fd["errors"].most_common(6)),  # type: ignore[attr-defined]
    ]
    disagreements: list[str] = fd["disagreements"]  # type: ignore[assignment]
    if disagreements:
        lines += ["- Disagreements (first 10): " + "; ".join(disagreements[:10])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few files only, results not written")
    args = parser.parse_args()
    limit = 20 if args.quick else None
    extraction = extraction_bench(limit)
    feeds = feeds_bench(200 if args.quick else None)
    body = markdown(extraction, feeds)
    print(body)
    if not args.quick:
        write_section("collect", body)


if __name__ == "__main__":
    main()
