"""The small model files the answerer ships (weights fitted by the bench scripts)."""

from __future__ import annotations

import json
from pathlib import Path


def read_weights(path: Path) -> dict[str, float] | None:
    """A model file's weights; None when it is missing or unreadable (the caller falls back
    to hand weights or leaves the model out)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
