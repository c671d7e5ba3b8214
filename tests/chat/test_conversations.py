"""Follow-ups: a reply to a briefing (or to an answer) is a question about those stories,
with the thread's recent turns as history."""

from __future__ import annotations

from bot.chat import conversations
from bot.messages import ChatRef, MessageRef


def spy_on_ask(service, monkeypatch) -> list[dict]:
    calls: list[dict] = []
    real = service.ask

    async def ask(question, scope, *, history=(), focus_story_ids=()):
        calls.append({"question": question, "history": list(history),
                      "focus": list(focus_story_ids)})
        return await real(question, scope, history=history, focus_story_ids=focus_story_ids)

    monkeypatch.setattr(service, "ask", ask)
    return calls


def test_briefing_messages_remember_their_stories(store) -> None:
    ref = MessageRef(ChatRef("telegram", "-100"), "42")
    conversations.record_briefing_message(store, ref, [3, 5, 3])
    assert conversations.stories_for_message(store, ref) == [3, 5]
    assert conversations.stories_for_message(store, MessageRef(ref.chat, "43")) == []
    conversations.record_briefing_message(store, ref, [7])  # a retried send: replaced
    assert conversations.stories_for_message(store, ref) == [7]


async def test_reply_to_a_briefing_is_a_focused_follow_up_with_history(
    chat, service, monkeypatch, settings
) -> None:
    calls = spy_on_ask(service, monkeypatch)
    await chat.say("/brief ferry")
    [briefing_ref, *_] = chat.last_refs
    focus = conversations.stories_for_message(chat.store, briefing_ref)
    assert chat.stories["ferry"] in focus

    first = await chat.say("What did Tomas Berg say?", reply_to=briefing_ref)
    assert "late boat" in first
    assert calls[-1]["focus"] == focus and calls[-1]["history"] == []
    answer_ref = chat.last_refs[0]

    await chat.say("How much will tickets cost?", reply_to=answer_ref)
    assert calls[-1]["focus"] == focus
    assert [t.question for t in calls[-1]["history"]] == ["What did Tomas Berg say?"]
    assert "late boat" in calls[-1]["history"][0].answer


async def test_history_is_bounded(chat, service, monkeypatch, settings) -> None:
    calls = spy_on_ask(service, monkeypatch)
    await chat.say("/brief ferry")
    ref = chat.last_refs[0]
    for n in range(settings.ask.history_turns + 2):
        await chat.say(f"What did Tomas Berg say? ({n})", reply_to=ref)
        ref = chat.last_refs[0]
    assert len(calls[-1]["history"]) == settings.ask.history_turns


async def test_reply_to_a_briefing_in_a_group_needs_no_mention(chat, service, monkeypatch) -> None:
    calls = spy_on_ask(service, monkeypatch)
    await chat.say("/brief ferry", chat_id="-5", chat_type="group")
    reply = await chat.say("What did Tomas Berg say?", chat_id="-5", chat_type="group",
                           reply_to=chat.last_refs[0])
    assert "late boat" in reply and calls


async def test_a_new_question_starts_a_thread_about_the_cited_stories(
    chat, service, monkeypatch
) -> None:
    calls = spy_on_ask(service, monkeypatch)
    await chat.say("/ask What did Tomas Berg say about the ferry?")
    await chat.say("How much will the tickets cost?", reply_to=chat.last_refs[0])
    assert calls[-1]["focus"] == [chat.stories["ferry"]]
    assert len(calls[-1]["history"]) == 1


async def test_slack_thread_rooted_at_the_question_continues(chat, service, monkeypatch) -> None:
    calls = spy_on_ask(service, monkeypatch)
    question = chat.adapter.incoming("What did Tomas Berg say about the ferry?",
                                     chat_id="C9", chat_type="channel", mentioned=True)
    await chat.router.handle(question, chat.adapter)
    # A later message in that thread refers to the thread's root: the user's own question.
    await chat.say("And how much are tickets?", chat_id="C9", chat_type="channel",
                   reply_to=question.message)
    assert len(calls) == 2 and len(calls[-1]["history"]) == 1


async def test_a_question_without_its_own_message_id_roots_at_the_answer(
    chat, service, monkeypatch
) -> None:
    """Slack slash commands carry no message of their own: the answer starts the thread."""
    import dataclasses

    calls = spy_on_ask(service, monkeypatch)
    incoming = dataclasses.replace(
        chat.adapter.incoming("/ask What did Tomas Berg say about the ferry?", chat_id="C2",
                              chat_type="channel"), message=None)
    await chat.router.handle(incoming, chat.adapter)
    answer_ref = chat.adapter.sent[-1].ref
    await chat.say("And how much are tickets?", chat_id="C2", chat_type="channel",
                   reply_to=answer_ref)
    assert len(calls) == 2 and [t.question for t in calls[-1]["history"]] == [
        "What did Tomas Berg say about the ferry?"]


async def test_a_pronoun_in_a_reply_to_a_briefing_means_the_storys_people(chat) -> None:  # type: ignore[no-untyped-def]
    """"When does it leave?" under the ferry briefing is about Bayline's ferry, not the
    library or the football club, although the question names nothing."""
    await chat.say("/brief ferry")
    [briefing_ref, *_] = chat.last_refs
    answer = await chat.say("When does it leave the mainland?", reply_to=briefing_ref)
    assert "11:30 p.m." in answer
    cost = await chat.say("And how much will tickets for them cost?", reply_to=chat.last_refs[0])
    assert "$9" in cost
