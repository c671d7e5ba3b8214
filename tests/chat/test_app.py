"""The composition root: sources seeded, and the console demo briefing from the samples."""

from __future__ import annotations

import io

from bot.app import build, samples_path, seed_sources
from briefs.collect.local import iter_local_sources


def test_the_bundled_samples_are_readable_articles(settings) -> None:
    files = iter_local_sources(samples_path(settings))
    assert 6 <= len(files) <= 10
    outlets = {path.parent.name for path in files}
    assert len(outlets) >= 3


def test_an_empty_store_gets_the_samples(store, settings) -> None:
    seed_sources(store, settings)
    [source] = store.list_sources()
    assert source.origin == "sample" and source.kind == "folder"
    seed_sources(store, settings)  # idempotent
    assert len(store.list_sources()) == 1


def test_configured_sources_replace_the_samples(store, settings) -> None:
    configured = settings.replace(sources=type(settings.sources)(urls=("https://example.org/feed",)))
    seed_sources(store, configured)
    assert [s.url for s in store.list_sources()] == ["https://example.org/feed"]
    assert store.list_sources()[0].origin == "operator"


def test_samples_can_be_turned_off(store, settings) -> None:
    seed_sources(store, settings.replace(sources=type(settings.sources)(samples=False)))
    assert store.list_sources() == []


async def test_console_demo_briefs_from_the_samples_and_ends_at_eof(settings) -> None:
    stdout = io.StringIO()
    app = build(settings, console=True,
                stdin=io.StringIO("/help\n/brief\n/ask How much will the light-rail extension cost?\n"),
                stdout=stdout)
    assert await app.run() == 0
    out = stdout.getvalue()
    assert "/subscribe" in out
    assert "Corvane" in out or "Northbridge" in out or "Arden" in out
    assert "$48 million" in out


async def test_the_whole_bot_on_telegram_serves_and_stops_cleanly(tmp_path) -> None:
    import asyncio
    import dataclasses

    import httpx

    from config.settings import load_settings
    from tests.fakes.telegram_api import FakeTelegramAPI

    async with FakeTelegramAPI() as api:
        settings = load_settings(data_dir=tmp_path / "data", environ={
            "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.url})
        # A random port for /healthz, so that parallel runs never collide.
        settings = settings.replace(bot=dataclasses.replace(settings.bot, http_port=0))
        app = build(settings)
        assert set(app.adapters) == {"telegram"} and app.http is not None
        running = asyncio.create_task(app.run())
        api.push_message(42, "/start")
        [reply] = await api.wait_for_sent(1, chat_id=42, timeout=30)
        assert "briefing" in reply.text.lower()
        await api.wait_for(lambda _: app.scheduler.aps.running, timeout=30)
        async with httpx.AsyncClient() as client:
            health = await client.get(f"{app.http.url}/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        api.push_message(42, "/brief")
        sent = await api.wait_for_sent(2, chat_id=42, timeout=30)
        assert "Northbridge" in sent[1].text or "Corvane" in sent[1].text or "Arden" in sent[1].text
        app.request_stop()
        assert await asyncio.wait_for(running, 30) == 0
        assert not app.scheduler.aps.running


def test_samples_follow_the_package_when_it_moves(store, settings) -> None:
    store.add_source("/old/site-packages/config/samples", kind="folder", origin="sample")
    seed_sources(store, settings)
    [source] = store.list_sources()
    assert source.url == str(samples_path(settings).resolve()) and source.origin == "sample"


async def test_a_crashed_worker_stops_the_bot_with_exit_code_1(settings) -> None:
    import os

    read_end, write_end = os.pipe()  # a console whose input never ends on its own
    stdin = os.fdopen(read_end, "r")
    app = build(settings, console=True, stdin=stdin, stdout=io.StringIO())

    async def broken() -> None:
        raise RuntimeError("outbox database gone")

    app.outbox.run = broken
    try:
        assert await app.run() == 1
    finally:
        os.close(write_end)


def test_delivery_rates_come_from_the_settings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.app import rate_limits
    from bot.messages import ChatRef
    from config.settings import load_settings

    settings = load_settings(None, tmp_path, {"BRIEFBOT_DELIVERY__TELEGRAM_PER_SECOND": "10",
                                               "BRIEFBOT_DELIVERY__HEADROOM": "1"})
    limits = rate_limits(settings)
    assert limits.platform_bucket("telegram").interval == 0.1
    assert [b.interval for b in limits.chat_buckets(ChatRef("telegram", "-5"))] == [1.0, 3.0]
