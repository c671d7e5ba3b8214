"""The router: commands found whatever the platform's spelling, free text as questions,
and a failing update answered with an apology while the next one is still served."""

from __future__ import annotations

import logging

from bot.messages import User


async def test_start_says_what_the_bot_does(chat) -> None:
    reply = await chat.say("/start")
    assert "briefing" in reply.lower()
    assert "/help" in reply


async def test_help_lists_the_commands(chat) -> None:
    reply = await chat.say("/help")
    for command in ("/brief", "/ask", "/subscribe", "/unsubscribe", "/sources", "/schedule",
                    "/settings", "/export"):
        assert command in reply


async def test_unknown_command_gets_a_helpful_reply(chat) -> None:
    reply = await chat.say("/frobnicate now")
    assert "/frobnicate" in reply and "/help" in reply


async def test_a_malformed_command_is_not_taken_for_a_question(chat) -> None:
    reply = await chat.say("/settings: stories 3")
    assert "/settings:" in reply and "/help" in reply
    assert "/help" in await chat.say("/")


async def test_telegram_bot_suffix_and_case_are_understood(chat) -> None:
    reply = await chat.say("/HELP@briefbot_bot", chat_type="group")
    assert "/subscribe" in reply


async def test_slack_style_subcommand_of_brief(chat) -> None:
    reply = await chat.say("/brief help")
    assert "/unsubscribe" in reply


async def test_free_text_in_a_private_chat_is_a_question(chat) -> None:
    reply = await chat.say("How much did the library renovation cost?")
    assert "$2.5 million" in reply


async def test_group_chatter_is_ignored_but_a_mention_is_answered(chat) -> None:
    assert await chat.say("anyone up for lunch?", chat_type="group") == ""
    reply = await chat.say("<@U0BOT> How much did the library renovation cost?",
                           chat_type="group", mentioned=True)
    assert "$2.5 million" in reply


async def test_messages_from_bots_are_never_answered(chat) -> None:
    assert await chat.say("/help", user=User("b1", "other bot", is_bot=True)) == ""


async def test_a_failing_update_is_apologised_for_and_the_next_is_served(
    chat, service, monkeypatch, caplog
) -> None:
    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(service, "brief", broken)
    with caplog.at_level(logging.ERROR, logger="bot.chat.router"):
        reply = await chat.say("/brief")
    assert "sorry" in reply.lower()
    assert chat.adapter.sent[-1].document.meta["kind"] == "error"  # counted as a failed update
    record = next(r for r in caplog.records if r.name == "bot.chat.router")
    assert "memory:1" in record.getMessage() and "brief" in record.getMessage()
    assert "/subscribe" in await chat.say("/help")


async def test_an_adapter_that_cannot_send_does_not_break_the_router(chat, monkeypatch) -> None:
    async def refuse(*args, **kwargs):
        raise ConnectionError("platform down")

    monkeypatch.setattr(chat.adapter, "send", refuse)
    await chat.say("/help")  # handle() returns; nothing raised
