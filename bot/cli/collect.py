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
    parser.add_argument("--force", action="store_true",
                        help="collect every saved source now, also those not due or waiting out "
                             "a backoff after failures")
    parser.set_defaults(func=run)


EXIT_SOME_FAILED = 3  # the pass completed, but some sources failed


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
        if context.args.force:
            sources = context.store.list_sources()
    try:
        report = run_async(_collect(context, sources))
    except Exception as exc:
        log.debug("collect failed", exc_info=True)
        print(f"briefbot: collect failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(report.to_json())
    else:
        waiting = [] if report.sources else context.store.list_sources()
        sys.stdout.write(render_text(report, waiting))
    return exit_code(report)


def exit_code(report: CollectReport) -> int:
    """0: every source was fine; 3: the pass completed with some sources failing (or some of
    their items); 1: every source failed (the pass itself failing is 1 too)."""
    troubled = [r for r in report.sources if r.error or r.failed]
    if not troubled:
        return 0
    if len(troubled) == len(report.sources) and all(not (r.new or r.duplicate) for r in troubled):
        return 1
    return EXIT_SOME_FAILED


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
    """A tqdm bar on stderr, only on a terminal (never in pipes, logs or --json runs).

    Made at the first report, when the number of sources is known: a bar created with a
    total of 0 never draws."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self._bar: Any = None

    def update(self, source: str, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="source", file=self.stream, leave=False,
                             dynamic_ncols=True, mininterval=0)
        self._bar.set_postfix_str(source[-40:], refresh=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _progress_bar(context: Any) -> _Bar | None:
    if context.args.json or not sys.stderr.isatty():
        return None
    return _Bar()


def render_text(report: CollectReport, saved: list[Source] | None = None) -> str:
    if not report.sources:
        return nothing_due_text(saved or [])
    lines = []
    for r in report.sources:
        line = f"{r.source}: {r.new} new, {r.duplicate} duplicate, {r.failed} failed"
        if r.error:
            line += f" ({r.error})"
        lines.append(line)
    lines.append(f"total: {report.new} new, {report.duplicate} duplicate, {report.failed} failed")
    return "\n".join(lines) + "\n"


def nothing_due_text(saved: list[Source]) -> str:
    """Why a pass collected nothing: no sources at all, or when the saved ones are due."""
    if not saved:
        return ("No sources to collect: none configured. Add one with "
                "`briefbot sources add URL`, or try `briefbot collect --source URL_OR_PATH`.\n")
    backing_off = [s for s in saved if s.failures]
    waits = sorted(s.next_attempt for s in saved if s.next_attempt is not None)
    first = waits[0].strftime("%Y-%m-%d %H:%M UTC") if waits else "soon"
    if backing_off:
        count = "1 source waits" if len(backing_off) == 1 else f"{len(backing_off)} sources wait"
        detail = f"{count} out a backoff after failing"
    else:
        detail = "1 source was collected recently" if len(saved) == 1 else \
            f"all {len(saved)} sources were collected recently"
    return (f"No sources due: {detail}; the next is due at {first}. "
            "Use `briefbot collect --force` to collect them all now.\n")
