"""`briefbot articles [--since HOURS] [--json]` and `briefbot articles show ID [--json]`."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import Any

from bot.cli.arguments import hours
from briefs.models import Article, iso, parse_public_id, utcnow


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "articles", help="what has been collected (list, or `show ID`)",
        description="List collected articles, newest first, or show one with its clean text.",
    )
    parser.add_argument("action", nargs="?", choices=["show"], help="show one article")
    parser.add_argument("id", nargs="?", help="the article id, e.g. a12")
    parser.add_argument("--since", type=hours, metavar="HOURS",
                        help="only those collected in the last HOURS (or days with d: 2d)")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    from bot.cli import UsageError

    args = context.args
    if args.action == "show":
        if not args.id:
            raise UsageError("articles show: which article? e.g. `briefbot articles show a12`")
        return _show(context, args.id)
    if args.id:
        raise UsageError(f"articles: unexpected argument {args.id!r} (did you mean `articles show {args.id}`?)")
    since = utcnow() - timedelta(hours=args.since) if args.since is not None else None
    articles = context.store.list_articles(since=since)
    if args.json:
        context.print_json({"articles": [a.summary_json() for a in articles]})
        return 0
    if not articles:
        print("No articles collected yet. Try `briefbot collect`.")
    for article in articles:
        sys.stdout.write(_line(article))
    return 0


def _line(article: Article) -> str:
    date = (iso(article.published) or iso(article.collected_at) or "")[:10]
    return f"{article.public_id:>5}  {date}  {article.title}\n       {article.url}  ({article.source})\n"


def _show(context: Any, raw_id: str) -> int:
    from bot.cli import EXIT_FAILURE, UsageError

    try:
        article_id = parse_public_id(raw_id)
    except ValueError as exc:
        raise UsageError(f"articles show: {exc}") from None
    article = context.store.get_article(article_id)
    if article is None:
        print(f"briefbot: no article a{article_id}", file=sys.stderr)
        return EXIT_FAILURE
    if context.args.json:
        context.print_json(article.full_json())
        return 0
    head = [article.title, "=" * min(len(article.title), 80), f"id: {article.public_id}",
            *(f"url: {u}" for u in (article.urls or (article.url,))),
            f"source: {article.source}", f"published: {iso(article.published) or 'unknown'}"]
    if article.author:
        head.append(f"author: {article.author}")
    if article.language:
        head.append(f"language: {article.language}")
    sys.stdout.write("\n".join(head) + "\n\n" + article.text + "\n")
    return 0
