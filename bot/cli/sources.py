"""`briefbot sources list|add URL|remove ID|import FILE.opml|export [FILE.opml]`.

The operator's sources (and, in `list`, every other stored source with its origin: chats'
subscriptions and the bundled samples). One-off sources of `briefbot collect --source` are
not sources; `list` says how many articles came from them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefs.models import Source, iso


def register(subparsers: Any) -> None:
    from bot.cli import _Parser

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sources", help="list, add, remove, import or export sources (OPML 2.0)",
        description="Manage the operator's sources: feed or page URLs, or local files/folders.",
    )
    actions = parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = actions.add_parser("list", help="every stored source with its health")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    add = actions.add_parser("add", help="add a feed/page URL or a local file/folder")
    add.add_argument("url", metavar="URL_OR_PATH")
    add.add_argument("--title", help="a name to show instead of the URL")
    remove = actions.add_parser("remove", help="remove a source (its articles stay)")
    remove.add_argument("id", metavar="ID")
    imp = actions.add_parser("import", help="add the feeds of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    exp = actions.add_parser("export", help="the URL sources as OPML 2.0 (stdout or a file)")
    exp.add_argument("file", nargs="?", metavar="FILE.opml")
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    handler = {"list": _list, "add": _add, "remove": _remove, "import": _import, "export": _export}
    return handler[context.args.action](context)


def _list(context: Any) -> int:
    store = context.store
    sources = store.list_sources()
    counts = store.count_articles_by_source()
    one_off = store.count_articles_without_source()
    if context.args.json:
        context.print_json({"sources": [_source_json(s, counts.get(s.id, 0)) for s in sources],
                            "one_off_articles": one_off})
        return 0
    if not sources:
        print("No sources saved. Add one with `briefbot sources add URL_OR_PATH` "
              "or `briefbot sources import FILE.opml`.")
    for s in sources:
        print(f"s{s.id}  {s.health:<7}  {s.kind:<6}  {s.origin:<8}  {counts.get(s.id, 0):>4} articles  "
              f"{s.url}" + (f"  ({s.title})" if s.title else ""))
        if s.last_error:
            print(f"      last error: {s.last_error} (failures: {s.failures}, next try {iso(s.next_attempt)})")
    if one_off:
        print(f"{one_off} article(s) from one-off sources (`briefbot collect --source`); "
              "see `briefbot articles`.")
    return 0


def _source_json(s: Source, articles: int) -> dict[str, Any]:
    return {"id": f"s{s.id}", "url": s.url, "kind": s.kind, "title": s.title, "origin": s.origin,
            "health": s.health, "failures": s.failures, "last_error": s.last_error,
            "last_success": iso(s.last_success), "next_attempt": iso(s.next_attempt),
            "articles": articles}


def _add(context: Any) -> int:
    from bot.cli import UsageError
    from briefs.collect.collector import CollectError, check_source_target, is_url

    try:
        target = check_source_target(context.args.url)
    except CollectError as exc:
        raise UsageError(f"sources add: {exc}") from None
    if is_url(target):
        problem = _address_problem(context, target)
        if problem:
            raise UsageError(f"sources add: {problem}")
    kind = "auto" if is_url(target) else ("folder" if Path(target).is_dir() else "file")
    existing = context.store.find_source(target)
    source = context.store.add_source(target, kind=kind, title=context.args.title, origin="operator")
    verb = "already there" if existing else "added"
    print(f"s{source.id} {verb}: {source.url}")
    return 0


def _address_problem(context: Any, url: str) -> str | None:
    """Why `url` cannot be collected from (a non-public or unresolvable host), else None.

    The same policy as every fetch (fetch.allow_private_networks, or the environment's
    BRIEFBOT_ALLOW_PRIVATE_NETWORKS), checked now rather than at the first collect."""
    from bot.cli import run_async
    from briefs.collect.fetch import Fetcher, FetchError

    async def check() -> None:
        fetcher = Fetcher(context.settings.fetch)
        try:
            await fetcher.check_public(url)
        finally:
            await fetcher.aclose()

    try:
        run_async(check())
    except FetchError as exc:
        return str(exc)
    return None


def _remove(context: Any) -> int:
    from bot.cli import EXIT_FAILURE, UsageError

    text = context.args.id.strip().lower().removeprefix("s")
    if not text.isdigit():
        raise UsageError(f"sources remove: not a source id: {context.args.id!r} (see `briefbot sources list`)")
    if not context.store.remove_source(int(text)):
        print(f"briefbot: no source s{text}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"removed s{text} (its articles stay)")
    return 0


def _import(context: Any) -> int:
    from bot.cli import UsageError
    from briefs.collect.collector import is_url
    from briefs.collect.fetch import FetchError, check_url
    from briefs.collect.opml import OpmlError, parse_opml

    path = Path(context.args.file)
    try:
        feeds = parse_opml(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"sources import: cannot read {path}: {exc.strerror}") from None
    except OpmlError as exc:
        raise UsageError(f"sources import: {path}: {exc}") from None
    added = skipped = 0
    for feed in feeds:
        try:
            if not is_url(feed.url):
                raise FetchError("not a URL")
            check_url(feed.url)
        except FetchError as exc:
            print(f"skipped {feed.url}: {exc}", file=sys.stderr)
            skipped += 1
            continue
        known = context.store.find_source(feed.url) is not None
        context.store.add_source(feed.url, title=feed.title, origin="operator")
        added += 0 if known else 1
    print(f"imported {added} new source(s) from {path.name}" + (f", skipped {skipped}" if skipped else ""))
    return 0


def _export(context: Any) -> int:
    from bot.cli import EXIT_FAILURE
    from briefs.collect.collector import is_url
    from briefs.collect.opml import OpmlFeed, to_opml

    feeds = [OpmlFeed(url=s.url, title=s.title) for s in context.store.list_sources() if is_url(s.url)]
    document = to_opml(feeds)
    if not context.args.file:
        sys.stdout.write(document)
        return 0
    try:
        Path(context.args.file).write_text(document, encoding="utf-8")
    except OSError as exc:
        print(f"briefbot: cannot write {context.args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"exported {len(feeds)} source(s) to {context.args.file}")
    return 0
