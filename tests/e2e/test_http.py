"""The bot's HTTP server: health, metrics, and the Telegram webhook's secret check."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.http import HttpServer
from bot.messages import Adapter, Document, Incoming
from bot.metrics import Metrics
from config.settings import Secrets, Settings
from tests.fakes.telegram_api import FakeTelegramAPI


async def echo(incoming: Incoming, adapter: Adapter) -> None:
    await adapter.send(incoming.chat, Document.text(f"echo {incoming.text}"))


@pytest.fixture
async def webhook_bot(settings: Settings) -> AsyncIterator[tuple[FakeTelegramAPI, HttpServer]]:
    async with FakeTelegramAPI() as api:
        configured = settings.replace(secrets=Secrets(
            telegram_bot_token=api.token, telegram_api_base_url=api.url,
            telegram_webhook_url="https://bot.example/telegram/webhook",
            telegram_webhook_secret="right-secret"))
        metrics = Metrics()
        adapter = TelegramAdapter(configured, echo, metrics)
        await adapter.start()
        server = HttpServer("127.0.0.1", 0, metrics=metrics, telegram=adapter)
        await server.start()
        try:
            yield api, server
        finally:
            await server.stop()
            await adapter.stop()


async def test_webhook_with_the_wrong_secret_is_refused(webhook_bot) -> None:  # type: ignore[no-untyped-def]
    api, server = webhook_bot
    update = {"update_id": 5, "message": api.make_message(42, "/help")}
    url = f"{server.url}/telegram/webhook"
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(url, json=update, headers=headers) as response:
                assert response.status == 403
        async with session.post(url, json=update,
                                headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret"}) as response:
            assert response.status == 200
    [reply] = await api.wait_for_sent(1)
    assert reply.text == "echo /help"
    assert server.metrics.value("briefbot_errors_total", platform="telegram", kind="webhook_refused") == 2


async def test_healthz_reports_the_platforms(webhook_bot) -> None:  # type: ignore[no-untyped-def]
    _, server = webhook_bot
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server.url}/healthz") as response:
            assert response.status == 200
            body = await response.json()
    assert body["status"] == "ok"
    assert body["platforms"]["telegram"] == {"running": True, "connected": True, "mode": "webhook",
                                             "username": "briefbot"}


async def test_metrics_are_prometheus_text_per_platform(webhook_bot) -> None:  # type: ignore[no-untyped-def]
    api, server = webhook_bot
    update = {"update_id": 6, "message": api.make_message(42, "/brief")}
    async with aiohttp.ClientSession() as session:
        await session.post(f"{server.url}/telegram/webhook", json=update,
                           headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret"})
        await api.wait_for_sent(1)
        async with session.get(f"{server.url}/metrics") as response:
            assert response.status == 200
            assert response.content_type == "text/plain"
            text = await response.text()
    assert "# TYPE briefbot_updates_total counter" in text
    assert 'briefbot_updates_total{platform="telegram"} 1' in text
    assert 'briefbot_messages_sent_total{platform="telegram"} 1' in text


async def test_healthz_without_platforms_is_ok() -> None:
    server = HttpServer("127.0.0.1", 0, metrics=Metrics())
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.url}/healthz") as response:
                assert response.status == 200
                assert (await response.json())["status"] == "ok"
            async with session.post(f"{server.url}/slack/events", data="{}") as response:
                assert response.status in (404, 405)  # no Slack HTTP mode configured
    finally:
        await server.stop()


def test_metric_labels_are_escaped() -> None:
    metrics = Metrics()
    metrics.error('te"st', "a\\b")
    assert 'briefbot_errors_total{kind="a\\\\b",platform="te\\"st"} 1' in metrics.exposition()
