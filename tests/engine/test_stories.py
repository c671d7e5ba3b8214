"""Stories across outlets and across time: articles in every feed that carried them, one
clustering for summarize and brief, dates that are the story's, "previously" links, samples."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import subscriptions as subs
from bot.chats import ensure_chat
from bot.render.compose import briefing_document
from briefs.collect.local import draft_from_text, read_local_article
from briefs.models import ArticleDraft, Scope
from briefs.service import BriefingService
from briefs.store import schema
from briefs.store.migrations import upgrade
from briefs.store.store import Store
from briefs.stories.cluster import features, is_newer
from briefs.stories.dedupe import Deduplicator, fingerprint
from tests.fakes.site import article_html, rss

FERRY = [
    "The Lindqvist ferry company cancelled all crossings between Oskarhamn and the island of "
    "Veldholm on Tuesday after a fire broke out in the engine room of its largest vessel, the "
    "Nordstjarna, stranding about 900 passengers in the two ports.",
    "Coastguard crews put out the fire within an hour and nobody was hurt, the company said, but "
    "the ship will stay in dry dock at Oskarhamn for at least three weeks while inspectors check it.",
    "Islanders on Veldholm said they depended on the ferry for food deliveries and hospital visits.",
]
FERRY_B = [
    "All sailings from Oskarhamn to Veldholm were called off on Tuesday when an engine-room fire "
    "hit the Nordstjarna, the biggest ship of the Lindqvist ferry fleet, leaving hundreds of "
    "passengers stranded on both sides.",
    "The fire was extinguished by the coastguard and no one was injured, Lindqvist said. The "
    "Nordstjarna faces weeks of inspections in dry dock before it can sail to Veldholm again.",
]
FERRY_C = [
    "Passengers heading for Veldholm were stranded in Oskarhamn on Tuesday after fire broke out "
    "aboard the Nordstjarna ferry, forcing the Lindqvist company to halt every crossing.",
    "No injuries were reported. Lindqvist expects the Nordstjarna to remain in dry dock for weeks "
    "while inspectors examine the engine room damaged in the fire.",
]
ORCHARD = [
    "Apple growers in the Tamsel valley expect their smallest harvest in two decades after a late "
    "frost in April destroyed most of the blossom, the regional growers' association said.",
    "Prices at the Tamsel market have already risen by a third, and several cider makers said they "
    "would import fruit for the first time.",
]


def _summit(number: str, city: str, when: str) -> list[str]:
    return [
        f"Chancellor Mira Talvane of Estoria and President Oren Vaskel of Norland met in {city} on "
        f"{when} for their {number} meeting, pledging to deepen the partnership between Estoria and "
        "Norland despite pressure from their neighbours.",
        f"Talvane and Vaskel signed agreements on energy and rail links during the talks in {city}, "
        "and Vaskel called Talvane a trusted partner of Norland.",
        "Critics in both parliaments said the partnership gave cover to Norland's border policy.",
    ]


def _draft(url: str, title: str, paragraphs: list[str], published: datetime | None = None) -> ArticleDraft:
    return ArticleDraft(url=url, title=title, text="\n\n".join(paragraphs), urls=(url,), source=url,
                        published=published)


def _add(dedupe: Deduplicator, draft: ArticleDraft, source_id: int | None = None,
         collected_at: datetime | None = None) -> int:
    return dedupe.add(draft, fingerprint(draft.text), source_id=source_id, collected_at=collected_at)[1]


# -- articles belong to every feed that carried them -----------------------------------------

async def test_the_same_item_in_two_feeds_reaches_the_chats_of_both(store, settings, site, collector) -> None:
    site.add("/ferry", article_html("Ferry fire strands passengers", FERRY, site="Coast News"))
    item = {"title": "Ferry fire strands passengers", "link": site.url("/ferry"), "description": "Fire."}
    world = store.add_source(site.add("/world.xml", rss("World", [item])))
    uk = store.add_source(site.add("/uk.xml", rss("UK edition", [item])))
    await collector.collect([world])
    await collector.collect([store.get_source(uk.id)])

    assert store.count_articles() == 1
    assert store.count_articles_by_source() == {world.id: 1, uk.id: 1}
    assert store.count_articles_without_source() == 0
    for chat, source in (("console:a", world), ("console:b", uk)):
        ensure_chat(store, chat)
        subs.add_feed(store, chat, source, limit=10)
    service = BriefingService(store, settings)
    try:
        for chat in ("console:a", "console:b"):
            briefing = await service.brief(subs.scope_for_chat(store, chat))
            assert [s.title for s in briefing.stories] == ["Ferry fire strands passengers"]
    finally:
        await service.writer.aclose()


def test_migration_4_backfills_the_links_from_articles_source_id(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/old.db"
    from briefs.store.engine import create_engine

    engine = create_engine(url)
    upgrade(engine, target="engine_0003")
    now = datetime(2024, 5, 1, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(schema.sources.insert().values(id=7, url="https://a.example/feed", kind="feed",
                                                    origin="operator", failures=0, added_at=now))
        for article_id, source_id in ((1, 7), (2, None)):
            conn.execute(schema.articles.insert().values(
                id=article_id, url=f"https://a.example/{article_id}", title="t", text="x",
                content_hash=str(article_id), source_id=source_id, collected_at=now))
    engine.dispose()
    store = Store.open(url)
    try:
        assert store.count_articles_by_source() == {7: 1}
        assert store.count_articles_without_source() == 1
        assert [a.id for a in store.list_articles(source_ids=[7])] == [1]
    finally:
        store.close()


async def test_a_duplicate_text_from_a_second_feed_is_linked_to_it(store) -> None:
    first = store.add_source("https://a.example/feed")
    second = store.add_source("https://b.example/feed")
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    original = _add(dedupe, _draft("https://a.example/ferry", "Ferry fire", FERRY), first.id)
    copy = _add(dedupe, _draft("https://b.example/ferry-copy", "Ferry fire", FERRY), second.id)
    assert copy == original
    assert store.get_article(original).source_ids == (first.id, second.id)


# -- one clustering everywhere ---------------------------------------------------------------

async def test_one_event_from_three_outlets_is_one_story_in_brief_and_summarize(store, settings) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    drafts = [
        _draft("https://coastnews.example/ferry", "Ferry fire strands 900 passengers", FERRY),
        _draft("https://islandpost.example/sailings", "Sailings to Veldholm cancelled after fire", FERRY_B),
        _draft("https://daily.example/nordstjarna", "Nordstjarna fire halts Lindqvist crossings", FERRY_C),
        _draft("https://farmweek.example/frost", "Frost wipes out Tamsel apple blossom", ORCHARD),
    ]
    for draft in drafts:
        _add(dedupe, draft)
    service = BriefingService(store, settings)
    try:
        briefing = await service.brief(Scope())
        summarized = await service.summarize(drafts)
    finally:
        await service.writer.aclose()
    for result in (briefing, summarized):
        by_size = sorted((len(s.sources) for s in result.stories), reverse=True)
        assert by_size == [3, 1]
        ferry = next(s for s in result.stories if len(s.sources) == 3)
        assert {s.site for s in ferry.sources} == {"coastnews.example", "islandpost.example", "daily.example"}
    text = str(briefing_document(briefing).blocks)
    assert "Also reported by" in text


def test_reports_from_one_publisher_or_about_other_events_stay_apart() -> None:
    from briefs.stories.cluster import cluster

    items = [
        (1, features("Ferry fire strands 900 passengers", "\n".join(FERRY), "https://coastnews.example/1")),
        (2, features("Ferry fire: update", "\n".join(FERRY_B), "https://coastnews.example/2")),
        (3, features("Frost wipes out Tamsel apple blossom", "\n".join(ORCHARD), "https://farm.example/3")),
    ]
    filed = cluster(items)
    assert len({f.story for f in filed.values()}) == 3


# -- dates -----------------------------------------------------------------------------------

def test_a_dated_page_and_an_undated_one(tmp_path: Path) -> None:
    dated = tmp_path / "dated.html"
    dated.write_text(article_html("Ferry fire", FERRY, date="2024-05-14T08:00:00Z"), encoding="utf-8")
    undated = tmp_path / "undated.html"
    undated.write_text(article_html("Frost", ORCHARD), encoding="utf-8")
    assert read_local_article(dated).published == datetime(2024, 5, 14, 8, tzinfo=timezone.utc)
    assert read_local_article(undated).published is None


def test_a_scrape_date_is_not_the_story_date_but_a_dateline_is() -> None:
    scraped = "Friday, April 19, 2024\nFerry fire strands passengers\n\n" + "\n\n".join(FERRY)
    assert draft_from_text(scraped, "scraped.txt").published is None
    datelined = ("Ferry fire strands passengers\n\nOSKARHAMN, March 5, 2024 (Coast Wire) - "
                 + "\n\n".join(FERRY))
    assert draft_from_text(datelined, "wire.txt").published == datetime(2024, 3, 5, tzinfo=timezone.utc)
    labelled = "Ferry fire\n\nPublished 9:10 AM, Tue 5 March 2024\n\n" + "\n\n".join(FERRY)
    assert draft_from_text(labelled, "labelled.txt").published == datetime(2024, 3, 5, tzinfo=timezone.utc)


async def test_an_undated_story_shows_no_date_and_ranks_by_collection(store, settings) -> None:
    dedupe = Deduplicator(store, threshold=0.8, window_hours=72)
    now = datetime.now(timezone.utc)
    _add(dedupe, _draft("https://farm.example/frost", "Frost wipes out Tamsel apple blossom", ORCHARD),
         collected_at=now - timedelta(days=3))
    _add(dedupe, _draft("https://coastnews.example/ferry", "Ferry fire strands 900 passengers", FERRY),
         collected_at=now)
    service = BriefingService(store, settings)
    try:
        briefing = await service.brief(Scope())
    finally:
        await service.writer.aclose()
    assert briefing.stories[0].title.startswith("Ferry fire")
    assert all(s.published is None for story in briefing.stories for s in story.sources)


# -- story memory ----------------------------------------------------------------------------

@pytest.mark.backends("sqlite", "postgresql")
async def test_a_follow_up_months_later_says_what_came_before(store, settings) -> None:
    first = _draft("https://estoria-news.example/summit-1", "Talvane and Vaskel meet in Veyra",
                   _summit("40th", "Veyra", "Monday"), datetime(2023, 3, 20, tzinfo=timezone.utc))
    later = _draft("https://norland-times.example/summit-2", "Vaskel welcomed by Talvane in Ostrava",
                   _summit("43rd", "Ostrava", "Thursday"), datetime(2024, 5, 16, tzinfo=timezone.utc))
    unrelated = _draft("https://farm.example/frost", "Frost wipes out Tamsel apple blossom", ORCHARD,
                       datetime(2024, 5, 16, tzinfo=timezone.utc))
    now = datetime.now(timezone.utc)
    _add(Deduplicator(store, 0.8, 72), first, collected_at=now - timedelta(days=400))
    BriefingService(store, settings).index_passages()  # as every collection pass does after it
    # a new process, long after: the earlier story is out of the window, found by its names
    dedupe = Deduplicator(store, 0.8, 72)
    later_id = _add(dedupe, later, collected_at=now)
    _add(dedupe, unrelated, collected_at=now)

    service = BriefingService(store, settings)
    try:
        briefing = await service.brief(Scope())
    finally:
        await service.writer.aclose()
    stories = {s.title: s for s in briefing.stories}
    follow_up = next(s for s in briefing.stories if s.story_id == store.get_article(later_id).story_id)
    assert follow_up.previous is not None
    assert follow_up.previous.title == "Talvane and Vaskel meet in Veyra"
    assert follow_up.previous.published == datetime(2023, 3, 20, tzinfo=timezone.utc)
    frost = next(s for t, s in stories.items() if "Frost" in t)
    assert frost.previous is None
    rendered = str(briefing_document(briefing).blocks)
    assert "Previously, 20 Mar 2023: " in rendered
    assert follow_up.to_json()["previous"]["url"] == "https://estoria-news.example/summit-1"


@pytest.mark.backends("sqlite", "postgresql")
def test_articles_naming_finds_the_latest_articles_with_every_name(store, settings) -> None:
    dedupe = Deduplicator(store, 0.8, 72)
    old = _add(dedupe, _draft("https://estoria-news.example/1", "Talvane and Vaskel meet in Veyra",
                              _summit("40th", "Veyra", "Monday")))
    newer = _add(dedupe, _draft("https://estoria-news.example/2", "Talvane visits O'Neil-Park",
                                ["Chancellor Talvane met Jean-Luc Vaskel at O'Neil-Park on Friday."]))
    _add(dedupe, _draft("https://farm.example/frost", "Frost wipes out Tamsel apple blossom", ORCHARD))
    BriefingService(store, settings).index_passages()
    assert [r[0] for r in store.articles_naming(["talvane", "vaskel"])] == [newer, old]
    assert [r[0] for r in store.articles_naming(["talvane", "vaskel"], limit=1)] == [newer]
    assert [r[0] for r in store.articles_naming(["jean-luc", "o'neil-park"])] == [newer]
    assert [r[0] for r in store.articles_naming(["veyra", "norland"])] == [old]
    found = store.articles_naming(["tamsel", "blossom"])
    assert len(found) == 1 and found[0][2] is not None  # the stored story features come along
    assert store.articles_naming(["talvane", "tamsel"]) == []
    assert store.articles_naming(["talvane"]) == []  # one name alone is no subject
    for hostile in (["talvane", "a&b"], ["'", "talvane"], ["talvane", "!x"]):
        assert store.articles_naming(hostile) == []


def test_numbered_occurrences_are_different_events_and_ordered() -> None:
    from briefs.stories.cluster import cluster

    forty = features("Talvane and Vaskel meet", "\n".join(_summit("40th", "Veyra", "Monday")),
                     "file:///a.txt")
    forty_three = features("Talvane and Vaskel meet", "\n".join(_summit("43rd", "Ostrava", "Thursday")),
                           "file:///b.txt")
    filed = cluster([(1, forty_three), (2, forty)])
    assert filed[1].story != filed[2].story and filed[2].previous == filed[1].story
    assert is_newer(forty_three, forty) and not is_newer(forty, forty_three)


# -- samples ---------------------------------------------------------------------------------

def _sample_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "orchard.txt").write_text("Frost wipes out Tamsel apple blossom\n\n" + "\n\n".join(ORCHARD),
                                        encoding="utf-8")
    return folder


async def test_samples_are_labelled_and_go_once_real_articles_arrive(store, settings, tmp_path,
                                                                     collector, monkeypatch) -> None:
    from bot import app

    monkeypatch.setattr(app, "samples_path", lambda _settings: _sample_folder(tmp_path))
    app.seed_sources(store, settings)
    assert [s.origin for s in store.list_sources()] == ["sample"]
    await collector.collect()
    service = BriefingService(store, settings)
    try:
        briefing = await service.brief(Scope())
        assert briefing.stories and all(s.sample for s in briefing.stories)
        assert "Sample news" in str(briefing_document(briefing).blocks)

        # a one-off `collect --source`: real articles, no source row
        real = tmp_path / "ferry.txt"
        real.write_text("Ferry fire strands passengers\n\n" + "\n\n".join(FERRY), encoding="utf-8")
        from briefs.models import Source

        await collector.collect([Source(id=0, url=str(real))])
        shown = await service.brief(Scope())
        assert [s.title for s in shown.stories] == ["Ferry fire strands passengers"]
        assert not any(s.sample for s in shown.stories)

        app.seed_sources(store, settings)  # the next start
        assert store.list_sources() == [] and store.count_articles() == 1
    finally:
        await service.writer.aclose()


def test_a_data_dir_with_real_articles_and_no_sources_gets_no_samples(store, settings) -> None:
    from bot import app

    dedupe = Deduplicator(store, 0.8, 72)
    _add(dedupe, _draft("https://coastnews.example/ferry", "Ferry fire", FERRY))
    app.seed_sources(store, settings)
    assert store.list_sources() == []


def test_story_link_table_is_one_link_per_story(store) -> None:
    a, b, c = (store.new_story(t) for t in "abc")
    store.link_story(c, a)
    store.link_story(c, b)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.story_links.c.previous_id)
                            .where(schema.story_links.c.story_id == c)).scalars().all()
    assert rows == [b]




def test_the_index_keeps_only_the_window(store) -> None:
    dedupe = Deduplicator(store, 0.8, 72)
    start = datetime(2024, 5, 1, tzinfo=timezone.utc)
    for day in range(6):
        text = " ".join(f"term{day}n{i}" for i in range(60))  # six unrelated articles
        _add(dedupe, _draft(f"https://coastnews.example/{day}", f"Report {day}", [text]),
             collected_at=start + timedelta(days=day))
    assert store.count_articles() == 6
    assert len(dedupe.index) == 4  # three days back and today, not every article ever seen
    assert len(dedupe._hashes) == len(dedupe.index)


def test_a_second_process_takes_in_what_the_first_stored_at_its_next_pass(store) -> None:
    bot, cli = Deduplicator(store, 0.8, 72), Deduplicator(store, 0.8, 72)
    now = datetime.now(timezone.utc)
    bot.refresh(now)  # the bot started (and loaded the window) before the CLI run
    first = _add(cli, _draft("https://coastnews.example/ferry", "Ferry fire strands 900 passengers", FERRY),
                 collected_at=now)
    bot.refresh(now)  # the next collection pass of the bot
    second = _add(bot, _draft("https://islandpost.example/sailings", "Sailings to Veldholm cancelled after fire",
                              FERRY_B), collected_at=now)
    assert store.get_article(first).story_id == store.get_article(second).story_id


def test_nothing_is_linked_without_a_shared_subject() -> None:
    from briefs.stories.cluster import cluster

    summit = features("Talvane and Vaskel meet in Veyra", "\n".join(_summit("40th", "Veyra", "Monday")),
                      "https://estoria-news.example/1")
    school = features("Talvane opens a school in Veyra",
                      "Chancellor Mira Talvane opened a new primary school in Veyra on Friday, where 300 "
                      "children will start lessons in September. Teachers said the building had solar "
                      "panels and a library, and parents welcomed the shorter journey.",
                      "https://norland-times.example/2")
    filed = cluster([(1, summit), (2, school)])
    assert filed[2].story != filed[1].story and filed[2].previous is None


async def test_an_article_page_already_stored_from_a_feed_belongs_to_the_page_source(store, site, collector) -> None:
    site.add("/ferry", article_html("Ferry fire strands passengers", FERRY, site="Coast News"))
    item = {"title": "Ferry fire strands passengers", "link": site.url("/ferry"), "description": "Fire."}
    feed = store.add_source(site.add("/world.xml", rss("World", [item])))
    page = store.add_source(site.url("/ferry"))
    await collector.collect([feed])
    report = await collector.collect([store.get_source(page.id)])
    assert (report.new, report.duplicate) == (0, 1)
    assert store.count_articles_by_source() == {feed.id: 1, page.id: 1}
