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
import time
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


def test_an_expired_record_is_taken_again_even_before_it_is_purged(store) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    assert first_sighting(store, "slack:Ev9", now)
    later = now + dt.timedelta(hours=2)
    assert first_sighting(store, "slack:Ev9", later)  # the first thing seen that late
    assert not first_sighting(store, "slack:Ev9", later)


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


async def test_a_slack_request_replayed_to_another_worker_is_answered_once(store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """HTTP mode behind a load balancer: Slack's retry of an event (a new signature, the same
    event_id) and a replay of a slash command (the same signature) reach the other worker."""
    import aiohttp

    from bot.app import share_platform_work
    from bot.http import HttpServer
    from tests.e2e.test_slack_adapter import SECRET, slack_settings
    from tests.fakes.slack_api import command_body, sign

    class App:
        pass

    async with FakeSlackAPI() as api:
        workers, servers, recorders = [], [], [SlackRecorder(), SlackRecorder()]
        for recorder in recorders:
            adapter = SlackAdapter(slack_settings(settings, api), recorder, Metrics())
            app = App()
            app.adapters, app.store = {"slack": adapter}, store  # type: ignore[attr-defined]
            share_platform_work(app)  # type: ignore[arg-type]
            assert adapter.shared_replays is not None and adapter.first_sighting is None
            await adapter.start()
            server = HttpServer("127.0.0.1", 0, slack=adapter, metrics=adapter.metrics)
            await server.start()
            workers.append(adapter)
            servers.append(server)

        async def post(worker: int, body: str, headers: dict[str, str], form: bool = False) -> int:
            kind = "application/x-www-form-urlencoded" if form else "application/json"
            async with aiohttp.ClientSession() as session, session.post(
                    f"{servers[worker].url}/slack/events", data=body.encode(),
                    headers={**headers, "Content-Type": kind}) as response:
                return response.status

        try:
            event = message_event("what happened?", channel="D0001", channel_type="im")
            body = event_body(event, "EvShared")
            assert await post(0, body, sign(SECRET, body)) == 200
            retry = {**sign(SECRET, body, timestamp=int(time.time()) - 1), "X-Slack-Retry-Num": "1"}
            assert await post(1, body, retry) == 200  # the retry lands on the other worker
            command = command_body("help", response_url=api.response_url())
            signed = sign(SECRET, command)
            assert await post(1, command, signed, form=True) == 200
            assert await post(0, command, signed, form=True) == 200  # replayed elsewhere
            marker = event_body(message_event("marker", channel="D0001", channel_type="im",
                                              ts="2.0"), "EvMarker")
            for worker in (0, 1):
                assert await post(worker, marker, sign(SECRET, marker)) == 200
            await asyncio.wait_for(_until(lambda: sum(len(r.incoming) for r in recorders) >= 3), 10)
            handled = sorted(i.text for r in recorders for i in r.incoming)
            assert handled == ["/help", "marker", "what happened?"]
        finally:
            for server, adapter in zip(servers, workers, strict=True):
                await server.stop()
                await adapter.stop()
