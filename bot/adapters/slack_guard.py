"""Checks on a Slack HTTP request before any handler (or bolt) sees it.

In order: the body arrives in time and is UTF-8, the timestamp is a number within Slack's
5-minute window, the signature is right (401 otherwise), the body parses as what its content
type says (400 otherwise), and the request is not a replay: a signature already answered
within the window, or an ``event_id`` already handled (Slack re-delivers events, marking
the copies with ``X-Slack-Retry-Num``), is acknowledged with 200 and not handled again.

Memory is bounded: the seen signatures and event ids are kept for the window only, and at
most `max_entries` of each (only requests with a valid signature are ever recorded).

Several workers behind a load balancer: a retry may reach another worker than the original,
whose memory has not seen it. A request this worker has not seen carries its replay keys in
the verdict, and `shared_verdict` asks the deployment's shared record (the database's
``seen_events``, bot.delivery.claims.first_sighting) whether any worker answered it already.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from slack_sdk.signature import Clock, SignatureVerifier

log = logging.getLogger(__name__)

WINDOW_SECONDS = 5 * 60  # Slack's own replay window for signed requests
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Verdict:
    """`status` None: go on and handle the request; else answer with this status and text."""

    status: int | None
    text: str = ""
    duplicate: bool = False
    keys: tuple[str, ...] = ()  # to handle: what a replay of it would repeat (shared record)


HANDLE = Verdict(None)
REPLAYED = Verdict(200, "", duplicate=True)
SIGNATURE_KEY, EVENT_KEY = "slack-http:signature:", "slack-http:event:"


class SeenWithin:
    """Keys seen within the last `window` seconds, at most `max_entries` of them (oldest go first)."""

    def __init__(self, window: float = WINDOW_SECONDS, max_entries: int = MAX_ENTRIES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.window, self.max_entries, self.clock = window, max_entries, clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def check_and_add(self, key: str) -> bool:
        """True if `key` was seen within the window; records it either way."""
        now = self.clock()
        while self._seen and next(iter(self._seen.values())) <= now - self.window:
            self._seen.popitem(last=False)
        if key in self._seen:
            return True
        self._seen[key] = now
        while len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return False

    def __len__(self) -> int:
        return len(self._seen)


class SlackRequestGuard:
    def __init__(self, signing_secret: str, *, clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time, max_entries: int = MAX_ENTRIES) -> None:
        self.verifier = SignatureVerifier(signing_secret, _WallClock(wall_clock))
        self.wall_clock = wall_clock
        self.signatures = SeenWithin(WINDOW_SECONDS, max_entries, clock)
        self.events = SeenWithin(WINDOW_SECONDS, max_entries, clock)

    def check(self, body: bytes, headers: Mapping[str, str]) -> Verdict:
        headers = {k.lower(): v for k, v in headers.items()}
        timestamp = headers.get("x-slack-request-timestamp", "").strip()
        signature = headers.get("x-slack-signature", "").strip()
        if not timestamp or not signature:
            return Verdict(401, "invalid request signature")
        if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
            return Verdict(400, "bad request: X-Slack-Request-Timestamp is not a number")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return Verdict(400, "bad request: the body is not UTF-8")
        if abs(self.wall_clock() - int(timestamp)) > WINDOW_SECONDS \
                or not self.verifier.is_valid(body, timestamp, signature):
            return Verdict(401, "invalid request signature")
        payload, problem = _parse(text, headers.get("content-type", ""))
        if problem:
            return Verdict(400, f"bad request: {problem}")
        if self.signatures.check_and_add(signature):
            _log_replay(None, headers)
            return REPLAYED
        event_id = payload.get("event_id") if isinstance(payload, dict) else None
        if not isinstance(event_id, str) or not event_id:
            event_id = None
        elif self.events.check_and_add(event_id):
            _log_replay(event_id, headers)
            return REPLAYED
        keys = (SIGNATURE_KEY + signature, *([EVENT_KEY + event_id] if event_id else []))
        return Verdict(None, keys=keys)


def shared_verdict(verdict: Verdict, first_sighting: Callable[[str], bool],
                   headers: Mapping[str, str]) -> Verdict:
    """`verdict` checked against the deployment's shared record (blocking: run it in a
    thread): a request that another worker answered already is acknowledged, not handled.
    Every key is recorded, so a later copy is caught by either."""
    if verdict.status is not None or not verdict.keys:
        return verdict
    first = [first_sighting(key) for key in verdict.keys]
    if all(first):
        return HANDLE
    headers = {k.lower(): v for k, v in headers.items()}
    event_key = next((k for k in verdict.keys if k.startswith(EVENT_KEY)), "")
    _log_replay(event_key.removeprefix(EVENT_KEY) if first[0] else None, headers)
    return REPLAYED


def _log_replay(event_id: str | None, headers: Mapping[str, str]) -> None:
    if event_id is None:
        log.info("slack: a replayed request (signature seen within 5 minutes) was not handled again")
    else:
        log.info("slack: event %s delivered again (retry %s); handled once",
                 event_id[:40], headers.get("x-slack-retry-num", "-")[:4])


class _WallClock(Clock):
    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now

    def now(self) -> float:
        return self._now()


def _parse(text: str, content_type: str) -> tuple[object, str | None]:
    """The payload as JSON/form data, or a one-line problem."""
    if "application/json" in content_type.lower():
        try:
            payload = json.loads(text)
        except ValueError:
            return None, "malformed JSON"
        return (payload, None) if isinstance(payload, dict) else (None, "JSON body is not an object")
    form = parse_qs(text, keep_blank_values=True)
    if "payload" in form:  # interactions: a JSON document inside the form
        try:
            inner = json.loads(form["payload"][0])
        except ValueError:
            return None, "malformed JSON in payload"
        if not isinstance(inner, dict):
            return None, "payload is not a JSON object"
        return inner, None
    return {k: v[0] for k, v in form.items()}, None
