"""The engine's quote, speaker and number code as it was before it was rewritten, read from
the project's own git history and run beside today's code by bench/summaries.py.

`load("quotes_v0")` runs `briefs/write/quotes.py` as it was at BEFORE (likewise
`people_v0`, `numbers_v0`), so the baseline is the real earlier code, not a copy kept in the
tree. It needs a git checkout with history (a clone of the repository has it).
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

BEFORE = "4545610"  # main before the rewrite of attribution, key quotes and key numbers
ROOT = Path(__file__).resolve().parents[2]
MODULES = {"people_v0": "briefs/write/people.py", "numbers_v0": "briefs/write/numbers.py",
           "quotes_v0": "briefs/write/quotes.py"}
# The earlier quotes module imported the earlier people module under its engine name.
REWRITES = {"from briefs.write.people import": "from bench.baseline.people_v0 import"}
NEEDS = {"quotes_v0": ("people_v0",)}


def _source(path: str) -> str:
    try:
        return subprocess.run(["git", "show", f"{BEFORE}:{path}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ImportError(f"the baseline needs git history with commit {BEFORE}: {exc}") from exc


def load(name: str) -> types.ModuleType:
    qualified = f"{__name__}.{name}"
    if qualified in sys.modules:
        return sys.modules[qualified]
    for needed in NEEDS.get(name, ()):
        load(needed)
    source = _source(MODULES[name])
    for old, new in REWRITES.items():
        source = source.replace(old, new)
    module = types.ModuleType(qualified)
    module.__file__ = f"{BEFORE}:{MODULES[name]}"
    sys.modules[qualified] = module  # dataclasses look their module up while it runs
    try:
        exec(compile(source, module.__file__, "exec"), module.__dict__)
    except BaseException:
        del sys.modules[qualified]
        raise
    return module
