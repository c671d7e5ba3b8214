"""How likely an extractive answer is right: a logistic model over the passage's signals.

The weights are fitted by bench/train_confidence.py on SQuAD 2.0 dev questions of the
development half only (even-indexed articles; none of the questions bench/qa.py reports),
labelled "the answer holds a gold answer" (answerable) or "wrong" (unanswerable). The
refusal threshold (qa.THRESHOLD) is then read off the development precision/coverage curve.
Without the weights file the coverage signal alone is used. With the neural reader
(neural.py) a second model, fitted the same way with its signals added (confidence_neural.json,
bench/train_confidence.py --neural), scores the candidates the reader has read.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from briefs.answer.model_files import read_weights

WEIGHTS_FILE = Path(__file__).with_name("confidence.json")
NEURAL_FILE = Path(__file__).with_name("confidence_neural.json")


@lru_cache(maxsize=2)
def _weights(path: Path = WEIGHTS_FILE) -> dict[str, float] | None:
    return read_weights(path)


def confidence(signals: dict[str, float]) -> float:
    weights = (_weights(NEURAL_FILE) if "xenc" in signals else None) or _weights(WEIGHTS_FILE)
    if not weights:
        return signals.get("coverage", 0.0) * (0.5 + 0.5 * signals.get("names", 1.0))
    z = weights.get("bias", 0.0) + sum(
        w * signals.get(name, 0.0) for name, w in weights.items() if name != "bias"
    )
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
