"""The training half of bench/train_reader.py (needs PyTorch; the project does not).

The BERT layers are written out in plain torch over the base model's own tensor names, so
the tuned layers load back into briefs/answer/encoder.py's numpy forward pass unchanged.
"""

from __future__ import annotations

import json
import math
import random
import time
from pathlib import Path
from typing import Any

from briefs.answer.encoder import WordPiece, read_safetensors

HEADS = 12


def _layer_names(i: int) -> list[str]:
    p = f"encoder.layer.{i}."
    return [p + k for k in (
        "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight",
        "attention.self.key.bias", "attention.self.value.weight", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight",
        "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias")]


def _layer(torch: Any, h: Any, p: dict[str, Any], i: int, bias: Any, drop: float) -> Any:
    f = torch.nn.functional
    pre = f"encoder.layer.{i}."
    batch, width, dim = h.shape
    size = dim // HEADS

    def heads(name: str) -> Any:
        x = f.linear(h, p[pre + f"attention.self.{name}.weight"], p[pre + f"attention.self.{name}.bias"])
        return x.view(batch, width, HEADS, size).transpose(1, 2)

    scores = heads("query") @ heads("key").transpose(-1, -2) / math.sqrt(size) + bias
    attn = f.dropout(torch.softmax(scores, -1), drop)
    context = (attn @ heads("value")).transpose(1, 2).reshape(batch, width, dim)
    out = f.dropout(f.linear(context, p[pre + "attention.output.dense.weight"], p[pre + "attention.output.dense.bias"]), drop)
    h = f.layer_norm(h + out, (dim,), p[pre + "attention.output.LayerNorm.weight"],
                     p[pre + "attention.output.LayerNorm.bias"], 1e-12)
    inner = f.gelu(f.linear(h, p[pre + "intermediate.dense.weight"], p[pre + "intermediate.dense.bias"]))
    out = f.dropout(f.linear(inner, p[pre + "output.dense.weight"], p[pre + "output.dense.bias"]), drop)
    return f.layer_norm(h + out, (dim,), p[pre + "output.LayerNorm.weight"], p[pre + "output.LayerNorm.bias"], 1e-12)


def _examples(path: Path, split: str, questions: int, per_question: int, seed: int) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == split and r["sentences"]]
    rng = random.Random(seed)
    rng.shuffle(rows)
    return rows[:questions] if questions else rows


def _pairs(rows: list[dict], per_question: int) -> list[tuple[int, str, str, int]]:
    """(question number, question, sentence, label): the positives first, then the top negatives."""
    out = []
    for n, r in enumerate(rows):
        order = sorted(range(len(r["labels"])), key=lambda i: (-r["labels"][i], i))[:per_question]
        out += [(n, r["question"], r["sentences"][i], r["labels"][i]) for i in order]
    return out


def _batches(lengths: list[int], size: int, rng: random.Random | None) -> list[list[int]]:
    """Batches of similar lengths (little padding); shuffled when training."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def fit_encoder(args: Any) -> None:
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    base = read_safetensors(args.base / "model.safetensors")
    tok = WordPiece((args.base / "vocab.txt").read_text(encoding="utf-8").splitlines())
    layers = 1 + max(int(k.split(".")[2]) for k in base if k.startswith("encoder.layer."))
    first = layers - args.tuned
    p = {k: torch.tensor(np.array(v)) for k, v in base.items()}
    rows = _examples(args.pairs, "encoder", args.questions, args.per_question, 1)
    cut = len(rows) // 10
    check_rows, train_rows = rows[:cut], rows[cut:]
    sets = {"train": _pairs(train_rows, args.per_question), "check": _pairs(check_rows, 8)}
    print({k: len(v) for k, v in sets.items()}, "pairs;", sum(y for *_, y in sets["train"]), "positive", flush=True)

    def frozen(pairs: list[tuple[int, str, str, int]]) -> list[Any]:
        """Each pair's output of the frozen layers, computed once (no gradient needed)."""
        encoded = [tok.pair(q, s, args.max_len) for _, q, s, _ in pairs]
        out: list[Any] = [None] * len(pairs)
        start = time.monotonic()
        with torch.no_grad():
            for b, batch in enumerate(_batches([len(e[0]) for e in encoded], 64, None)):
                h, bias, _ = _embed(torch, p, [encoded[i] for i in batch])
                for i in range(first):
                    h = _layer(torch, h, p, i, bias, 0.0)
                for row, i in enumerate(batch):
                    out[i] = h[row, : len(encoded[i][0])].to(torch.float16).clone()
                if b % 40 == 0:
                    print(f"  frozen layers: {b * 64}/{len(pairs)} pairs, {time.monotonic() - start:.0f} s", flush=True)
        return out

    cached = {k: frozen(v) for k, v in sets.items()}
    tuned = {k: p[k].clone().requires_grad_(True) for i in range(first, layers) for k in _layer_names(i)}
    head_w = torch.zeros(2 * 384, requires_grad=True)
    head_b = torch.zeros(1, requires_grad=True)
    optim = torch.optim.AdamW([
        {"params": list(tuned.values()), "lr": args.lr, "weight_decay": 0.01},
        {"params": [head_w, head_b], "lr": 1e-3, "weight_decay": 0.0},
    ])
    rng = random.Random(2)
    labels = torch.tensor([y for *_, y in sets["train"]], dtype=torch.float32)
    steps = args.epochs * math.ceil(len(labels) / 32)
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: max(0.0, 1 - s / steps))
    start, step = time.monotonic(), 0

    def forward(states: list[Any], idx: list[int], drop: float) -> Any:
        width = max(len(states[i]) for i in idx)
        h = torch.zeros(len(idx), width, 384)
        mask = torch.zeros(len(idx), width)
        for row, i in enumerate(idx):
            h[row, : len(states[i])] = states[i].float()
            mask[row, : len(states[i])] = 1
        bias = (1 - mask)[:, None, None, :] * -1e4
        params = {**p, **tuned}
        for i in range(first, layers):
            h = _layer(torch, h, params, i, bias, drop)
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return torch.cat([h[:, 0], pooled], 1) @ head_w + head_b

    done = False
    for epoch in range(args.epochs):
        for batch in _batches([len(s) for s in cached["train"]], 32, rng):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                forward(cached["train"], batch, 0.1), labels[batch])
            optim.zero_grad()
            loss.backward()
            optim.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                print(f"  epoch {epoch} step {step}/{steps} loss {loss.item():.3f}"
                      f" {time.monotonic() - start:.0f} s", flush=True)
            if time.monotonic() - start > args.minutes * 60:
                done = True
                break
        if done:
            print("  time limit reached", flush=True)
            break
    with torch.no_grad():
        scores = torch.cat([forward(cached["check"], b, 0.0) for b in _batches(
            [len(s) for s in cached["check"]], 64, None)]).tolist()
        order = [i for b in _batches([len(s) for s in cached["check"]], 64, None) for i in b]
    by_pair = dict(zip(order, scores, strict=True))
    _report(sets["check"], [by_pair[i] for i in range(len(sets["check"]))], check_rows)
    arrays = {k: v.detach().numpy().astype(np.float16) for k, v in tuned.items()}
    arrays.update({"head.weight": head_w.detach().numpy().astype(np.float16),
                   "head.bias": head_b.detach().numpy().astype(np.float32),
                   "layers": np.array(layers), "tuned": np.array(args.tuned), "max_len": np.array(args.max_len)})
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


def _embed(torch: Any, p: dict[str, Any], encoded: list[tuple[list[int], list[int]]]) -> tuple[Any, Any, Any]:
    width = max(len(ids) for ids, _ in encoded)
    ids = torch.zeros(len(encoded), width, dtype=torch.long)
    seg = torch.zeros_like(ids)
    mask = torch.zeros(len(encoded), width)
    for row, (tokens, segs) in enumerate(encoded):
        ids[row, : len(tokens)] = torch.tensor(tokens)
        seg[row, : len(segs)] = torch.tensor(segs)
        mask[row, : len(tokens)] = 1
    e = "embeddings."
    h = p[e + "word_embeddings.weight"][ids] + p[e + "position_embeddings.weight"][:width][None] + (
        p[e + "token_type_embeddings.weight"][seg])
    h = torch.nn.functional.layer_norm(h, (384,), p[e + "LayerNorm.weight"], p[e + "LayerNorm.bias"], 1e-12)
    return h, (1 - mask)[:, None, None, :] * -1e4, mask


def _report(pairs: list[tuple[int, str, str, int]], scores: list[float], rows: list[dict]) -> None:
    """On questions held apart from training: pair AUC, and top-1 among each answerable
    question's candidates (the encoder's order against the retriever's)."""
    pos = [s for s, (*_, y) in zip(scores, pairs, strict=True) if y]
    neg = [s for s, (*_, y) in zip(scores, pairs, strict=True) if not y]
    auc = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / max(len(pos) * len(neg), 1)
    per_q: dict[int, list[tuple[float, int, int]]] = {}
    for k, (n, _, s, y) in enumerate(pairs):
        per_q.setdefault(n, []).append((scores[k], y, rows[n]["sentences"].index(s)))
    answerable = [v for v in per_q.values() if any(y for _, y, _ in v)]
    enc = sum(max(v)[1] for v in answerable) / max(len(answerable), 1)
    ret = sum(min(v, key=lambda t: t[2])[1] for v in answerable) / max(len(answerable), 1)
    print(f"check: {len(pairs)} pairs, AUC {auc:.3f}; top-1 over {len(answerable)} answerable questions:"
          f" encoder {100 * enc:.1f}%, retriever {100 * ret:.1f}%", flush=True)
