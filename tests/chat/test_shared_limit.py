"""The platform's overall send rate shared by every worker on PostgreSQL: tokens come from one
row that every worker's limiter moves on atomically, in the database's clock."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa

from bot.delivery.ratelimit import RateLimiter, RateLimits
from bot.delivery.shared_limit import SharedBuckets
from bot.messages import ChatRef
from briefs.store.engine import create_engine

pytestmark = pytest.mark.backends("postgresql")


def test_two_workers_take_consecutive_tokens_from_one_bucket(store, settings) -> None:  # type: ignore[no-untyped-def]
    other = create_engine(settings.store.url)  # a second worker's own connection pool
    try:
        mine, theirs = SharedBuckets(store.engine), SharedBuckets(other)
        moments = [bucket.take("platform:telegram", 10.0)[0]
                   for bucket in (mine, theirs, mine, theirs, theirs)]
    finally:
        other.dispose()
    # One token per 10 s whoever asks: the fifth send is due 40 s after the first.
    assert [round(b - a, 6) for a, b in zip(moments, moments[1:], strict=False)] == [10.0] * 4


def test_a_shared_limiter_waits_for_the_tokens_other_workers_took(store) -> None:  # type: ignore[no-untyped-def]
    limits = RateLimits(telegram_per_second=0.1, telegram_chat_per_second=None, headroom=1.0)
    first = RateLimiter(limits, shared=SharedBuckets(store.engine))
    second = RateLimiter(limits, shared=SharedBuckets(store.engine))
    assert first.shared_delay("telegram") == pytest.approx(0.0, abs=1.0)
    assert second.shared_delay("telegram") == pytest.approx(10.0, abs=1.0)
    # Its own chat buckets stay its own: a chat's first send is not held back by them.
    moment, taken = second.reserve(ChatRef("telegram", "7"))
    assert taken


def test_no_platform_limit_takes_no_token(store) -> None:  # type: ignore[no-untyped-def]
    limiter = RateLimiter(RateLimits(slack_per_second=None), shared=SharedBuckets(store.engine))
    assert limiter.shared_delay("slack") == 0.0
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM rate_buckets")).scalar() == 0


def _take(url: str, count: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    bucket = SharedBuckets(engine)
    barrier.wait(timeout=60)
    results.put([bucket.take("platform:telegram", 1.0)[0] for _ in range(count)])
    engine.dispose()


@pytest.mark.timeout(300)
def test_processes_taking_at_once_never_share_a_token(settings) -> None:  # type: ignore[no-untyped-def]
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(3), context.Queue()
    processes = [context.Process(target=_take, args=(settings.store.url, 40, barrier, results))
                 for _ in range(3)]
    for process in processes:
        process.start()
    moments = sorted(m for _ in processes for m in results.get(timeout=240))
    for process in processes:
        process.join(timeout=60)
    # 120 tokens at 1/s taken at once by three processes: 120 distinct seconds, none shared.
    gaps = [round(b - a, 6) for a, b in zip(moments, moments[1:], strict=False)]
    assert len(moments) == 120 and gaps == [1.0] * 119


def test_sqlite_keeps_the_single_worker_limiter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ValueError, match="PostgreSQL"):
        SharedBuckets(engine)
    engine.dispose()


@pytest.mark.backends("sqlite", "postgresql")
def test_the_app_shares_the_limit_on_postgresql_only(store, backend) -> None:  # type: ignore[no-untyped-def]
    from bot.app import shared_buckets

    assert (shared_buckets(store) is not None) == (backend == "postgresql")


class CountingBuckets(SharedBuckets):
    """The real shared bucket, counting the tokens it handed out."""

    taken = 0

    def take_token(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        token = super().take_token(*args, **kwargs)
        self.taken += 1
        return token


async def test_each_send_marks_its_row_and_takes_one_token_together(store) -> None:  # type: ignore[no-untyped-def]
    from bot.delivery.outbox import Outbox
    from bot.delivery.schema import outbox
    from tests.chat.test_outbox_fakes import FakeAdapter

    chat = ChatRef("telegram", "31")

    def taken_away(sent_to: ChatRef, payload) -> None:  # type: ignore[no-untyped-def]
        # After the first part, another worker holds the chat's other rows (our lease ran out
        # and it claimed them): they are not ours to mark or to spend a token on.
        if payload["text"] == "part 1":
            with store.engine.begin() as conn:
                conn.execute(outbox.update().where(outbox.c.state == "pending").values(
                    claimed_by="elsewhere:1:abc", lease_until=sa.func.now() + sa.text("interval '1 hour'")))

    buckets = CountingBuckets(store.engine)
    limiter = RateLimiter(RateLimits(telegram_per_second=1000, telegram_chat_per_second=None),
                          shared=buckets)
    adapter = FakeAdapter(on_send=taken_away)
    box = Outbox(store, {"telegram": adapter}, limiter=limiter)
    box.enqueue_briefing(chat, "k", [{"text": f"part {n}"} for n in (1, 2, 3)], [])
    await box.drain()
    assert adapter.texts_to("31") == ["part 1"]
    assert buckets.taken == 1
    with store.engine.connect() as conn:
        states = conn.execute(sa.select(outbox.c.state, outbox.c.claimed_by, outbox.c.attempts)
                              .order_by(outbox.c.id)).all()
    assert [tuple(s) for s in states] == [("sent", box.worker_id, 1),
                                          ("pending", "elsewhere:1:abc", 0),
                                          ("pending", "elsewhere:1:abc", 0)]
