"""The commands that read: /brief, /ask, /settings, /schedule, /sources."""

from __future__ import annotations

from bot.delivery import schedules


async def test_brief_shows_the_top_stories_with_typing(chat) -> None:
    reply = await chat.say("/brief")
    assert "library" in reply.lower()
    assert "ferry" in reply.lower() or "night crossings" in reply.lower()
    assert chat.adapter.typing_chats


async def test_brief_on_a_topic(chat) -> None:
    reply = await chat.say("/brief ferry")
    assert "Gull Island" in reply


async def test_brief_with_nothing_collected_says_so(chat, store) -> None:
    await chat.say("/subscribe topic zeppelins")
    reply = await chat.say("/brief")
    assert "nothing" in reply.lower() or "no " in reply.lower()


async def test_ask_gives_a_grounded_answer_with_sources(chat) -> None:
    reply = await chat.say("/ask How much will tickets for the night crossings cost?")
    assert "$9" in reply
    assert "https://news2.example.org" in reply


async def test_ask_without_a_question_explains_usage(chat) -> None:
    assert "/ask" in await chat.say("/ask")


async def test_ask_about_something_not_collected_says_so(chat) -> None:
    reply = await chat.say("/ask What did the central bank decide about interest rates?")
    assert "can't" in reply.lower() or "not" in reply.lower()


async def test_settings_show_and_change(chat) -> None:
    shown = await chat.say("/settings")
    assert "stories: 5" in shown and "language: en" in shown
    assert "stories = 2" in await chat.say("/settings stories 2")
    assert "length = 1" in await chat.say("/settings length 1")
    assert "stories: 2" in await chat.say("/settings")


async def test_settings_bad_values_get_usage(chat) -> None:
    # Summaries go from 1 sentence up to the writer's cap (5), past the default of 3.
    for line in ("/settings stories 0", "/settings stories many", "/settings language xx",
                 "/settings colour blue", "/settings length 0", "/settings length 6"):
        assert "Usage" in await chat.say(line)


# Seven plain statements about one event: enough for every summary length up to the cap.
TRAMS = (
    "Northbay council approved a $52 million tram line to the harbour on Tuesday. "
    "The line will run 6 kilometres from the station to the ferry terminal. "
    "Construction is due to start next spring and take two years. "
    "The council expects 9,000 passengers a day once the line opens. "
    "Trams will run every eight minutes at peak times. "
    "Shop owners on Harbour Road asked for help during the building work. "
    "The council promised a fund of $2 million for affected businesses."
)


def _summary_lines(reply: str) -> int:
    """Sentences in the summary paragraph, which follows the story's title."""
    summary = reply.split("\n\n")[1]
    return sum(sentence.rstrip(".") in summary for sentence in TRAMS.split(". "))


async def test_settings_length_above_the_default_makes_longer_summaries(chat, store, settings) -> None:
    from bot.chats import MAX_SUMMARY_SENTENCES
    from briefs.models import ArticleDraft

    story = store.new_story("Northbay approves harbour tram line")
    url = "https://northbay.example/trams"
    store.add_article(ArticleDraft(url=url, title="Northbay approves harbour tram line", text=TRAMS),
                      story_id=story)
    assert _summary_lines(await chat.say("/brief tram")) == settings.brief.summary_sentences
    saved = await chat.say(f"/settings length {MAX_SUMMARY_SENTENCES}")
    assert f"length = {MAX_SUMMARY_SENTENCES}" in saved
    assert _summary_lines(await chat.say("/brief tram")) == MAX_SUMMARY_SENTENCES
    assert "length = 1" in await chat.say("/settings length 1")
    assert _summary_lines(await chat.say("/brief tram")) == 1


async def test_settings_stories_limits_the_briefing(chat) -> None:
    await chat.say("/settings stories 1")
    reply = await chat.say("/brief")
    titles = [t for t in ("library", "ferry", "coach") if t in reply.lower()]
    assert len(titles) == 1


async def test_language_switches_the_bots_own_messages(chat) -> None:
    assert "Gespeichert" in await chat.say("/settings language de")
    assert "kenne ich nicht" in await chat.say("/nothing")
    assert "Saved" in await chat.say("/settings language en")


async def test_a_german_chat_gets_a_briefing_with_german_labels(chat) -> None:
    await chat.say("/settings language de")
    reply = await chat.say("/brief")
    assert "library" in reply.lower()
    assert "Quelle: " in reply and "Auch berichtet von: " in reply
    assert "Source:" not in reply and "Also reported by" not in reply


async def test_an_english_chat_keeps_the_english_labels(chat) -> None:
    reply = await chat.say("/brief")
    assert "Source: " in reply and "Also reported by: " in reply
    assert "Quelle" not in reply


async def test_a_german_chat_gets_answers_with_german_labels(chat) -> None:
    await chat.say("/settings language de")
    reply = await chat.say("/ask How much will tickets for the night crossings cost?")
    assert "$9" in reply and "https://news2.example.org" in reply
    assert "Quellen:" in reply and "Sources:" not in reply


async def test_a_german_chat_gets_the_german_help_tip(chat) -> None:
    await chat.say("/settings language de")
    reply = await chat.say("/help", chat_type="group")
    assert "Antworte auf ein Briefing" in reply and "Reply to a briefing" not in reply


async def test_schedule_add_show_and_off(chat, store, hooks) -> None:
    assert "No daily briefing" in await chat.say("/schedule")
    reply = await chat.say("/schedule 07:30 Europe/Berlin mon-fri")
    assert "07:30 Europe/Berlin mon-fri" in reply
    await chat.say("/schedule 18:00")
    assert len(schedules.list_schedules(store, "memory:1")) == 2
    assert "18:00 UTC" in await chat.say("/schedule")
    assert [c for c, _ in hooks.calls].count("schedule_changed") == 2
    assert "off" in (await chat.say("/schedule off")).lower()
    assert schedules.list_schedules(store, "memory:1") == []


async def test_schedule_bad_time_or_zone_is_explained(chat) -> None:
    assert "time of day" in await chat.say("/schedule 25:99")
    assert "time zone" in await chat.say("/schedule 07:00 Mars/Olympus")


async def test_schedule_limit(chat, settings) -> None:
    limit = settings.bot.max_schedules_per_chat
    for hour in range(limit):
        await chat.say(f"/schedule {hour:02d}:00")
    assert f"At most {limit}" in await chat.say("/schedule 23:45")


async def test_sources_without_subscriptions_explains_the_default(chat) -> None:
    assert "everything collected" in await chat.say("/sources")


async def test_chats_are_recorded_and_reactivated_when_they_speak(chat, store) -> None:
    from bot.chats import active_chats, is_active, mark_inactive
    from bot.messages import ChatRef

    await chat.say("/help", chat_id="-7", chat_type="group")
    group = ChatRef("memory", "-7")
    assert group in active_chats(store)
    mark_inactive(store, group, "bot was kicked")
    assert not is_active(store, group) and group not in active_chats(store)
    await chat.say("/help", chat_id="-7", chat_type="group")
    assert is_active(store, group)
    mark_inactive(store, "telegram:42", "blocked")  # a chat never seen before
    assert not is_active(store, "telegram:42")


def test_chat_settings_fall_back_to_the_configured_defaults(store, settings) -> None:
    from bot.chats import chat_settings, ensure_chat, update_chat_settings

    assert chat_settings(store, "slack:C1", settings).stories == settings.brief.stories
    ensure_chat(store, "slack:C1", "channel")
    update_chat_settings(store, "slack:C1", summary_sentences=1, language="de")
    prefs = chat_settings(store, "slack:C1", settings)
    assert (prefs.stories, prefs.summary_sentences, prefs.language) == (
        settings.brief.stories, 1, "de")
