"""Send rate limits, honoured before the platform enforces them.

Each limit is a token bucket kept as a GCRA "theoretical arrival time" (one float per bucket),
so a reservation is O(1) and waiting is a single sleep rather than polling. A send to a chat
needs a token from the chat's own buckets (Telegram: 1/s per chat, 20/min per group; Slack:
about 1/s per channel) and from the platform's overall bucket (Telegram: about 30/s).

The chat buckets are waited for first and the overall bucket is reserved only then, because a
single overall queue must be reserved in time order: reserving it for a chat that may only
send in a second would hold every other chat back for that second.

With several workers on PostgreSQL the overall bucket is shared (bot.delivery.shared_limit):
a worker takes its token from the database right before each send, once it holds a send slot
and has marked the row as being sent, so the platform's limit holds for the deployment as a
whole and nothing but the send itself comes between the token's moment and the platform. The
chat buckets stay in memory, because a chat's rows are claimed by one worker at a time.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.engine import Connection

from bot.delivery.shared_limit import DatabaseClock, SharedBuckets
from bot.messages import ChatRef

log = logging.getLogger(__name__)
T = TypeVar("T")
LATE_SHARE = 0.5  # a shared-bucket send later than this share of its slack takes a new moment
# A late send takes a fresh token this many times before it goes anyway: only a loop that is
# overloaded for that long wakes up late again and again.
LATE_RETRIES = 20
TOKEN_THREADS = 4  # shared-token round trips at once (about the sends in flight)


@dataclass(frozen=True)
class Bucket:
    key: str
    interval: float  # seconds per token
    burst: int = 1  # tokens that may be spent at once


@dataclass(frozen=True)
class RateLimits:
    """Rates per platform; None disables a limit. `headroom` scales every rate, so that jitter
    between our clock and the platform's never pushes a send over the platform's own limit."""

    telegram_per_second: float | None = 30.0
    telegram_chat_per_second: float | None = 1.0
    telegram_group_per_minute: float | None = 20.0
    slack_channel_per_second: float | None = 1.0
    slack_per_second: float | None = None
    headroom: float = 0.95

    def chat_buckets(self, chat: ChatRef) -> list[Bucket]:
        key = chat.key
        if chat.platform == "telegram":
            buckets = [self._bucket(f"chat:{key}", self.telegram_chat_per_second)]
            if chat.chat_id.startswith("-"):  # groups, supergroups and channels
                per_minute = self.telegram_group_per_minute
                buckets.append(self._bucket(f"group:{key}", per_minute / 60 if per_minute else None))
            return [b for b in buckets if b]
        if chat.platform == "slack":
            return [b for b in [self._bucket(f"chat:{key}", self.slack_channel_per_second)] if b]
        return []

    def platform_bucket(self, platform: str) -> Bucket | None:
        rate = {"telegram": self.telegram_per_second, "slack": self.slack_per_second}.get(platform)
        return self._bucket(f"platform:{platform}", rate)

    def _bucket(self, key: str, per_second: float | None) -> Bucket | None:
        if not per_second:
            return None
        return Bucket(key, 1.0 / (per_second * self.headroom))


class RateLimiter:
    def __init__(
        self, limits: RateLimits | None = None, *, monotonic: Callable[[], float] = time.monotonic,
        shared: SharedBuckets | None = None,
    ) -> None:
        self.limits = limits or RateLimits()
        self._now = monotonic
        self.shared = shared  # the platforms' overall buckets, when the deployment shares them
        self.late_tokens = 0  # shared tokens given up by sends that woke up too late
        self.database_clock = DatabaseClock()
        self._executor: ThreadPoolExecutor | None = None  # shared-token round trips
        self._tat: dict[str, float] = {}  # theoretical arrival time per bucket
        self._starts: dict[str, deque[float]] = {}  # per platform: send starts in the last second

    async def acquire(self, chat: ChatRef) -> None:
        """Wait until one message may be sent to `chat` (one sender per chat at a time)."""
        while True:
            moment, taken = self.reserve(chat)
            delay = moment - self._now()
            if delay > 0:
                await asyncio.sleep(delay)
            if taken:
                return

    def reserve(self, chat: ChatRef) -> tuple[float, bool]:
        """(moment, taken): a token from every bucket of `chat` was taken for `moment`, or, when
        the chat's own buckets are not ready, nothing was taken and `moment` is when to ask again."""
        chat_buckets = self._chat_buckets(chat)
        ready = self._earliest(chat_buckets)
        if ready > self._now():
            return ready, False
        # A shared overall bucket is taken in gate(), right before the send.
        overall = None if self.shared else self.limits.platform_bucket(chat.platform)
        buckets = [*chat_buckets, *([overall] if overall else [])]
        moment = self._earliest(buckets)
        for bucket in buckets:
            self._tat[bucket.key] = max(self._tat.get(bucket.key, moment), moment) + bucket.interval
        self._prune()
        return moment, True

    def shares(self, platform: str) -> bool:
        """Whether sends on `platform` take their turn from the deployment's shared bucket."""
        return self.shared is not None and self.limits.platform_bucket(platform) is not None

    async def gate(self, platform: str, before: Callable[[Connection], None] | None = None) -> None:
        """Right before a send: never more starts in any one second than the overall rate, and,
        when the deployment shares the overall bucket, this send's turn in it. `before` (shared
        bucket only) runs in the transaction that takes the first token, right before it.

        The buckets space sends evenly, but a busy loop can make several reserved sends start
        together; platforms count per second, so the actual starts are counted too. The shared
        turn comes last, so that nothing but the send itself follows the moment it waited for."""
        bucket = self.limits.platform_bucket(platform)
        if bucket is None:
            return
        cap = max(1, math.floor(1.0 / bucket.interval))
        starts = self._starts.setdefault(platform, deque())
        while True:
            now = self._now()
            while starts and now - starts[0] >= 1.0:
                starts.popleft()
            if len(starts) < cap:
                starts.append(now)
                break
            await asyncio.sleep(starts[0] + 1.0 - now)
        if self.shared is not None:
            await self._shared_turn(bucket, before)
        elif before is not None:
            raise ValueError("`before` needs a shared bucket")

    async def _shared_turn(self, bucket: Bucket,
                           before: Callable[[Connection], None] | None = None) -> None:
        """Wait for this send's moment in the shared bucket. A send that wakes up well after
        its moment (a busy loop) would land together with the other workers' next sends, so it
        takes a fresh moment instead: a token is wasted, the platform's window is kept."""
        # Sends landing up to (1/headroom - 1) s after their moments still keep every second
        # within the limit; half of that is the lateness tolerated (or half an interval), the
        # other half is left for the way from here to the platform.
        tolerated = max(bucket.interval, 1.0 / self.limits.headroom - 1.0) * LATE_SHARE
        for attempt in range(LATE_RETRIES + 1):
            moment = await self._shared_moment(bucket, before if attempt == 0 else None)
            delay = moment - self._now()
            if delay > 0:
                await asyncio.sleep(delay)
            if self._now() - moment <= tolerated:
                return
            if attempt < LATE_RETRIES:
                self.late_tokens += 1
        log.warning("shared rate limit: %d sends in a row woke up late; sending anyway",
                    LATE_RETRIES + 1)

    async def _shared_moment(self, bucket: Bucket,
                             before: Callable[[Connection], None] | None = None) -> float:
        """Take a token from the shared bucket: its moment on this process's clock. The round
        trip runs on the limiter's own threads, so tokens never queue behind other work's
        database queries, and the event loop never waits for the database. A round trip that
        wrote (`before`) finishes even when the waiting task is cancelled: a stopping worker
        hands its rows back only after it."""
        assert self.shared is not None
        if self._executor is None:
            self._executor = ThreadPoolExecutor(TOKEN_THREADS, thread_name_prefix="shared-limit")
        job = asyncio.get_running_loop().run_in_executor(
            self._executor, self.shared.take_token, bucket.key, bucket.interval, self._now, before)
        token = await (_settled(job) if before is not None else job)
        self.database_clock.observe(token.sent, token.database_now, token.received)
        return self.database_clock.to_local(token.moment)

    def shared_delay(self, platform: str) -> float:
        """Take the platform's overall token from the shared bucket: seconds until it is due."""
        bucket = self.limits.platform_bucket(platform)
        if bucket is None or self.shared is None:
            return 0.0
        return self.shared.wait(bucket.key, bucket.interval)

    def completed(self, chat: ChatRef) -> None:
        """A send to `chat` just finished. The platform stamped it somewhere between our start
        and now, so the chat's next send waits a full interval from now: delays before a send
        (the loop busy, other sends in flight) then never bring two sends closer than allowed."""
        now = self._now()
        for bucket in self.limits.chat_buckets(chat):
            self._tat[bucket.key] = max(self._tat.get(bucket.key, now), now + bucket.interval)

    def pause(self, chat: ChatRef, seconds: float) -> None:
        """The platform said "retry after": nothing more goes to this chat before then."""
        until = self._now() + max(0.0, seconds)
        for bucket in self._chat_buckets(chat):
            self._tat[bucket.key] = max(self._tat.get(bucket.key, until), until)

    def _chat_buckets(self, chat: ChatRef) -> list[Bucket]:
        # The zero-interval "pause" bucket only ever holds a retry_after deadline.
        return [*self.limits.chat_buckets(chat), Bucket(f"pause:{chat.key}", 0.0)]

    def _earliest(self, buckets: list[Bucket]) -> float:
        now = self._now()
        moment = now
        for bucket in buckets:
            tat = self._tat.get(bucket.key, now)
            moment = max(moment, tat - (bucket.burst - 1) * bucket.interval)
        return moment

    def _prune(self) -> None:
        # Buckets whose time has passed are full again; forget them so memory stays bounded.
        if len(self._tat) > 50_000:
            now = self._now()
            self._tat = {k: v for k, v in self._tat.items() if v > now}


async def _settled(job: asyncio.Future[T]) -> T:
    """`job`'s result; when the waiting task is cancelled, the job still ends before it does."""
    try:
        return await asyncio.shield(job)
    except asyncio.CancelledError:
        await asyncio.wait([job])
        raise
