"""The console: the same commands at a prompt, answers printed as plain text.

Lines are read from standard input on a daemon thread (so Ctrl-C or the end of the program
never waits on a blocked read) and handled one at a time, in order, on the bot's event loop.
At the end of input every pending reply has been printed, then `run` returns: so
``printf '/brief\\n' | briefbot run`` prints a briefing and exits.

Conventions: a line that is not a command is a question (``/ask``); a line starting with
``^`` is a follow-up to the last briefing (as a reply to it would be on Telegram).
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import threading
from typing import Any, TextIO

from bot.messages import ChatRef, Document, Incoming, MessageRef, Payload, User
from bot.metrics import DEFAULT_METRICS, Handler, Metrics, count_reply, dispatch
from bot.render.render import ansi_bold, render_plain

PLATFORM = "console"
CHAT = ChatRef(PLATFORM, "local")
USER = User("local", "you")
PROMPT = "> "
FOLLOW_UP = "^"


class ConsoleAdapter:
    platform = PLATFORM

    def __init__(self, handler: Handler, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 metrics: Metrics | None = None, prompt: bool | None = None) -> None:
        self.handler = handler
        self.stdin = _lenient(stdin or sys.stdin)
        self.stdout = stdout or sys.stdout
        self.metrics = metrics or DEFAULT_METRICS
        self.prompt = self.stdin.isatty() if prompt is None else prompt
        self._ids = itertools.count(1)
        self.last_briefing: MessageRef | None = None
        self.running = False
        self.closed = False  # the reader of our output went away (`briefbot run | head`)

    # -- the read loop ---------------------------------------------------------------------

    async def run(self) -> None:
        """Handle each input line in turn until the end of input."""
        self.running = True
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._start_reader(lines)
        try:
            while not self.closed:
                self._show_prompt()
                line = await lines.get()
                if line is None:
                    break
                incoming = self.translate(line)
                if incoming is not None:
                    await dispatch(self.handler, incoming, self, self.metrics)
        finally:
            self.running = False
            if self.prompt:
                self._write("")

    def _start_reader(self, lines: asyncio.Queue[str | None]) -> None:
        loop = asyncio.get_running_loop()

        def hand_over(line: str | None) -> bool:
            try:
                loop.call_soon_threadsafe(lines.put_nowait, line)
                return True
            except RuntimeError:  # the loop is gone: the console has stopped
                return False

        def read() -> None:
            try:
                for line in self.stdin:
                    if not hand_over(line):
                        return
            except (OSError, ValueError):  # stdin closed under us
                pass
            hand_over(None)

        threading.Thread(target=read, name="console-stdin", daemon=True).start()

    def translate(self, line: str) -> Incoming | None:
        text = valid_text(line).strip()
        if not text:
            return None
        reply_to = None
        if text.startswith(FOLLOW_UP) and self.last_briefing is not None:
            text, reply_to = text[len(FOLLOW_UP):].strip(), self.last_briefing
        elif not text.startswith("/"):
            text = f"/ask {text}"
        message = MessageRef(CHAT, f"in{next(self._ids)}")
        return Incoming(CHAT, USER, text, "private", message=message, reply_to=reply_to)

    def health(self) -> dict[str, Any]:
        return {"running": self.running}

    # -- the Adapter protocol -------------------------------------------------------------

    def render(self, document: Document) -> list[Payload]:
        # Bold titles and figures on a terminal; a pipe gets clean text.
        text = render_plain(document, ansi_bold) if self.prompt else render_plain(document)
        return [{"text": text, "kind": document.meta.get("kind")}]

    async def send(self, chat: ChatRef, document: Document,
                   reply_to: MessageRef | None = None) -> list[MessageRef]:
        count_reply(self.metrics, self.platform, document)
        refs = [await self.send_payload(chat, p, reply_to) for p in self.render(document)]
        if document.meta.get("kind") == "briefing" and refs:
            self.last_briefing = refs[0]
        return refs

    async def send_payload(self, chat: ChatRef, payload: Payload,
                           reply_to: MessageRef | None = None) -> MessageRef:
        self._write(f"{payload['text']}\n")
        self.metrics.sent(PLATFORM)
        return MessageRef(chat, f"out{next(self._ids)}")

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        return True  # the operator at the terminal owns the bot

    async def typing(self, chat: ChatRef) -> None:
        """Nothing to show: answers appear when ready."""

    def _show_prompt(self) -> None:
        if self.prompt and not self.closed:
            try:
                self.stdout.write(PROMPT)
                self.stdout.flush()
            except BrokenPipeError:
                self.closed = True

    def _write(self, text: str) -> None:
        if self.closed:
            return
        try:
            self.stdout.write(text + "\n")
            self.stdout.flush()
        except BrokenPipeError:  # nobody reads any more: stop quietly, like other CLI tools
            self.closed = True


def _lenient(stream: TextIO) -> TextIO:
    """Input that is not valid UTF-8 becomes U+FFFD rather than ending the console."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError, AttributeError):  # already read from, or not a real stream
            pass
    return stream


def valid_text(text: str) -> str:
    """`text` with undecodable bytes (surrogate escapes) and lone surrogates as U+FFFD:
    such strings cannot be stored, printed or sent anywhere."""
    try:  # bytes the reader escaped (errors="surrogateescape"): decode them leniently
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # lone surrogates that were never bytes
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
