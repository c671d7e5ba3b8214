"""Logging for every `briefbot` command, with secrets redacted from every record.

`configure_logging` sets up the root handler and installs `SecretFilter` on it, so whatever
any library logs (httpx, python-telegram-bot, aiohttp, slack-bolt, our own modules), at any
verbosity, passes through the filter before it is written. The filter redacts the configured
secrets wherever they appear (also URL-encoded), and anything shaped like a Telegram bot
token inside a Bot API URL (``/bot123:ABC.../``) or a Slack token (``xoxb-...``), even when it
is not one of ours: a token in a log is a leaked token.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote, quote_plus

from config.settings import Settings

REDACTED = "[redacted]"
MIN_SECRET_CHARS = 6  # shorter values would redact ordinary words (and are no secret anyway)
_PATTERNS = (
    # Telegram Bot API URLs carry the token in the path: /bot<id>:<secret>/method
    (re.compile(r"(?<=/bot)\d+:[A-Za-z0-9_-]{20,}"), REDACTED),
    (re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}\b"), REDACTED),  # a bare bot token
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), REDACTED),  # Slack bot/user tokens
    (re.compile(r"\bxapp-[A-Za-z0-9-]{10,}"), REDACTED),  # Slack app-level tokens
)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY_LOGGERS = ("httpx", "httpcore", "trafilatura", "apscheduler")


def settings_secrets(settings: Settings) -> list[str]:
    """Every secret the settings hold (from the environment)."""
    s = settings.secrets
    return [s.telegram_bot_token, s.telegram_webhook_secret, s.slack_bot_token,
            s.slack_signing_secret, s.slack_app_token, settings.llm.api_key]


class SecretFilter(logging.Filter):
    """Rewrites each record so that no secret survives in its message, arguments or traceback."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        forms = set(self.secrets)
        for secret in secrets:
            if secret and len(secret) >= MIN_SECRET_CHARS:
                forms.update({secret, quote(secret, safe=""), quote_plus(secret)})
        # Longest first: a secret that contains another is redacted whole.
        self.secrets = sorted(forms, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(settings: Settings, *, verbose: bool = False,
                      stream: TextIO | None = None) -> SecretFilter:
    """The root handler on stderr (or `stream`), filtered of the settings' secrets."""
    secret_filter = SecretFilter(settings_secrets(settings))
    level = logging.DEBUG if verbose else logging.INFO
    if stream is None:
        logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
    else:  # an extra destination (tests), beside whatever is configured already
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(level)
    install_filter(secret_filter)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return secret_filter


def install_filter(secret_filter: SecretFilter) -> None:
    """On every handler of the root logger (records of every logger end up there)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, SecretFilter) for f in handler.filters):
            handler.addFilter(secret_filter)
        else:  # configured twice (tests): teach the installed filter these secrets too
            for existing in handler.filters:
                if isinstance(existing, SecretFilter):
                    existing.add(secret_filter.secrets)
