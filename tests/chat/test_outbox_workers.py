"""Several worker processes draining one outbox at once, on SQLite and on PostgreSQL: every
row is sent exactly once, and each chat's parts by one worker, in order."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import defaultdict

import pytest

from bot.delivery.outbox import Outbox
from bot.messages import ChatRef
from tests.chat.test_outbox_fakes import FakeAdapter

pytestmark = pytest.mark.backends("sqlite", "postgresql")
WORKERS = 3
CHATS = 60
PARTS = [{"text": f"part {n}"} for n in range(1, 4)]


class YieldingAdapter(FakeAdapter):
    async def send_payload(self, chat, payload, reply_to=None):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.001)  # a network round trip: the other workers run meanwhile
        return await super().send_payload(chat, payload, reply_to)


def _worker(url: str, data_dir: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from bot.storage import open_store
    from config.settings import load_settings

    environ = {"BRIEFBOT_DATA_DIR": data_dir}
    if url:
        environ["BRIEFBOT_DATABASE_URL"] = url
    store = open_store(load_settings(environ=environ))
    adapter = YieldingAdapter()
    box = Outbox(store, {"telegram": adapter}, window=9, poll_seconds=0.05)
    barrier.wait(timeout=60)
    asyncio.run(box.drain())
    store.close()
    results.put([(chat, payload["text"]) for chat, payload in adapter.sent])


@pytest.mark.timeout(300)
def test_worker_processes_send_each_row_once_and_each_chat_in_order(store, settings) -> None:  # type: ignore[no-untyped-def]
    box = Outbox(store, {})
    for n in range(CHATS):
        box.enqueue_briefing(ChatRef("telegram", str(n)), "k", PARTS, [])
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_worker, args=(settings.store.url, str(settings.data_dir),
                                                        barrier, results)) for _ in range(WORKERS)]
    for process in processes:
        process.start()
    sent = [results.get(timeout=240) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    everything = [item for worker in sent for item in worker]
    assert len(everything) == len(set(everything)) == CHATS * len(PARTS)
    for chat in map(str, range(CHATS)):
        by_worker = defaultdict(list)
        for index, worker in enumerate(sent):
            by_worker[index] = [text for c, text in worker if c == chat]
        holders = [texts for texts in by_worker.values() if texts]
        assert holders == [["part 1", "part 2", "part 3"]]
    assert sum(1 for worker in sent if worker) >= 2  # the work was shared
