"""A chat's own summary length: digests summarize to it, within 1..MAX_SUMMARY_SENTENCES."""

from __future__ import annotations

import dataclasses

import pytest

from briefs.models import ArticleDraft, Scope
from briefs.service import BriefingService
from briefs.write.briefing import MAX_SUMMARY_SENTENCES, BriefingWriter, summary_length

# Eight plain statements, so that every length up to the cap can be filled.
TRAMS = (
    "Northbay council approved a $52 million tram line to the harbour on Tuesday. "
    "The line will run 6 kilometres from the station to the ferry terminal. "
    "Construction is due to start next spring and take two years. "
    "The council expects 9,000 passengers a day once the line opens. "
    "Trams will run every eight minutes at peak times. "
    "Shop owners on Harbour Road asked for help during the building work. "
    "The council promised a fund of $2 million for affected businesses. "
    "A public meeting on the route will be held at the town hall next month."
)


@pytest.fixture
def stored(store):  # type: ignore[no-untyped-def]
    url = "https://northbay.example/trams"
    store.add_article(ArticleDraft(url=url, title="Northbay approves harbour tram line", text=TRAMS))
    return store


async def _lengths(store, settings, **kwargs) -> list[int]:  # type: ignore[no-untyped-def]
    writer = BriefingWriter(store, settings)
    try:
        briefing = await writer.digest(Scope(), **kwargs)
    finally:
        await writer.aclose()
    return [len(story.summary) for story in briefing.stories]


async def test_default_length_is_the_configured_one(stored, settings) -> None:  # type: ignore[no-untyped-def]
    assert await _lengths(stored, settings) == [settings.brief.summary_sentences]
    assert await _lengths(stored, settings, summary_sentences=None) == [settings.brief.summary_sentences]


@pytest.mark.parametrize(("asked", "written"), [(1, 1), (4, 4), (5, 5), (9, 5), (0, 1)])
async def test_a_chat_may_ask_for_shorter_or_longer_summaries(stored, settings, asked, written) -> None:  # type: ignore[no-untyped-def]
    assert await _lengths(stored, settings, summary_sentences=asked) == [written]


async def test_the_service_passes_the_length_through(stored, settings) -> None:  # type: ignore[no-untyped-def]
    service = BriefingService(stored, settings)
    try:
        briefing = await service.brief(Scope(), summary_sentences=5)
    finally:
        await service.aclose()
    assert len(briefing.stories[0].summary) == 5
    assert all(sentence in TRAMS for sentence in briefing.stories[0].summary)


def test_summary_length_bounds() -> None:
    assert summary_length(None, 3) == 3
    assert summary_length(4, 3) == 4
    assert summary_length(MAX_SUMMARY_SENTENCES + 3, 3) == MAX_SUMMARY_SENTENCES
    assert summary_length(-2, 3) == 1
    # An operator who configured longer summaries keeps them as the ceiling.
    assert summary_length(8, 7) == 7


async def test_a_longer_default_is_not_cut_to_the_cap(stored, settings) -> None:  # type: ignore[no-untyped-def]
    longer = dataclasses.replace(settings, brief=dataclasses.replace(settings.brief, summary_sentences=6))
    assert await _lengths(stored, longer, summary_sentences=6) == [6]
