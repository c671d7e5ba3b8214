"""Counters for GET /metrics (Prometheus text exposition), and what every adapter does around
them: the guarded call of the handler, and the patient send of an interactive reply.

Every adapter sends each incoming message through `dispatch`: it counts the update, runs the
router, and when the router fails it logs the failure with its context, answers the user with
a short apology and carries on, so one bad update never stops the bot serving everyone else.
Interactive replies (`send_patiently`) wait out a short rate limit instead of failing: a
briefing split in five parts meets Telegram's one-message-per-second-per-chat limit at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence

from bot.messages import Adapter, ChatRef, Document, Incoming, MessageRef, Payload, RateLimited
from bot.render.compose import apology_document

log = logging.getLogger(__name__)

MAX_REPLY_WAIT = 30.0  # longer limits are the outbox's business; a chat reply fails instead

Handler = Callable[[Incoming, Adapter], Awaitable[None]]
Labels = tuple[tuple[str, str], ...]

# name -> (help text); every metric is a counter with labels.
COUNTERS = {
    "briefbot_updates_total": "Incoming messages and commands handled, per platform.",
    "briefbot_messages_sent_total": "Messages delivered to a chat platform, per platform.",
    "briefbot_errors_total": "Failures per platform and kind: update (a command failed and the "
                             "user got an apology), send, rate_limited, webhook_refused, apology.",
}


class Metrics:
    """A small thread-safe counter registry (no dependency on prometheus_client needed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, dict[Labels, float]] = defaultdict(dict)

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            series = self._values[name]
            series[key] = series.get(key, 0.0) + amount

    def value(self, name: str, **labels: str) -> float:
        with self._lock:
            return self._values.get(name, {}).get(tuple(sorted(labels.items())), 0.0)

    def update(self, platform: str) -> None:
        self.inc("briefbot_updates_total", platform=platform)

    def sent(self, platform: str) -> None:
        self.inc("briefbot_messages_sent_total", platform=platform)

    def error(self, platform: str, kind: str) -> None:
        self.inc("briefbot_errors_total", platform=platform, kind=kind)

    def exposition(self) -> str:
        """The Prometheus text format (version 0.0.4)."""
        lines: list[str] = []
        with self._lock:
            snapshot = {name: dict(series) for name, series in self._values.items()}
        for name, help_text in COUNTERS.items():
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} counter"]
            for labels, value in sorted(snapshot.get(name, {}).items()):
                lines.append(f"{name}{_labels(dict(labels))} {value:g}")
        return "\n".join(lines) + "\n"


def _labels(labels: Mapping[str, str]) -> str:
    if not labels:
        return ""
    escaped = (f'{k}="{_escape(v)}"' for k, v in labels.items())
    return "{" + ",".join(escaped) + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


# One registry for the process, unless the composition root passes its own.
DEFAULT_METRICS = Metrics()


async def dispatch(handler: Handler, incoming: Incoming, adapter: Adapter, metrics: Metrics) -> None:
    """Run the handler on one update; a failure is logged, apologised for, and contained."""
    metrics.update(adapter.platform)
    try:
        await handler(incoming, adapter)
    except Exception:
        log.exception("%s: failed to handle %r from user %s in %s",
                      adapter.platform, incoming.text[:80], incoming.user.id, incoming.chat.key)
        await _apologise(incoming, adapter, metrics)


def count_reply(metrics: Metrics, platform: str, document: Document) -> None:
    """Adapters call this for every document they send: an error reply (``meta kind=error``,
    the apology for a failed update, from the router or from `dispatch`) is a failed update."""
    if document.meta.get("kind") == "error":
        metrics.error(platform, "update")


async def _apologise(incoming: Incoming, adapter: Adapter, metrics: Metrics) -> None:
    try:
        await adapter.send(incoming.chat, apology_document(), reply_to=incoming.message)
    except Exception:  # noqa: BLE001 - the platform itself may be what failed
        metrics.error(adapter.platform, "apology")
        log.warning("%s: could not send the apology to %s", adapter.platform, incoming.chat.key)


Sleep = Callable[[float], Awaitable[None]]
SendOne = Callable[[ChatRef, Payload, "MessageRef | None"], Awaitable[MessageRef]]


async def send_patiently(send_one: SendOne, chat: ChatRef, payloads: Sequence[Payload],
                         reply_to: MessageRef | None, sleep: Sleep = asyncio.sleep,
                         max_wait: float = MAX_REPLY_WAIT) -> list[MessageRef]:
    """Send the parts of one reply in order (the first replying to `reply_to`), waiting out
    rate limits up to `max_wait` seconds in all."""
    refs: list[MessageRef] = []
    waited = 0.0
    for index, payload in enumerate(payloads):
        while True:
            try:
                refs.append(await send_one(chat, payload, reply_to if index == 0 else None))
                break
            except RateLimited as exc:
                if waited + exc.retry_after > max_wait:
                    raise
                waited += exc.retry_after
                await sleep(exc.retry_after)
    return refs
