"""Stopping a worker hands its claims back, so the other workers take its work at once: the
outbox rows it held, and (on PostgreSQL) the Telegram polling lease. Slots and sources stopped
mid-way are handed back by the scheduler (tests/chat/test_scheduler.py)."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
import sqlalchemy as sa

from bot.app import build
from bot.delivery.claims import RELEASED
from bot.delivery.schema import leader_leases, outbox
from bot.messages import ChatRef
from bot.storage import open_store
from config.settings import load_settings
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.backends("sqlite", "postgresql")


async def test_a_stopping_worker_hands_back_its_rows_and_the_polling_lease(
        tmp_path, database_url, backend) -> None:  # type: ignore[no-untyped-def]
    async with FakeTelegramAPI() as api:
        environ = {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.url}
        if database_url:
            environ["BRIEFBOT_DATABASE_URL"] = database_url
        settings = load_settings(data_dir=tmp_path / "data", environ=environ)
        settings = settings.replace(bot=dataclasses.replace(settings.bot, http_port=0))
        app = build(settings)
        api.fail_sends = 10_000  # every send fails for now: the rows stay claimed, pending
        app.outbox.enqueue_briefing(ChatRef("telegram", "7"), "k", [{"text": "a"}, {"text": "b"}], [])
        running = asyncio.create_task(app.run())
        await api.wait_for(lambda _: app.outbox.held().get("pending") == 2, timeout=30)
        leader = app.adapters["telegram"].leader
        if backend == "postgresql":  # several workers may share it: one polls at a time
            await api.wait_for(lambda _: app.adapters["telegram"].polling, timeout=30)
        else:
            assert leader is None
        app.request_stop()
        assert await asyncio.wait_for(running, 30) == 0
    store = open_store(settings)  # the app closed its own
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(outbox.c.state, outbox.c.claimed_by,
                                          outbox.c.lease_until)).all()
            leases = conn.execute(sa.select(leader_leases.c.lease_until)).scalars().all()
    finally:
        store.close()
    assert [(r.state, r.claimed_by, r.lease_until) for r in rows] == [("pending", None, RELEASED)] * 2
    assert leases == ([RELEASED] if backend == "postgresql" else [])
