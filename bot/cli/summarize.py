"""`briefbot summarize PATH_OR_URL [...] [--json]`: the briefing of given articles, unstored.

Inputs: `.txt`/`.md`/`.html` files, `http(s)` URLs, or `-` for standard input. Several
inputs on the same event make one story. Works offline with no configuration (the store is
only used as the LLM's reply cache when an LLM is configured).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefs.models import ArticleDraft, Briefing

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "summarize", help="brief the given articles (files, URLs or - for stdin) without storing them",
        description="The briefing of the given articles: HTML or plain-text files, http(s) URLs, "
                    "or - for standard input. Nothing is stored.",
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    parser.add_argument("--json", action="store_true", help="print the briefing as JSON")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.cli import EXIT_FAILURE, UsageError, run_async

    if context.args.inputs.count("-") > 1:
        raise UsageError("summarize: standard input (-) can be given only once")
    for item in context.args.inputs:
        if item != "-" and not _is_url(item) and not Path(item).is_file():
            if "://" in item:
                raise UsageError(f"summarize: only http and https URLs are supported: {item}")
            raise UsageError(f"summarize: no such file: {item}")
    try:
        briefing = run_async(_summarize(context, context.args.inputs))
    except InputError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # one clear line; the traceback only with --verbose
        log.debug("summarize failed", exc_info=True)
        print(f"briefbot: summarize failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(briefing.to_json())
    else:
        from bot.cli.brief import render_text

        sys.stdout.write(render_text(briefing))
    return 0


class InputError(Exception):
    """An input that cannot be read as an article (one line for the user)."""


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


async def _summarize(context: Any, inputs: Sequence[str]) -> Briefing:
    service = context.service()
    try:
        drafts = [await _draft(service, item) for item in inputs]
        return await service.summarize(drafts)
    finally:
        await service.writer.aclose()
        if service._collector is not None:  # only built when a URL was fetched
            await service.collector.aclose()


async def _draft(service: Any, item: str) -> ArticleDraft:
    from briefs.collect.local import LocalSourceError, draft_from_text, read_local_article

    try:
        if item == "-":
            from briefs.collect.local import decode_text

            return draft_from_text(decode_text(sys.stdin.buffer.read()), "stdin")
        if _is_url(item):
            return await service.collector.fetch_article(item)
        return read_local_article(Path(item))
    except LocalSourceError as exc:
        raise InputError(f"summarize: {item}: {exc}") from None
    except OSError as exc:
        raise InputError(f"summarize: {item}: {exc.strerror or exc}") from None
    except Exception as exc:
        if type(exc).__name__ == "CollectError":
            raise InputError(f"summarize: {exc}") from None
        raise
