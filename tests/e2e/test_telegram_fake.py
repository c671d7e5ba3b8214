"""The fake Bot API's own contract: rate limits with retry_after, records, standalone process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.telegram_api import FakeTelegramAPI, RateLimits

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def send(session: aiohttp.ClientSession, api: FakeTelegramAPI, chat_id: int,
               text: str = "hi") -> dict[str, object]:
    async with session.post(f"{api.base_url}{api.token}/sendMessage",
                            data={"chat_id": str(chat_id), "text": text}) as response:
        return await response.json()


async def test_per_chat_and_global_limits_answer_429_with_retry_after() -> None:
    clock = Clock()
    limits = RateLimits(global_per_second=3, per_chat_per_second=1)
    async with FakeTelegramAPI(limits=limits, clock=clock) as api, aiohttp.ClientSession() as session:
        assert (await send(session, api, 1))["ok"]
        refused = await send(session, api, 1)
        assert refused["error_code"] == 429 and refused["parameters"] == {"retry_after": 1}
        assert (await send(session, api, 2))["ok"] and (await send(session, api, 3))["ok"]
        assert (await send(session, api, 4))["error_code"] == 429  # 3/s overall
        clock.now += 1.0
        assert (await send(session, api, 1))["ok"]
        assert [m.chat_id for m in api.sent] == ["1", "2", "3", "1"]
        assert len(api.rejected) == 2


async def test_group_limit_per_minute() -> None:
    clock = Clock()
    async with FakeTelegramAPI(limits=RateLimits(per_group_per_minute=2), clock=clock) as api, \
            aiohttp.ClientSession() as session:
        assert (await send(session, api, -5))["ok"] and (await send(session, api, -5))["ok"]
        refused = await send(session, api, -5)
        assert refused["parameters"]["retry_after"] == 60
        assert (await send(session, api, 5))["ok"]  # private chats are not groups


async def test_records_are_thread_safe_under_concurrent_sends() -> None:
    async with FakeTelegramAPI() as api, aiohttp.ClientSession() as session:
        await asyncio.gather(*(send(session, api, i % 7, f"m{i}") for i in range(200)))
        sent = api.sent
        assert len(sent) == 200 and len({m.message_id for m in sent}) == 200


async def test_runs_in_its_own_thread() -> None:
    api = FakeTelegramAPI().start_in_thread()
    try:
        async with aiohttp.ClientSession() as session:
            assert (await send(session, api, 9))["ok"]
        assert api.sent_to(9)[0].text == "hi"
    finally:
        api.stop_thread()


@pytest.mark.timeout(60)
async def test_runs_as_a_separate_process() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.telegram_api", "--port", "0", "--per-chat-rate", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = (await asyncio.to_thread(process.stdout.readline)).strip()
        async with aiohttp.ClientSession() as session:
            update = {"message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"},
                                  "text": "/start"}}
            async with session.post(f"{url}/_fake/updates", json=update) as response:
                assert (await response.json())["update_ids"] == [1]
            async with session.post(f"{url}/bot123456:TEST-TOKEN/getUpdates",
                                    data={"timeout": "0"}) as response:
                assert (await response.json())["result"][0]["message"]["text"] == "/start"
            async with session.post(f"{url}/bot123456:TEST-TOKEN/sendMessage",
                                    data={"chat_id": "1", "text": "hello",
                                          "reply_parameters": json.dumps({"message_id": 1})}) as r:
                assert (await r.json())["ok"]
            async with session.get(f"{url}/_fake/sent") as response:
                [record] = await response.json()
        assert record["chat_id"] == "1" and record["text"] == "hello" and record["reply_to"] == 1
    finally:
        process.terminate()
        process.wait(10)
