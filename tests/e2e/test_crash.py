"""Kill the delivering bot with SIGKILL in the middle of a fan-out to 200 chats on a fake Bot
API, start it again, and compare what the server received with what was due: nothing lost,
nothing twice except at most the one message in flight at the kill."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from bot.delivery.schedules import ScheduleSpec, add_schedule
from bot.delivery.schema import outbox, outbox_payloads, push_records
from bot.storage import open_store
from config.settings import load_settings
from tests.fakes.telegram_api import DEFAULT_TOKEN, FakeTelegramAPI

CHATS = 200
CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]


def prepare(data_dir: Path) -> None:
    """200 chats whose daily push was due five minutes ago (within the grace window)."""
    env = {"BRIEFBOT_DATA_DIR": str(data_dir)}
    store = open_store(load_settings(environ=env))
    now = dt.datetime.now(dt.UTC)
    due = (now - dt.timedelta(minutes=5)).replace(second=0, microsecond=0)
    spec = ScheduleSpec(due.time(), "UTC")
    for n in range(1, CHATS + 1):
        add_schedule(store, f"telegram:{n}", spec)
    with store.engine.begin() as conn:  # stored well before the slot
        conn.execute(sa.text("update schedules set created_at = :c"),
                     {"c": (due - dt.timedelta(minutes=30)).replace(tzinfo=None)})
    store.close()


async def start_child(data_dir: Path, api: FakeTelegramAPI) -> asyncio.subprocess.Process:
    env = {**os.environ, "BRIEFBOT_DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
           "TELEGRAM_API_BASE_URL": api.url, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        sys.executable, str(CHILD), cwd=str(ROOT), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


def due_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(chat_id, text) of every part the outbox holds: what was due."""
    store = open_store(load_settings(environ={"BRIEFBOT_DATA_DIR": str(data_dir)}))
    import json

    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(outbox.c.chat_key, outbox_payloads.c.body).join(
            outbox_payloads, outbox.c.payload_hash == outbox_payloads.c.hash)).all()
        states = Counter(conn.execute(sa.select(outbox.c.state)).scalars())
        pushes = conn.execute(sa.select(sa.func.count()).select_from(push_records)
                              .where(push_records.c.status == "queued")).scalar_one()
    store.close()
    assert states == {"sent": len(rows)} and pushes == CHATS
    return [(key.split(":", 1)[1], json.loads(body)["text"]) for key, body in rows]


async def test_sigkill_mid_fan_out_loses_nothing_and_repeats_at_most_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    prepare(data_dir)
    async with FakeTelegramAPI() as api:
        first = await start_child(data_dir, api)
        # Kill once a good part of the fan-out has arrived (a condition, not a sleep).
        await api.wait_for(lambda a: len(a.sent) >= 250, timeout=60)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = len(api.sent)
        assert at_kill < CHATS * 3, "the fan-out finished before the kill"

        second = await start_child(data_dir, api)
        out, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 0, err.decode()[-2000:]

    due = due_messages(data_dir)
    assert len(due) == CHATS * 3
    received = Counter((m.chat_id, m.text) for m in api.sent)
    assert set(received) == set(due)  # nothing lost, nothing that was not due
    duplicates = sum(count - 1 for count in received.values())
    print(f"killed after {at_kill} of {len(due)} messages; {duplicates} duplicate(s)")
    assert duplicates <= 1
    # Each chat got its parts in order.
    for chat_id in ("1", "100", str(CHATS)):
        texts = [m.text for m in api.sent_to(chat_id)]
        assert [t.split(":")[0] for t in dict.fromkeys(texts)] == ["Story 1", "Story 2", "Story 3"]
