"""The delivery side of the bot as a child process, for the crash test.

Reads its configuration the way the bot does (config.settings.load_settings: TELEGRAM_BOT_TOKEN,
TELEGRAM_API_BASE_URL, BRIEFBOT_DATA_DIR), catches up on the push that is due (the schedules
were stored by the test), fans it out through the outbox with the real Telegram adapter, and
exits once nothing is left to send. The briefing comes from a fixed fake service so that both
runs compute the same parts.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.adapters.telegram import TelegramAdapter
from bot.delivery.outbox import Outbox
from bot.delivery.ratelimit import RateLimiter, RateLimits
from bot.delivery.scheduler import Scheduler
from bot.messages import Block, Document, Span
from bot.storage import open_store
from briefs.models import Briefing, StoryBrief
from config.settings import load_settings

PARTS = 3


class FixedService:
    async def brief(self, scope, *, limit=None, **_):  # type: ignore[no-untyped-def]
        return Briefing(tuple(StoryBrief(title=f"Story {n}", story_id=n) for n in range(1, 4)))

    async def collect(self, sources=None, progress=None):  # type: ignore[no-untyped-def]
        return None


def compose(briefing: Briefing) -> Document:
    # Each story long enough that Telegram's 4096-character limit puts it in its own message.
    blocks = [Block("paragraph", (Span(f"{s.title}: " + "news " * 700),)) for s in briefing.stories]
    return Document(tuple(blocks))


async def main() -> None:
    settings = load_settings()
    store = open_store(settings)

    async def ignore(*_: object) -> None:
        return None

    adapter = TelegramAdapter(settings, ignore)
    await adapter.application.initialize()
    limiter = RateLimiter(RateLimits(telegram_per_second=2000, telegram_chat_per_second=None))
    # One send in flight at a time: a kill can then leave at most one message unrecorded.
    outbox = Outbox(store, {"telegram": adapter}, limiter=limiter, max_in_flight=1)
    scheduler = Scheduler(FixedService(), store, settings, outbox)
    scheduler.fanout.compose = compose
    await scheduler.catch_up()
    print("fanned-out", flush=True)
    await outbox.drain()
    await adapter.application.shutdown()
    store.close()


if __name__ == "__main__":
    asyncio.run(main())
