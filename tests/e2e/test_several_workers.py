"""Platform work that one worker at a time may do, on SQLite and on PostgreSQL: Telegram long
polling by the holder of a leader lease (with failover), and a Slack event that reaches two
workers' Socket Mode connections answered once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import subprocess
import sys
from functools import partial

import pytest

from bot.adapters.slack import SlackAdapter
from bot.adapters.telegram import TelegramAdapter
from bot.delivery.claims import Leadership, first_sighting
from bot.metrics import Metrics
from briefs.models import utcnow
from config.settings import Secrets, Settings
from tests.e2e.test_slack_adapter import Recorder as SlackRecorder
from tests.e2e.test_telegram_adapter import Recorder, telegram_settings
from tests.fakes.slack_api import BOT_USER_ID, FakeSlackAPI, event_body, message_event
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.backends("sqlite", "postgresql")
LEASE = dt.timedelta(seconds=30)


class CountingLeadership(Leadership):
    asked = 0

    def hold(self) -> bool:
        self.asked += 1
        return super().hold()


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> dt.datetime:
        return self.now


def test_one_leader_at_a_time_and_another_takes_over_when_its_lease_runs_out(store) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    first = Leadership(store, "job", "host-a:1:a", lease=LEASE, clock=clock)
    second = Leadership(store, "job", "host-b:2:b", lease=LEASE, clock=clock)
    assert first.hold() and not second.hold()
    clock.now += LEASE / 2
    assert first.hold() and not second.hold()  # renewed
    clock.now += LEASE + dt.timedelta(seconds=1)  # the first stopped renewing: it died
    assert second.hold() and not first.hold()
    second.release()
    assert first.hold()


def test_a_leader_whose_process_is_gone_is_replaced_at_once(store) -> None:  # type: ignore[no-untyped-def]
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = Leadership(store, "job", f"{socket.gethostname()}:{int(ended.stdout)}:abc123")
    assert dead.hold()
    assert Leadership(store, "job", "host-b:2:b").hold()


def test_an_event_is_taken_once(store) -> None:  # type: ignore[no-untyped-def]
    assert first_sighting(store, "slack:Ev1")
    assert not first_sighting(store, "slack:Ev1")
    assert first_sighting(store, "slack:Ev2")
    later = utcnow() + dt.timedelta(hours=2)  # long forgotten: no platform redelivers so late
    assert first_sighting(store, "slack:Ev3", later)
    assert first_sighting(store, "slack:Ev1", later)


async def test_long_polling_by_one_worker_and_the_other_takes_over(store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    async with FakeTelegramAPI() as api:
        workers = []
        for name in ("a", "b"):
            adapter = TelegramAdapter(telegram_settings(settings, api), Recorder(), Metrics(),
                                      poll_timeout=1)
            adapter.leader = CountingLeadership(store, "telegram-polling", f"host-{name}:1:{name}",
                                                lease=dt.timedelta(seconds=0.6))
            workers.append(adapter)
        try:
            for adapter in workers:
                await adapter.start()

            async def until(condition) -> None:  # type: ignore[no-untyped-def]
                while not condition():
                    await asyncio.sleep(0.01)

            await asyncio.wait_for(until(lambda: any(w.polling for w in workers)), 10)
            leader = next(w for w in workers if w.polling)
            follower = next(w for w in workers if w is not leader)
            # The follower asks for the lease again and again (a whole lease long); in vain.
            asked = follower.leader.asked  # type: ignore[union-attr]
            await asyncio.wait_for(until(lambda: follower.leader.asked >= asked + 4), 10)  # type: ignore[union-attr]
            assert not follower.polling and leader.polling
            api.push_message(5, "/help")
            await asyncio.wait_for(until(lambda: leader.handler.incoming), 10)
            await leader.stop()  # hands the lease back: the follower polls at its next renewal
            await asyncio.wait_for(until(lambda: follower.polling), 10)
            api.push_message(5, "/sources")
            await asyncio.wait_for(until(lambda: follower.handler.incoming), 10)
            assert [i.text for i in follower.handler.incoming] == ["/sources"]
        finally:
            for adapter in workers:
                await adapter.stop()


async def test_an_event_delivered_to_two_workers_is_answered_once(store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    async with FakeSlackAPI() as api:
        configured = settings.replace(secrets=Secrets(
            slack_bot_token=api.token, slack_app_token=api.app_token,
            slack_api_base_url=api.base_url))
        recorders = [SlackRecorder(), SlackRecorder()]
        looked: list[str] = []

        def counting(key: str) -> bool:
            looked.append(key)
            return first_sighting(store, key)

        workers = [SlackAdapter(configured, r, Metrics()) for r in recorders]
        for adapter in workers:
            adapter.first_sighting = counting
        try:
            for adapter in workers:
                await adapter.start()
            await asyncio.wait_for(_until(lambda: len(api._sockets) == 2), 10)
            event = message_event(f"<@{BOT_USER_ID}> what now?", ts="8.1", kind="app_mention")
            payload = json.loads(event_body(event, "EvTwice"))
            for index, connection in enumerate(api._sockets):  # Slack redelivered it elsewhere
                await connection.send_json({
                    "envelope_id": f"env-{index}", "type": "events_api", "payload": payload,
                    "accepts_response_payload": False, "retry_attempt": index,
                    "retry_reason": "timeout" if index else ""})
            await api.wait_for_posts(1)
            await asyncio.wait_for(_until(lambda: len(looked) == 2), 10)
            assert looked == ["slack:EvTwice", "slack:EvTwice"]
            assert sum(len(r.incoming) for r in recorders) == 1
            assert len(api.posts) == 1
        finally:
            for adapter in workers:
                await adapter.stop()


async def _until(condition) -> None:  # type: ignore[no-untyped-def]
    while not condition():
        await asyncio.sleep(0.01)


def test_the_app_wires_the_shared_record_for_socket_mode(store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from bot.app import share_platform_work

    class App:
        pass

    app = App()
    slack = SlackAdapter(settings.replace(secrets=Secrets(
        slack_bot_token="xoxb-1", slack_app_token="xapp-1")), SlackRecorder(), Metrics())
    app.adapters, app.store = {"slack": slack}, store  # type: ignore[attr-defined]
    share_platform_work(app)  # type: ignore[arg-type]
    assert isinstance(slack.first_sighting, partial)
    assert slack.first_sighting("slack:EvX") and not slack.first_sighting("slack:EvX")
