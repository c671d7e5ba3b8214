"""Rendering one neutral document for Telegram, Slack and the console, with splitting."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bot.messages import Block, Document, Span
from bot.render.render import (
    cut_point,
    mrkdwn_escape,
    render_plain,
    render_slack,
    render_telegram,
    split_block,
    telegram_block,
    utf16_len,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(html_text: str) -> str:
    parser = _Tags()
    parser.feed(html_text)
    parser.close()
    assert parser.stack == []
    return parser.text


def long_paragraph(sentences: int, word: str = "Markets") -> Block:
    text = " ".join(f"{word} rose {i}% & fell <again> on day {i}." for i in range(sentences))
    return Block("paragraph", (Span("Lead: ", "bold"), Span(text), Span(" more", "link", "https://x.org/?a=1&b=2")))


def test_telegram_escapes_text_and_link_urls() -> None:
    doc = Document((Block("paragraph", (Span("a < b & c"), Span("site", "link", 'https://x.org/"q"&r'))),))
    [html_text] = render_telegram(doc)
    assert html_text == 'a &lt; b &amp; c<a href="https://x.org/&quot;q&quot;&amp;r">site</a>'


def test_telegram_styles() -> None:
    doc = Document((
        Block("heading", (Span("Title", "bold"),)),
        Block("quote", (Span("“We will”"),), attribution="Ada Lovelace"),
        Block("bullets", items=((Span("$2 billion", "bold"), Span(" — aid")),)),
        Block("context", (Span("Source: "),)),
    ))
    [html_text] = render_telegram(doc)
    assert "<b>Title</b>" in html_text and "<b><b>" not in html_text
    assert "<blockquote>“We will”\n— Ada Lovelace</blockquote>" in html_text
    assert "• <b>$2 billion</b> — aid" in html_text
    parse(html_text)


def test_telegram_splits_long_documents_into_valid_messages_under_the_limit() -> None:
    doc = Document(tuple([long_paragraph(80)] * 3 + [Block("divider"), long_paragraph(5)]))
    messages = render_telegram(doc)
    assert len(messages) > 3
    for message in messages:
        assert utf16_len(message) <= 4000
        parse(message)
        assert not message.startswith("───")
    # Nothing is lost: the texts put together are the document's text.
    joined = " ".join(parse(m) for m in messages)
    assert joined.count("rose") == 80 * 3 + 5


def test_split_happens_at_sentence_ends() -> None:
    block = long_paragraph(40)
    pieces = split_block(block, lambda b: len(telegram_block(b)), 1000)
    assert len(pieces) > 1
    for piece in pieces[:-1]:
        text = "".join(span.text for span in piece.spans)
        assert text.rstrip().endswith(".")


def test_cut_point_prefers_paragraphs_then_sentences_then_spaces() -> None:
    assert cut_point("One. Two.\n\nThree four five six seven.") == len("One. Two.\n\n")
    assert cut_point("One two three. Four five. Six.") == len("One two three. ")
    assert cut_point("alpha beta gamma delta") in (len("alpha beta "),)
    assert cut_point("abcdefgh") == 4


def test_emoji_count_double_for_telegram() -> None:
    assert utf16_len("📈") == 2
    doc = Document.text(" ".join(["📈 up."] * 1500))
    for message in render_telegram(doc):
        assert utf16_len(message) <= 4000


@pytest.mark.parametrize("raw", ["<!channel>", "<!here>", "<@U123>", "<https://evil|click>"])
def test_mrkdwn_escaping_defuses_control_sequences(raw: str) -> None:
    assert "<" not in mrkdwn_escape(raw) and ">" not in mrkdwn_escape(raw)


def test_mrkdwn_defuses_bare_broadcasts() -> None:
    for word in ("@here", "@channel", "@everyone", "@HERE"):
        assert word not in mrkdwn_escape(f"hey {word} look")


def test_slack_blocks_sections_and_fallback() -> None:
    doc = Document((
        Block("heading", (Span("Title <!channel>", "bold"),)),
        Block("paragraph", (Span("Body "), Span("bold", "bold"), Span(" and "),
                            Span("link", "link", "https://x.org/a?b=1&c=2"))),
        Block("quote", (Span("“Words”"),), attribution="Speaker"),
        Block("divider"),
        Block("context", (Span("Source"),)),
    ))
    [payload] = render_slack(doc)
    blocks = payload["blocks"]
    assert blocks[0] == {"type": "section", "text": {"type": "mrkdwn", "text": "*Title &lt;!channel&gt;*"}}
    assert blocks[1]["text"]["text"] == "Body *bold* and <https://x.org/a?b=1&amp;c=2|link>"
    assert blocks[2]["text"]["text"] == "> “Words”\n> — _Speaker_"
    assert blocks[3] == {"type": "divider"}
    assert blocks[4]["type"] == "context"
    assert "<!channel>" not in payload["text"] and payload["text"].startswith("Title")


def test_slack_limits_section_length_and_block_count() -> None:
    doc = Document(tuple([long_paragraph(100)] + [Block("paragraph", (Span(f"p{i}"),)) for i in range(120)]))
    payloads = render_slack(doc)
    assert len(payloads) >= 3
    for payload in payloads:
        assert 0 < len(payload["blocks"]) <= 50
        assert len(payload["text"]) < 3000
        for block in payload["blocks"]:
            assert len(block["text"]["text"]) < 3000


def test_plain_text_for_the_console() -> None:
    doc = Document((
        Block("heading", (Span("Title", "bold"),)),
        Block("quote", (Span("“Words”"),), attribution="Speaker"),
        Block("context", (Span("Source: "), Span("Site", "link", "https://x.org"))),
    ))
    assert render_plain(doc) == "Title\n\n  “Words”\n    — Speaker\n\nSource: Site <https://x.org>"


def test_slack_drops_empty_blocks() -> None:
    doc = Document((Block("paragraph", (Span(""),)), Block("paragraph", (Span("x"),))))
    [payload] = render_slack(doc)
    assert [b["text"]["text"] for b in payload["blocks"]] == ["x"]


def test_plain_text_can_mark_bold_for_terminals() -> None:
    from bot.render.render import ansi_bold

    doc = Document((Block("heading", (Span("Title", "bold"),)),
                    Block("bullets", items=((Span("$2", "bold"), Span(" aid")),))))
    assert render_plain(doc, ansi_bold) == "\033[1mTitle\033[0m\n\n  • \033[1m$2\033[0m aid"
