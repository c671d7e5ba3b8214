"""Fixtures shared by the engine tests: the fake site and a collector with a small pool."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefs.collect.collector import Collector
from briefs.collect.extract import ExtractorPool
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
