"""One neutral `Document`, three renderings: Telegram HTML, Slack Block Kit, plain text.

Splitting works on the document, not on the rendered string: a block too long for a platform
is cut in two at a paragraph, sentence or word boundary of its text (never inside a tag, an
entity or a link), recursively, and the pieces are then packed greedily into messages. So
every message is well-formed markup on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from bot.messages import Block, Document, Span

TELEGRAM_LIMIT = 4000  # Telegram allows 4,096 UTF-16 units; a margin for safety
SLACK_SECTION_LIMIT = 2900  # section text must stay under 3,000 characters
SLACK_MAX_BLOCKS = 50
SLACK_FALLBACK_LIMIT = 2900
DIVIDER = "───"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+")
_MENTION = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count twice)."""
    return len(text.encode("utf-16-le")) // 2


# -- splitting (platform-free) ----------------------------------------------------------------


def split_block(block: Block, size: Callable[[Block], int], limit: int) -> list[Block]:
    """`block` as one or more blocks whose rendered `size` is at most `limit`."""
    if size(block) <= limit:
        return [block]
    halves = _halve(block)
    if halves is None:  # a single character over the limit: nothing sensible left to do
        return [block]
    return [piece for half in halves for piece in split_block(half, size, limit)]


def _halve(block: Block) -> tuple[Block, Block] | None:
    if block.kind == "bullets":
        if len(block.items) > 1:
            middle = len(block.items) // 2
            return (Block("bullets", items=block.items[:middle]),
                    Block("bullets", items=block.items[middle:]))
        spans = block.items[0] if block.items else ()
    else:
        spans = block.spans
    text = "".join(span.text for span in spans)
    if len(text) < 2:
        return None
    cut = cut_point(text)
    left, right = slice_spans(spans, 0, cut), slice_spans(spans, cut, len(text))
    right = _lstrip_spans(right)
    if block.kind == "bullets":
        return Block("bullets", items=(left,)), Block("bullets", items=(right,))
    # The attribution belongs after the last words of a quote.
    return (Block(block.kind, left), Block(block.kind, right, attribution=block.attribution))


def cut_point(text: str) -> int:
    """Where to cut `text` in two: the paragraph break, sentence end or space nearest the middle."""
    middle = len(text) // 2
    for pattern in (re.compile(r"\n\s*\n"), _SENTENCE_END, re.compile(r"\s+")):
        ends = [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]
        if ends:
            return min(ends, key=lambda end: abs(end - middle))
    return middle


def slice_spans(spans: Sequence[Span], start: int, stop: int) -> tuple[Span, ...]:
    out: list[Span] = []
    offset = 0
    for span in spans:
        lo, hi = max(start, offset), min(stop, offset + len(span.text))
        if lo < hi:
            out.append(Span(span.text[lo - offset:hi - offset], span.style, span.url))
        offset += len(span.text)
    return tuple(out)


def _lstrip_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    if not spans:
        return spans
    first = spans[0]
    return (Span(first.text.lstrip(), first.style, first.url),) + spans[1:]


def pack(chunks: Iterable[str], limit: int, sep: str = "\n\n",
         size: Callable[[str], int] = len) -> list[str]:
    """Join rendered chunks into as few messages as fit under `limit`."""
    messages: list[str] = []
    current = ""
    for chunk in chunks:
        if not chunk:
            continue
        candidate = f"{current}{sep}{chunk}" if current else chunk
        if current and size(candidate) > limit:
            messages.append(current)
            current = "" if chunk == DIVIDER else chunk  # no message starts with a divider
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


# -- Telegram HTML ------------------------------------------------------------------------------


def _tg_span(span: Span, plain_bold: bool = False) -> str:
    text = html.escape(span.text, quote=False)
    if span.style == "bold":
        return text if plain_bold else f"<b>{text}</b>"
    if span.style == "italic":
        return f"<i>{text}</i>"
    if span.style == "code":
        return f"<code>{text}</code>"
    if span.style == "link" and span.url:
        return f'<a href="{html.escape(span.url, quote=True)}">{text}</a>'
    return text


def _tg_spans(spans: Sequence[Span], plain_bold: bool = False) -> str:
    return "".join(_tg_span(span, plain_bold) for span in spans)


def telegram_block(block: Block) -> str:
    if block.kind == "heading":
        return f"<b>{_tg_spans(block.spans, plain_bold=True)}</b>"
    if block.kind == "quote":
        who = f"\n— {html.escape(block.attribution, quote=False)}" if block.attribution else ""
        return f"<blockquote>{_tg_spans(block.spans)}{who}</blockquote>"
    if block.kind == "bullets":
        return "\n".join(f"• {_tg_spans(item)}" for item in block.items)
    if block.kind == "divider":
        return DIVIDER
    if block.kind == "context":
        return f"<i>{_tg_spans(block.spans)}</i>"
    return _tg_spans(block.spans)


def render_telegram(document: Document, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Telegram HTML messages (parse_mode HTML), each at most `limit` UTF-16 units."""
    def size(block: Block) -> int:
        return utf16_len(telegram_block(block))

    chunks = [telegram_block(piece) for block in document.blocks
              for piece in split_block(block, size, limit)]
    return pack(chunks, limit, size=utf16_len) or ["…"]


# -- Slack Block Kit ----------------------------------------------------------------------------


def mrkdwn_escape(text: str) -> str:
    """Escape Slack's control characters so article text can never form a mention or link.

    ``<!channel>`` becomes inert ``&lt;!channel&gt;``; a bare ``@here`` gets a zero-width
    joiner so Slack cannot turn it into a broadcast either.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub(lambda m: "@\u2060" + m.group(1), text)


def _slack_url(url: str) -> str:
    return url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")


def _wrap(mark: str, text: str) -> str:
    # mrkdwn styling needs the marks against the words: keep surrounding spaces outside.
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _slack_span(span: Span, plain_bold: bool = False) -> str:
    text = mrkdwn_escape(span.text)
    if span.style == "bold":
        return text if plain_bold else _wrap("*", text)
    if span.style == "italic":
        return _wrap("_", text)
    if span.style == "code":
        return _wrap("`", text)
    if span.style == "link" and span.url:
        return f"<{_slack_url(span.url)}|{text}>"
    return text


def _slack_spans(spans: Sequence[Span], plain_bold: bool = False) -> str:
    return "".join(_slack_span(span, plain_bold) for span in spans)


def slack_mrkdwn(block: Block) -> str:
    if block.kind == "heading":
        return _wrap("*", _slack_spans(block.spans, plain_bold=True))
    if block.kind == "quote":
        lines = _slack_spans(block.spans).splitlines() or [""]
        if block.attribution:
            lines.append(f"— _{mrkdwn_escape(block.attribution)}_")
        return "\n".join(f"> {line}" for line in lines)
    if block.kind == "bullets":
        return "\n".join(f"• {_slack_spans(item)}" for item in block.items)
    return _slack_spans(block.spans)


def slack_blocks(block: Block) -> dict[str, Any]:
    # Headings are bold sections, not "header" blocks: plain_text would skip our escaping.
    if block.kind == "divider":
        return {"type": "divider"}
    if block.kind == "context":
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": slack_mrkdwn(block)}]}
    return {"type": "section", "text": {"type": "mrkdwn", "text": slack_mrkdwn(block)}}


def render_slack(document: Document, section_limit: int = SLACK_SECTION_LIMIT,
                 max_blocks: int = SLACK_MAX_BLOCKS) -> list[dict[str, Any]]:
    """Slack messages: ``{"text": fallback, "blocks": [...]}``, each within Slack's limits."""
    def size(block: Block) -> int:
        return len(slack_mrkdwn(block))

    pieces = [piece for block in document.blocks for piece in split_block(block, size, section_limit)
              if piece.kind == "divider" or slack_mrkdwn(piece).strip()]  # Slack refuses empty text
    messages: list[dict[str, Any]] = []
    for start in range(0, len(pieces), max_blocks):
        group = pieces[start:start + max_blocks]
        if group and group[0].kind == "divider" and len(group) > 1:
            group = group[1:]
        messages.append({"text": slack_fallback(group), "blocks": [slack_blocks(b) for b in group]})
    return messages or [{"text": "…", "blocks": []}]


def slack_fallback(blocks: Sequence[Block]) -> str:
    """The notification text: plain, escaped like the blocks, cut to a safe length."""
    text = "\n".join(plain_block(b) for b in blocks if b.kind != "divider").strip() or "…"
    escaped = mrkdwn_escape(text)
    keep = len(text)
    while len(escaped) > SLACK_FALLBACK_LIMIT:  # cut the raw text, so no entity is cut in half
        keep -= len(escaped) - SLACK_FALLBACK_LIMIT + 1
        escaped = mrkdwn_escape(text[:keep].rstrip()) + "…"
    return escaped


# -- plain text (console) ---------------------------------------------------------------------

Emphasis = Callable[[str], str]


def ansi_bold(text: str) -> str:
    """Bold on a terminal (for render_plain(doc, ansi_bold))."""
    return f"\033[1m{text}\033[0m"


def _plain(text: str) -> str:
    return text


def _plain_span(span: Span, bold: Emphasis = _plain) -> str:
    if span.style == "link" and span.url and span.url != span.text:
        return f"{span.text} <{span.url}>"
    return bold(span.text) if span.style == "bold" else span.text


def _plain_spans(spans: Sequence[Span], bold: Emphasis = _plain) -> str:
    return "".join(_plain_span(span, bold) for span in spans)


def plain_block(block: Block, bold: Emphasis = _plain) -> str:
    if block.kind == "quote":
        who = f"\n    — {block.attribution}" if block.attribution else ""
        return f"  {_plain_spans(block.spans, bold)}{who}"
    if block.kind == "bullets":
        return "\n".join(f"  • {_plain_spans(item, bold)}" for item in block.items)
    if block.kind == "divider":
        return DIVIDER
    if block.kind == "heading":
        return bold("".join(span.text for span in block.spans))
    return _plain_spans(block.spans, bold)


def render_plain(document: Document, bold: Emphasis = _plain) -> str:
    """Plain text; `bold` may mark emphasis (ansi_bold on a terminal), by default it doesn't."""
    return "\n\n".join(plain_block(b, bold) for b in document.blocks).strip()
