"""`briefbot run [--console]`: the bot on every configured platform, plus the scheduler."""

from __future__ import annotations

import argparse
import logging
from typing import Any

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run", help="run the bot (the console when no platform is configured)",
        description="Run the bot: every configured platform (Telegram, Slack), the scheduler "
                    "and the delivery worker; the console chat when no platform is configured "
                    "or with --console. Stops on SIGINT/SIGTERM, or at the end of the console's input.",
    )
    parser.add_argument("--console", action="store_true",
                        help="also chat in this terminal (commands read line by line from stdin)")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.app import run_bot

    # The app owns the store it opens; the CLI context's store stays unopened.
    try:
        return run_bot(context.settings, console=context.args.console)
    except Exception as exc:  # one clear line; the traceback only with --verbose
        log.debug("the bot stopped with an error", exc_info=True)
        log.error("briefbot run failed: %s", exc)
        return 1
