"""The Slack endpoint refuses replays and bad bodies before any handler runs."""

from __future__ import annotations

import hashlib
import hmac
import time

from bot.adapters.slack_guard import SeenWithin, SlackRequestGuard
from tests.e2e.test_slack_adapter import SECRET, Harness, slack  # noqa: F401 (the fixture)
from tests.fakes.slack_api import command_body, event_body, message_event, sign

FORM = "application/x-www-form-urlencoded"


def sign_bytes(body: bytes, timestamp: str | None = None) -> dict[str, str]:
    timestamp = timestamp or str(int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


async def post_bytes(slack: Harness, body: bytes, headers: dict[str, str],  # noqa: F811
                     content_type: str = "application/json") -> tuple[int, str]:
    async with slack.session.post(f"{slack.server.url}/slack/events", data=body,
                                  headers={**headers, "Content-Type": content_type}) as resp:
        return resp.status, await resp.text()


async def wait_for_text(slack: Harness, text: str) -> None:  # noqa: F811
    await slack.api.wait_for(lambda api: any(text in p.text for p in api.posts))


async def test_a_replayed_slash_command_is_answered_once(slack: Harness) -> None:  # noqa: F811
    body = command_body("help", response_url=slack.api.response_url())
    headers = sign(SECRET, body)
    for _ in range(4):  # the original and 3 replays within the 5 minutes
        status, _ = await post_bytes(slack, body.encode(), headers, FORM)
        assert status == 200
    assert await slack.command("sources") == 200  # a marker after the replays
    await wait_for_text(slack, "echo /sources")
    assert [i.text for i in slack.recorder.incoming] == ["/help", "/sources"]


async def test_an_event_delivered_twice_is_handled_once(slack: Harness) -> None:  # noqa: F811
    event = message_event("what happened?", channel="D0001", channel_type="im")
    body = event_body(event, "EvSame")
    assert (await slack.post(body)).status == 200
    # Slack's retry: same event_id, a new signature, X-Slack-Retry-Num set
    retry = {**sign(SECRET, body, timestamp=int(time.time()) - 1), "X-Slack-Retry-Num": "1",
             "X-Slack-Retry-Reason": "http_timeout"}
    assert (await slack.post(body, headers=retry)).status == 200
    marker = event_body(message_event("marker", channel="D0001", channel_type="im", ts="2.0"), "EvOther")
    assert (await slack.post(marker)).status == 200
    await wait_for_text(slack, "echo marker")
    assert [i.text for i in slack.recorder.incoming] == ["what happened?", "marker"]


async def test_bad_bodies_get_400_and_bad_signatures_401_before_any_handler(slack: Harness) -> None:  # noqa: F811
    bad_json = b'{"type": "event_callback", "event": {'
    assert (await post_bytes(slack, bad_json, sign_bytes(bad_json)))[0] == 400
    latin1 = "caf\xe9 text=\xff".encode("latin-1")
    status, text = await post_bytes(slack, latin1, sign_bytes(latin1), FORM)
    assert (status, text) == (400, "bad request: the body is not UTF-8")
    body = command_body("help").encode()
    for stamp in ("soon", "１２３", "1e9", "-5"):
        headers = {**sign_bytes(body), "X-Slack-Request-Timestamp": stamp}
        assert (await post_bytes(slack, body, headers, FORM))[0] == 400, stamp
    bad_payload = b"payload=%7Bnot-json"
    assert (await post_bytes(slack, bad_payload, sign_bytes(bad_payload), FORM))[0] == 400
    unsigned = b'{"type": "event_callback", "event": {'  # malformed and unsigned: 401 first
    forged = {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=0"}
    assert (await post_bytes(slack, unsigned, forged))[0] == 401
    assert slack.recorder.incoming == []


def test_seen_keys_expire_after_the_window_and_memory_is_bounded() -> None:
    now = [1000.0]
    seen = SeenWithin(window=300, max_entries=3, clock=lambda: now[0])
    assert not seen.check_and_add("a") and seen.check_and_add("a")
    now[0] += 301
    assert not seen.check_and_add("a")  # outside the window: new again
    for key in "bcdef":
        seen.check_and_add(key)
    assert len(seen) == 3


def test_the_guard_checks_the_window_itself() -> None:
    guard = SlackRequestGuard(SECRET, wall_clock=lambda: 10_000.0)
    body = b"text=hi"
    assert guard.check(body, sign_bytes(body, "10000")).status is None
    assert guard.check(body, sign_bytes(body, "9000")).status == 401  # 1000 s old
    assert guard.check(body, sign_bytes(body, "10000")).duplicate  # the same signature again
