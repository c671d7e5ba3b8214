"""The composition root: sources seeded, and the console demo briefing from the samples."""

from __future__ import annotations

import io

import pytest

from bot.app import build, samples_path, seed_sources
from briefs.local import iter_local_sources


def test_the_bundled_samples_are_readable_articles(settings) -> None:
    files = iter_local_sources(samples_path(settings))
    assert 6 <= len(files) <= 10
    outlets = {path.parent.name for path in files}
    assert len(outlets) >= 3


def test_an_empty_store_gets_the_samples(store, settings) -> None:
    seed_sources(store, settings)
    [source] = store.list_sources()
    assert source.origin == "sample" and source.kind == "folder"
    seed_sources(store, settings)  # idempotent
    assert len(store.list_sources()) == 1


def test_configured_sources_replace_the_samples(store, settings) -> None:
    configured = settings.replace(sources=type(settings.sources)(urls=("https://example.org/feed",)))
    seed_sources(store, configured)
    assert [s.url for s in store.list_sources()] == ["https://example.org/feed"]
    assert store.list_sources()[0].origin == "operator"


def test_samples_can_be_turned_off(store, settings) -> None:
    seed_sources(store, settings.replace(sources=type(settings.sources)(samples=False)))
    assert store.list_sources() == []


async def test_console_demo_briefs_from_the_samples_and_ends_at_eof(settings) -> None:
    pytest.importorskip("bot.adapters.console")
    pytest.importorskip("briefs.collect")
    pytest.importorskip("briefs.briefing")
    stdout = io.StringIO()
    app = build(settings, console=True,
                stdin=io.StringIO("/help\n/brief\n/ask How much will the light-rail extension cost?\n"),
                stdout=stdout)
    assert await app.run() == 0
    out = stdout.getvalue()
    assert "/subscribe" in out
    assert "Corvane" in out or "Northbridge" in out or "Arden" in out
    assert "$48 million" in out
