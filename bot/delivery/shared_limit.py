"""A platform's overall send rate shared by every worker on one PostgreSQL database.

Each worker keeps its chats' own buckets in memory (a chat's rows are claimed by one worker at a
time, so nobody else sends to it), but the platform's overall limit (Telegram: about 30
messages/s per bot) counts every worker's sends. That bucket lives in one row of
``rate_buckets`` as a GCRA "theoretical arrival time" in the database's own clock: a send
takes a token with one atomic upsert that moves the row on by one interval and returns how long
the caller must wait. The row lock serializes the reservations of all workers, and using the
database's clock means the workers' clocks never need to agree.

A worker turns a reserved moment into its own clock with `DatabaseClock`: each round trip
brackets the instant the database read its clock, and the round trip that took least time
tells the offset most exactly. Adding "moment - now" to the instant the request was sent would
be off by however long the request waited (for a thread, a connection, the network), and that
varies from send to send; sends off by different amounts bunch up at the platform.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

STEP_TOLERANCE = 0.005  # seconds: clock reading granularity and drift between samples

# One statement: the clock is read once (a CTE with a volatile function is evaluated once),
# the row is created on first use, and the reserved moment comes back relative to that clock.
_TAKE = sa.text("""
WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS now)
INSERT INTO rate_buckets AS b (key, tat)
SELECT :key, now + :interval FROM clock
ON CONFLICT (key) DO UPDATE SET tat = GREATEST(b.tat, EXCLUDED.tat - :interval) + :interval
RETURNING b.tat - :interval AS moment, (SELECT now FROM clock) AS now
""")


@dataclass(frozen=True)
class Token:
    """A reserved moment in the database's clock, with the round trip that reserved it:
    `database_now` was read between `sent` and `received` (the caller's clock)."""

    moment: float
    database_now: float
    sent: float
    received: float


class SharedBuckets:
    """Token buckets in the database (PostgreSQL only), shared by every worker."""

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("shared rate limits need PostgreSQL; one SQLite worker paces itself")
        self.engine = engine

    def take(self, key: str, interval: float) -> tuple[float, float]:
        """Take one token from bucket `key` (one token per `interval` seconds): returns
        (moment, now) in the database's clock; the send may go `moment - now` seconds later."""
        token = self.take_token(key, interval, time.monotonic)
        return token.moment, token.database_now

    def take_token(self, key: str, interval: float, clock: Callable[[], float],
                   before: Callable[[Connection], None] | None = None) -> Token:
        """`take`, timed on `clock` around the statement that reads the database's clock.
        `before` runs first in the same transaction (the outbox marks its row as being sent
        there: one round trip per message fewer); when it raises, no token is taken."""
        with self.engine.begin() as conn:
            if before is not None:
                before(conn)
            sent = clock()
            moment, now = conn.execute(_TAKE, {"key": key, "interval": float(interval)}).one()
            received = clock()
        return Token(float(moment), float(now), sent, received)

    def wait(self, key: str, interval: float) -> float:
        """Take a token; seconds to wait before using it."""
        moment, now = self.take(key, interval)
        return max(0.0, moment - now)


class DatabaseClock:
    """The offset from this process's monotonic clock to the database's clock, estimated from
    recent round trips (the one with the shortest round trip wins, as in NTP's clock filter)."""

    def __init__(self, keep: int = 64) -> None:
        # Recent enough that drift between the two clocks never matters (a few seconds of sends).
        self._samples: deque[tuple[float, float]] = deque(maxlen=keep)  # (round trip, offset)

    def observe(self, sent: float, database_now: float, received: float) -> None:
        """A round trip sent at `sent` and answered at `received` (this process's clock) read
        the database's clock as `database_now` somewhere in between.

        Two true samples always agree within half their round trips. One that does not means
        a clock stepped (the database's wall clock corrected, a virtual machine paused): the
        older samples are wrong from now on and are dropped, or every moment would be mapped
        off by the step (sends sleeping for as long as the step, for 64 round trips)."""
        trip, offset = received - sent, database_now - (sent + received) / 2
        if self._samples:
            best_trip, best = min(self._samples)
            if abs(offset - best) > (trip + best_trip) / 2 + STEP_TOLERANCE:
                self._samples.clear()
        self._samples.append((trip, offset))

    def to_local(self, database_time: float) -> float:
        """A database instant on this process's clock (error: half the best round trip)."""
        if not self._samples:
            raise LookupError("no round trip observed yet")
        return database_time - min(self._samples)[1]
