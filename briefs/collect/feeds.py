"""Feeds: RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed by hand, all from bytes.

feedparser is only ever given bytes our hardened client fetched (never a URL: given a
string that looks like one, feedparser would fetch it itself). Before feedparser sees XML,
defusedxml reads up to the first element: any entity declaration (the billion-laughs and
external-entity attacks) is refused with a clear error. A feed feedparser flags as
ill-formed ("bozo") is still used when it yielded entries; with none it is an error.

`parse_feed` is pure and picklable so the collector runs it in the worker pool.
"""

from __future__ import annotations

import calendar
import dataclasses
import html
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from briefs.collect.clean import clean_text, clean_title


class FeedError(ValueError):
    """A feed that cannot be used; the message is one line."""


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str | None
    id: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary: str = ""  # clean text of the summary/description
    content: str = ""  # clean text of the full content, when the feed carries it
    language: str | None = None

    @property
    def text(self) -> str:
        """The best text the feed offers: full content, else the summary."""
        return self.content if len(self.content) >= len(self.summary) else self.summary


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # feedparser's version ("rss20", "atom10", ...) or "json1"
    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]
    language: str | None = None
    ttl_minutes: int | None = None
    skip_hours: tuple[int, ...] = ()  # RSS <skipHours>: UTC hours the publisher asks us to skip
    warning: str | None = None  # ill-formed but usable


_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*(?:\[.*?\])?\s*>\s*"
                         rb"|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF|RDF|channel)\b", re.S | re.I)
FEED_CONTENT_TYPES = ("rss", "atom", "rdf", "xml", "feed+json", "application/json")


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Sniff whether a fetched body is a feed (rather than an HTML page)."""
    content_type = content_type.lower()
    if "html" in content_type and "xhtml" not in content_type:
        return bool(_FEED_START.match(_ascii_head(body)))
    head = _ascii_head(body)
    if head.lstrip().startswith(b"{"):
        return b"jsonfeed.org/version" in head
    if _FEED_START.match(head):
        return True
    return any(t in content_type for t in ("rss", "atom", "rdf"))


def _ascii_head(body: bytes) -> bytes:
    """The first bytes as ASCII-compatible text (UTF-16 feeds decoded, BOMs dropped)."""
    head = body[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    return head.removeprefix(b"\xef\xbb\xbf")


MAX_ITEM_CHARS = 200_000  # text kept per item (collect.max_item_chars)


def parse_feed(body: bytes, url: str | None = None, content_type: str = "",
               max_items: int = 50, max_item_chars: int = MAX_ITEM_CHARS) -> ParsedFeed:
    """Parse a feed's bytes; FeedError when it is refused, malformed or not a feed.

    Each item's text is cut to `max_item_chars` (its HTML to 8 times that before it is
    parsed): one multi-megabyte item must not cost hundreds of MiB downstream."""
    if not body.strip():
        raise FeedError("empty feed")
    head = _ascii_head(body).lstrip()
    if head.startswith((b"{", b"[")):
        return _capped(_parse_json_feed(body, max_items), max_item_chars)
    refuse_entity_declarations(body)
    return _capped(_parse_xml_feed(body, url, content_type, max_items, max_item_chars), max_item_chars)


def _capped(feed: ParsedFeed, max_chars: int) -> ParsedFeed:
    items = tuple(dataclasses.replace(i, summary=cap_text(i.summary, max_chars),
                                      content=cap_text(i.content, max_chars)) for i in feed.items)
    return dataclasses.replace(feed, items=items)


def cap_text(text: str, max_chars: int) -> str:
    """`text` cut to at most `max_chars`, at a paragraph (else a sentence, else a word) end."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    for mark in ("\n\n", ". ", " "):
        end = cut.rfind(mark)
        if end > max_chars // 2:
            return cut[:end + (1 if mark == ". " else 0)].rstrip()
    return cut


_ENTITY_DECLARATION = re.compile(r"<!\s*ENTITY", re.I)
_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|RDF|channel)\b", re.I)


def refuse_entity_declarations(body: bytes) -> None:
    """Entity declarations (billion laughs, external entities) are refused.

    First defusedxml reads up to the first element. That parse gives up on ill-formed
    input (leading junk, a bogus encoding declaration) which feedparser's loose parser
    may still read, so the prologue is then also searched as text, in every decoding a
    parser might choose (ASCII-compatible, UTF-16, UTF-32, and what the declaration says).
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        for _event, _element in iterparse(io.BytesIO(body), events=("start",)):
            break  # the DTD, where entities are declared, comes before the first element
    except DefusedXmlException as exc:
        raise FeedError(f"refused: XML entity declarations are not allowed ({type(exc).__name__})") from None
    except (ParseError, ValueError, LookupError, UnicodeError):
        pass  # ill-formed XML: the text search below still applies
    for text in _decodings(body[:_PROLOGUE_BYTES]):
        root = _ROOT.search(text)
        if _ENTITY_DECLARATION.search(text[:root.start()] if root else text):
            raise FeedError("refused: XML entity declarations are not allowed")


_PROLOGUE_BYTES = 1_000_000  # a DTD longer than this is not a feed's


def _decodings(head: bytes) -> list[str]:
    from briefs.collect.fetch import decode_body

    texts = [head.decode("latin-1"), decode_body(head)]
    if b"\x00" in head[:1024]:  # wide encodings, with or without a BOM
        texts += [head.decode(codec, errors="ignore")
                  for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]
    return texts


def _parse_xml_feed(body: bytes, url: str | None, content_type: str, max_items: int,
                    max_item_chars: int = MAX_ITEM_CHARS) -> ParsedFeed:
    import feedparser

    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True,
                              resolve_relative_uris=True)
    warning = _bozo_message(parsed) if parsed.get("bozo") else None
    entries = parsed.get("entries") or []
    if warning and not entries:
        raise FeedError(f"malformed feed: {warning}")
    if not parsed.get("version") and not entries:
        raise FeedError("not a feed (no RSS, Atom or JSON Feed found)")
    feed = parsed.get("feed", {})
    language = _language(feed.get("language"))
    items = tuple(_item(e, language, max_item_chars * 8) for e in entries[:max_items])
    return ParsedFeed(
        kind=parsed.get("version") or "unknown", title=_title(feed.get("title")),
        link=feed.get("link"), items=tuple(i for i in items if i.title or i.link),
        language=language, ttl_minutes=_int(feed.get("ttl")), skip_hours=skip_hours(body),
        warning=warning,
    )


def _bozo_message(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = str(exc).strip().splitlines()[0] if exc and str(exc).strip() else type(exc).__name__
    return text[:200]


def _item(entry: Any, feed_language: str | None, max_html: int = MAX_ITEM_CHARS * 8) -> FeedItem:
    content = ""
    for part in entry.get("content") or []:
        candidate = html_to_text(str(part.get("value", ""))[:max_html])
        if len(candidate) > len(content):
            content = candidate
    summary = html_to_text(str(entry.get("summary", ""))[:max_html])
    return FeedItem(
        title=_title(entry.get("title")) or "",
        link=entry.get("link") or _permalink_guid(entry),
        id=entry.get("id"),
        author=(entry.get("author") or None),
        published=_struct_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=summary,
        content=content,
        language=_language(entry.get("language")) or feed_language,
    )


def _permalink_guid(entry: Any) -> str | None:
    guid = entry.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


_SKIP_HOURS = re.compile(rb"<skipHours>(.*?)</skipHours>", re.S | re.I)
_HOUR = re.compile(rb"<hour>\s*(\d{1,2})\s*</hour>", re.I)


def skip_hours(body: bytes) -> tuple[int, ...]:
    """The hours (0-23, UTC) of an RSS 2.0 <skipHours> element (feedparser does not read it)."""
    block = _SKIP_HOURS.search(body[:200_000])
    if not block:
        return ()
    hours = {int(h) % 24 for h in _HOUR.findall(block.group(1))}
    return tuple(sorted(hours)) if len(hours) < 24 else ()


# -- JSON Feed ----------------------------------------------------------------------------


def _parse_json_feed(body: bytes, max_items: int) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        raise FeedError(f"malformed feed: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedError("not a feed (JSON without a JSON Feed version)")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise FeedError("malformed feed: JSON Feed without items")
    language = _language(data.get("language"))
    items = [_json_item(i, language) for i in raw_items[:max_items] if isinstance(i, dict)]
    return ParsedFeed(kind="json1", title=_title(data.get("title")), link=data.get("home_page_url"),
                      items=tuple(i for i in items if i.title or i.link), language=language)


def _json_item(item: dict[str, Any], feed_language: str | None) -> FeedItem:
    content = html_to_text(item.get("content_html") or "") or clean_text(str(item.get("content_text") or ""))
    summary = clean_text(str(item.get("summary") or ""))
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
    link = item.get("url") or item.get("external_url")
    return FeedItem(
        title=_title(item.get("title")) or "", link=link if isinstance(link, str) else None,
        id=str(item.get("id")) if item.get("id") is not None else None,
        author=", ".join(names) or None, published=_iso(item.get("date_published") or item.get("date_modified")),
        summary=summary, content=content, language=_language(item.get("language")) or feed_language,
    )


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# -- small helpers --------------------------------------------------------------------------

_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (feed summaries/content), paragraphs kept, chrome cleaned."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return clean_text(html.unescape(fragment))
    import lxml.html
    from lxml.etree import ParserError

    marked = _BLOCK_END.sub("\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ParserError, ValueError):
        return clean_text(re.sub(r"<[^>]+>", " ", marked))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return clean_text(root.text_content())


def _title(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = html.unescape(re.sub(r"<[^>]+>", "", value)) if "<" in value or "&" in value else value
    return clean_title(text) or None


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().split("-")[0].split("_")[0].lower()[:8] or None


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


# -- autodiscovery --------------------------------------------------------------------------

_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_LINK_ATTR = re.compile(rb"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_TYPES = (b"application/rss+xml", b"application/atom+xml", b"application/feed+json",
               b"application/rdf+xml")


def discover_feed_links(body: bytes, base_url: str) -> list[str]:
    """Feed URLs a page advertises (`<link rel="alternate" type="application/rss+xml">`),
    as absolute http(s) URLs, in page order: what feed readers do with a site's address."""
    from urllib.parse import urljoin

    found: list[str] = []
    for tag in _LINK_TAG.findall(body[:300_000]):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"").strip()
                 for m in _LINK_ATTR.finditer(tag)}
        rel = attrs.get(b"rel", b"").lower().split()
        if b"alternate" not in rel or attrs.get(b"type", b"").lower() not in _FEED_TYPES:
            continue
        href = html.unescape(attrs.get(b"href", b"").decode("utf-8", "replace"))
        url = urljoin(base_url, href)
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
