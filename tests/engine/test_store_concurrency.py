"""Concurrent collects of content already stored: another process recording the same URL at
the same moment must not abort a source, and no SQL ever becomes a source's error."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.storage import open_store
from briefs.collect.collector import Collector, internal_error_text
from briefs.collect.extract import ExtractorPool
from briefs.models import ArticleDraft
from briefs.stories.dedupe import content_hash

TEXT = ("The lighthouse on Skarv Point was switched back on on Sunday after a two-year repair, "
        "the coastal authority said, and ships may again use the northern channel at night.")


def draft(url: str, *more: str) -> ArticleDraft:
    return ArticleDraft(url=url, title="Skarv Point light back on", text=TEXT, urls=(url, *more),
                        source=url, content_hash=content_hash(TEXT))


def race_before(store, other, table: str, urls: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Just before `store` inserts into `table` (before its write transaction begins),
    `other` (another process) records `urls` for the first article."""
    done = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def race(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if done or not statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            return
        done.append(True)
        with other.engine.begin() as raced:
            owner = raced.execute(sa.text("SELECT min(id) FROM articles")).scalar()
            for url in urls:
                raced.execute(sa.text("INSERT INTO article_urls (url, article_id) VALUES (:u, :a)"),
                              {"u": url, "a": owner})


def test_recording_urls_another_process_just_recorded_does_not_fail(store, settings) -> None:
    first = store.add_article(draft("https://a.example/skarv"))
    second = store.add_article(draft("https://b.example/skarv-light"))
    other = open_store(settings)  # a second engine on the same database: another process
    try:
        urls = ["https://c.example/skarv?ref=rss", "https://c.example/skarv"]
        race_before(store, other, "article_urls", urls)
        store.add_urls(second.id, urls)
    finally:
        other.close()
    owners = {url: store.article_id_for_url(url) for url in ("https://c.example/skarv",
                                                             "https://c.example/skarv?ref=rss")}
    assert set(owners.values()) == {first.id}  # whoever got there first keeps the URL


def test_concurrent_threads_adding_the_same_urls_never_fail(store, settings) -> None:
    article = store.add_article(draft("https://a.example/skarv"))
    stores = [open_store(settings) for _ in range(3)]
    try:
        for round_ in range(20):
            urls = [f"https://mirror{i}.example/skarv/{round_}" for i in range(5)]
            with ThreadPoolExecutor(3) as pool:
                list(pool.map(lambda s, u=urls: s.add_urls(article.id, u), stores))
            assert all(store.article_id_for_url(u) == article.id for u in urls)
    finally:
        for s in stores:
            s.close()


async def test_a_database_error_is_not_shown_to_chats_as_sql(store, settings, monkeypatch) -> None:
    folder_source = store.add_source("/nonexistent-for-this-test", kind="folder")
    collector = Collector(store, settings, pool=ExtractorPool(1))

    async def explode(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise IntegrityError("INSERT INTO article_urls (url, article_id) VALUES (?, ?)",
                             ("https://secret.example/x", 7), Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(collector, "_collect_local", explode)
    try:
        [result] = (await collector.collect([folder_source])).sources
    finally:
        await collector.aclose()
    assert result.error == internal_error_text(IntegrityError("x", None, Exception()))
    assert "INSERT" not in result.error and "secret.example" not in result.error
    saved = store.get_source(folder_source.id)
    assert saved.last_error == result.error and "\n" not in saved.last_error


@pytest.mark.parametrize("exc", [RuntimeError("boom\nwith a second line"), KeyError("k")])
def test_internal_errors_are_one_plain_line(exc: Exception) -> None:
    text = internal_error_text(exc)
    assert "\n" not in text and "boom" not in text and text.startswith("internal error:")
