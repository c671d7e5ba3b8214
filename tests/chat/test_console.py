"""The console adapter: lines in, plain text out, ends at the end of input."""

from __future__ import annotations

import io

from bot.adapters.console import CHAT, ConsoleAdapter
from bot.messages import Adapter, Document, Incoming, User
from bot.metrics import Metrics
from bot.render.compose import briefing_document
from briefs.models import Briefing, StoryBrief


class Recorder:
    def __init__(self) -> None:
        self.incoming: list[Incoming] = []

    async def __call__(self, incoming: Incoming, adapter: Adapter) -> None:
        self.incoming.append(incoming)
        if incoming.text == "/boom":
            raise RuntimeError("boom")
        if incoming.text == "/brief":
            await adapter.send(incoming.chat, briefing_document(Briefing(stories=(StoryBrief("A story"),))))
            return
        await adapter.send(incoming.chat, Document.text(f"echo {incoming.text}"))


async def run(lines: str) -> tuple[Recorder, str, ConsoleAdapter]:
    recorder, out = Recorder(), io.StringIO()
    console = ConsoleAdapter(recorder, stdin=io.StringIO(lines), stdout=out, metrics=Metrics())
    await console.run()
    return recorder, out.getvalue(), console


async def test_each_line_is_handled_in_order_until_eof() -> None:
    recorder, out, _ = await run("/help\n\n/brief\nwhat happened?\n")
    assert [i.text for i in recorder.incoming] == ["/help", "/brief", "/ask what happened?"]
    assert out.index("echo /help") < out.index("A story") < out.index("echo /ask what happened?")
    incoming = recorder.incoming[0]
    assert incoming.chat == CHAT and incoming.chat_type == "private"


async def test_caret_is_a_follow_up_to_the_last_briefing() -> None:
    recorder, _, console = await run("/brief\n^ and then?\n")
    follow_up = recorder.incoming[1]
    assert follow_up.text == "and then?"
    assert follow_up.reply_to == console.last_briefing is not None


async def test_a_failing_command_is_apologised_for_and_the_console_goes_on() -> None:
    recorder, out, console = await run("/boom\n/help\n")
    assert "Sorry" in out and "echo /help" in out
    assert console.metrics.value("briefbot_errors_total", platform="console", kind="update") == 1


async def test_the_operator_is_admin_and_output_is_plain() -> None:
    console = ConsoleAdapter(Recorder(), stdin=io.StringIO(""), stdout=io.StringIO())
    assert await console.is_admin(CHAT, User("local"))
    assert console.render(Document.text("a <b> & c"))[0]["text"] == "a <b> & c"


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


async def test_a_closed_output_ends_the_console_quietly() -> None:
    recorder = Recorder()
    console = ConsoleAdapter(recorder, stdin=io.StringIO("/help\n/help\n/help\n"),
                             stdout=ClosedPipe(), metrics=Metrics())
    await console.run()
    assert console.closed and len(recorder.incoming) == 1


async def test_a_terminal_gets_a_prompt_and_bold_titles() -> None:
    out = io.StringIO()
    console = ConsoleAdapter(Recorder(), stdin=io.StringIO("/brief\n"), stdout=out,
                             metrics=Metrics(), prompt=True)
    await console.run()
    assert out.getvalue().startswith("> ")
    assert "\033[1mA story\033[0m" in out.getvalue()
