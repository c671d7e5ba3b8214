"""`briefbot run` with an unreachable Telegram: it stays up for the other platforms (here the
console), says so on /healthz, keeps retrying with backoff and connects once the API is back."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket

import httpx

from bot.app import build
from config.settings import load_settings
from tests.fakes.telegram_api import DEFAULT_TOKEN, FakeTelegramAPI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_until(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def test_the_bot_stays_up_while_telegram_is_unreachable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # nothing listens there yet: the Bot API is "down"
    settings = load_settings(data_dir=tmp_path / "data", environ={
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}",
        "BRIEFBOT_SOURCES__SAMPLES": "0"})
    settings = settings.replace(bot=dataclasses.replace(settings.bot, http_port=0))
    read_end, write_end = os.pipe()  # the console's input stays open
    stdin = os.fdopen(read_end, "r")
    out_r, out_w = os.pipe()
    stdout = os.fdopen(out_w, "w")
    app = build(settings, console=True, stdin=stdin, stdout=stdout)
    app.platform_retry_first, app.platform_retry_max = 0.05, 0.2
    telegram = app.adapters["telegram"]
    running = asyncio.create_task(app.run())
    try:
        await wait_until(lambda: telegram.connect_error is not None and app.http is not None
                         and app.http.port != 0)
        assert not running.done()  # still up: no exit 1
        async with httpx.AsyncClient() as client:
            health = await client.get(f"{app.http.url}/healthz")
        assert health.status_code == 503
        status = health.json()["platforms"]["telegram"]
        assert status["connected"] is False and status["error"]
        os.write(write_end, b"/help\n")  # the console still answers
        reader = os.fdopen(out_r, "r")
        line = await asyncio.wait_for(asyncio.to_thread(reader.readline), 30)
        assert line.strip()
        async with FakeTelegramAPI(port=port):  # the API comes back
            await wait_until(lambda: telegram.running)
            async with httpx.AsyncClient() as client:
                health = await client.get(f"{app.http.url}/healthz")
            assert health.status_code == 200 and health.json()["platforms"]["telegram"]["connected"]
            app.request_stop()
            assert await asyncio.wait_for(running, 30) == 0
    finally:
        app.request_stop()
        os.close(write_end)
        if not running.done():
            await asyncio.wait_for(running, 30)
