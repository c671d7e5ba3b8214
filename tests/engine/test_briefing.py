"""Digests from stored articles and briefs of unstored ones (extractive, offline)."""

from __future__ import annotations

from datetime import timedelta

from briefs.models import ArticleDraft, Scope, utcnow
from briefs.write.briefing import BriefingWriter, doc_from_draft, group_docs

FLOOD = (
    "The city council of Port Avery approved a $40 million flood wall on Tuesday after three "
    "storms flooded the harbour district in a single year.\n\n"
    "Mayor Dana Whitfield said the wall would protect 12,000 homes. \u201cWe cannot keep "
    "rebuilding the same streets every winter,\u201d Whitfield said."
)
FLOOD_2 = (
    "Port Avery will build a $40 million flood wall along the harbour district, the city council "
    "decided on Tuesday, after three storms flooded the harbour in one year.\n\n"
    "The wall is meant to protect 12,000 homes, Mayor Dana Whitfield said."
)
HARVEST = (
    "Farmers in the Lowen valley began the grape harvest two weeks early after a dry summer. "
    "Growers expect a smaller crop but sweeter wine.\n\n"
    "\u201cThe grapes have never ripened this fast in my lifetime,\u201d said grower Ines Falk."
)
ELECTION = (
    "Voters in the northern province elected a new governor on Sunday, with turnout at 61% "
    "according to the electoral commission. The winner, Paula Renn, promised to cut rail fares."
)


def draft(text: str, url: str, title: str, published=None) -> ArticleDraft:
    return ArticleDraft(url=url, title=title, text=text, urls=(url,), published=published)


async def digest(store, settings, scope: Scope | None = None, **kwargs):
    writer = BriefingWriter(store, settings)
    try:
        return await writer.digest(scope or Scope(), **kwargs)
    finally:
        await writer.aclose()


def test_inputs_on_one_event_group_together() -> None:
    docs = [doc_from_draft(d, f"a{i + 1}") for i, d in enumerate([
        draft(FLOOD, "https://a.example/flood", "Port Avery approves $40m flood wall"),
        draft(HARVEST, "https://b.example/grapes", "Early harvest in Lowen valley"),
        draft(FLOOD_2, "https://c.example/wall", "Port Avery to build harbour flood wall"),
    ])]
    groups = group_docs(docs)
    assert [[d.source_id for d in g] for g in groups] == [["a1", "a3"], ["a2"]]


async def test_summarize_several_drafts_ids_by_input_order(store, settings) -> None:
    writer = BriefingWriter(store, settings)
    try:
        briefing = await writer.summarize([
            draft(FLOOD, "https://a.example/flood", "Port Avery approves $40m flood wall | Avery Post"),
            draft(HARVEST, "https://b.example/grapes", "Early harvest in Lowen valley"),
            draft(FLOOD_2, "https://c.example/wall", "Port Avery to build harbour flood wall"),
        ])
    finally:
        await writer.aclose()
    first, second = briefing.stories
    assert first.title == "Port Avery approves $40m flood wall"  # site name removed
    assert [s.id for s in first.sources] == ["a1", "a3"]
    assert [s.id for s in second.sources] == ["a2"]
    assert second.quotes[0].speaker == "Ines Falk"
    for story in briefing.stories:
        ids = {s.id for s in story.sources}
        assert {q.source_id for q in story.quotes} <= ids and {n.source_id for n in story.numbers} <= ids
    shape = briefing.to_json()
    assert shape["generated_by"] == "extractive"
    assert set(shape["stories"][0]) >= {"title", "summary", "quotes", "numbers", "sources"}


async def test_digest_groups_by_story_and_ranks_by_sources_and_recency(store, settings) -> None:
    now = utcnow()
    story = store.new_story("flood wall")
    store.add_article(draft(FLOOD, "https://a.example/flood", "Flood wall approved", now - timedelta(hours=5)),
                      story_id=story)
    store.add_article(draft(FLOOD_2, "https://c.example/wall", "Harbour wall", now - timedelta(hours=4)),
                      story_id=story)
    store.add_article(draft(HARVEST, "https://b.example/grapes", "Early harvest", now - timedelta(hours=3)))
    store.add_article(draft(ELECTION, "https://d.example/vote", "New governor", now - timedelta(days=6)))
    briefing = await digest(store, settings)
    titles = [s.title for s in briefing.stories]
    assert titles[0] == "Flood wall approved"  # two independent publishers beat a fresher single one
    assert titles[1:] == ["Early harvest", "New governor"]
    top = briefing.stories[0]
    assert top.story_id == story
    assert [s.url for s in top.sources] == ["https://a.example/flood", "https://c.example/wall"]


async def test_digest_scope_topics_exclude_since_and_limit(store, settings) -> None:
    old = store.add_article(draft(ELECTION, "https://d.example/vote", "New governor"),
                            collected_at=utcnow() - timedelta(hours=48))
    store.add_article(draft(FLOOD, "https://a.example/flood", "Flood wall approved"))
    store.add_article(draft(HARVEST, "https://b.example/grapes", "Early harvest"))
    recent = await digest(store, settings, Scope(since=utcnow() - timedelta(hours=24)))
    assert {s.title for s in recent.stories} == {"Flood wall approved", "Early harvest"}
    topical = await digest(store, settings, Scope(topics=("grape", "governor")))
    assert {s.title for s in topical.stories} == {"Early harvest", "New governor"}
    excluded = await digest(store, settings, Scope(exclude=("harvest",)))
    assert "Early harvest" not in {s.title for s in excluded.stories}
    one = await digest(store, settings, Scope(), limit=1, topic="flood")
    assert [s.title for s in one.stories] == ["Flood wall approved"]
    assert old.id  # stored, merely out of the window above


async def test_digest_source_scope(store, settings) -> None:
    mine = store.add_source("https://a.example/feed.xml")
    other = store.add_source("https://b.example/feed.xml")
    store.add_article(draft(FLOOD, "https://a.example/flood", "Flood wall approved"), source_id=mine.id)
    store.add_article(draft(HARVEST, "https://b.example/grapes", "Early harvest"), source_id=other.id)
    briefing = await digest(store, settings, Scope(source_ids=frozenset({mine.id})))
    assert [s.title for s in briefing.stories] == ["Flood wall approved"]
    assert (await digest(store, settings, Scope(source_ids=frozenset()))).stories == ()


def test_related_events_with_different_figures_stay_apart() -> None:
    summit_2023 = (
        "President Ana Vela of Norland and Premier Jon Dahl of Sudmark met in Vela's capital on "
        "Monday for their 40th meeting, pledging closer trade ties and a new rail link.\n\n"
        "The two leaders signed 12 agreements on energy and farming, officials said.")
    summit_2024 = (
        "Premier Jon Dahl of Sudmark welcomed President Ana Vela of Norland on Thursday for their "
        "43rd meeting, as the two leaders promised to deepen their partnership.\n\n"
        "Dahl said trade between the neighbours had grown by 18% over the past year.")
    docs = [doc_from_draft(draft(t, f"https://x.example/{i}", f"Vela and Dahl meet ({i})"), f"a{i}")
            for i, t in enumerate([summit_2023, summit_2024], start=1)]
    assert len(group_docs(docs)) == 2
