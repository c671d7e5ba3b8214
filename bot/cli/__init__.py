"""The `briefbot` command line.

Each sub-command lives in its own module exposing ``register(subparsers)``; the handler it
sets as ``func`` receives a `CommandContext` and returns an exit code.
Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from config.settings import ConfigError, Settings, load_settings

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

COMMAND_MODULES = ("run", "collect", "summarize", "brief", "ask", "sources", "articles", "db")


class UsageError(Exception):
    """A bad argument: reported in one line, exit code 2."""


@dataclass
class CommandContext:
    args: argparse.Namespace
    settings: Settings
    _store: Any = field(default=None, repr=False)

    @property
    def store(self):  # type: ignore[no-untyped-def]
        """The store, opened (and migrated) on first use."""
        if self._store is None:
            from bot.storage import open_store

            self._store = open_store(self.settings)
        return self._store

    def service(self):  # type: ignore[no-untyped-def]
        from briefs.service import BriefingService

        return BriefingService(self.store, self.settings)

    def chat_scope(self, chat: str | None):  # type: ignore[no-untyped-def]
        """The scope of `--chat platform:id` (its subscriptions and topics), else everything."""
        from briefs.models import Scope

        if not chat:
            return Scope()
        from bot.messages import ChatRef
        from bot.subscriptions import scope_for_chat

        try:
            ref = ChatRef.parse(chat)
        except ValueError as exc:
            raise UsageError(f"--chat: {exc}") from None
        return scope_for_chat(self.store, ref.key)

    def print_json(self, value: Any) -> None:
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefbot", description="News briefings for Telegram, Slack and the console.")
    parser.add_argument("--config", help="a TOML file overriding the defaults (env BRIEFBOT_CONFIG)")
    parser.add_argument("--data-dir", help="where the database lives (env BRIEFBOT_DATA_DIR, default ./var)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"bot.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        settings = load_settings(args.config, args.data_dir)
    except UsageError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from bot.logs import configure_logging

    configure_logging(settings, verbose=args.verbose)  # secrets redacted from every record
    context = CommandContext(args, settings)
    try:
        return int(args.func(context) or EXIT_OK)
    except UsageError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `briefbot ... | head`: the reader left; say nothing more and leave quietly.
        _silence_stdout()
        return EXIT_OK
    finally:
        context.close()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run_async(coro: Any) -> Any:
    """Run a coroutine from a sync command handler."""
    return asyncio.run(coro)


if __name__ == "__main__":
    sys.exit(main())
