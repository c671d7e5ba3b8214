"""The collector against a fake site: feeds, teasers, pages, failures, backoff, local folders."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from briefs.collect.collector import CollectError, Collector
from briefs.collect.extract import ExtractorPool
from briefs.models import Source, utcnow
from tests.fakes.site import FakeSite, article_html, rss

BRIDGE = [
    "The regional council approved a new suspension bridge over the Tarn river on Tuesday, "
    "ending a decade of debate about how to link the two halves of Millbrook.",
    "Councillors voted 31 to 9 for the 410-metre crossing, which is expected to cost 212 million "
    "euros and open to traffic in 2029, according to the council's transport committee.",
    "Opponents had argued that the money would be better spent on the ageing ferry service, "
    "which carries about 6,000 passengers a day between the old town and the harbour district.",
    "Construction firms have until March to submit bids, and the first piles could be driven "
    "into the riverbed before the end of next year if the timetable holds.",
]
FLOOD = [
    "Heavy rain flooded hundreds of homes in the coastal town of Serrano overnight, forcing "
    "emergency services to evacuate residents from low-lying streets near the estuary.",
    "The regional weather office recorded 180 millimetres of rain in twelve hours, the highest "
    "total since records began in 1951, and warned that more storms were on the way.",
    "Volunteers filled sandbags at the town hall while the army sent trucks and boats to help "
    "reach elderly residents cut off by the water in the western districts.",
]


def _feed_items(site: FakeSite) -> list[dict[str, str]]:
    site.add("/bridge", article_html("Council approves Tarn bridge", BRIDGE, site="Millbrook Post"))
    site.add("/flood", article_html("Floods hit Serrano", FLOOD, site="Millbrook Post"))
    return [
        {"title": "Council approves Tarn bridge", "link": site.url("/bridge?utm_source=rss"),
         "description": "The council said yes.", "pubDate": "Tue, 14 May 2024 09:30:00 GMT"},
        {"title": "Floods hit Serrano", "link": site.url("/flood"), "description": "Rain."},
    ]


async def test_feed_with_teasers_fetches_full_pages(store, site, collector) -> None:
    feed_url = site.add("/feed.xml", rss("Millbrook Post", _feed_items(site)),
                        content_type="application/rss+xml", etag='"f1"')
    source = store.add_source(feed_url)
    report = await collector.collect()
    assert report.to_json()["sources"] == [
        {"source": feed_url, "new": 2, "duplicate": 0, "failed": 0, "error": None}]
    articles = {a.title: a for a in store.list_articles()}
    bridge = articles["Council approves Tarn bridge"]
    assert "410-metre crossing" in bridge.text and "Advertisement" not in bridge.text
    assert "Share this article" not in bridge.text
    assert bridge.url == site.url("/bridge") and bridge.published.year == 2024
    assert bridge.source == feed_url and bridge.source_id == source.id
    saved = store.get_source(source.id)
    assert saved.kind == "feed" and saved.title == "Millbrook Post" and saved.etag == '"f1"'
    assert saved.health == "ok" and saved.next_attempt > utcnow()


async def test_second_pass_is_conditional_and_stores_nothing_twice(store, site, collector) -> None:
    feed_url = site.add("/feed.xml", rss("Millbrook Post", _feed_items(site)), etag='"f1"')
    source = store.add_source(feed_url)
    await collector.collect()
    pages_fetched = len(site.hits("/bridge"))
    # due again: the feed answers 304, nothing new, no page fetched again
    store.update_source(source.id, next_attempt=utcnow() - timedelta(minutes=1))
    report = await collector.collect()
    assert (report.new, report.duplicate, report.failed) == (0, 0, 0)
    assert site.hits("/feed.xml")[-1].headers.get("if-none-match") == '"f1"'
    # a changed feed without validators: known items are duplicates, pages not refetched
    site.add("/feed.xml", rss("Millbrook Post", _feed_items(site)))
    report = await collector.collect([store.get_source(source.id)])
    assert (report.new, report.duplicate) == (0, 2)
    assert len(site.hits("/bridge")) == pages_fetched
    assert store.count_articles() == 2


async def test_not_due_sources_are_skipped(store, site, collector) -> None:
    url = site.add("/feed.xml", rss("x", _feed_items(site)))
    source = store.add_source(url)
    store.update_source(source.id, next_attempt=utcnow() + timedelta(hours=1))
    assert (await collector.collect()).sources == ()


async def test_broken_feed_is_recorded_and_others_still_collected(store, site, collector) -> None:
    good = site.add("/good.xml", rss("Good", _feed_items(site)))
    broken = site.add("/broken.xml", "<rss version='2.0'><channel><title>b</title><</channel>",
                      content_type="application/rss+xml")
    missing = site.url("/gone.xml")
    for url in (broken, good, missing):
        store.add_source(url)
    report = await collector.collect()
    by_source = {r.source: r for r in report.sources}
    assert by_source[good].new == 2 and by_source[good].error is None
    assert by_source[broken].failed == 1 and by_source[broken].error.startswith("malformed feed")
    assert by_source[missing].error == "HTTP 404"
    failing = store.find_source(broken)
    assert failing.failures == 1 and failing.health == "failing" and failing.last_error.startswith("malformed")
    first_retry = failing.next_attempt
    assert first_retry > utcnow()
    # backoff grows with every failure
    await collector.collect([failing])
    again = store.find_source(broken)
    assert again.failures == 2 and again.next_attempt - utcnow() > (first_retry - utcnow()) * 1.5
    assert store.count_articles() == 2  # nothing stored was lost


async def test_private_address_source_is_refused_and_recorded(store, settings, site) -> None:
    strict = dataclasses.replace(settings, fetch=dataclasses.replace(settings.fetch, allow_private_networks=False))
    collector = Collector(store, strict, pool=ExtractorPool(1, executor=ThreadPoolExecutor(1)))
    try:
        url = site.add("/feed.xml", rss("x", []))
        store.add_source(url)
        report = await collector.collect()
        assert report.sources[0].error == "refused: not a public address"
        assert site.hits("/feed.xml") == []
        with pytest.raises(CollectError, match="refused: not a public address"):
            await collector.preview("http://10.0.0.5/feed")
    finally:
        await collector.aclose()


async def test_single_page_source_and_preview(store, site, collector) -> None:
    page = site.add("/story", article_html("Floods hit Serrano", FLOOD, site="Coast Herald"))
    preview = await collector.preview(page)
    assert preview.kind == "page" and preview.title == "Floods hit Serrano"
    feed = site.add("/feed.xml", rss("Millbrook Post", _feed_items(site)))
    preview = await collector.preview(feed)
    assert preview.kind == "feed" and [i.title for i in preview.items] == [
        "Council approves Tarn bridge", "Floods hit Serrano"]
    assert store.count_articles() == 0 and store.list_sources() == []
    report = await collector.collect([Source(id=0, url=page)])
    assert report.new == 1 and store.list_sources() == []  # one-off: not saved as a source
    draft = await collector.fetch_article(page)
    assert draft.title == "Floods hit Serrano" and "180 millimetres" in draft.text
    for bad in ("file:///etc/passwd", "ftp://x.example/", "not a url"):
        with pytest.raises(CollectError):
            await collector.preview(bad)
    with pytest.raises(CollectError, match="HTTP 404"):
        await collector.preview(site.url("/nothing"))


async def test_local_folder_source(store, tmp_path: Path, collector) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "bridge.txt").write_text("Council approves Tarn bridge\n\n" + "\n\n".join(BRIDGE))
    (folder / "flood.md").write_text("# Floods hit Serrano\n\n" + "\n\n".join(FLOOD))
    (folder / "page.html").write_text(article_html("Tarn bridge vote", BRIDGE[1:] + BRIDGE[:1]))
    (folder / "empty.txt").write_text("   \n")
    report = await collector.collect([Source(id=0, url=str(folder))])
    result = report.sources[0]
    # page.html is the same text reordered: a near-duplicate, stored as a second URL
    assert (result.new, result.duplicate, result.failed) == (2, 1, 1) and "empty.txt" in result.error
    articles = {a.title: a for a in store.list_articles()}
    assert sorted(articles) == ["Council approves Tarn bridge", "Floods hit Serrano"]
    bridge = articles["Council approves Tarn bridge"]
    assert bridge.url == (folder / "bridge.txt").resolve().as_uri()
    assert (folder / "page.html").resolve().as_uri() in bridge.urls
    again = await collector.collect([Source(id=0, url=str(folder))])
    assert (again.new, again.duplicate) == (0, 3)


async def test_real_process_pool_collects_a_folder(store, settings, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Council approves Tarn bridge\n\n" + "\n\n".join(BRIDGE))
    (tmp_path / "b.html").write_text(article_html("Floods hit Serrano", FLOOD))
    collector = Collector(store, settings)
    try:
        report = await collector.collect([store.add_source(str(tmp_path), kind="folder")])
        assert report.new == 2
        assert store.find_source(str(tmp_path)).health == "ok"
    finally:
        await collector.aclose()


async def test_slow_huge_and_bomb_sources_fail_alone(store, settings, site) -> None:
    from tests.fakes.site import gzip_bomb

    fetch = dataclasses.replace(settings.fetch, total_timeout=0.5, max_bytes=200_000)
    tight = dataclasses.replace(settings, fetch=fetch)
    collector = Collector(store, tight, pool=ExtractorPool(1, executor=ThreadPoolExecutor(1)))
    try:
        good = site.add("/good.xml", rss("Good", _feed_items(site)))
        slow = site.add("/slow.xml", trickle=True)
        huge = site.add("/huge.xml", size=2_000_000)
        bomb = site.add("/bomb.xml", gzip_bomb(5_000_000), headers={"Content-Encoding": "gzip"})
        for url in (slow, huge, bomb, good):
            store.add_source(url)
        report = await collector.collect()
        errors = {r.source: r.error for r in report.sources}
        assert errors == {slow: "timed out after 0.5s", huge: "too large: over 200000 bytes",
                          bomb: "too large: over 200000 bytes", good: None}
        assert report.new == 2
    finally:
        await collector.aclose()


async def test_retry_after_lengthens_the_backoff(store, site, collector) -> None:
    url = site.add("/busy.xml", "slow down", status=429, headers={"Retry-After": "7200"})
    source = store.add_source(url)
    report = await collector.collect()
    assert report.sources[0].error == "HTTP 429"
    wait = store.get_source(source.id).next_attempt - utcnow()
    assert timedelta(minutes=110) < wait <= timedelta(hours=2)


async def test_progress_is_reported_per_source(store, site, collector) -> None:
    urls = [site.add(f"/f{i}.xml", rss(f"F{i}", [])) for i in range(3)]
    seen: list[tuple[str, int, int]] = []
    await collector.collect([store.add_source(u) for u in urls], progress=lambda *a: seen.append(a))
    assert sorted(s for s, _d, _t in seen) == sorted(urls)
    assert [d for _s, d, _t in seen] == [1, 2, 3] and {t for _s, _d, t in seen} == {3}


class _RecordingExecutor(ThreadPoolExecutor):
    """Records what the collector hands to its worker pool."""

    def __init__(self) -> None:
        super().__init__(2)
        self.calls: list[str] = []

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        self.calls.append(fn.__name__)
        return super().submit(fn, *args, **kwargs)


async def test_parsing_extraction_and_hashing_run_in_the_worker_pool(store, settings, site, tmp_path) -> None:
    executor = _RecordingExecutor()
    collector = Collector(store, settings, pool=ExtractorPool(2, executor=executor))
    try:
        feed = site.add("/feed.xml", rss("Millbrook Post", _feed_items(site)))
        (tmp_path / "a.txt").write_text("Title here\n\n" + "\n\n".join(FLOOD))
        await collector.collect([Source(id=0, url=feed), Source(id=0, url=str(tmp_path))])
    finally:
        await collector.aclose()
        executor.shutdown()
    assert executor.calls.count("parse_feed") == 1
    assert executor.calls.count("extract_page") == 2  # the two teaser pages
    assert executor.calls.count("read_local_article") == 1
    assert executor.calls.count("prepare") == 3  # hashes and story features, one call per article


async def test_failed_items_are_retried_on_the_next_pass(store, site, collector) -> None:
    items = _feed_items(site)
    items.append({"title": "Gone", "link": site.url("/gone")})  # no teaser text and a 404 page
    feed_url = site.add("/feed.xml", rss("Millbrook Post", items), etag='"f1"')
    source = store.add_source(feed_url)
    report = await collector.collect()
    assert (report.new, report.failed) == (2, 1) and "HTTP 404" in report.sources[0].error
    assert store.get_source(source.id).etag is None  # validators not saved: no 304 next time
    site.add("/gone", article_html("Museum reopens", [
        "The town museum reopened on Saturday after a fire closed it for eighteen months, with a new "
        "wing for the fishing fleet's history and a café overlooking the harbour.",
        "Curators said 3,400 objects had been cleaned or restored, and admission will be free for "
        "residents until the end of the summer season.",
    ], site="Millbrook Post"))
    report = await collector.collect([store.get_source(source.id)])
    assert (report.new, report.duplicate, report.failed) == (1, 2, 0)
    assert store.get_source(source.id).etag == '"f1"'


async def test_a_site_address_is_collected_through_the_feed_it_advertises(store, site, collector) -> None:
    site.add("/news/feed.xml", rss("Millbrook Post", _feed_items(site)), content_type="application/rss+xml")
    home = site.add("/", "<html><head><title>Millbrook Post</title>"
                         "<link rel='alternate' type='application/rss+xml' href='/news/feed.xml'>"
                         "</head><body><p>Welcome</p></body></html>")
    preview = await collector.preview(home)
    assert preview.kind == "feed" and preview.url == site.url("/news/feed.xml") and len(preview.items) == 2
    source = store.add_source(home)
    report = await collector.collect()
    assert report.new == 2 and store.get_source(source.id).kind == "auto"
    # an article page advertising the same feed is still that article
    article = site.add("/flood-story", article_html("Floods hit Serrano", FLOOD).replace(
        "<head>", "<head><link rel='alternate' type='application/rss+xml' href='/news/feed.xml'>"))
    assert (await collector.preview(article)).kind == "page"


async def test_non_html_pages_are_refused(store, site, collector) -> None:
    pdf = site.add("/report.pdf", b"%PDF-1.7 binary", content_type="application/pdf")
    report = await collector.collect([Source(id=0, url=pdf)])
    assert report.sources[0].error == "not a web page (application/pdf)"
    with pytest.raises(CollectError, match="not a web page"):
        await collector.fetch_article(pdf)
