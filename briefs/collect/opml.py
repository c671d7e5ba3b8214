"""OPML 2.0 import and export of feed lists (parsed with defusedxml: no entity tricks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Iterable
from xml.etree.ElementTree import Element, ParseError, SubElement, indent, tostring

MAX_OPML_BYTES = 5_000_000


class OpmlError(ValueError):
    """An OPML file that cannot be read; the message is one line."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None = None
    html_url: str | None = None
    category: str | None = None  # the enclosing outline's title, if any


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, nested folders included, in document order, deduplicated."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"too large: over {MAX_OPML_BYTES} bytes")
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise OpmlError("refused: XML entity declarations are not allowed") from None
    except ParseError as exc:
        raise OpmlError(f"not valid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file (root element <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise OpmlError("not an OPML file (no <body>)")
    feeds: dict[str, OpmlFeed] = {}
    _walk(body, None, feeds)
    return list(feeds.values())


def _walk(node: Element, category: str | None, out: dict[str, OpmlFeed]) -> None:
    for outline in node.findall("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        title = attrs.get("title") or attrs.get("text") or None
        url = (attrs.get("xmlurl") or "").strip()
        if url and url not in out:
            out[url] = OpmlFeed(url=url, title=title, html_url=attrs.get("htmlurl") or None, category=category)
        _walk(outline, title if not url else category, out)


def to_opml(feeds: Iterable[OpmlFeed], title: str = "briefbot sources") -> str:
    """An OPML 2.0 document; feeds with a category are grouped under a folder outline."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc), usegmt=True)
    body = SubElement(root, "body")
    folders: dict[str, Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in folders:
                folders[feed.category] = SubElement(body, "outline", text=feed.category, title=feed.category)
            parent = folders[feed.category]
        attrs = {"type": "rss", "text": feed.title or feed.url, "title": feed.title or feed.url,
                 "xmlUrl": feed.url}
        if feed.html_url:
            attrs["htmlUrl"] = feed.html_url
        SubElement(parent, "outline", attrs)
    indent(root)
    xml = tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
