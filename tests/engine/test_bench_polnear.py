"""bench/quotes_polnear_test.py reads PolNeAR's standoff annotations: a file written here in the
same format, not the corpus's (no clone needed)."""

from __future__ import annotations

from bench.quotes_polnear_test import attributions
from bench.summaries import annotated_sources, same_mention

TEXT = ("The mayor spoke on Monday.\n\n\u201cWe will rebuild the pier,\u201d Dana Whitlow said.\n\n"
        "Whitlow added that the levy would pass.")


def _span(words: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return f"{start} {start + len(words)}"


def _ann() -> str:
    quoted = "\u201cWe will rebuild the pier,\u201d"
    return "\n".join([
        f"T1\tSource {_span('Dana Whitlow')}\tDana Whitlow",
        f"T2\tCue {_span('said')}\tsaid",
        f"T3\tContent {_span(quoted)}\t{quoted}",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        f"T4\tSource {_span('Whitlow', 1)}\tWhitlow",
        f"T5\tCue {_span('added')}\tadded",
        f"T6\tContent {_span('the levy would pass')}\tthe levy\nwould pass",  # a span's text past a newline
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
        "#1\tAnnotatorNotes T1\tchecked",
    ])


def test_each_event_becomes_an_attribution_with_the_article_s_own_words() -> None:
    found = attributions(_ann(), TEXT)
    assert [(a["source"]["text"], a["cue"]["text"], a["has_quotation_marks"]) for a in found] == [
        ("Dana Whitlow", "said", True), ("Whitlow", "added", False)]
    assert found[1]["content"]["text"] == "the levy would pass"


def test_only_quoted_contents_reach_the_scoring() -> None:
    record = {"annotations": [{"annotator": "a1", "attributions": attributions(_ann(), TEXT)}]}
    assert annotated_sources(record) == [("\u201cWe will rebuild the pier,\u201d", ["Dana Whitlow"])]


def test_a_role_phrase_opening_the_annotated_source_is_the_same_mention() -> None:
    assert same_mention("the designer", "the designer, who works for another brand at Norvale")
    assert same_mention("the base chief", "the base chief known as Bob")
    # guards: a longer phrase names somebody else; one word is too little to tell
    assert not same_mention("the company", "the company spokesman")
    assert not same_mention("the company", "the company\u2019s chief executive")
    assert not same_mention("Trump", "Trump, who spoke first")
