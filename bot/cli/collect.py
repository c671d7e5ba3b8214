"""`briefbot collect [--source URL_OR_PATH ...] [--json]`: one collection pass.

Without --source: the configured sources that are due (the operator's URLs from the config,
those added with `briefbot sources add`, and the bundled samples on an empty install).
With --source: only those, as one-off sources: their articles are stored (and show up in
`briefbot articles`, briefings and answers) but they are not saved as sources.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from briefs.models import CollectReport, Source

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "collect", help="one collection pass over the sources",
        description="Collect new articles once from the configured sources that are due, or only "
                    "from the given ones (which are not saved as sources).",
    )
    parser.add_argument("--source", action="append", default=[], metavar="URL_OR_PATH",
                        help="collect only this feed/page URL or local file/folder (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.cli import EXIT_FAILURE, UsageError, run_async
    from briefs.collect.collector import CollectError, check_source_target

    sources: list[Source] | None = None
    if context.args.source:
        sources = []
        for target in context.args.source:
            try:
                sources.append(_one_off(context.store, check_source_target(target)))
            except CollectError as exc:
                raise UsageError(f"--source {target}: {exc}") from None
    else:
        _seed(context)
    try:
        report = run_async(_collect(context, sources))
    except Exception as exc:
        log.debug("collect failed", exc_info=True)
        print(f"briefbot: collect failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(report.to_json())
    else:
        sys.stdout.write(render_text(report))
    all_failed = bool(report.sources) and all(r.error and not (r.new or r.duplicate) for r in report.sources)
    return EXIT_FAILURE if all_failed else 0


def _one_off(store: Any, target: str) -> Source:
    """A stored source with this URL/path keeps its state; anything else is one-off (id 0)."""
    existing = store.find_source(target)
    return existing if existing is not None else Source(id=0, url=target)


def _seed(context: Any) -> None:
    """The configured URLs, and the samples on an empty install (as `briefbot run` does)."""
    try:
        from bot.app import seed_sources
    except ImportError:  # the app module is optional for the engine commands
        for url in context.settings.sources.urls:
            context.store.add_source(url, origin="operator")
        return
    seed_sources(context.store, context.settings)


async def _collect(context: Any, sources: list[Source] | None) -> CollectReport:
    from briefs.collect.collector import Collector

    collector = Collector(context.store, context.settings)
    bar = _progress_bar(context)
    try:
        return await collector.collect(sources, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
        await collector.aclose()


class _Bar:
    """A tqdm bar on stderr, only on a terminal (never in pipes, logs or --json runs)."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=0, unit="source", file=sys.stderr, leave=False, dynamic_ncols=True)

    def update(self, source: str, done: int, total: int) -> None:
        self._bar.total = total
        self._bar.set_postfix_str(source[-40:], refresh=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        self._bar.close()


def _progress_bar(context: Any) -> _Bar | None:
    if context.args.json or not sys.stderr.isatty():
        return None
    return _Bar()


def render_text(report: CollectReport) -> str:
    if not report.sources:
        return ("No sources to collect: none configured or due. Add one with "
                "`briefbot sources add URL`, or try `briefbot collect --source URL_OR_PATH`.\n")
    lines = []
    for r in report.sources:
        line = f"{r.source}: {r.new} new, {r.duplicate} duplicate, {r.failed} failed"
        if r.error:
            line += f" ({r.error})"
        lines.append(line)
    lines.append(f"total: {report.new} new, {report.duplicate} duplicate, {report.failed} failed")
    return "\n".join(lines) + "\n"
