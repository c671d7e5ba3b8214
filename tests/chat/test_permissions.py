"""In groups and channels only admins change things; everyone may read and ask."""

from __future__ import annotations

import pytest

from bot import subscriptions as subs
from bot.delivery import schedules
from bot.messages import User

MEMBER = User("member", "Bo")
ADMIN = User("admin", "Cy")


@pytest.mark.parametrize("line", [
    "/subscribe https://example.org/feed.xml", "/subscribe topic ferries", "/unsubscribe 1",
    "/schedule 07:00", "/schedule off", "/settings stories 3",
])
@pytest.mark.parametrize("chat_type", ["group", "channel"])
async def test_members_may_not_change_a_group(chat, line, chat_type) -> None:
    reply = await chat.say(line, chat_id="-100", chat_type=chat_type, user=MEMBER)
    assert "Only the chat's admins" in reply
    assert subs.list_subscriptions(chat.store, "memory:-100") == []
    assert schedules.list_schedules(chat.store, "memory:-100") == []


async def test_members_may_read_and_ask_in_a_group(chat) -> None:
    assert "/subscribe" in await chat.say("/help", chat_id="-100", chat_type="group", user=MEMBER)
    assert "stories: 5" in await chat.say("/settings", chat_id="-100", chat_type="group", user=MEMBER)
    assert "No daily" in await chat.say("/schedule", chat_id="-100", chat_type="group", user=MEMBER)
    reply = await chat.say("/ask How much did the library renovation cost?", chat_id="-100",
                           chat_type="group", user=MEMBER)
    assert "$2.5 million" in reply
    reply = await chat.say("/brief", chat_id="-100", chat_type="group", user=MEMBER)
    assert "library" in reply.lower()


async def test_admins_may_change_a_group(chat) -> None:
    reply = await chat.say("/subscribe topic ferries", chat_id="-100", chat_type="group", user=ADMIN)
    assert "Subscribed" in reply
    assert "Done" in await chat.say("/schedule 07:00", chat_id="-100", chat_type="group", user=ADMIN)


async def test_anyone_owns_a_private_chat(chat) -> None:
    assert "Subscribed" in await chat.say("/subscribe topic ferries", user=MEMBER)


async def test_a_failing_admin_check_refuses(chat, monkeypatch) -> None:
    async def broken(chat_ref, user):
        raise ConnectionError("getChatMember failed")

    monkeypatch.setattr(chat.adapter, "is_admin", broken)
    reply = await chat.say("/schedule 07:00", chat_id="-100", chat_type="group", user=ADMIN)
    assert "Only the chat's admins" in reply


async def test_slack_rule_anyone_lets_members_change_channels(store, settings, service) -> None:
    from bot.adapters.memory import MemoryAdapter
    from bot.chat.router import Router
    from tests.chat.conftest import ChatDriver

    adapter = MemoryAdapter(platform="slack")
    driver = ChatDriver(Router(service, store, settings), adapter, store, {})
    assert settings.bot.slack_admin_rule == "anyone"
    assert "Subscribed" in await driver.say("/subscribe topic ferries", chat_id="C1",
                                            chat_type="channel", user=MEMBER)
