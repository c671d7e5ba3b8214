"""The neural reader's part in answering: the cross-encoder reads the top candidates.

Only when the model is available (encoder.cross_encoder()) and its confidence model is fitted
(confidence_neural.json, bench/train_confidence.py --neural). The retriever's top TOP
sentences are read by the model, batched in one pass; each gets signal "xenc" (the model's
logit) and "xgap" (its lead over the best other sentence the model read), which the
confidence model weighs. With a fitted combination (reader.json, bench/train_reader.py
combine) the rank score also joins the ranker's logit with the model's; without it the order
is kept. Sentences the model did not read get UNREAD: a clear "no", so the confidence model
never prefers them to the one it read.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from briefs.answer.confidence import NEURAL_FILE
from briefs.answer.encoder import cross_encoder
from briefs.answer.model_files import read_weights
from briefs.answer.ranker import rank_score
from briefs.answer.scoring import ScoredPassage

COMBINE_FILE = Path(__file__).with_name("reader.json")
# Sentences the model reads per question: its cost is per sentence (about 80 ms of one core
# each in numpy), so only the best one is read: the model then serves the confidence, not
# the ranking.
TOP = 1
UNREAD = -10.0


@lru_cache(maxsize=1)
def combination() -> dict[str, float] | None:
    return read_weights(COMBINE_FILE)


def active() -> bool:
    """Is the neural reader in use (its model loads and its confidence model is fitted)?"""
    return cross_encoder() is not None and NEURAL_FILE.exists()


def rerank(scored: list[ScoredPassage], question: str) -> None:
    """Re-score (and re-sort, in place) the top candidates with the model, if there is one."""
    model = cross_encoder()
    if model is None or not scored:
        return
    top = scored[:TOP]
    logits = model.logits(question, [s.passage.sentence for s in top])
    for s in scored[TOP:]:
        s.signals["xenc"], s.signals["xgap"] = UNREAD, 0.0
    weights = combination()
    for i, (s, x) in enumerate(zip(top, logits, strict=True)):
        rivals = [y for j, y in enumerate(logits) if j != i]
        s.signals["xenc"], s.signals["xgap"] = x, x - max(rivals, default=UNREAD)
        if weights:
            z = s.signals["z"]
            bonus = s.score - rank_score({}, z)  # recency and followed-up story, kept as they were
            z2 = weights["bias"] + weights["z"] * z + weights["xenc"] * x
            s.score = 1.0 / (1.0 + math.exp(-max(min(z2, 30.0), -30.0))) + bonus
            s.signals["z"], s.signals["rank"] = z2, s.score
    scored.sort(key=lambda s: s.score, reverse=True)
