"""Time budgets: a source whose pages trickle in stops at its budget and keeps what it
stored; a pass over its budget starts nothing new. The fake site's slow pages send a byte
every 50 ms forever, so only a budget can end these fetches."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefs.collect.collector import Collector
from briefs.collect.extract import ExtractorPool
from tests.fakes.site import FakeSite, rss

FULL_TEXT = " ".join(
    ["The harbour board of Lindvik approved a new breakwater on Thursday, after storms damaged "
     "the old one twice in a single winter, the board's chair said at a public meeting."] * 8)


def budgets(settings, source: float, whole: float):  # type: ignore[no-untyped-def]
    return settings.replace(collect=dataclasses.replace(
        settings.collect, source_budget_seconds=source, pass_budget_seconds=whole))


async def collector_for(store, settings) -> Collector:  # type: ignore[no-untyped-def]
    return Collector(store, settings, pool=ExtractorPool(2, executor=ThreadPoolExecutor(2)))


def slow_teaser_feed(site: FakeSite, name: str, slow_pages: int) -> str:
    """A feed whose first item carries its full text and whose others are teasers of pages
    that never finish arriving."""
    items = [{"title": f"{name}: breakwater approved", "link": site.url(f"/{name}/full"),
              "description": FULL_TEXT}]
    for i in range(slow_pages):
        items.append({"title": f"{name}: slow story {i}", "link": site.add(f"/{name}/slow{i}", trickle=True),
                      "description": "A teaser."})
    return site.add(f"/{name}/feed.xml", rss(name, items), content_type="application/rss+xml")


async def test_a_source_over_its_budget_keeps_what_it_stored(store, settings, site) -> None:
    feed = slow_teaser_feed(site, "lindvik", slow_pages=3)
    source = store.add_source(feed)
    collector = await collector_for(store, budgets(settings, source=1.5, whole=600))
    try:
        report = await collector.collect()
    finally:
        await collector.aclose()
    [result] = report.sources
    assert (result.new, result.failed) == (1, 0)
    assert result.error == "stopped early: over its time budget (1.5 s); 3 items left for the next pass"
    assert [a.title for a in store.list_articles()] == ["lindvik: breakwater approved"]
    saved = store.get_source(source.id)
    assert saved.health == "ok" and saved.etag is None  # the next pass reads the whole feed again


async def test_a_source_whose_feed_never_arrives_fails_at_its_budget(store, settings, site) -> None:
    source = store.add_source(site.add("/endless.xml", trickle=True))
    collector = await collector_for(store, budgets(settings, source=1.5, whole=600))
    try:
        [result] = (await collector.collect()).sources
    finally:
        await collector.aclose()
    assert result.error == "not collected: over its time budget (1.5 s)" and result.failed == 1
    assert store.get_source(source.id).health == "failing"


async def test_a_pass_over_its_budget_starts_nothing_new(store, settings, site) -> None:
    feeds = [store.add_source(slow_teaser_feed(site, name, slow_pages=2)) for name in ("a", "b")]
    endless = store.add_source(site.add("/endless.xml", trickle=True))
    collector = await collector_for(store, budgets(settings, source=600, whole=1.5))
    try:
        report = await collector.collect()
    finally:
        await collector.aclose()
    errors = {r.source: r.error for r in report.sources}
    for feed in feeds:
        assert errors[feed.url] == ("stopped early: the collection pass reached its time budget (1.5 s); "
                                    "2 items left for the next pass")
    assert errors[endless.url] == "not collected: the collection pass reached its time budget (1.5 s)"
    # Not the endless source's fault: no failure recorded, it stays due for the next pass.
    assert store.get_source(endless.id).failures == 0
    assert report.new + report.duplicate == 2  # the same text in both feeds: one is a duplicate


def test_budgets_come_from_the_settings_and_must_be_positive(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from config.settings import ConfigError, load_settings

    loaded = load_settings(data_dir=tmp_path, environ={"BRIEFBOT_COLLECT__SOURCE_BUDGET_SECONDS": "30",
                                                       "BRIEFBOT_COLLECT__PASS_BUDGET_SECONDS": "90"})
    assert (loaded.collect.source_budget_seconds, loaded.collect.pass_budget_seconds) == (30.0, 90.0)
    assert load_settings(data_dir=tmp_path, environ={}).collect.pass_budget_seconds == 600.0
    with pytest.raises(ConfigError, match="collect.source_budget_seconds"):
        load_settings(data_dir=tmp_path, environ={"BRIEFBOT_COLLECT__SOURCE_BUDGET_SECONDS": "0"})
