"""The HTTP server under slow and idle clients, with real sockets on 127.0.0.1: idle and
half-open connections are closed or pushed out, so a signed Slack request still gets through."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

import pytest

from bot.adapters.slack import SlackAdapter
from bot.http import HttpServer
from bot.metrics import Metrics
from config.settings import Settings
from tests.e2e.test_slack_adapter import SECRET, Recorder, slack_settings
from tests.fakes.slack_api import FakeSlackAPI, command_body, sign

HALF_HEADERS = b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl"
NO_BODY = (b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           b"Content-Length: 1000\r\n\r\n{")

Start = Callable[..., "asyncio.Future[tuple[HttpServer, Recorder]]"]


@pytest.fixture
async def start(settings: Settings) -> AsyncIterator:
    """Start the Slack adapter and an HttpServer with the given limits."""
    servers: list[HttpServer] = []
    adapters: list[SlackAdapter] = []
    async with FakeSlackAPI() as api:
        async def make(**limits: float) -> tuple[HttpServer, Recorder]:
            recorder = Recorder()
            adapter = SlackAdapter(slack_settings(settings, api), recorder, Metrics())
            await adapter.start()
            server = HttpServer("127.0.0.1", 0, slack=adapter, metrics=adapter.metrics, **limits)
            await server.start()
            servers.append(server)
            adapters.append(adapter)
            return server, recorder

        yield make
        for server in servers:
            await server.stop()
        for adapter in adapters:
            await adapter.stop()


async def raw(server: HttpServer, data: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(data)
    await writer.drain()
    return reader, writer


async def signed_help(server: HttpServer) -> int:
    body = command_body("help")
    headers = {**sign(SECRET, body), "Content-Type": "application/x-www-form-urlencoded",
               "Content-Length": str(len(body)), "Host": "127.0.0.1", "Connection": "close"}
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    reader, writer = await raw(server, f"POST /slack/events HTTP/1.1\r\n{head}\r\n{body}".encode())
    status_line = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    return int(status_line.split()[1])


async def wait_until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(10):
        while not condition():
            await asyncio.sleep(0)  # yield to the server; no fixed delay


async def test_half_open_connections_beyond_the_cap_do_not_block_a_signed_request(start) -> None:  # type: ignore[no-untyped-def]
    server, recorder = await start(max_connections=8, idle_seconds=60)
    clients = [await raw(server, HALF_HEADERS) for _ in range(40)]
    await wait_until(lambda: server.connections >= 8)
    assert await signed_help(server) == 200
    await wait_until(lambda: bool(recorder.incoming))
    assert recorder.incoming[0].text == "/help"
    await wait_until(lambda: server.connections <= 8)  # never more than the cap for long
    for _, writer in clients:
        writer.close()


async def test_an_idle_connection_is_closed(start) -> None:  # type: ignore[no-untyped-def]
    server, _ = await start(idle_seconds=0.2)
    reader, writer = await raw(server, HALF_HEADERS)  # headers that never finish
    assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server
    writer.close()


async def test_a_body_that_never_arrives_gets_408_and_no_handler(start) -> None:  # type: ignore[no-untyped-def]
    server, recorder = await start(body_seconds=0.2)
    reader, writer = await raw(server, NO_BODY)
    status_line = await asyncio.wait_for(reader.readline(), 10)
    assert status_line.split()[1] == b"408"
    assert recorder.incoming == []
    writer.close()


async def test_when_every_connection_is_busy_a_newcomer_gets_503(start) -> None:  # type: ignore[no-untyped-def]
    server, _ = await start(max_connections=2, body_seconds=60)
    busy = [await raw(server, NO_BODY) for _ in range(2)]
    await wait_until(lambda: server.connections == 2 and all(
        getattr(c, "_request_in_progress", False) for c in server._runner.server.connections))
    assert await signed_help(server) == 503
    for _, writer in busy:
        writer.close()


def test_accept_errors_are_logged_once_without_a_traceback(caplog) -> None:  # type: ignore[no-untyped-def]
    from bot.http import _QUIET, install_quiet_server_logs

    install_quiet_server_logs()
    _QUIET._last.clear()
    log = logging.getLogger("asyncio")
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        for _ in range(500):
            try:
                raise OSError(24, "Too many open files")
            except OSError:
                log.error("socket.accept() out of system resource", exc_info=True)
    records = [r for r in caplog.records if r.name == "asyncio"]
    assert len(records) == 1
    assert all(r.exc_info is None and "Too many open files" in r.getMessage() for r in records)
    assert "Traceback" not in caplog.text
