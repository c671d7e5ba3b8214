"""The feed parser and the page extractor under hostile and arbitrary input: a result or a
clear error, never an unexpected exception; entity declarations refused whatever precedes
them; one huge item costs no more than the cap."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.collect.extract import extract_page
from briefs.collect.feeds import FeedError, cap_text, looks_like_feed, parse_feed

LAUGHS = (b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
          b'<rss version="2.0"><channel><title>&c;</title><item><title>&c;</title>'
          b'<link>http://example.com/1</link></item></channel></rss>')


@pytest.mark.parametrize("prefix", [
    b'<?xml version="1.0" encoding="bogus-encoding-x"?>',
    b'<?xml version="1.0" encoding="utf-16"?>',  # declared, but the bytes are not UTF-16
    b"junk before the prologue\n",
    b"\x00\x01\x02 binary junk ",
    b"\xef\xbb\xbf  <!-- a comment -->",
])
def test_entity_declarations_are_refused_whatever_precedes_them(prefix: bytes) -> None:
    with pytest.raises(FeedError, match="refused: XML entity declarations"):
        parse_feed(prefix + LAUGHS)


def test_entity_declarations_in_utf16_without_a_bom_are_refused() -> None:
    body = '<?xml version="1.0" encoding="bogus"?>'.encode("utf-16-le") + LAUGHS.decode().encode("utf-16-le")
    with pytest.raises(FeedError, match="refused"):
        parse_feed(body)


def test_an_entity_named_in_an_item_body_is_not_a_declaration() -> None:
    body = (b'<rss version="2.0"><channel><title>XML news</title><item><title>DTDs explained</title>'
            b"<link>http://example.com/dtd</link><description><![CDATA[Write <!ENTITY x \"y\"> in a DTD.]]>"
            b"</description></item></channel></rss>")
    assert parse_feed(body).items[0].title == "DTDs explained"


def test_a_huge_item_is_cut_to_the_cap() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of the council's very long report on the harbour.</p>"
                         for i in range(60_000))  # about 4 MB of HTML
    body = ('<rss version="2.0"><channel><title>T</title><item><title>Huge</title>'
            f"<link>http://example.com/x</link><description><![CDATA[{paragraphs}]]></description>"
            "</item></channel></rss>").encode()
    [item] = parse_feed(body, max_item_chars=10_000).items
    assert 5_000 < len(item.text) <= 10_000 and item.text.rstrip().endswith(".")


def test_cap_text_keeps_short_text_and_cuts_at_a_boundary() -> None:
    assert cap_text("short", 100) == "short"
    cut = cap_text("One sentence here. " * 100, 120)
    assert len(cut) <= 120 and cut.endswith(".")


FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
XMLISH = st.lists(st.sampled_from([
    b"<rss>", b"</rss>", b"<channel>", b"<item>", b"<title>", b"</title>", b"<link>", b"]]>",
    b"<![CDATA[", b"<!DOCTYPE x [", b"<!ENTITY a 'b'>", b"&a;", b"<?xml version='1.0'?>",
    b"encoding='utf-16'", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry>", b"\xff\xfe",
    b"\x00", b"{", b'"version": "https://jsonfeed.org/version/1.1"', b"}", b"<p>", b"&#0;",
]) | st.binary(max_size=40), max_size=30).map(b"".join)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), XMLISH))
def test_the_feed_parser_gives_a_feed_or_a_clear_error(body: bytes) -> None:
    looks_like_feed(body)
    try:
        feed = parse_feed(body, "http://example.com/feed", "application/rss+xml")
    except FeedError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for item in feed.items:
        assert isinstance(item.text, str)


HTMLISH = st.lists(st.sampled_from([
    "<html>", "<head>", "<title>", "</title>", "<meta charset='utf-16'>", "<body>", "<article>",
    "<p>", "</p>", "The council met on Tuesday and agreed a budget of 4 million euros. ",
    "<script>", "</script>", "<!--", "-->", "<", ">", "&amp;", "&#x0;", "\x00", "\ud7ff",
    "<meta property='og:title' content='", "'>", "<time datetime='9999-99-99'>",
    '<script type="application/ld+json">{"datePublished": "', '"}</script>',
]) | st.text(max_size=40), max_size=40).map("".join)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), HTMLISH, HTMLISH.map(lambda t: t.encode("utf-8", "replace"))))
def test_the_page_extractor_gives_a_page_or_none(html: str | bytes) -> None:
    page = extract_page(html, "http://example.com/article")
    assert page is None or (isinstance(page.text, str) and page.text.strip())


def test_a_huge_page_is_cut_before_and_after_extraction(monkeypatch) -> None:
    from briefs.collect import extract

    monkeypatch.setattr(extract, "MAX_ITEM_CHARS", 3_000)
    paragraphs = "".join(f"<p>Paragraph {i}: the council's report on the harbour runs on and on.</p>"
                         for i in range(2_000))  # about 150 KB of article
    page = extract_page(f"<html><body><article>{paragraphs}</article></body></html>", "http://example.com/a")
    assert page is not None and len(page.text) <= 3_000
    assert "Paragraph 0:" in page.text and "Paragraph 1999" not in page.text
