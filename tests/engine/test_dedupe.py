"""Canonical URLs, exact and near duplicates, and story clusters."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from briefs.models import ArticleDraft
from briefs.stories.dedupe import (
    Deduplicator,
    canonical_url,
    content_hash,
    fingerprint,
    jaccard,
    simhash,
    simhash_similarity,
)


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://WWW.Example.com/News/Story/?utm_source=tw&utm_medium=social#comments",
     "https://example.com/News/Story"),
    ("https://example.com/story?b=2&a=1&fbclid=XYZ&gclid=1", "https://example.com/story?a=1&b=2"),
    ("https://example.com/story/amp", "https://example.com/story"),
    ("https://example.com/story?amp=1", "https://example.com/story"),
    ("https://amp.example.com/story", "https://example.com/story"),
    ("https://example.com/amp/story", "https://example.com/story"),
    ("https://example.com/story.amp.html", "https://example.com/story.html"),
    ("http://example.com:80/a//b/", "http://example.com/a/b"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("https://example.com/", "https://example.com/"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/search?q=amp+news", "https://example.com/search?q=amp+news"),
    ("file:///tmp/a.txt", "file:///tmp/a.txt"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_content_hash_ignores_spacing_case_and_punctuation() -> None:
    assert content_hash("The  council, approved it.\n\nYes!") == content_hash("the council approved it yes")
    assert content_hash("The council approved it.") != content_hash("The council rejected it.")


WIRE = (
    "Dock workers at the port of Kestrel voted on Thursday to accept a two-year pay deal, ending "
    "a strike that had halted most cargo traffic for twelve days. The union said 78 percent of "
    "members backed the offer in a ballot with a turnout of 83 percent. Shipping lines said it "
    "would take about a week to clear the backlog of containers waiting in the harbour, and the "
    "port authority thanked customers for their patience during the dispute. Talks had broken "
    "down twice before the mediator proposed a deal worth 6.5 percent over two years."
)
REWRITE = (
    "The twelve-day stoppage at Kestrel harbour is over. Members of the dock workers' union "
    "backed a 6.5 percent pay offer spread over two years, with 78 percent voting yes, and the "
    "first ships were unloaded on the evening shift. Port managers warned that a week of "
    "catch-up lay ahead, while exporters counted the cost of the Kestrel dispute."
)
OTHER = (
    "A hosepipe ban will start in Arden Valley on Monday after the Lake Arden reservoir fell to "
    "38 percent of capacity following the driest summer on record. Fines for repeat breaches "
    "start at 250 dollars, the water company said, and public fountains will be switched off."
)


def test_simhash_is_close_for_near_duplicates_and_far_otherwise() -> None:
    edited = WIRE.replace("Thursday", "Thursday evening") + " Reporting by the wire desk."
    assert simhash_similarity(simhash(WIRE), simhash(edited)) > 0.85
    assert simhash_similarity(simhash(WIRE), simhash(OTHER)) < 0.75
    assert -(2**63) <= simhash(WIRE) < 2**63  # fits a signed BIGINT
    assert jaccard(WIRE, edited) >= 0.8 > jaccard(WIRE, REWRITE)


def _draft(url: str, title: str, text: str, published: datetime | None = None) -> ArticleDraft:
    return ArticleDraft(url=url, title=title, text=text, urls=(url,), source=url, published=published,
                        content_hash=content_hash(text))


def _add(dedupe: Deduplicator, draft: ArticleDraft) -> tuple[str, int]:
    return dedupe.add(draft, fingerprint(draft.text))


def test_wire_story_on_two_sites_is_one_article_with_two_urls(store) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    outcome, first = _add(dedupe, _draft("https://a.example/port", "Port strike ends", WIRE))
    mirrored = WIRE.replace("said", "stated", 1) + " (Wire service)"
    outcome2, second = _add(dedupe, _draft("https://b.example/news/port", "Port strike over", mirrored))
    assert (outcome, outcome2) == ("new", "duplicate") and first == second
    assert store.get_article(first).urls == ("https://a.example/port", "https://b.example/news/port")
    # the exact same text again under a third URL: exact-hash duplicate
    assert _add(dedupe, _draft("https://c.example/p", "x", WIRE.upper()))[1] == first
    assert store.count_articles() == 1


def test_two_write_ups_of_one_event_are_two_articles_in_one_story(store) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    _, a = _add(dedupe, _draft("https://a.example/port", "Kestrel port strike ends with 6.5% pay deal", WIRE))
    _, b = _add(dedupe, _draft("https://b.example/port", "Kestrel dock workers back pay offer, ending strike", REWRITE))
    _, c = _add(dedupe, _draft("https://c.example/water", "Hosepipe ban in Arden Valley", OTHER))
    first, second, third = store.get_articles([a, b, c])
    assert a != b and first.story_id == second.story_id is not None
    assert third.story_id not in (None, first.story_id)


def test_same_publisher_does_not_cluster(store) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    _, a = _add(dedupe, _draft("https://a.example/port", "Kestrel port strike ends with 6.5% pay deal", WIRE))
    _, b = _add(dedupe, _draft("https://www.a.example/port-2", "Kestrel dock workers back pay offer, ending strike",
                               REWRITE))
    assert len({x.story_id for x in store.get_articles([a, b])}) == 2


def test_events_further_apart_than_the_window_do_not_cluster(store) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    then = datetime(2023, 3, 20, tzinfo=timezone.utc)
    _, a = _add(dedupe, _draft("https://a.example/port", "Kestrel port strike ends with 6.5% pay deal", WIRE, then))
    _, b = _add(dedupe, _draft("https://b.example/port", "Kestrel dock workers back pay offer, ending strike",
                               REWRITE, then + timedelta(days=400)))
    assert len({x.story_id for x in store.get_articles([a, b])}) == 2


def test_insert_race_with_another_process_counts_as_duplicate(store, monkeypatch) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    _, first = _add(dedupe, _draft("https://a.example/port", "Port strike ends", WIRE))
    # another process stored the same URL after our lookups: they all come back empty
    monkeypatch.setattr(store, "article_id_for_hash", lambda _h: None)
    real = store.article_id_for_url
    answers = iter([None])
    monkeypatch.setattr(store, "article_id_for_url", lambda url: next(answers, None) or real(url))
    monkeypatch.setattr(dedupe, "_near_duplicate", lambda *_a: None)
    assert _add(dedupe, _draft("https://a.example/port", "Port strike ends", OTHER)) == ("duplicate", first)


def test_short_identical_teasers_are_not_merged(store) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    teaser = "Breaking news: more to follow."
    _, a = _add(dedupe, _draft("https://a.example/1", "Fire at the docks", teaser))
    _, b = _add(dedupe, _draft("https://a.example/2", "Election called", teaser))
    assert a != b and store.count_articles() == 2
