"""Every bad input is answered in one plain line: no apology for an internal error, no
traceback. Then the router fuzzed: every command with arbitrary text gets a reply."""

from __future__ import annotations

import io
import logging

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.console import ConsoleAdapter
from bot.chat.router import ALIASES, COMMANDS
from briefs.collect.fetch import Fetcher

APOLOGY = "something went wrong"


def offline(chat) -> None:  # type: ignore[no-untyped-def]
    """No fetch leaves the machine: every connection attempt fails at once."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("offline test", request=request)

    collector = chat.router.service.collector
    collector.fetcher = Fetcher(collector.settings.fetch, transport=httpx.MockTransport(refuse))


@pytest.fixture
def bot(chat, caplog):  # type: ignore[no-untyped-def]
    offline(chat)
    caplog.set_level(logging.WARNING)
    return chat


def plain_line(reply: str) -> None:
    assert reply and APOLOGY not in reply and "Traceback" not in reply


@pytest.mark.parametrize("line, expected", [
    ("/unsubscribe 99999999999999999999", "This chat has no subscription #99999999999999999999"),
    ("/unsubscribe ²", "Usage: /unsubscribe ID"),
    ("/unsubscribe ٣", "Usage: /unsubscribe ID"),
    ("/settings stories ²", "stories must be a whole number from 1 to 15, not \u201c²\u201d."),
    ("/settings stories 0", "stories must be a whole number from 1 to 15, not \u201c0\u201d."),
    ("/settings length 99999", "length must be a whole number from 1 to"),
    ("/settings language fr", "language must be one of en|de, not \u201cfr\u201d."),
    ("/settings colour blue", "There is no setting \u201ccolour\u201d."),
    ("/subscribe https://[::1", "That isn't a web address I can follow"),
    ("/subscribe http://ｅｘａｍｐｌｅ.com/feed", "bad URL: Invalid IDNA hostname"),
    ("/subscribe http://0177.0.0.1/feed", "an IP address must be written in plain dotted decimal"),
    ("/subscribe http://a\\b.example/feed", "bad URL: not a host name"),
    ("/subscribe http://example.com/" + "a" * 100_000, "That address is too long (over 2048 characters)."),
    ("/subscribe http://example.com:99999/feed", "That isn't a web address I can follow"),
])
async def test_bad_input_gets_one_plain_line(bot, caplog, line: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    reply = await bot.say(line)
    plain_line(reply)
    assert expected in reply
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_the_setting_says_what_was_wrong_and_keeps_the_usage(bot) -> None:  # type: ignore[no-untyped-def]
    reply = await bot.say("/settings stories 0")
    assert "Usage: /settings stories N (1\u201315)" in reply


async def test_a_redirect_with_a_backslash_is_refused_plainly(bot, settings) -> None:  # type: ignore[no-untyped-def]
    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://evil\\.example\\feed"})

    collector = bot.router.service.collector
    collector.fetcher = Fetcher(settings.fetch, transport=httpx.MockTransport(redirect))
    reply = await bot.say("/subscribe http://news.example/feed")
    plain_line(reply)
    assert "bad URL" in reply


def test_invalid_utf8_on_the_console_is_replaced_not_fatal() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"/help \xff\xfe\n/brief\n"), encoding="utf-8")
    console = ConsoleAdapter(lambda i, a: None, stdin=stdin, stdout=io.StringIO())  # type: ignore[arg-type, return-value]
    lines = list(console.stdin)
    assert lines == ["/help \ufffd\ufffd\n", "/brief\n"]
    assert console.translate("caf\udce9 \udcff").text == "/ask caf\ufffd \ufffd"


async def test_a_question_with_undecodable_bytes_is_answered(bot) -> None:  # type: ignore[no-untyped-def]
    reply = await bot.say("what about the library \udcff\udcfe?")
    plain_line(reply)


async def test_console_input_ending_during_a_subscribe_fetch_is_quiet(settings, caplog) -> None:  # type: ignore[no-untyped-def]
    """The bot stopping while /subscribe waits on a slow site: no CancelledError traceback."""
    import asyncio
    import dataclasses

    from bot.app import build
    from tests.fakes.site import FakeSite

    quiet = settings.replace(sources=dataclasses.replace(settings.sources, samples=False))
    with FakeSite() as site:
        url = site.add("/slow", trickle=True)
        stdin = io.StringIO(f"/subscribe {url}\n")
        app = build(quiet, console=True, stdin=stdin, stdout=io.StringIO())
        running = asyncio.create_task(app.run())
        async with asyncio.timeout(30):
            while not site.hits("/slow"):
                await asyncio.sleep(0.01)
        app.request_stop()  # as the end of input (or Ctrl-C) does
        assert await asyncio.wait_for(running, 30) == 0
    assert "CancelledError" not in caplog.text and "Traceback" not in caplog.text


# -- fuzzing ---------------------------------------------------------------------------------

NAMES = sorted({*COMMANDS, *ALIASES, "settings stories", "settings length", "settings language",
                "subscribe topic", "schedule", "brief"})
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
URLISH = st.builds(lambda scheme, host, rest: f"{scheme}{host}{rest}",
                   st.sampled_from(["http://", "https://", "ftp://", "http:/", "//", ""]),
                   st.sampled_from(["[::1", "0177.0.0.1", "ｅｘａｍｐｌｅ.com", "a\\b", "10.0.0.1",
                                    "example.com:99999", "xn--zz.com", "[fe80::1%eth0]", "", "%41"]),
                   ANY_TEXT)
FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(name=st.sampled_from(NAMES), args=st.one_of(ANY_TEXT, URLISH,
                                                   st.from_regex(r"[0-9²³¹٣۴߀]{1,30}", fullmatch=True)))
async def test_every_command_with_any_text_gets_a_plain_reply(bot, name: str, args: str) -> None:  # type: ignore[no-untyped-def]
    reply = await bot.say(f"/{name} {args}")
    plain_line(reply)


@FUZZ
@given(line=ANY_TEXT.filter(lambda t: t.strip()))
async def test_any_line_in_a_private_chat_gets_a_plain_reply(bot, line: str) -> None:  # type: ignore[no-untyped-def]
    reply = await bot.say(line)
    plain_line(reply)
