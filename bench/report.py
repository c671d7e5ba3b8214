"""Write one benchmark's section into docs/BENCHMARKS.md, between its markers."""

from __future__ import annotations

import platform
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(name: str, body: str) -> None:
    """Replace the text between <!-- bench:NAME --> and <!-- /bench:NAME --> with `body`."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join([".venv/bin/python", *[Path(sys.argv[0]).as_posix(), *sys.argv[1:]]])
    section = f"Run {stamp} on {machine()} with `{command}`.\n\n{body.strip()}\n"
    text = DOC.read_text(encoding="utf-8")
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _m: f"{start}\n{section}{end}", text)
    DOC.write_text(text, encoding="utf-8")
