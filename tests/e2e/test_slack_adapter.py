"""The Slack adapter on unmodified slack-bolt against the fake Web API, through /slack/events."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.adapters.slack import SlackAdapter, command_text, plain_text
from bot.http import HttpServer
from bot.messages import (
    Adapter,
    Block,
    ChatRef,
    ChatUnavailable,
    Document,
    Incoming,
    MessageRef,
    RateLimited,
    Span,
    User,
)
from bot.metrics import Metrics
from config.settings import BotSettings, Secrets, Settings
from tests.fakes.slack_api import (
    BOT_ID,
    BOT_USER_ID,
    FakeSlackAPI,
    command_body,
    event_body,
    message_event,
    sign,
)

SECRET = "signing-secret"


class Recorder:
    def __init__(self) -> None:
        self.incoming: list[Incoming] = []
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self, incoming: Incoming, adapter: Adapter) -> None:
        self.incoming.append(incoming)
        await self.release.wait()
        await adapter.send(incoming.chat, Document.text(f"echo {incoming.text}"),
                           reply_to=incoming.message)


def slack_settings(settings: Settings, api: FakeSlackAPI, rule: str = "anyone") -> Settings:
    return settings.replace(
        secrets=Secrets(slack_bot_token=api.token, slack_signing_secret=SECRET,
                        slack_api_base_url=api.base_url),
        bot=BotSettings(slack_admin_rule=rule))


class Harness:
    def __init__(self, api: FakeSlackAPI, adapter: SlackAdapter, server: HttpServer,
                 recorder: Recorder, session: aiohttp.ClientSession) -> None:
        self.api, self.adapter, self.server = api, adapter, server
        self.recorder, self.session = recorder, session

    async def post(self, body: str, content_type: str = "application/json",
                   headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        signed = sign(SECRET, body) if headers is None else headers
        async with self.session.post(f"{self.server.url}/slack/events", data=body.encode(),
                                     headers={**signed, "Content-Type": content_type}) as resp:
            await resp.read()
            return resp

    async def event(self, event: dict[str, object], event_id: str = "Ev1") -> int:
        return (await self.post(event_body(event, event_id))).status

    async def command(self, text: str, **kwargs: str) -> int:
        body = command_body(text, response_url=self.api.response_url(), **kwargs)
        return (await self.post(body, "application/x-www-form-urlencoded")).status


@pytest.fixture
async def slack(settings: Settings) -> AsyncIterator[Harness]:
    async with FakeSlackAPI() as api:
        recorder = Recorder()
        adapter = SlackAdapter(slack_settings(settings, api), recorder, Metrics())
        await adapter.start()
        server = HttpServer("127.0.0.1", 0, slack=adapter, metrics=adapter.metrics)
        await server.start()
        try:
            async with aiohttp.ClientSession() as session:
                yield Harness(api, adapter, server, recorder, session)
        finally:
            await server.stop()
            await adapter.stop()


@pytest.mark.parametrize("text, expected", [
    ("", "/brief"), ("  ", "/brief"), ("ask why now?", "/ask why now?"),
    ("Subscribe https://x.org/feed", "/subscribe https://x.org/feed"), ("sources", "/sources"),
    ("climate talks", "/brief climate talks"), ("help", "/help"),
])
def test_slash_command_text(text: str, expected: str) -> None:
    assert command_text(text) == expected


async def test_unsigned_badly_signed_and_stale_requests_are_refused(slack: Harness) -> None:
    body = command_body("")
    form = "application/x-www-form-urlencoded"
    assert (await slack.post(body, form, headers={})).status == 401
    assert (await slack.post(body, form, headers=sign("wrong-secret", body))).status == 401
    stale = sign(SECRET, body, timestamp=int(time.time()) - 10 * 60)
    assert (await slack.post(body, form, headers=stale)).status == 401
    assert slack.recorder.incoming == [] and slack.api.posts == []


async def test_slash_command_is_acknowledged_before_it_is_answered(slack: Harness) -> None:
    slack.recorder.release.clear()  # the "router" is still working...
    assert await slack.command("", channel="C0001") == 200  # ...yet Slack got its ack
    assert slack.api.posts == []
    slack.recorder.release.set()
    [post] = await slack.api.wait_for_posts(1)
    assert slack.recorder.incoming[0].text == "/brief"
    assert slack.recorder.incoming[0].chat == ChatRef("slack", "C0001")
    assert slack.recorder.incoming[0].chat_type == "group"
    assert post.channel == "C0001" and post.thread_ts is None and "echo /brief" in post.text


async def test_slash_subcommand_becomes_the_command(slack: Harness) -> None:
    assert await slack.command("ask who won?") == 200
    await slack.api.wait_for_posts(1)
    assert slack.recorder.incoming[0].text == "/ask who won?"


async def test_mention_is_a_question_answered_in_its_thread(slack: Harness) -> None:
    event = message_event(f"<@{BOT_USER_ID}> what did Xi say?", ts="5.000100", kind="app_mention")
    assert await slack.event(event) == 200
    [post] = await slack.api.wait_for_posts(1)
    incoming = slack.recorder.incoming[0]
    assert incoming.text == "/ask what did Xi say?" and incoming.mentioned
    assert post.thread_ts == "5.000100"


async def test_thread_message_is_a_follow_up_in_that_thread(slack: Harness) -> None:
    event = message_event("and the markets?", ts="9.000300", thread_ts="8.000100")
    assert await slack.event(event) == 200
    [post] = await slack.api.wait_for_posts(1)
    incoming = slack.recorder.incoming[0]
    assert incoming.text == "and the markets?"
    assert incoming.reply_to == MessageRef(ChatRef("slack", "C0001"), "8.000100")
    assert post.thread_ts == "8.000100"


async def test_own_and_other_bots_messages_and_chatter_are_ignored(slack: Harness) -> None:
    await slack.event(message_event("my own briefing", user=BOT_USER_ID, bot_id=BOT_ID,
                                    ts="2.1", thread_ts="1.1"), "Ev1")
    await slack.event(message_event("another bot", bot_id="BOTHER", ts="2.2", thread_ts="1.1"),
                      "Ev2")
    await slack.event(message_event("just chatting in the channel", ts="2.3"), "Ev3")
    await slack.event(message_event("a real follow-up", ts="2.4", thread_ts="1.1"), "Ev4")
    await slack.api.wait_for_posts(1)
    assert [i.text for i in slack.recorder.incoming] == ["a real follow-up"]


async def test_article_text_cannot_ping_the_channel(slack: Harness) -> None:
    document = Document((Block("paragraph", (Span("Alert <!channel> and @here & <@U999>"),)),))
    await slack.adapter.send(ChatRef("slack", "C0001"), document)
    [post] = slack.api.posts
    rendered = post.text + str(post.blocks)
    assert "<!channel>" not in rendered and "<@U999>" not in rendered
    assert "&lt;!channel&gt;" in post.blocks[0]["text"]["text"]
    assert "@here" not in rendered  # a word joiner keeps it from being a mention
    assert post.body["unfurl_links"] is False


async def test_not_in_channel_falls_back_to_the_response_url(slack: Harness) -> None:
    slack.api.channel_errors["C0002"] = "not_in_channel"
    assert await slack.command("", channel="C0002") == 200
    [post] = await slack.api.wait_for_posts(1)
    assert post.via == "response_url" and "echo /brief" in post.text


async def test_delivery_errors_are_mapped(settings: Settings) -> None:
    async with FakeSlackAPI(per_channel_per_second=1) as api:
        adapter = SlackAdapter(slack_settings(settings, api), Recorder(), Metrics())
        payload = adapter.render(Document.text("hello"))[0]
        await adapter.send_payload(ChatRef("slack", "C1"), payload)
        with pytest.raises(RateLimited) as limited:
            await adapter.send_payload(ChatRef("slack", "C1"), payload)
        assert limited.value.retry_after >= 1
        for error in ("channel_not_found", "not_in_channel", "is_archived", "account_inactive"):
            api.channel_errors["C2"] = error
            with pytest.raises(ChatUnavailable):
                await adapter.send_payload(ChatRef("slack", "C2"), payload)


async def test_admin_rule_asks_slack_for_workspace_admins(settings: Settings) -> None:
    async with FakeSlackAPI() as api:
        api.set_user("UADMIN", is_admin=True)
        api.set_user("UOWNER", is_owner=True)
        api.set_user("UPLAIN")
        strict = SlackAdapter(slack_settings(settings, api, rule="admins"), Recorder(), Metrics())
        channel = ChatRef("slack", "C1")
        assert await strict.is_admin(channel, User("UADMIN"))
        assert await strict.is_admin(channel, User("UOWNER"))
        assert not await strict.is_admin(channel, User("UPLAIN"))
        assert not await strict.is_admin(channel, User("UNKNOWN"))
        lenient = SlackAdapter(slack_settings(settings, api), Recorder(), Metrics())
        assert await lenient.is_admin(channel, User("UPLAIN"))


async def acked(api: FakeSlackAPI, envelope_id: str) -> None:
    async def poll() -> None:
        while not any(ack.get("envelope_id") == envelope_id for ack in api.socket_acks):
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), 10)


async def test_socket_mode_receives_commands_and_events(settings: Settings) -> None:
    async with FakeSlackAPI() as api:
        recorder = Recorder()
        configured = settings.replace(secrets=Secrets(
            slack_bot_token=api.token, slack_app_token=api.app_token,
            slack_api_base_url=api.base_url))
        adapter = SlackAdapter(configured, recorder, Metrics())
        assert adapter.mode == "socket"
        await adapter.start()
        try:
            command = dict(urllib.parse.parse_qsl(command_body("ask why?")))
            await api.socket_send("slash_commands", command, "env-1")
            await api.wait_for_posts(1)
            await acked(api, "env-1")
            event = message_event(f"<@{BOT_USER_ID}> and now?", ts="7.1", kind="app_mention")
            await api.socket_send("events_api", json.loads(event_body(event)), "env-2")
            posts = await api.wait_for_posts(2)
            assert [i.text for i in recorder.incoming] == ["/ask why?", "/ask and now?"]
            assert posts[1].thread_ts == "7.1"
        finally:
            await adapter.stop()


async def test_url_verification_challenge_is_answered(slack: Harness) -> None:
    body = json.dumps({"token": "legacy", "challenge": "abc123", "type": "url_verification"})
    signed = sign(SECRET, body)
    async with slack.session.post(f"{slack.server.url}/slack/events", data=body.encode(),
                                  headers={**signed, "Content-Type": "application/json"}) as resp:
        assert resp.status == 200
        assert "abc123" in await resp.text()


def test_http_mode_without_a_signing_secret_is_refused(settings: Settings) -> None:
    unsafe = settings.replace(secrets=Secrets(slack_bot_token="xoxb-1"))
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        SlackAdapter(unsafe, Recorder(), Metrics())


@pytest.mark.parametrize("raw, plain", [
    ("<@UBOT> what did <@U2|ada> say?", "what did @ada say?"),
    ("subscribe <https://example.org/feed?a=1&amp;b=2|example.org/feed>",
     "subscribe https://example.org/feed?a=1&b=2"),
    ("is AT&amp;T &lt;big&gt; in <#C1|news>? <!here>", "is AT&T <big> in #news? @here"),
])
def test_slack_markup_becomes_plain_text(raw: str, plain: str) -> None:
    assert plain_text(raw, "UBOT") == plain
