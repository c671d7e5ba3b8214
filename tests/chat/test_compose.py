"""Briefings, answers and help as neutral documents."""

from __future__ import annotations

from bot.cli.brief import render_text
from bot.render.compose import (
    answer_document,
    apology_document,
    briefing_document,
    command_usage,
    help_document,
)
from bot.render.render import render_plain, render_slack, render_telegram
from briefs.models import Answer, Briefing, Citation, Figure, Quote, SourceRef, StoryBrief

STORY = StoryBrief(
    title="Xi and Putin pledge deeper partnership",
    summary=("First key sentence.", "Second one."),
    quotes=(Quote("inject strong momentum", "Xi Jinping", "a1"),
            Quote("a new era", None, "a2")),
    numbers=(Figure("$2 billion", "Blinken pledged $2 billion in foreign military financing", "a1"),),
    sources=(SourceRef("a1", "Xi and Putin meet", "https://news.example/a1"),
             SourceRef("a2", "Summit in Beijing", "https://www.other.example/x", site="Other News"),
             SourceRef("a3", "Local copy", "file:///srv/news/a3.txt")),
    story_id=7,
)


def test_briefing_document_shows_every_part_of_a_story() -> None:
    doc = briefing_document(Briefing(stories=(STORY,)))
    text = render_plain(doc)
    assert text.startswith("Xi and Putin pledge deeper partnership")
    assert "First key sentence. Second one." in text
    assert "“inject strong momentum”\n    — Xi Jinping" in text
    assert "“a new era”" in text
    assert "$2 billion — Blinken pledged" in text
    assert "Source: Xi and Putin meet <https://news.example/a1>" in text
    assert "Also reported by: Other News <https://www.other.example/x>, Local copy" in text


def test_a_reported_quotation_names_its_speaker_and_the_report() -> None:
    quote = Quote("The pier opens in May", "Tomas Brandt", "a1", via="Harbor Radio")
    story = StoryBrief(title="Pier", summary=("One.",), quotes=(quote,), numbers=(),
                       sources=(SourceRef("a1", "Pier news", "https://news.example/a1"),))
    doc = briefing_document(Briefing(stories=(story,)))
    assert "“The pier opens in May”\n    — Tomas Brandt, according to Harbor Radio" in render_plain(doc)
    [html_text] = render_telegram(doc)
    assert "— Tomas Brandt, according to Harbor Radio</blockquote>" in html_text
    assert quote.to_json() == {"text": "The pier opens in May", "speaker": "Tomas Brandt", "source_id": "a1",
                               "via": "Harbor Radio"}
    assert "via" not in STORY.quotes[0].to_json()  # only when the source names a report


def test_briefing_meta_keeps_story_and_article_ids() -> None:
    doc = briefing_document(Briefing(stories=(STORY,)))
    assert doc.meta["kind"] == "briefing"
    assert doc.meta["story_ids"] == [7]
    assert doc.meta["article_ids"] == ["a1", "a2", "a3"]


def test_titles_are_bold_numbers_stand_out_and_sources_link() -> None:
    [html_text] = render_telegram(briefing_document(Briefing(stories=(STORY,))))
    assert "<b>Xi and Putin pledge deeper partnership</b>" in html_text
    assert "<b>$2 billion</b>" in html_text
    assert '<a href="https://news.example/a1">Xi and Putin meet</a>' in html_text
    assert "file:///" not in html_text  # a local file is named, not linked
    assert "<blockquote>" in html_text


def test_empty_briefing_says_so() -> None:
    assert "Nothing to brief" in render_plain(briefing_document(Briefing()))


def test_grounded_answer_has_numbered_citations() -> None:
    answer = Answer("They pledged $2 billion [1].", True, (
        Citation("a1", "Xi and Putin meet", "https://news.example/a1", "Blinken pledged $2 billion."),
        Citation("a2", "Summit", "https://other.example/x", ""),
    ))
    doc = answer_document(answer)
    text = render_plain(doc)
    assert "[1] Xi and Putin meet <https://news.example/a1> — “Blinken pledged $2 billion.”" in text
    assert "[2] Summit <https://other.example/x>" in text
    assert doc.meta == {"kind": "answer", "grounded": True, "article_ids": ["a1", "a2"]}


def test_ungrounded_answer_is_plain() -> None:
    doc = answer_document(Answer("The collected articles do not say.", False, ()))
    assert render_plain(doc) == "The collected articles do not say."


def test_help_lists_the_commands_per_platform() -> None:
    telegram = render_plain(help_document())
    slack = render_plain(help_document(platform="slack"))
    for name in ("brief", "ask", "subscribe", "unsubscribe", "sources", "schedule", "settings"):
        assert f"/{name}" in telegram
    assert "/brief ask QUESTION" in slack and "/brief schedule" in slack
    assert command_usage("brief", "slack") == "/brief [topic]"
    assert render_slack(help_document(platform="slack"))[0]["blocks"]


def test_apology_is_short() -> None:
    assert render_plain(apology_document()).startswith("Sorry")


def test_german_briefing_labels_come_from_the_catalogue() -> None:
    text = render_plain(briefing_document(Briefing(stories=(STORY,)), language="de"))
    assert "Quelle: Xi and Putin meet <https://news.example/a1>" in text
    assert "Auch berichtet von: Other News <https://www.other.example/x>, Local copy" in text
    assert "Source:" not in text and "Also reported by" not in text
    assert "“inject strong momentum”\n    — Xi Jinping" in text  # the engine's text as it is
    assert "Noch nichts zu berichten" in render_plain(briefing_document(Briefing(), language="de"))


def test_german_answer_labels_its_sources() -> None:
    answer = Answer("Sie sagten $2 billion [1].", True, (
        Citation("a1", "Xi and Putin meet", "https://news.example/a1", ""),))
    text = render_plain(answer_document(answer, language="de"))
    assert text.startswith("Sie sagten $2 billion [1].\n")
    assert "Quellen:" in text and "Sources:" not in text


def test_german_help_and_apology() -> None:
    assert "Antworte auf ein Briefing" in render_plain(help_document(language="de"))
    assert "Erwähne mich" in render_plain(help_document(platform="slack", language="de"))
    assert "Tippe eine Frage" in render_plain(help_document(platform="console", language="de"))
    assert render_plain(apology_document(language="de")).startswith("Entschuldigung")


def test_an_unknown_language_falls_back_to_english_labels() -> None:
    text = render_plain(briefing_document(Briefing(stories=(STORY,)), language="xx"))
    assert "Source: " in text and "Also reported by: " in text


def test_the_console_briefing_shows_the_report_beside_the_speaker() -> None:
    quote = Quote("The pier opens in May", "Tomas Brandt", "a1", via="Harbor Radio")
    story = StoryBrief(title="Pier", summary=("One.",), quotes=(quote,), numbers=(),
                       sources=(SourceRef("a1", "Pier news", "https://news.example/a1"),))
    assert "“The pier opens in May” — Tomas Brandt, according to Harbor Radio" in render_text(
        Briefing(stories=(story,)))
