"""OPML 2.0 import and export."""

import pytest

from briefs.collect.opml import OpmlError, OpmlFeed, parse_opml, to_opml

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="News" title="News">
  <outline type="rss" text="Harbour Daily" xmlUrl="https://harbour.example/feed.xml" htmlUrl="https://harbour.example/"/>
  <outline text="Deeper"><outline type="rss" text="Deep" xmlURL="https://deep.example/rss"/></outline>
</outline>
<outline type="rss" title="Top &amp; level" xmlUrl="https://top.example/atom"/>
<outline type="rss" text="dup" xmlUrl="https://top.example/atom"/>
</body></opml>"""


def test_parse_nested_outlines() -> None:
    feeds = parse_opml(OPML)
    assert [(f.url, f.title, f.category) for f in feeds] == [
        ("https://harbour.example/feed.xml", "Harbour Daily", "News"),
        ("https://deep.example/rss", "Deep", "Deeper"),
        ("https://top.example/atom", "Top & level", None),
    ]
    assert feeds[0].html_url == "https://harbour.example/"


def test_round_trip() -> None:
    feeds = [OpmlFeed("https://a.example/feed?x=1&y=2", "A & B <news>", category="World"),
             OpmlFeed("https://b.example/rss", None)]
    back = parse_opml(to_opml(feeds).encode())
    assert [(f.url, f.title, f.category) for f in back] == [
        ("https://a.example/feed?x=1&y=2", "A & B <news>", "World"),
        ("https://b.example/rss", "https://b.example/rss", None)]


@pytest.mark.parametrize(("data", "message"), [
    (b"<opml><body><outline", "not valid XML"),
    (b"<html><body/></html>", "not an OPML file"),
    (b'<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body><outline xmlUrl="&a;"/></body></opml>', "refused"),
])
def test_bad_opml(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message):
        parse_opml(data)
