"""`briefbot ask QUESTION [--chat CHAT] [--json]`: a grounded answer from stored articles."""

from __future__ import annotations

import argparse
import logging
import sys
import textwrap
from typing import Any

from briefs.models import Answer, Scope
from briefs.write.text import quoted

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "ask",
        help="answer a question from the collected articles, with citations",
        description="Answer a question from the collected articles, citing them. When they do "
        "not answer it, says so (grounded: false) instead of guessing.",
    )
    parser.add_argument("question", nargs="+", help="the question (quoting it is optional)")
    parser.add_argument(
        "--chat", help="answer from what this chat sees (platform:id, e.g. telegram:-1001234)"
    )
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.cli import EXIT_FAILURE, UsageError, run_async

    question = " ".join(context.args.question).strip()
    if not question:
        raise UsageError("ask: the question is empty")
    scope = context.chat_scope(context.args.chat)
    try:
        answer = run_async(_ask(context, question, scope))
    except Exception as exc:  # one clear line; the traceback only with --verbose
        log.debug("ask failed", exc_info=True)
        print(f"briefbot: ask failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(answer.to_json())
    else:
        sys.stdout.write(render_text(answer))
    return 0



async def _ask(context: Any, question: str, scope: Scope) -> Answer:
    service = context.service()
    try:
        return await service.answerer.ask(question, scope)
    finally:
        await service.answerer.aclose()


def render_text(answer: Answer) -> str:
    """The answer, then its numbered sources with the sentence each supports it with."""
    lines = [textwrap.fill(answer.answer, width=100)]
    if answer.citations:
        lines += ["", "Sources:"]
        for n, citation in enumerate(answer.citations, start=1):
            lines.append(f"  [{n}] {citation.title} ({citation.source_id})")
            lines.append(f"      {citation.url}")
            lines.append(
                textwrap.fill(
                    quoted(citation.excerpt),
                    width=100,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
            )
    if answer.generated_by == "llm":
        lines += ["", "(phrased by the language model; every source above was checked)"]
    return "\n".join(lines) + "\n"
