"""The Telegram adapter on unmodified python-telegram-bot against the fake Bot API (a test handler)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from html.parser import HTMLParser

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.messages import (
    Adapter,
    ChatRef,
    ChatUnavailable,
    DeliveryError,
    Document,
    Incoming,
    MessageRef,
    PermanentSendError,
    RateLimited,
    User,
)
from bot.metrics import Metrics
from config.settings import Secrets, Settings
from tests.fakes.telegram_api import FakeTelegramAPI, RateLimits


class Recorder:
    """A stand-in router: records what arrives and answers with an echo."""

    def __init__(self) -> None:
        self.incoming: list[Incoming] = []
        self.fail_on: str | None = None

    async def __call__(self, incoming: Incoming, adapter: Adapter) -> None:
        self.incoming.append(incoming)
        if self.fail_on and self.fail_on in incoming.text:
            raise RuntimeError("boom")
        await adapter.typing(incoming.chat)
        await adapter.send(incoming.chat, Document.text(f"echo {incoming.text}"),
                           reply_to=incoming.message)


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegramAPI]:
    async with FakeTelegramAPI() as server:
        yield server


def telegram_settings(settings: Settings, api: FakeTelegramAPI, **extra: str) -> Settings:
    return settings.replace(secrets=Secrets(
        telegram_bot_token=api.token, telegram_api_base_url=api.url, **extra))


@pytest.fixture
async def bot(settings: Settings, api: FakeTelegramAPI) -> AsyncIterator[tuple[TelegramAdapter, Recorder]]:
    recorder = Recorder()
    adapter = TelegramAdapter(telegram_settings(settings, api), recorder, Metrics(), poll_timeout=5)
    await adapter.start()
    try:
        yield adapter, recorder
    finally:
        await adapter.stop()


class _Balanced(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


def assert_valid_html(text: str) -> None:
    parser = _Balanced()
    parser.feed(text)
    parser.close()
    assert parser.stack == []


async def test_start_registers_the_command_menu(bot: tuple[TelegramAdapter, Recorder],
                                                api: FakeTelegramAPI) -> None:
    english, german = api.calls_to("setMyCommands")
    commands = english["commands"]
    assert {"brief", "ask", "subscribe", "schedule", "help", "export"} <= {c["command"] for c in commands}
    assert "language_code" not in english
    assert german["language_code"] == "de"
    assert dict((c["command"], c["description"]) for c in german["commands"])["help"] == \
        "was der Bot kann und die Befehle"


async def test_private_command_is_translated_and_answered(bot: tuple[TelegramAdapter, Recorder],
                                                           api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    sent = api.push_message(42, "/brief economy")
    [reply] = await api.wait_for_sent(1)
    incoming = recorder.incoming[0]
    assert incoming.text == "/brief economy"
    assert incoming.chat == ChatRef("telegram", "42")
    assert incoming.chat_type == "private"
    assert incoming.user == User("1001", "Ada")
    assert reply.text == "echo /brief economy"
    assert reply.reply_to == sent["message_id"] and reply.parse_mode == "HTML"
    assert api.calls_to("sendChatAction")[0]["action"] == "typing"


async def test_group_command_with_bot_name_and_forum_topic(bot: tuple[TelegramAdapter, Recorder],
                                                           api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    api.push_message(-100123, "/brief@otherbot", thread_id=7)  # not for us: ignored
    api.push_message(-100123, "/ask@briefbot why?", thread_id=7)
    [reply] = await api.wait_for_sent(1)
    assert [i.text for i in recorder.incoming] == ["/ask why?"]
    assert recorder.incoming[0].chat == ChatRef("telegram", "-100123", "7")
    assert recorder.incoming[0].chat_type == "group"
    assert reply.message_thread_id == 7  # the answer stays in the topic


async def test_reply_to_a_message_becomes_reply_to(bot: tuple[TelegramAdapter, Recorder],
                                                   api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    api.push_message(42, "and what about prices?", reply_to=555, reply_to_text="briefing")
    await api.wait_for_sent(1)
    assert recorder.incoming[0].reply_to == MessageRef(ChatRef("telegram", "42"), "555")


async def test_channel_post_is_handled_as_the_channel(bot: tuple[TelegramAdapter, Recorder],
                                                      api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    api.push_message(-100777, "/sources", chat_type="channel")
    await api.wait_for_sent(1)
    incoming = recorder.incoming[0]
    assert incoming.chat_type == "channel" and incoming.user.id == "-100777"
    assert await adapter.is_admin(incoming.chat, incoming.user)


async def test_document_is_downloaded_as_attachment(bot: tuple[TelegramAdapter, Recorder],
                                                    api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    opml = b'<?xml version="1.0"?><opml version="2.0"><body/></opml>'
    api.push_message(42, None, document=api.add_file("f1", opml))
    await api.wait_for_sent(1)
    attachment = recorder.incoming[0].attachment
    assert attachment is not None and attachment.data == opml
    assert attachment.filename == "f1.opml"


async def test_other_files_in_groups_are_not_downloaded(bot: tuple[TelegramAdapter, Recorder],
                                                        api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    document = {**api.add_file("f2", b"%PDF"), "file_name": "minutes.pdf", "mime_type": "application/pdf"}
    api.push_message(-100900, None, document=document)
    api.push_message(-100900, "/help")
    await api.wait_for_sent(2)  # the echo of both updates
    assert all(i.attachment is None for i in recorder.incoming)
    assert not api.calls_to("getFile")


async def test_is_admin_asks_telegram_in_groups(bot: tuple[TelegramAdapter, Recorder],
                                                api: FakeTelegramAPI) -> None:
    adapter, _ = bot
    group = ChatRef("telegram", "-100500")
    api.set_member_status(-100500, 7, "administrator")
    api.set_member_status(-100500, 8, "creator")
    assert await adapter.is_admin(group, User("7"))
    assert await adapter.is_admin(group, User("8"))
    assert not await adapter.is_admin(group, User("9"))  # a plain member
    assert await adapter.is_admin(ChatRef("telegram", "42"), User("42"))  # private chat
    calls = len(api.calls_to("getChatMember"))
    assert await adapter.is_admin(group, User("7"))  # cached
    assert len(api.calls_to("getChatMember")) == calls


async def test_failure_in_one_update_is_apologised_for(bot: tuple[TelegramAdapter, Recorder],
                                                       api: FakeTelegramAPI) -> None:
    adapter, recorder = bot
    recorder.fail_on = "explode"
    api.push_message(42, "/ask explode")
    [apology] = await api.wait_for_sent(1)
    assert "sorry" in apology.text.lower()
    api.push_message(43, "/help")  # and the bot keeps serving
    await api.wait_for_sent(1, chat_id=43)
    assert adapter.metrics.value("briefbot_errors_total", platform="telegram", kind="update") == 1


async def test_long_document_is_split_into_valid_messages(bot: tuple[TelegramAdapter, Recorder],
                                                          api: FakeTelegramAPI) -> None:
    adapter, _ = bot
    paragraph = " ".join(f"Sentence {i} says <this> & that." for i in range(60))
    document = Document.text("\n\n".join([paragraph] * 8))
    refs = await adapter.send(ChatRef("telegram", "42"), document)
    sent = api.sent_to(42)
    assert len(sent) == len(refs) > 1
    for message in sent:
        assert len(message.text) < 4096
        assert message.disable_preview
        assert_valid_html(message.text)
    assert "&lt;this&gt; &amp; that" in sent[0].text


async def test_delivery_errors_are_mapped(settings: Settings) -> None:
    async with FakeTelegramAPI(limits=RateLimits(per_chat_per_second=1)) as api:
        adapter = TelegramAdapter(telegram_settings(settings, api), Recorder(), Metrics())
        await adapter.application.initialize()
        try:
            payload = adapter.render(Document.text("hello"))[0]
            await adapter.send_payload(ChatRef("telegram", "42"), payload)
            with pytest.raises(RateLimited) as limited:
                await adapter.send_payload(ChatRef("telegram", "42"), payload)
            assert limited.value.retry_after >= 1
            api.blocked_chats.add("43")
            with pytest.raises(ChatUnavailable):
                await adapter.send_payload(ChatRef("telegram", "43"), payload)
            api.missing_chats.add("44")
            with pytest.raises(ChatUnavailable):
                await adapter.send_payload(ChatRef("telegram", "44"), payload)
            with pytest.raises(PermanentSendError):
                await adapter.send_payload(ChatRef("telegram", "45"), {"text": " "})
            api.fail_sends = 1
            with pytest.raises(DeliveryError) as hiccup:
                await adapter.send_payload(ChatRef("telegram", "46"), payload)
            assert type(hiccup.value) is DeliveryError  # retry later; the chat is fine
        finally:
            await adapter.application.shutdown()


async def test_webhook_mode_sets_the_webhook_and_checks_the_secret(
        settings: Settings, api: FakeTelegramAPI) -> None:
    recorder = Recorder()
    configured = telegram_settings(settings, api, telegram_webhook_url="https://bot.example/tg/hook",
                                   telegram_webhook_secret="s3cret")
    adapter = TelegramAdapter(configured, recorder, Metrics())
    await adapter.start()
    try:
        hook = api.calls_to("setWebhook")[0]
        assert hook["url"] == "https://bot.example/tg/hook" and hook["secret_token"] == "s3cret"
        assert adapter.webhook_path == "/tg/hook"
        assert not api.calls_to("getUpdates")
        assert adapter.check_webhook_secret("s3cret")
        assert not adapter.check_webhook_secret("wrong") and not adapter.check_webhook_secret(None)
        await adapter.process_webhook({"update_id": 1, "message": api.make_message(42, "/help")})
        await api.wait_for_sent(1)
        assert recorder.incoming[0].text == "/help"
    finally:
        await adapter.stop()


async def test_replies_wait_out_the_per_chat_rate_limit(settings: Settings) -> None:
    clock = [100.0]
    async with FakeTelegramAPI(limits=RateLimits(per_chat_per_second=1),
                               clock=lambda: clock[0]) as api:
        adapter = TelegramAdapter(telegram_settings(settings, api), Recorder(), Metrics())
        waits: list[float] = []

        async def advance(seconds: float) -> None:  # time passes only when the adapter waits
            waits.append(seconds)
            clock[0] += seconds

        adapter.sleep = advance
        await adapter.application.initialize()
        try:
            paragraph = " ".join(f"Sentence {i} is here." for i in range(300))
            refs = await adapter.send(ChatRef("telegram", "42"), Document.text(paragraph))
        finally:
            await adapter.application.shutdown()
        assert len(refs) == len(api.sent_to(42)) > 1
        assert waits and len(api.rejected) == len(waits)


async def test_webhook_without_a_configured_secret_gets_one_every_worker_shares(
        settings: Settings, api: FakeTelegramAPI) -> None:
    configured = telegram_settings(settings, api, telegram_webhook_url="https://bot.example/hook")
    adapter = TelegramAdapter(configured, Recorder(), Metrics())
    await adapter.start()
    try:
        secret = api.calls_to("setWebhook")[0]["secret_token"]
        assert len(secret) >= 32 and api.token not in secret
        assert adapter.check_webhook_secret(secret) and not adapter.check_webhook_secret(None)
        # Another worker of the deployment (same token) accepts what Telegram sends with it.
        other = TelegramAdapter(configured, Recorder(), Metrics())
        assert other.check_webhook_secret(secret)
        another_bot = TelegramAdapter(telegram_settings(settings, api).replace(secrets=Secrets(
            telegram_bot_token="999:OTHER", telegram_api_base_url=api.url,
            telegram_webhook_url="https://bot.example/hook")), Recorder(), Metrics())
        assert not another_bot.check_webhook_secret(secret)
    finally:
        await adapter.stop()
