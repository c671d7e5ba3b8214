"""Token buckets per chat, per group and per platform, driven by a fake monotonic clock."""

from __future__ import annotations

import asyncio

import pytest

from bot.delivery.ratelimit import LATE_RETRIES, RateLimiter, RateLimits
from bot.delivery.shared_limit import DatabaseClock, Token
from bot.messages import ChatRef


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: Clock, **limits) -> RateLimiter:  # type: ignore[no-untyped-def]
    return RateLimiter(RateLimits(headroom=1.0, **limits), monotonic=clock)


def send_at(lim: RateLimiter, clock: Clock, chat: ChatRef) -> float:
    """What acquire() does, on the fake clock: the moment the send may go, from the start."""
    start = clock.now
    while True:
        moment, taken = lim.reserve(chat)
        if taken:
            return moment - start
        clock.now = moment


def test_global_limit_spaces_sends_evenly() -> None:
    clock = Clock()
    lim = limiter(clock, telegram_per_second=10, telegram_chat_per_second=None)
    moments = [lim.reserve(ChatRef("telegram", str(n)))[0] - clock.now for n in range(20)]
    assert moments[0] == 0
    assert moments[-1] == pytest.approx(1.9)  # 20 sends at 10/s: the last 1.9 s later
    # in any one-second window there are never more than 10 sends
    assert sum(1 for m in moments if m < 1.0) == 10


def test_per_chat_and_group_limits() -> None:
    clock = Clock()
    lim = limiter(clock, telegram_per_second=None)
    start = clock.now
    private = [send_at(lim, clock, ChatRef("telegram", "5")) for _ in range(3)]
    assert [clock.now - start, *private] == pytest.approx([2, 0, 1, 1])
    clock.now = start = clock.now + 100
    group = [send_at(lim, clock, ChatRef("telegram", "-100")) for _ in range(3)]
    assert group == pytest.approx([0, 3, 3]) and clock.now - start == pytest.approx(6)  # 20 per minute: one every 3 s
    assert send_at(lim, clock, ChatRef("slack", "C1")) == 0
    assert send_at(lim, clock, ChatRef("slack", "C1")) == pytest.approx(1)
    assert lim.reserve(ChatRef("console", "local")) == (clock.now, True)  # unlimited


def test_buckets_refill_with_time() -> None:
    clock = Clock()
    lim = limiter(clock)
    chat = ChatRef("telegram", "5")
    lim.reserve(chat)
    clock.now += 5
    assert lim.reserve(chat) == (clock.now, True)


def test_pause_holds_a_chat_back_until_retry_after() -> None:
    clock = Clock()
    lim = limiter(clock, telegram_chat_per_second=None)
    chat = ChatRef("telegram", "5")
    lim.pause(chat, 7)
    moment, taken = lim.reserve(chat)
    assert not taken and moment - clock.now == pytest.approx(7)
    assert lim.reserve(ChatRef("telegram", "6"))[1]  # others are not held
    assert send_at(lim, clock, chat) == pytest.approx(7)


def test_headroom_scales_rates() -> None:
    clock = Clock()
    lim = RateLimiter(RateLimits(telegram_per_second=None, headroom=0.5), monotonic=clock)
    chat = ChatRef("telegram", "5")
    assert send_at(lim, clock, chat) == 0
    assert send_at(lim, clock, chat) == pytest.approx(2.0)


async def test_acquire_waits_for_chat_then_overall() -> None:
    lim = RateLimiter(RateLimits(telegram_per_second=1000, telegram_chat_per_second=1000))
    for _ in range(5):
        await lim.acquire(ChatRef("telegram", "1"))


def test_next_send_to_a_chat_waits_a_full_interval_after_the_last_one_completed() -> None:
    clock = Clock()
    lim = limiter(clock, telegram_per_second=None)
    chat = ChatRef("telegram", "5")
    assert send_at(lim, clock, chat) == 0
    clock.now += 0.4  # the send took 0.4 s (or started late)
    lim.completed(chat)
    assert send_at(lim, clock, chat) == pytest.approx(1.0)


async def test_gate_counts_actual_starts_per_second() -> None:
    clock = Clock()
    lim = limiter(clock, telegram_per_second=3)
    for _ in range(3):
        await lim.gate("telegram")  # three starts fit in one second
    waiter = asyncio.ensure_future(lim.gate("telegram"))
    await asyncio.sleep(0)
    assert not waiter.done()  # the fourth waits for the first to leave the window
    waiter.cancel()
    clock.now += 1.0
    await asyncio.wait_for(lim.gate("telegram"), 5)  # a second later it passes at once
    await lim.gate("console")  # no overall limit there


class CountingShared:
    """Stands in for the database's bucket: every token is due at once (the database's clock
    reads 0 whenever it is asked)."""

    def __init__(self) -> None:
        self.taken = 0

    def take_token(self, key: str, interval: float, clock, before=None) -> Token:  # type: ignore[no-untyped-def]
        self.taken += 1
        now = clock()
        return Token(0.0, 0.0, now, now)


@pytest.mark.parametrize(("step", "tokens"), [(0.0, 1), (1.0, LATE_RETRIES + 1)])
async def test_a_send_woken_late_takes_a_fresh_shared_moment(step: float, tokens: int) -> None:
    # step: how far the clock moves between two looks; 1 s is far past a 0.1 s interval, so
    # the send would crowd the other workers' next sends and asks again (up to LATE_RETRIES
    # more times; then it goes, and says so in the log).
    clock = Clock()

    def ticking() -> float:
        clock.now += step
        return clock.now

    shared = CountingShared()
    lim = RateLimiter(RateLimits(telegram_per_second=10, headroom=1.0), monotonic=ticking,
                      shared=shared)  # type: ignore[arg-type]
    await lim.gate("telegram")
    assert shared.taken == tokens


def test_database_moments_map_through_the_quickest_round_trip() -> None:
    clock = DatabaseClock()
    # A quick round trip: the database's clock read 100.005 between 0.0 and 0.01 here.
    clock.observe(0.0, 100.005, 0.01)
    # A slow one: the request waited 0.9 s for a thread before the database read 101.9.
    clock.observe(1.0, 101.9, 2.0)
    # The slow one alone would put database instant 102 at 1.6 here; the quick one says 2.0.
    assert clock.to_local(102.0) == pytest.approx(2.0)


def test_a_clock_step_drops_the_samples_taken_before_it() -> None:
    clock = DatabaseClock()
    clock.observe(0.0, 100.005, 0.01)  # quick: database instant 102 is 2.0 here
    # The database's wall clock is stepped 19 s forward (or this machine was paused): a slow
    # round trip that cannot agree with the quick one. The old offset must not win any more.
    clock.observe(1.0, 120.5, 1.2)
    assert clock.to_local(121.6) == pytest.approx(2.2)
