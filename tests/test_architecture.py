"""The engine stays platform-free: briefs/ never imports chat or scheduler code."""

import ast
from pathlib import Path

FORBIDDEN = {"telegram", "slack_bolt", "slack_sdk", "apscheduler", "bot"}
ROOT = Path(__file__).resolve().parents[1]


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_engine_imports_no_chat_or_scheduler_code() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & FORBIDDEN)
        for path in (ROOT / "briefs").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_config_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(ROOT))
        for package in ("briefs", "bot")
        for path in (ROOT / package).rglob("*.py")
        if "os.environ" in path.read_text(encoding="utf-8") or "os.getenv" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
