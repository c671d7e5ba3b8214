"""`briefbot brief [--chat CHAT] [--since HOURS] [--json]`: the digest that would be pushed now."""

from __future__ import annotations

import argparse
import logging
import sys
import textwrap
from datetime import timedelta
from typing import Any

from bot.cli.arguments import hours
from briefs.models import Briefing, Scope, utcnow

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "brief", help="the briefing from stored articles (top stories, ranked)",
        description="The digest that would be pushed now: the top stories collected within "
                    "--since hours, for a chat's subscriptions (--chat) or over all sources.",
    )
    parser.add_argument("--chat", help="brief what this chat sees (platform:id, e.g. slack:C0123)")
    parser.add_argument("--since", type=hours, metavar="HOURS",
                        help="stories collected within this many hours, or days with d: 24, 2d "
                             "(default: brief.since_hours)")
    parser.add_argument("--json", action="store_true", help="print the briefing as JSON")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.cli import EXIT_FAILURE, UsageError, run_async

    hours = context.args.since if context.args.since is not None else context.settings.brief.since_hours
    if hours <= 0:
        raise UsageError("--since: must be a positive number of hours")
    scope = context.chat_scope(context.args.chat)
    scope = Scope(scope.source_ids, scope.topics, scope.exclude, utcnow() - timedelta(hours=hours))
    try:
        briefing = run_async(_brief(context, scope))
    except Exception as exc:  # one clear line; the traceback only with --verbose
        log.debug("brief failed", exc_info=True)
        print(f"briefbot: brief failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(briefing.to_json())
    else:
        sys.stdout.write(render_text(briefing, empty="No new stories collected in the last "
                                                     f"{hours:g} hours."))
    return 0



async def _brief(context: Any, scope: Scope) -> Briefing:
    service = context.service()
    try:
        return await service.brief(scope)
    finally:
        await service.writer.aclose()


def render_text(briefing: Briefing, *, empty: str = "No stories.") -> str:
    """A readable briefing: per story its title, summary, quotes, figures and sources."""
    if not briefing.stories:
        return empty + "\n"
    blocks = []
    for number, story in enumerate(briefing.stories, start=1):
        lines = [f"{number}. {story.title}"]
        if story.sample:
            lines.append("   (sample news: bundled demo, not from your sources)")
        lines += [textwrap.fill(s, width=100, initial_indent="   ", subsequent_indent="   ")
                  for s in story.summary]
        if story.quotes:
            lines.append("   Quotes:")
            for q in story.quotes:
                who = f" — {q.credit}" if q.credit else ""
                lines.append(textwrap.fill(f"“{q.text}”{who}", width=100,
                                           initial_indent="   • ", subsequent_indent="     "))
        if story.numbers:
            lines.append("   Key numbers:")
            for n in story.numbers:
                lines.append(textwrap.fill(f"{n.text}: {n.context}", width=100,
                                           initial_indent="   • ", subsequent_indent="     "))
        lines.append("   Sources:" if len(story.sources) > 1 else "   Source:")
        for s in story.sources:
            lines.append(f"   [{s.id}] {s.title}")
            lines.append(f"        {s.url}")
        if story.previous is not None:
            when = f", {story.previous.published:%-d %b %Y}" if story.previous.published else ""
            lines.append(f"   Previously{when}: {story.previous.title}  {story.previous.url}")
        if story.generated_by == "llm":
            lines.append("   (written by the language model; quotes, figures and links checked against the sources)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
