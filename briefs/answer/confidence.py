"""How likely an extractive answer is right: a logistic model over the passage's signals.

The weights are fitted by bench/train_confidence.py on SQuAD 2.0 dev questions of the
development half only (even-indexed articles; none of the questions bench/qa.py reports),
labelled "the answer holds a gold answer" (answerable) or "wrong" (unanswerable). The
refusal threshold (qa.THRESHOLD) is then read off the development precision/coverage curve.
Without the weights file the coverage signal alone is used.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("confidence.json")


@lru_cache(maxsize=1)
def _weights() -> dict[str, float] | None:
    try:
        return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def confidence(signals: dict[str, float]) -> float:
    weights = _weights()
    if not weights:
        return signals.get("coverage", 0.0) * (0.5 + 0.5 * signals.get("names", 1.0))
    z = weights.get("bias", 0.0) + sum(
        w * signals.get(name, 0.0) for name, w in weights.items() if name != "bias"
    )
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
