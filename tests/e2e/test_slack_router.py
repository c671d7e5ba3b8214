"""End to end on Slack: signed requests to /slack/events, unmodified slack-bolt, our adapter,
the real Router and commands and engine, and the fake Web API recording chat.postMessage."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.adapters.slack import SlackAdapter
from bot.chat import conversations
from bot.chat.router import Router
from bot.http import HttpServer
from bot.messages import ChatRef, MessageRef
from bot.metrics import Metrics
from briefs.models import Briefing
from briefs.service import BriefingService
from config.settings import BotSettings, Secrets, Settings
from tests.chat.conftest import RecordingHooks, insert_articles
from tests.e2e.test_telegram_router import ScriptedService, story_briefs
from tests.fakes.slack_api import (
    BOT_ID,
    BOT_USER_ID,
    FakeSlackAPI,
    Post,
    command_body,
    event_body,
    message_event,
    sign,
)

SECRET = "e2e-signing-secret"


class Workspace:
    def __init__(self, api: FakeSlackAPI, server: HttpServer, service: ScriptedService,
                 stories: dict[str, int], store: Any, session: aiohttp.ClientSession) -> None:
        self.api, self.server, self.service = api, server, service
        self.stories, self.store, self.session = stories, store, session
        self._events = 0

    async def _post(self, body: str, content_type: str) -> int:
        headers = {**sign(SECRET, body), "Content-Type": content_type}
        async with self.session.post(f"{self.server.url}/slack/events", data=body.encode(),
                                     headers=headers) as response:
            await response.read()
            return response.status

    async def command(self, text: str, channel: str = "C0001", user: str = "U0001") -> list[Post]:
        before = len(self.api.posts)
        body = command_body(text, channel=channel, user=user, response_url=self.api.response_url())
        assert await self._post(body, "application/x-www-form-urlencoded") == 200
        posts = await self.api.wait_for_posts(before + 1)
        return posts[before:]

    async def event(self, event: dict[str, Any], expect_reply: bool = True) -> list[Post]:
        before = len(self.api.posts)
        self._events += 1
        assert await self._post(event_body(event, f"Ev{self._events}"), "application/json") == 200
        if not expect_reply:
            return []
        posts = await self.api.wait_for_posts(before + 1)
        return posts[before:]

    async def known(self, channel: str, ts: str) -> None:
        """Wait until the router has recorded a posted message (it does so after posting)."""
        ref = MessageRef(ChatRef("slack", channel), ts)

        async def poll() -> None:
            while conversations.thread_for_message(self.store, ref) is None:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), 10)


@pytest.fixture
async def workspace(settings: Settings, store: Any) -> AsyncIterator[Workspace]:
    stories = insert_articles(store)
    real = BriefingService(store, settings)
    service = ScriptedService(real, Briefing(stories=story_briefs(stories)))
    async with FakeSlackAPI() as api:
        configured = settings.replace(
            secrets=Secrets(slack_bot_token=api.token, slack_signing_secret=SECRET,
                            slack_api_base_url=api.base_url),
            bot=BotSettings(slack_admin_rule="admins"))
        router = Router(service, store, configured, scheduler_hooks=RecordingHooks())  # type: ignore[arg-type]
        metrics = Metrics()
        adapter = SlackAdapter(configured, router.handle, metrics)
        await adapter.start()
        server = HttpServer("127.0.0.1", 0, metrics=metrics, slack=adapter)
        await server.start()
        try:
            async with aiohttp.ClientSession() as session:
                yield Workspace(api, server, service, stories, store, session)
        finally:
            await server.stop()
            await adapter.stop()
            for part in (real._collector, real._writer, real._answerer):
                if part is not None and hasattr(part, "aclose"):
                    await part.aclose()


def texts(posts: list[Post]) -> str:
    return "\n".join(p.text + json.dumps(p.blocks) for p in posts)


async def test_bare_slash_command_posts_the_briefing(workspace: Workspace) -> None:
    [post] = await workspace.command("")
    assert post.channel == "C0001" and post.via == "chat.postMessage" and post.thread_ts is None
    assert "*Lakeside library reopens after $2.5 million renovation*" in json.dumps(post.blocks)
    assert "Libraries are the living rooms of a town" in post.text
    assert post.body["unfurl_links"] is False


async def test_slash_subcommands_reach_their_commands(workspace: Workspace) -> None:
    workspace.api.set_user("U0001", is_admin=True)
    posts = await workspace.command("help")
    assert "/brief ask QUESTION" in texts(posts)
    [refused] = await workspace.command("subscribe ftp://example.org/feed")
    assert "isn't a web address" in refused.text
    [answer] = await workspace.command("ask How much did the Lakeside library renovation cost?")
    assert "2.5 million" in texts([answer])


async def test_thread_message_under_a_briefing_is_a_follow_up_in_the_thread(workspace: Workspace) -> None:
    [briefing] = await workspace.command("")
    await workspace.known("C0001", briefing.ts)
    posts = await workspace.event(message_event(
        "What did Maria Lopez say?", ts="1800000000.000200", thread_ts=briefing.ts))
    assert posts and all(p.thread_ts == briefing.ts for p in posts)
    [asked] = workspace.service.asked
    assert workspace.stories["library"] in asked["focus_story_ids"]


async def test_mention_is_answered_in_its_thread(workspace: Workspace) -> None:
    posts = await workspace.event(message_event(
        f"<@{BOT_USER_ID}> how much did the library renovation cost?", ts="1800000001.000100",
        kind="app_mention"))
    assert all(p.thread_ts == "1800000001.000100" for p in posts)
    assert "2.5 million" in texts(posts)


async def test_the_bots_own_messages_and_unrelated_threads_are_ignored(workspace: Workspace) -> None:
    await workspace.event(message_event("a briefing we posted", user=BOT_USER_ID, bot_id=BOT_ID,
                                        ts="1800000002.1", thread_ts="1800000000.9"),
                          expect_reply=False)
    await workspace.event(message_event("chat in someone else's thread", ts="1800000002.2",
                                        thread_ts="1799999999.1"), expect_reply=False)
    await workspace.command("help")  # handled after the two above
    assert not workspace.service.asked


async def test_only_workspace_admins_change_the_schedule(workspace: Workspace) -> None:
    workspace.api.set_user("UPLAIN")
    workspace.api.set_user("UADMIN", is_admin=True)
    [refused] = await workspace.command("schedule 08:00", user="UPLAIN")
    assert "Only the chat's admins" in refused.text
    [accepted] = await workspace.command("schedule 08:00", user="UADMIN")
    assert "08:00" in accepted.text


async def test_article_text_cannot_ping_the_channel(workspace: Workspace) -> None:
    briefs = story_briefs(workspace.stories)
    first = briefs[0]
    noisy = type(first)(title="Alert <!channel> @here", summary=("Everyone <!everyone> look.",),
                        sources=first.sources, story_id=first.story_id)
    workspace.service.briefing = Briefing(stories=(noisy,))
    [post] = await workspace.command("")
    everything = texts([post])
    for raw in ("<!channel>", "<!everyone>", "@here"):
        assert raw not in everything
    assert "&lt;!channel&gt;" in everything
