"""Feed parsing from bytes: RSS, Atom, JSON Feed, malformed and hostile input."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from briefs.collect.feeds import FeedError, html_to_text, looks_like_feed, parse_feed

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Daily</title><link>https://harbour.example/</link>
<language>en-gb</language><ttl>30</ttl>
<item><title>Ferry strike ends after two weeks</title><link>https://harbour.example/ferry?utm_source=rss</link>
<author>desk@harbour.example (Ana Ruiz)</author><pubDate>Tue, 14 May 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Ferries sail again.&lt;/p&gt;&lt;p&gt;Advertisement&lt;/p&gt;</description></item>
<item><title>Second item</title><link>/relative/path</link></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r1.example/"><title>R1</title><link>https://r1.example/</link></channel>
<item rdf:about="https://r1.example/a"><title>RDF item</title><link>https://r1.example/a</link>
<dc:date>2024-05-14T10:00:00Z</dc:date><dc:creator>Lee</dc:creator></item></rdf:RDF>"""

RSS091 = b"""<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
<item><title>Old style</title><link>http://old.example/1</link><description>Plain text</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="iso-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Zeitung</title>
<entry><title>Grüße aus Köln</title><link href="https://zeitung.example/koeln"/>
<id>tag:zeitung.example,2024:1</id><updated>2024-05-14T08:00:00+02:00</updated>
<author><name>Jörg</name></author><summary>Kurz.</summary>
<content type="html">&lt;p&gt;Ein langer Text über Köln.&lt;/p&gt;&lt;p&gt;Zweiter Absatz.&lt;/p&gt;</content></entry>
</feed>""".encode("iso-8859-1")

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "JF", "language": "fr-FR",
    "items": [{"id": "1", "url": "https://jf.example/1", "title": "Bonjour",
               "content_html": "<p>Un texte.</p>", "date_published": "2024-05-14T10:00:00Z",
               "authors": [{"name": "Claire"}]}],
}).encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


def test_rss2_items() -> None:
    feed = parse_feed(RSS2, "https://harbour.example/feed.xml", "application/rss+xml")
    assert feed.kind == "rss20" and feed.title == "Harbour Daily" and feed.ttl_minutes == 30
    first, second = feed.items
    assert first.title == "Ferry strike ends after two weeks"
    assert first.link == "https://harbour.example/ferry?utm_source=rss"
    assert first.published == datetime(2024, 5, 14, 9, 30, tzinfo=timezone.utc)
    assert first.summary == "Ferries sail again." and first.language == "en"
    assert "Ana Ruiz" in (first.author or "")
    assert second.link == "https://harbour.example/relative/path"


@pytest.mark.parametrize(("body", "kind", "title"), [(RSS1, "rss10", "RDF item"), (RSS091, "rss091u", "Old style")])
def test_older_rss(body: bytes, kind: str, title: str) -> None:
    feed = parse_feed(body)
    assert feed.kind.startswith(kind[:5]) and feed.items[0].title == title


def test_atom_in_latin1() -> None:
    item = parse_feed(ATOM).items[0]
    assert item.title == "Grüße aus Köln" and item.author == "Jörg" and item.language == "de"
    assert item.text == "Ein langer Text über Köln.\n\nZweiter Absatz."
    assert item.published == datetime(2024, 5, 14, 6, 0, tzinfo=timezone.utc)


def test_json_feed() -> None:
    feed = parse_feed(JSON_FEED)
    item = feed.items[0]
    assert feed.kind == "json1" and item.title == "Bonjour" and item.text == "Un texte."
    assert item.author == "Claire" and item.language == "fr"
    assert looks_like_feed(JSON_FEED, "application/feed+json")


@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_declarations_are_refused(body: bytes) -> None:
    with pytest.raises(FeedError, match="refused: XML entity declarations"):
        parse_feed(body)


def test_malformed_without_entries_is_an_error_with_entries_a_warning() -> None:
    with pytest.raises(FeedError, match="malformed feed"):
        parse_feed(b"<rss version='2.0'><channel><title>broken</title><</channel>")
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>")
    with pytest.raises(FeedError, match="malformed feed: invalid JSON"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1", ')
    usable = parse_feed(b"<rss version='2.0'><channel><item><title>ok &bogus; item</title>"
                        b"<link>https://x.example/1</link></item></channel></rss>")
    assert usable.items and usable.warning


def test_sniffing_feeds_from_pages() -> None:
    assert looks_like_feed(RSS2, "text/xml")
    assert looks_like_feed(ATOM, "application/octet-stream")
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><feed>", "text/html")
    assert not looks_like_feed(b"<!doctype html><html><body>news</body></html>", "text/html")


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_to_text("<p>One &amp; two.</p><script>alert(1)</script><p>Three<br>four</p>")
    assert text == "One & two.\n\nThree\n\nfour"


def test_feed_autodiscovery_links() -> None:
    from briefs.collect.feeds import discover_feed_links

    page = (b"<html><head><link rel='stylesheet' href='/s.css'>"
            b'<link rel="alternate" type="application/rss+xml" title="All" href="/feed.xml?a=1&amp;b=2">'
            b"<link type='application/atom+xml' rel='alternate' href='https://cdn.example/atom'>"
            b"<link rel='alternate' type='text/html' href='/en'>"
            b"<link rel='alternate' type='application/rss+xml' href='javascript:alert(1)'></head></html>")
    assert discover_feed_links(page, "https://site.example/") == [
        "https://site.example/feed.xml?a=1&b=2", "https://cdn.example/atom"]


def test_skip_hours() -> None:
    from datetime import datetime, timezone

    from briefs.collect.collector import after_skipped_hours

    body = RSS2.replace(b"<ttl>30</ttl>", b"<skipHours><hour>0</hour><hour>1</hour><hour>23</hour></skipHours>")
    assert parse_feed(body).skip_hours == (0, 1, 23)
    late = datetime(2024, 5, 14, 23, 40, tzinfo=timezone.utc)
    assert after_skipped_hours(late, (0, 1, 23)) == datetime(2024, 5, 15, 2, 0, tzinfo=timezone.utc)
    assert after_skipped_hours(late, ()) == late
