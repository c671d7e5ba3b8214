"""Story clustering on real news: B-cubed precision/recall/F1 on BASIL (one event, three outlets).

    .venv/bin/python -m bench.stories [--corpus ../shared/corpus/stories/basil_dev.jsonl]

Runs, in the same run: today's two groupings as baselines (the writer's `group_docs` used by
`summarize`, and the store's `best_story_match` used by collection), and the shared
`briefs.stories.cluster` model, each with and without publication dates. Articles arrive in
date order (outlets in a fixed order within a day), as a collector would see them.
Then the two seeds collected together through the real collector: two stories, the newer
linked to the older as "previously".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
BASIL = CORPUS / "stories" / "basil_dev.jsonl"
SEEDS = CORPUS / "seeds"


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    order = {"fox": 0, "nyt": 1, "hpo": 2}
    return sorted(rows, key=lambda r: (r["date"], order.get(r["outlet"], 9), r["id"]))


def load_basil_repo(git_dir: Path, years: range = range(2015, 2020)) -> list[dict]:
    """BASIL's later events (held out: never tuned on) from a git clone of launchnlp/BASIL,
    in the shape of basil_dev.jsonl. Nothing is copied anywhere: read at run time."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True, text=True,
                              check=True).stdout

    rows = []
    for path in git("ls-tree", "-r", "--name-only", "HEAD", "articles").split():
        if not any(f"articles/{y}/" in path for y in years):
            continue
        data = json.loads(git("show", f"HEAD:{path}"))
        paragraphs = [" ".join(p) for p in data["body-paragraphs"]]
        if paragraphs and paragraphs[0].strip() == data["title"].strip():
            paragraphs = paragraphs[1:]
        rows.append({"id": data["uuid"], "event": data["triplet-uuid"], "outlet": data["source"],
                     "date": data["date"], "title": data["title"], "url": data["url"],
                     "text": "\n\n".join(paragraphs)})
    order = {"fox": 0, "nyt": 1, "hpo": 2}
    return sorted(rows, key=lambda r: (r["date"], order.get(r["outlet"], 9), r["id"]))


def bcubed(gold: dict[int, str], found: dict[int, int]) -> tuple[float, float, float]:
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_found: dict[int, set[int]] = defaultdict(set)
    for i, g in gold.items():
        by_gold[g].add(i)
        by_found[found[i]].add(i)
    precision = sum(len(by_found[found[i]] & by_gold[gold[i]]) / len(by_found[found[i]]) for i in gold) / len(gold)
    recall = sum(len(by_found[found[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _published(row: dict, dated: bool) -> datetime | None:
    return datetime.fromisoformat(row["date"]).replace(tzinfo=timezone.utc) if dated else None


def _url(row: dict) -> str:
    return row.get("url") or f"https://{row['outlet']}.example/{row['id']}"


def ours(rows: list[dict], dated: bool) -> dict[int, int]:
    from briefs.stories.cluster import cluster, features

    items = [(i, features(r["title"], r["text"], _url(r), _published(r, dated))) for i, r in enumerate(rows)]
    return {i: f.story for i, f in cluster(items).items()}


def ours_summarize(rows: list[dict], dated: bool) -> dict[int, int]:
    """The same model through `summarize`'s grouping (briefs.write.briefing.group_docs)."""
    from briefs.write.briefing import Doc, group_docs

    docs = [Doc(str(i), r["title"], r["text"], _url(r), _published(r, dated)) for i, r in enumerate(rows)]
    return {int(d.source_id): n for n, group in enumerate(group_docs(docs)) for d in group}


def ours_collection(rows: list[dict], dated: bool) -> dict[int, int]:
    """The same model through collection (the Deduplicator into a fresh store), as `brief`
    and scheduled pushes see it; all collected in one pass."""
    from briefs.models import ArticleDraft
    from briefs.store.store import Store
    from briefs.stories.dedupe import Deduplicator, fingerprint

    now = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/b.db")
        dedupe = Deduplicator(store, 0.8, 72)
        ids = {}
        for i, r in enumerate(rows):
            draft = ArticleDraft(url=_url(r), title=r["title"], text=r["text"], urls=(_url(r),),
                                 published=_published(r, dated))
            ids[i] = dedupe.add(draft, fingerprint(draft.text), collected_at=now)[1]
        stories = {a.id: a.story_id for a in store.get_articles(list(ids.values()))}
        store.close()
    return {i: stories[ids[i]] for i in ids}


def baseline_summarize(rows: list[dict], dated: bool) -> dict[int, int]:
    from bench.stories_baseline import group_docs
    from briefs.write.briefing import Doc

    docs = [Doc(str(i), r["title"], r["text"], _url(r), _published(r, dated)) for i, r in enumerate(rows)]
    found = {}
    for number, group in enumerate(group_docs(docs)):
        for doc in group:
            found[int(doc.source_id)] = number
    return found


def baseline_store(rows: list[dict], dated: bool) -> dict[int, int]:
    """Today's collection path: each article against every earlier one (best_story_match)."""
    from bench.stories_baseline import Candidate, DocumentFrequencies, best_story_match, story_terms

    now = datetime(2020, 1, 1, tzinfo=timezone.utc)
    df = DocumentFrequencies()
    pool: list[Candidate] = []
    story: dict[int, int] = {}
    for i, r in enumerate(rows):
        terms = story_terms(r["title"], r["text"][:1500])
        df.add(terms)
        new = Candidate(i, _url(r), None, _published(r, dated), now, terms)
        match = best_story_match(new, pool, 72, idf=df)
        story[i] = story[match.id] if match is not None else i
        pool.append(Candidate(i, _url(r), story[i], new.published, now, terms))
    return story


def shuffled_dates(rows: list[dict], seed: int = 7) -> list[dict]:
    """The same articles in a random arrival order (undated runs must not rely on order)."""
    copy = list(rows)
    random.Random(seed).shuffle(copy)
    return copy


def run_corpus(rows: list[dict]) -> list[tuple[str, str, float, float, float, float]]:
    results = []
    methods: list[tuple[str, Callable[[list[dict], bool], dict[int, int]]]] = [
        ("baseline: summarize (group_docs)", baseline_summarize),
        ("baseline: collection (best_story_match)", baseline_store),
        ("ours: briefs.stories.cluster", ours),
        ("ours, through summarize", ours_summarize),
        ("ours, through collection (brief, pushes)", ours_collection),
    ]
    for name, method in methods:
        for dated in (True, False):
            for order_name, ordered in (("date order", rows), ("shuffled", shuffled_dates(rows))):
                if dated and order_name == "shuffled":
                    continue
                gold = {i: r["event"] for i, r in enumerate(ordered)}
                start = time.perf_counter()
                found = method(ordered, dated)
                seconds = time.perf_counter() - start
                p, r, f = bcubed(gold, found)
                label = ("with dates" if dated else "without dates") + f", {order_name}"
                results.append((name, label, p, r, f, seconds))
    return results


def memory_links(rows: list[dict]) -> list[str]:
    """The "previously" links the model makes between the set's events (dated): each should
    be a real continuation (the same people and subject, later), never another event's twin."""
    from briefs.stories.cluster import cluster, features

    items = [(i, features(r["title"], r["text"], _url(r), _published(r, True))) for i, r in enumerate(rows)]
    out = []
    for i, filing in cluster(items).items():
        if filing.previous is not None:
            earlier = rows[filing.previous]
            same = "same event!" if earlier["event"] == rows[i]["event"] else "other event"
            out.append(f"{rows[i]['date']} {rows[i]['title'][:70]} <- previously {earlier['date']} "
                       f"{earlier['title'][:70]} ({same})")
    return out


async def seeds_check(folder: Path) -> dict[str, object]:
    """The two seeds collected together: stories, and the "previously" link."""
    from briefs.collect.collector import Collector
    from briefs.models import Source
    from briefs.store.store import Store
    from config.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        collector = Collector(store, Settings())
        try:
            await collector.collect([Source(id=0, url=str(folder))])
        finally:
            await collector.aclose()
        articles = store.list_articles()
        stories = sorted({a.story_id for a in articles if a.story_id is not None})
        links = {s: store.previous_story(s) for s in stories}
        out = {"articles": len(articles), "stories": len(stories),
               "published": {a.url.rsplit("/", 1)[-1]: a.published and a.published.date().isoformat()
                             for a in articles},
               "links": {}}
        for story, previous in links.items():
            if previous is None:
                continue
            new_title = store.story_articles(story)[0].title
            old_title = store.story_articles(previous.story_id)[0].title
            out["links"][new_title[:70]] = f"previously: {old_title[:70]}"  # type: ignore[index]
        from briefs.models import Scope
        from briefs.service import BriefingService

        service = BriefingService(store, Settings())
        question = "How many times have Xi and Putin met?"
        answer = await service.ask(question, Scope())
        out["ask"] = {"question": question, "answer": answer.answer}
        await service.aclose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BASIL)
    parser.add_argument("--heldout-git", type=Path, default=None,
                        help="a git dir of launchnlp/BASIL: its 2015-2019 events as a held-out set")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    sets = [("development", args.corpus.name, load(args.corpus))]
    if args.heldout_git:
        sets.append(("held-out", "BASIL 2015-2019 (launchnlp/BASIL)", load_basil_repo(args.heldout_git)))
    print(f"# bench/stories.py  {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    for split, name, rows in sets:
        events = Counter(r["event"] for r in rows)
        print(f"\n## {split}: {name}: {len(rows)} articles, {len(events)} events")
        print("| method | run | B3 precision | B3 recall | B3 F1 | seconds |")
        print("|---|---|---|---|---|---|")
        for name, label, p, r, f, s in run_corpus(rows):
            print(f"| {name} | {label} | {p:.3f} | {r:.3f} | {f:.3f} | {s:.2f} |")
        links = memory_links(rows)
        print(f"\n\"Previously\" links between stories (with dates): {len(links)}")
        for line in links:
            print(f"- {line}")
    if SEEDS.exists():
        print("\n## seeds collected together")
        print(json.dumps(asyncio.run(seeds_check(SEEDS)), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


