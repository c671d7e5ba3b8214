"""Fixtures shared by the engine tests: the fake site, a collector with a small pool, and
`add` for storing an article written in a test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefs.collect.collector import Collector
from briefs.collect.extract import ExtractorPool
from briefs.models import ArticleDraft
from tests.fakes.site import FakeSite


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with FakeSite() as running:
        yield running


@pytest.fixture
async def collector(store, settings) -> AsyncIterator[Collector]:  # type: ignore[no-untyped-def]
    made = Collector(store, settings, pool=ExtractorPool(2, executor=ThreadPoolExecutor(2)))
    yield made
    await made.aclose()


@pytest.fixture
def add(store):  # type: ignore[no-untyped-def]
    """add(title, text, published=None, **store_kw): store an article at a fresh URL."""
    counter = iter(range(1_000_000))

    def add(title: str, text: str, **kw):  # type: ignore[no-untyped-def]
        published = kw.pop("published", None)
        draft = ArticleDraft(url=f"https://news.example/{next(counter)}", title=title, text=text,
                             published=published)
        return store.add_article(draft, **kw)

    return add
