"""The whole bot (composition root) on Slack HTTP mode: signed /brief in, Block Kit out."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import aiohttp

from bot.app import build
from config.settings import load_settings
from tests.fakes.slack_api import FakeSlackAPI, command_body, sign

SECRET = "app-signing-secret"


async def test_the_whole_bot_answers_a_signed_slash_command(tmp_path: Path) -> None:
    async with FakeSlackAPI() as api:
        settings = load_settings(data_dir=tmp_path / "data", environ={
            "SLACK_BOT_TOKEN": api.token, "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_BASE_URL": api.base_url})
        settings = settings.replace(bot=dataclasses.replace(settings.bot, http_port=0))
        app = build(settings)
        assert set(app.adapters) == {"slack"} and app.http_required
        running = asyncio.create_task(app.run())
        try:
            await api.wait_for(lambda _: app.http is not None and app.http.port != 0
                               and app.adapters["slack"].running)
            await api.wait_for(lambda _: app.scheduler.aps.running, timeout=30)  # collected
            body = command_body("", channel="C0042", response_url=api.response_url())
            async with aiohttp.ClientSession() as session:
                async with session.post(f"{app.http.url}/slack/events", data=body.encode(),
                                        headers={**sign(SECRET, body), "Content-Type":
                                                 "application/x-www-form-urlencoded"}) as resp:
                    assert resp.status == 200
                async with session.post(f"{app.http.url}/slack/events", data=body.encode(),
                                        headers={"Content-Type":
                                                 "application/x-www-form-urlencoded"}) as resp:
                    assert resp.status == 401  # unsigned
            [post] = await api.wait_for_posts(1, timeout=30)
            assert post.channel == "C0042" and post.blocks
            assert any(name in post.text for name in ("Northbridge", "Corvane", "Arden"))
        finally:
            app.request_stop()
            assert await asyncio.wait_for(running, 30) == 0
