"""No secret in any log line: the Telegram token (also inside Bot API URLs), the webhook
secret, Slack tokens and the LLM key are redacted from every record at DEBUG verbosity."""

from __future__ import annotations

import io
import logging
import time

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.logs import REDACTED, SecretFilter, configure_logging
from bot.messages import Adapter, Document, Incoming
from bot.metrics import Metrics
from config.settings import Secrets, Settings
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "987654321:AAHx-SecretTokenValue_0123456789abcdef"
WEBHOOK_SECRET = "webhook-secret-Zq81vX"
SLACK_TOKEN = "xoxb-1111-2222-slacksecretvalue"
SIGNING_SECRET = "signing-secret-9f8e7d"
LLM_KEY = "sk-llm-key-4471a"


async def echo(incoming: Incoming, adapter: Adapter) -> None:
    await adapter.send(incoming.chat, Document.text(f"echo {incoming.text}"))


@pytest.fixture
def captured(settings: Settings):  # type: ignore[no-untyped-def]
    """DEBUG logging of every logger into a buffer, configured as `briefbot -v` does."""
    root = logging.getLogger()
    before_handlers, before_level = list(root.handlers), root.level
    configured = secret_settings(settings)
    buffer = io.StringIO()
    configure_logging(configured, verbose=True, stream=buffer)
    # -v shows the libraries' own debug records too: the worst case for a leak.
    for name in ("httpx", "httpcore", "telegram", "aiohttp"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield configured, buffer
    finally:
        for handler in root.handlers:
            if handler not in before_handlers:
                root.removeHandler(handler)
            for f in list(handler.filters):
                if isinstance(f, SecretFilter):
                    handler.removeFilter(f)
        root.setLevel(before_level)
        for name in ("httpx", "httpcore", "telegram", "aiohttp"):
            logging.getLogger(name).setLevel(logging.NOTSET)


def secret_settings(settings: Settings, api_url: str = "https://api.telegram.org") -> Settings:
    import dataclasses

    return settings.replace(
        secrets=Secrets(telegram_bot_token=TOKEN, telegram_api_base_url=api_url,
                        telegram_webhook_url="https://bot.example/telegram/webhook",
                        telegram_webhook_secret=WEBHOOK_SECRET, slack_bot_token=SLACK_TOKEN,
                        slack_signing_secret=SIGNING_SECRET),
        llm=dataclasses.replace(settings.llm, api_key=LLM_KEY))


def assert_no_secret(text: str) -> None:
    for secret in (TOKEN, TOKEN.split(":", 1)[1], WEBHOOK_SECRET, SLACK_TOKEN, SIGNING_SECRET, LLM_KEY):
        assert secret not in text


async def test_a_verbose_telegram_run_logs_no_secret(captured) -> None:  # type: ignore[no-untyped-def]
    configured, buffer = captured
    async with FakeTelegramAPI(token=TOKEN) as api:
        configured = configured.replace(secrets=Secrets(**{
            **configured.secrets.__dict__, "telegram_api_base_url": api.url}))
        adapter = TelegramAdapter(configured, echo, Metrics())
        await adapter.start()  # getMe, setMyCommands, setWebhook with the secret token
        try:
            assert api.calls_to("setWebhook")
        finally:
            await adapter.stop()
    logging.getLogger("briefbot.test").error("leak attempt: %s %s", configured.secrets, {
        "url": f"https://api.telegram.org/bot{TOKEN}/getMe", "secret_token": WEBHOOK_SECRET,
        "slack": SLACK_TOKEN, "signing": SIGNING_SECRET, "llm": LLM_KEY})
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logging.getLogger("briefbot.test").exception("with a traceback")
    logged = buffer.getvalue()
    assert "api.telegram.org/bot" + REDACTED in logged  # the record is kept, the token is not
    assert "/bot" in logged and "setWebhook" in logged  # the libraries' debug records were there
    assert_no_secret(logged)


def test_the_filter_redacts_tokens_it_was_not_told_about() -> None:
    f = SecretFilter()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "GET %s", (
        "https://api.telegram.org/bot5550001:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKK/getUpdates xoxb-9-abcdefghijk",),
        None)
    f.filter(record)
    assert record.getMessage() == f"GET https://api.telegram.org/bot{REDACTED}/getUpdates {REDACTED}"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_briefbot_v_run_logs_no_secret(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The issue's reproduction: `briefbot -v run` in webhook mode against the fake Bot API,
    stopped with SIGTERM once it has registered its webhook; stderr holds no secret."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    api = FakeTelegramAPI(token=TOKEN).start_in_thread()
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram/webhook",
           "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "BRIEFBOT_LLM_API_KEY": LLM_KEY, "BRIEFBOT_HTTP_PORT": str(free_port()),
           "BRIEFBOT_SOURCES__SAMPLES": "0", "BRIEFBOT_DATA_DIR": str(tmp_path / "data")}
    child = subprocess.Popen([sys.executable, "-m", "bot", "-v", "run"], cwd=root, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = 60.0
        started = time.monotonic()
        while not api.calls_to("setWebhook") and time.monotonic() - started < deadline:
            if child.poll() is not None:
                break
            time.sleep(0.05)  # waiting on the child process's progress, seen through the fake
        assert api.calls_to("setWebhook"), "the bot never registered its webhook"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        api.stop_thread()
    logged = err.decode()
    assert "DEBUG" in logged and "setWebhook" in logged
    assert_no_secret(logged)
