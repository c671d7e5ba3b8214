"""Fan-out: rendered once per platform, threads kept, one failing digest does not stop the
others, chats on a platform that is not running are skipped and recorded."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.chats import ensure_chat
from bot.delivery.fanout import Due, FanOut, accepts_language, default_composer
from bot.delivery.outbox import Outbox
from bot.delivery.schema import outbox as outbox_table
from bot.delivery.schema import push_records
from bot.messages import ChatRef, Document
from bot.subscriptions import add_topic
from briefs.models import Briefing, Scope, SourceRef, StoryBrief
from tests.chat.test_outbox_fakes import FakeAdapter

pytestmark = pytest.mark.backends("sqlite", "postgresql")

SLOT = dt.datetime(2026, 6, 1, 7, tzinfo=dt.UTC)


class CountingAdapter(FakeAdapter):
    renders: int = 0

    def render(self, document: Document) -> list[dict]:
        self.renders += 1
        return super().render(document)


class Service:
    def __init__(self, fail_topic: str | None = None) -> None:
        self.fail_topic = fail_topic
        self.calls = 0

    async def brief(self, scope: Scope, *, limit: int | None = None, **_: object) -> Briefing:
        self.calls += 1
        if self.fail_topic and self.fail_topic in scope.topics:
            raise RuntimeError("digest failed")
        return Briefing((StoryBrief(title="Story", summary=("Summary.",), story_id=4),))


def statuses(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(push_records.c.chat_key, push_records.c.status)).all())


async def test_rendered_once_per_platform_and_threads_kept(store, settings) -> None:  # type: ignore[no-untyped-def]
    telegram, slack = CountingAdapter("telegram"), CountingAdapter("slack")
    box = Outbox(store, {"telegram": telegram, "slack": slack})
    fanout = FanOut(Service(), store, settings, box)
    dues = [Due(ChatRef("telegram", str(n)), SLOT) for n in range(10)]
    dues += [Due(ChatRef("slack", f"C{n}"), SLOT) for n in range(5)]
    dues.append(Due(ChatRef("telegram", "-100", thread_id="7"), SLOT))
    report = await fanout.push(SLOT, dues)
    assert (report.digests, report.queued) == (1, 16)
    assert telegram.renders == 1 and slack.renders == 1
    with store.engine.connect() as conn:
        thread = conn.execute(sa.select(outbox_table.c.thread_id)
                              .where(outbox_table.c.chat_key == "telegram:-100")).scalar()
    assert thread == "7"
    await box.drain()
    assert telegram.texts_to("-100") and slack.texts_to("C4")


async def test_a_failing_digest_does_not_stop_other_groups(store, settings) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter()
    box = Outbox(store, {"telegram": adapter})
    ensure_chat(store, "telegram:2")
    add_topic(store, "telegram:2", "broken", limit=20)
    fanout = FanOut(Service(fail_topic="broken"), store, settings, box)
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", "1"), SLOT),
                                      Due(ChatRef("telegram", "2"), SLOT)])
    assert report.queued == 1 and report.digests == 1
    # No record for the failed chat: a restart within the grace window tries it again.
    assert statuses(store) == {"telegram:1": "queued"}


async def test_chats_of_a_platform_not_running_are_skipped(store, settings) -> None:  # type: ignore[no-untyped-def]
    box = Outbox(store, {"telegram": FakeAdapter()})
    fanout = FanOut(Service(), store, settings, box)
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", "1"), SLOT),
                                      Due(ChatRef("slack", "C1"), SLOT)])
    assert (report.queued, report.skipped) == (1, 1)
    assert statuses(store) == {"telegram:1": "queued", "slack:C1": "skipped"}


async def test_each_chat_gets_its_own_summary_length(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.chats import update_chat_settings

    seen: list[object] = []

    class LengthService(Service):
        async def brief(self, scope: Scope, *, limit: int | None = None, **kw: object) -> Briefing:
            seen.append(kw.get("summary_sentences"))
            return await super().brief(scope, limit=limit)

    ensure_chat(store, "telegram:2")
    update_chat_settings(store, "telegram:2", summary_sentences=5)
    fanout = FanOut(LengthService(), store, settings, Outbox(store, {"telegram": FakeAdapter()}))
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", "1"), SLOT),
                                      Due(ChatRef("telegram", "2"), SLOT)])
    assert report.digests == 2
    assert sorted(seen) == sorted([settings.brief.summary_sentences, 5])


class SourcedService(Service):
    """A story with two sources, so that its document carries the source labels."""

    async def brief(self, scope: Scope, *, limit: int | None = None, **_: object) -> Briefing:
        self.calls += 1
        sources = (SourceRef("a1", "First", "https://one.example/a"),
                   SourceRef("a2", "Second", "https://two.example/b"))
        return Briefing((StoryBrief(title="Story", summary=("Summary.",), sources=sources,
                                    story_id=4),))


async def test_a_german_chats_push_has_german_labels(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.chats import update_chat_settings

    adapter = FakeAdapter()
    box = Outbox(store, {"telegram": adapter})
    ensure_chat(store, "telegram:2")
    update_chat_settings(store, "telegram:2", language="de")
    fanout = FanOut(SourcedService(), store, settings, box)
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", "1"), SLOT),
                                      Due(ChatRef("telegram", "2"), SLOT)])
    assert (report.digests, report.queued) == (2, 2)
    await box.drain()
    english, german = adapter.texts_to("1"), adapter.texts_to("2")
    assert "Quelle: " in german and "Auch berichtet von: " in german
    assert "Source: " not in german
    assert "Source: " in english and "Also reported by: " in english
    assert "Quelle: " not in english


async def test_a_composer_without_a_language_still_works(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.chats import update_chat_settings

    seen: list[Briefing] = []

    def compose(briefing: Briefing) -> Document:
        seen.append(briefing)
        return Document.text("composed")

    adapter = FakeAdapter()
    box = Outbox(store, {"telegram": adapter})
    ensure_chat(store, "telegram:2")
    update_chat_settings(store, "telegram:2", language="de")
    fanout = FanOut(Service(), store, settings, box)
    fanout.compose = compose  # replaced after construction, as tests/e2e/crash_child.py does
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", "2"), SLOT)])
    assert report.queued == 1 and len(seen) == 1
    await box.drain()
    assert adapter.texts_to("2") == ["composed"]


def test_the_default_composer_takes_a_language_or_not() -> None:
    briefing = Briefing((StoryBrief(title="Story", sources=(
        SourceRef("a1", "First", "https://one.example/a"),)),))
    english = [s.text for b in default_composer(briefing).blocks for s in b.spans]
    german = [s.text for b in default_composer(briefing, "de").blocks for s in b.spans]
    assert "Source: " in english and "Quelle: " in german
    assert accepts_language(default_composer)
    assert not accepts_language(lambda briefing: Document.text("x"))


async def test_planning_in_sets_equals_the_per_chat_lookups(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.chats import chat_settings, is_active, mark_inactive, update_chat_settings
    from bot.delivery.planning import chat_profiles
    from bot.subscriptions import add_feed, scope_for_chat

    feed = store.add_source("https://news.example/feed.xml")
    other = store.add_source("https://other.example/feed.xml")
    for n in range(1, 6):
        ensure_chat(store, f"telegram:{n}")
    add_feed(store, "telegram:1", feed, limit=20)
    add_feed(store, "telegram:1", other, limit=20)
    add_topic(store, "telegram:1", 'climate "heat pump" -football', limit=20)
    add_topic(store, "telegram:2", "markets climate", limit=20)
    update_chat_settings(store, "telegram:2", stories=7, language="de")
    update_chat_settings(store, "telegram:3", summary_sentences=1)
    mark_inactive(store, "telegram:4", "blocked")
    keys = [f"telegram:{n}" for n in range(1, 7)]  # 6 was never recorded
    profiles = chat_profiles(store, keys, settings)
    for key in keys:
        assert profiles[key].active == is_active(store, key)
        assert profiles[key].settings == chat_settings(store, key, settings)
        assert profiles[key].scope == scope_for_chat(store, key)
    assert not profiles["telegram:4"].active and profiles["telegram:6"].active


async def test_chats_planned_in_batches_share_one_digest_per_group(store, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bot.delivery.fanout as fanout_module

    monkeypatch.setattr(fanout_module, "PLAN_CHUNK", 3)
    adapter = CountingAdapter("telegram")
    service = Service()
    fanout = FanOut(service, store, settings, Outbox(store, {"telegram": adapter}))
    report = await fanout.push(SLOT, [Due(ChatRef("telegram", str(n)), SLOT) for n in range(10)])
    assert (report.queued, report.digests, service.calls, adapter.renders) == (10, 1, 1, 1)
    assert len(statuses(store)) == 10
