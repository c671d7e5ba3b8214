"""Which candidate sentence answers the question: a learned linear ranker over its features.

The weights (ranker.json) are fitted by bench/train_ranker.py on SQuAD 2.0 dev questions of
the development half that bench/qa.py does not report on: a listwise (softmax) logistic
model over each question's candidates, labelled "this sentence holds a gold answer". The
score is the model's probability-like value in [0, 1], so other code can compare scores as
shares ("at least half the best one's score"). Without the weights file the hand weights
below rank, as before the model existed.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from briefs.answer.model_files import read_weights

WEIGHTS_FILE = Path(__file__).with_name("ranker.json")

# Hand weights: the fallback, and what the model replaced (set on the development half).
HAND = {"coverage": 2.0, "fresh": 2.0, "bm25": 1.5, "proximity": 0.1, "span": 0.6,
        "speech_cue": 0.3, "long": -0.18, "short": -0.5, "window": -0.3}


@lru_cache(maxsize=1)
def weights() -> dict[str, float] | None:
    return read_weights(WEIGHTS_FILE)


def linear(features: dict[str, float]) -> float:
    """The model's raw score (a logit); the hand-weighted sum without the model."""
    learned = weights()
    if not learned:
        return sum(w * features.get(name, 0.0) for name, w in HAND.items())
    return learned.get("bias", 0.0) + sum(
        w * features.get(name, 0.0) for name, w in learned.items() if name != "bias")


def rank_score(features: dict[str, float], z: float | None = None) -> float:
    """A score in [0, 1] (hand weights: scaled to about the same range); `z` is
    linear(features) when the caller already has it."""
    z = linear(features) if z is None else z
    if not weights():
        return z / 6.0
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
