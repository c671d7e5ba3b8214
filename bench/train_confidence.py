"""Fit the answer-confidence model (briefs/answer/confidence.json) on the development half.

Questions: SQuAD 2.0 dev questions of the even-indexed articles that bench/qa.py does NOT
report on (its fixed-seed sample is drawn first and excluded), so the development figures
are not fitted to. For each question the extractive answer is computed without a
threshold; the label is 1 when its text holds a gold answer, 0 when it does not or when the
question is unanswerable. A logistic regression (numpy, L2) is fitted on the passage's
signals and its weights written as JSON.

    .venv/bin/python bench/train_confidence.py [--questions 6000]
    .venv/bin/python bench/train_confidence.py --neural   # with the neural reader's signals

--neural (the neural reader installed, see briefs/answer/encoder.py) fits
confidence_neural.json on the questions of the development articles the reader's encoder was
not tuned on (index 2 mod 4, bench/train_reader.py), with its signals added.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.qa import SEED, build_store, holds, load, sample  # noqa: E402

# Signals that mean the same in any store: question length ("terms") and absolute BM25
# ("bm25_abs") depend on the corpus and the writer's style, so they are left out. "rank" is
# the ranker's score (briefs/answer/ranker.py), "margin" its lead over the next sentence.
FEATURES = ("rank", "margin", "gap", "coverage", "said", "exact", "missing", "near", "title",
            "names_in", "pairs", "bm25", "span", "typed", "window",
            "unknown")
NEURAL = ("xenc", "xgap")


def examples(limit: int, workdir: Path, neural: bool = False) -> tuple[list[dict[str, float]], list[int]]:
    from briefs.answer.qa import QuestionAnswerer, extractive_answer, supports
    from briefs.models import Scope
    from config.settings import Settings

    articles = load("squad2_dev_articles.jsonl")
    questions = load("squad2_dev_questions.jsonl")
    dev_ids = {a["id"] for a in articles if int(a["id"].split("-")[1]) % 2 == 0}
    reported = {q["id"] for q in sample(questions, dev_ids, 150, 100, random.Random(SEED))}
    pool = [q for q in questions if q["article_id"] in dev_ids and q["id"] not in reported]
    if neural:
        from bench.train_reader import encoder_split

        pool = [q for q in pool if encoder_split(q["article_id"]) == "combine"]
    rng = random.Random(SEED + 1)
    chosen = rng.sample(pool, min(limit, len(pool)))
    store = build_store(workdir / "train.db", articles)
    answerer = QuestionAnswerer(store, Settings())  # type: ignore[arg-type]
    xs, ys = [], []
    for q in chosen:
        query, ranked, _ = answerer.answer_extractively(q["question"], Scope())
        best = next((c for c in ranked if supports(c, query, 0.0)), None)
        if best is None:
            continue
        loose = extractive_answer(query, ranked, threshold=0.0)
        signals = {**best.signals, "names": float(best.names_found), "cue": float(best.cue_ok)}
        xs.append(signals)
        ys.append(int(q["answerable"] and holds(loose.answer, q["answers"])))
    return xs, ys


def fit(rows: list[dict[str, float]], ys: list[int], l2: float = 1e-3,
        steps: int = 4000, features: tuple[str, ...] = FEATURES) -> dict[str, float]:
    import numpy as np

    x = np.asarray([[r.get(f, 0.0) for f in features] for r in rows], dtype=float)
    y = np.asarray(ys, dtype=float)
    w = np.zeros(x.shape[1])
    b = 0.0
    rate = 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - y) / len(y) + l2 * w
        w -= rate * grad
        b -= rate * float(np.mean(p - y))
    return {"bias": round(b, 4), **{f: round(float(v), 4) for f, v in zip(features, w, strict=True)}}


def auc(weights: dict[str, float], rows: list[dict[str, float]], ys: list[int]) -> float:
    """The chance that a right answer is more confident than a wrong one."""
    def z(r: dict[str, float]) -> float:
        return sum(w * r.get(f, 0.0) for f, w in weights.items() if f != "bias")

    right = [z(r) for r, y in zip(rows, ys, strict=True) if y]
    wrong = [z(r) for r, y in zip(rows, ys, strict=True) if not y]
    pairs = sum((a > b) + 0.5 * (a == b) for a in right for b in wrong)
    return pairs / max(len(right) * len(wrong), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=6000)
    parser.add_argument("--dir", default="/tmp/briefbot-bench-qa")
    parser.add_argument("--neural", action="store_true", help="fit confidence_neural.json")
    parser.add_argument("--encoder-dir", type=Path, help="the neural reader's base weights")
    args = parser.parse_args()
    from bench.qa import use_encoder_dir

    use_encoder_dir(args.encoder_dir)
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    from briefs.answer.confidence import NEURAL_FILE, WEIGHTS_FILE

    target = NEURAL_FILE if args.neural else WEIGHTS_FILE
    target.unlink(missing_ok=True)  # the signals do not depend on it; start clean
    features = FEATURES + NEURAL if args.neural else FEATURES
    if args.neural:
        from briefs.answer.encoder import cross_encoder

        assert cross_encoder() is not None, "the neural reader is not installed"
    xs, ys = examples(args.questions, workdir, args.neural)
    half = len(ys) // 2
    check = fit(xs[:half], ys[:half], features=features)  # held apart within the pool
    print(f"second half, model fitted on the first half: AUC {auc(check, xs[half:], ys[half:]):.3f}")
    if args.neural:
        plain = fit(xs[:half], ys[:half])
        print(f"  the same questions without the neural signals: AUC {auc(plain, xs[half:], ys[half:]):.3f}")
    weights = fit(xs, ys, features=features)
    target.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"{len(ys)} examples, {sum(ys)} right; weights: {weights}")


if __name__ == "__main__":
    main()
