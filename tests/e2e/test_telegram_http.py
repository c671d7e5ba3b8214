"""The aiohttp client under python-telegram-bot: PTB's own errors for a server that does not
answer in time or cannot be reached, and files sent as multipart forms."""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp import web
from telegram import Bot, InputFile
from telegram.error import NetworkError, TimedOut

from bot.adapters.telegram_http import AiohttpRequest
from tests.fakes.telegram_api import DEFAULT_TOKEN


async def _server(handler) -> tuple[web.AppRunner, str]:  # type: ignore[no-untyped-def]
    app = web.Application()
    app.router.add_route("POST", "/{path:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}/bot"


async def test_a_server_that_does_not_answer_in_time_is_ptbs_timed_out() -> None:
    never = asyncio.Event()

    async def silent(request: web.Request) -> web.Response:
        await never.wait()
        return web.Response()

    runner, base = await _server(silent)
    request = AiohttpRequest()
    await request.initialize()
    bot = Bot(DEFAULT_TOKEN, base_url=base, request=request)
    try:
        with pytest.raises(TimedOut):
            await bot.send_message(chat_id=1, text="hello", read_timeout=0.2)
    finally:
        never.set()
        await request.shutdown()
        await runner.cleanup()


async def test_an_unreachable_server_is_ptbs_network_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    bot = Bot(DEFAULT_TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(chat_id=1, text="hello")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_files_go_as_multipart_with_the_other_fields() -> None:
    seen: dict[str, object] = {}

    async def record(request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["document"]
        seen.update(chat=form["chat_id"], caption=form["caption"], name=upload.filename,
                    body=upload.file.read())
        return web.json_response({"ok": True, "result": {
            "message_id": 5, "date": 0, "chat": {"id": 7, "type": "private"}}})

    runner, base = await _server(record)
    request = AiohttpRequest()
    await request.initialize()
    bot = Bot(DEFAULT_TOKEN, base_url=base, request=request)
    try:
        message = await bot.send_document(chat_id=7, caption="feeds",
                                          document=InputFile(b"<opml/>", filename="feeds.opml"))
    finally:
        await request.shutdown()
        await runner.cleanup()
    assert message.message_id == 5
    assert seen == {"chat": "7", "caption": "feeds", "name": "feeds.opml", "body": b"<opml/>"}


async def test_an_error_naming_the_url_does_not_carry_the_token(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import aiohttp

    request = AiohttpRequest()
    await request.initialize()

    def refuse(method, url, **kwargs):  # type: ignore[no-untyped-def]
        raise aiohttp.InvalidURL(url)

    assert request._session is not None
    monkeypatch.setattr(request._session, "request", refuse)
    bot = Bot(DEFAULT_TOKEN, base_url="http://127.0.0.1:9/bot", request=request)
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(chat_id=1, text="hello")
    finally:
        await request.shutdown()
    assert DEFAULT_TOKEN not in str(caught.value)
    assert "<Bot API URL>" in str(caught.value)
