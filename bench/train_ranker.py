"""Fit the candidate ranker (briefs/answer/ranker.json) on the development half.

Questions: answerable SQuAD 2.0 dev questions of the even-indexed articles that bench/qa.py
does NOT report on (its fixed-seed sample is excluded), asked against the open store of all
35 articles. Every candidate the retriever scores (the index's top CANDIDATES) is one
example, labelled 1 when its sentence holds a gold answer. The model is listwise: a softmax
over each question's candidates, fitted with numpy (L2), so it learns what makes one
sentence beat the others of the same question. Also printed: candidate recall (a gold
sentence among the candidates at all) and top-1/top-3 accuracy, before and after.

    .venv/bin/python bench/train_ranker.py [--questions 6000]
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

# Not learned: corpus-dependent or bookkeeping values.
# "unknown" is the same for every candidate of a question: it cannot rank them.
SKIP = {"bm25_abs", "terms", "rank", "z", "gap", "margin", "zmargin", "unknown"}


def training_pool(limit: int, seed: int = SEED + 2) -> list[dict]:
    articles = load("squad2_dev_articles.jsonl")
    questions = load("squad2_dev_questions.jsonl")
    dev_ids = {a["id"] for a in articles if int(a["id"].split("-")[1]) % 2 == 0}
    reported = {q["id"] for q in sample(questions, dev_ids, 150, 100, random.Random(SEED))}
    pool = [q for q in questions if q["article_id"] in dev_ids and q["id"] not in reported]
    return random.Random(seed).sample(pool, min(limit, len(pool)))


def candidate_lists(questions: list[dict], workdir: Path) -> list[tuple[list[dict], list[int]]]:
    from briefs.answer.qa import QuestionAnswerer
    from briefs.answer.query import analyse
    from briefs.models import Scope
    from config.settings import Settings

    store = build_store(workdir / "train.db", load("squad2_dev_articles.jsonl"))
    answerer = QuestionAnswerer(store, Settings())  # type: ignore[arg-type]
    out = []
    for q in questions:
        if not q["answerable"]:
            continue
        query = analyse(q["question"])
        if query.empty:
            out.append(([], []))
            continue
        ranked = answerer.retriever.search(query, Scope(), limit=10_000)
        out.append(([c.signals for c in ranked],
                     [int(holds(c.passage.sentence, q["answers"])) for c in ranked]))
    return out


def fit(lists: list[tuple[list[dict], list[int]]], l2: float = 3e-3,
        steps: int = 1500) -> dict[str, float]:
    import numpy as np

    names = sorted({k for feats, _ in lists for f in feats for k in f} - SKIP)
    groups = [(np.array([[f.get(n, 0.0) for n in names] for f in feats]), np.array(ys, float))
              for feats, ys in lists if sum(ys) and len(ys) > 1]
    w = np.zeros(len(names))
    rate = 0.5
    for _ in range(steps):
        grad = np.zeros_like(w)
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            q = y / y.sum()  # every gold sentence shares the target mass
            grad += x.T @ (p - q)
        w -= rate * (grad / len(groups) + l2 * w)
    # Listwise training has no bias; set one so that a typical gold candidate lands near 0.5
    # and scores read as shares of one another.
    gold = np.concatenate([x[y > 0] @ w for x, y in groups])
    bias = -float(np.median(gold))
    return {"bias": round(bias, 4), **{n: round(float(v), 4) for n, v in zip(names, w, strict=True)}}


def evaluate(lists: list[tuple[list[dict], list[int]]], key: object) -> dict[str, float]:
    n = len(lists)
    recall = top1 = top3 = 0
    for feats, ys in lists:
        if not any(ys):
            continue
        recall += 1
        order = sorted(range(len(ys)), key=lambda i: -key(feats[i]))  # type: ignore[operator]
        top1 += ys[order[0]]
        top3 += any(ys[i] for i in order[:3])
    return {"candidate recall": 100 * recall / n, "top-1": 100 * top1 / n, "top-3": 100 * top3 / n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=6000)
    parser.add_argument("--dir", default="/tmp/briefbot-bench-qa")
    args = parser.parse_args()
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    from briefs.answer import ranker

    # Start from the hand weights: the "before" figures are theirs, and the features do not
    # depend on the model.
    ranker.WEIGHTS_FILE.unlink(missing_ok=True)
    ranker.weights.cache_clear()
    lists = candidate_lists(training_pool(args.questions), workdir)
    half = len(lists) // 2
    before = evaluate(lists[half:], lambda f: f["rank"])
    check = fit(lists[:half])  # held apart within the training pool: does it generalise?
    ranker.weights.cache_clear()
    inner = evaluate(lists[half:], lambda f: sum(v * f.get(k, 0.0) for k, v in check.items()))
    weights = fit(lists)
    ranker.WEIGHTS_FILE.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"{len(lists)} answerable questions; second half, hand weights: {before}")
    print(f"second half, model fitted on the first half: {inner}")
    print(f"weights: {weights}")


if __name__ == "__main__":
    main()
