"""Neutral documents from engine results: briefings, answers, help and short notices.

Everything a platform shows is composed here once, as a `Document`; bot/render.py turns it into
Telegram HTML, Slack Block Kit or plain text. `Document.meta` records what a message is (its
story ids and article ids), so that a reply to it can be understood as a follow-up.
The fixed labels ("Source:", "Sources:", …) come from bot/commands_text.py in the chat's
language; the engine's own text (titles, summaries, quotes, answers) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from bot.chat.commands_text import say
from bot.messages import Block, Document, Span
from briefs.models import Answer, Briefing, Citation, Figure, Quote, SourceRef, StoryBrief, StoryRef
from briefs.write.text import quoted

# The chat commands of INTERFACE.md, in menu order: (name, one-line description).
# Telegram's command menu (set_my_commands) and /help are both built from this list.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("brief", "the briefing now (optionally on a topic)"),
    ("ask", "a grounded answer with sources"),
    ("subscribe", "add a feed or site, or a topic filter"),
    ("unsubscribe", "remove a subscription by its id"),
    ("sources", "this chat's subscriptions and their health"),
    ("schedule", "when the daily briefing is pushed here"),
    ("settings", "length, language, number of stories"),
    ("help", "what the bot does and the commands"),
)
COMMAND_ARGS = {
    "brief": "[topic]", "ask": "QUESTION", "subscribe": "URL | topic WORDS",
    "unsubscribe": "ID", "schedule": "HH:MM [Area/City] [weekdays] | off",
}
APOLOGY = say("en", "apology")
HELP_TIPS = {"slack": "help_tip_slack", "console": "help_tip_console"}  # else "help_tip"


def briefing_document(briefing: Briefing, heading: str | None = None, *,
                      language: str = "en") -> Document:
    """A briefing: per story its title, summary, quotes, key numbers and linked sources."""
    blocks: list[Block] = []
    if heading:
        blocks.append(Block("heading", (Span(heading),)))
    if not briefing.stories:
        blocks.append(Block("paragraph", (Span(say(language, "brief_nothing")),)))
    for index, story in enumerate(briefing.stories):
        if index or heading:
            blocks.append(Block("divider"))
        blocks.extend(story_blocks(story, language=language))
    return Document(tuple(blocks), meta=briefing_meta(briefing))


def briefing_meta(briefing: Briefing) -> dict[str, object]:
    stories = [
        {"story_id": s.story_id, "title": s.title, "article_ids": [src.id for src in s.sources]}
        for s in briefing.stories
    ]
    return {
        "kind": "briefing",
        "story_ids": [s.story_id for s in briefing.stories if s.story_id is not None],
        "article_ids": [a for s in stories for a in s["article_ids"]],  # type: ignore[union-attr]
        "stories": stories,
        "generated_by": briefing.generated_by,
    }


# Labels of the story layer, here until the chat catalogue takes them over.
_PREVIOUSLY = {"en": "Previously", "de": "Zuvor"}
_SAMPLE = {"en": "Sample news (bundled demo, not from your sources)",
           "de": "Beispielnachricht (mitgeliefertes Demo, nicht aus Ihren Quellen)"}


def story_blocks(story: StoryBrief, *, language: str = "en") -> list[Block]:
    blocks = [Block("heading", (Span(story.title, "bold"),))]
    if story.sample:
        blocks.append(Block("context", (Span(_SAMPLE.get(language, _SAMPLE["en"]), "italic"),)))
    if story.summary:
        blocks.append(Block("paragraph", (Span(" ".join(story.summary)),)))
    blocks.extend(quote_block(q) for q in story.quotes)
    if story.numbers:
        blocks.append(Block("bullets", items=tuple(figure_spans(n) for n in story.numbers)))
    blocks.extend(source_blocks(story.sources, language=language))
    if story.previous is not None:
        blocks.append(previously_block(story.previous, language=language))
    return blocks


def previously_block(previous: StoryRef, *, language: str = "en") -> Block:
    """"Previously, 20 Mar 2023: <earlier story>" (no date when the earlier one is undated)."""
    label = _PREVIOUSLY.get(language, _PREVIOUSLY["en"])
    when = f", {previous.published:%-d %b %Y}" if previous.published else ""
    return Block("context", (Span(f"{label}{when}: "), _link(previous.title, previous.url)))


def quote_block(quote: Quote) -> Block:
    # The quotation marks are added here, not by the engine: quote.text is verbatim without them.
    return Block("quote", (Span(f"“{quote.text}”"),), attribution=quote.credit)


def figure_spans(figure: Figure) -> tuple[Span, ...]:
    """The figure in bold, then the clause it came from, so it stands out but keeps its meaning."""
    context = figure.context.strip()
    if not context or context == figure.text:
        return (Span(figure.text, "bold"),)
    return (Span(figure.text, "bold"), Span(f" — {context}"))


def source_blocks(sources: Sequence[SourceRef], *, language: str = "en") -> list[Block]:
    """"Source: <title>" for the first; "Also reported by: <site>, …" for the others."""
    if not sources:
        return []
    first, others = sources[0], sources[1:]
    label = Span(f"{say(language, 'label_source')} ")
    blocks = [Block("context", (label, _link(first.title or site_name(first), first.url)))]
    if others:
        spans: list[Span] = [Span(f"{say(language, 'label_also_reported')} ")]
        for index, source in enumerate(others):
            if index:
                spans.append(Span(", "))
            spans.append(_link(site_name(source), source.url))
        blocks.append(Block("context", tuple(spans)))
    return blocks


def site_name(source: SourceRef) -> str:
    if source.site:
        return source.site
    host = urlsplit(source.url).hostname
    if not host:  # a local file: its title says more than its path
        return source.title or source.url.rsplit("/", 1)[-1]
    return host.removeprefix("www.")


def _link(text: str, url: str) -> Span:
    # Only http(s) URLs become links: a file:// path (a local source) is shown as text.
    if url.startswith(("http://", "https://")):
        return Span(text, "link", url)
    return Span(text)


def answer_document(answer: Answer, *, language: str = "en") -> Document:
    """An answer with numbered citations; an ungrounded answer is said plainly, without any."""
    blocks = [Block("paragraph", (Span(answer.answer),))]
    if answer.grounded and answer.citations:
        blocks.append(Block("context", (Span(say(language, "label_sources")),)))
        blocks.append(Block("bullets", items=tuple(
            citation_spans(number, c) for number, c in enumerate(answer.citations, 1))))
    meta = {
        "kind": "answer",
        "grounded": answer.grounded,
        "article_ids": [c.source_id for c in answer.citations],
    }
    return Document(tuple(blocks), meta=meta)


def citation_spans(number: int, citation: Citation) -> tuple[Span, ...]:
    spans: list[Span] = [Span(f"[{number}] "), _link(citation.title or citation.url, citation.url)]
    if citation.excerpt:
        spans.append(Span(f" — {quoted(citation.excerpt)}", "italic"))
    return tuple(spans)


def help_document(intro: str | None = None, commands: Iterable[tuple[str, str]] = COMMANDS,
                  platform: str = "telegram", *, language: str = "en") -> Document:
    """The commands; on Slack they are spelled as the one slash command (``/brief ask …``)."""
    intro = intro or say(language, "help_intro")
    items = tuple((Span(command_usage(name, platform), "code"), Span(f" — {description}"))
                  for name, description in commands)
    tip = say(language, HELP_TIPS.get(platform, "help_tip"))
    blocks = (Block("paragraph", (Span(intro),)), Block("bullets", items=items),
              Block("context", (Span(tip),)))
    return Document(blocks, meta={"kind": "help"})


def command_usage(name: str, platform: str = "telegram") -> str:
    args = COMMAND_ARGS.get(name, "")
    if platform == "slack":
        words = ["/brief"] + ([] if name == "brief" else [name]) + ([args] if args else [])
    else:
        words = [f"/{name}"] + ([args] if args else [])
    return " ".join(words)


def notice_document(text: str, kind: str = "notice") -> Document:
    """A short reply (confirmations, errors, usage hints) as plain paragraphs."""
    document = Document.text(text)
    return Document(document.blocks, meta={"kind": kind})


def apology_document(*, language: str = "en") -> Document:
    return notice_document(say(language, "apology"), kind="error")
