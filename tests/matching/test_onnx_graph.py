"""Tests of e5's int8 ONNX graph: vectors that depend on the text alone (never on the texts
encoded with it), and the lab command that measures the graph's speed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching.embedding.onnx_e5 import onnx_path

TEXTS = [
    "Menguasai konfigurasi router Mikrotik dan Cisco",
    "basis data",
    "Mampu membuat REST API dengan Laravel, paham OOP dan MVC serta terbiasa memakai Git",
    "k8s",
    "Peserta didik mampu menerapkan prinsip keselamatan dan kesehatan kerja (K3LH)",
    "visualisasi data dengan Tableau atau Power BI",
]


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_a_text_vector_does_not_depend_on_its_neighbours(e5_embedder, kind: str) -> None:  # noqa: ANN001
    """Bit for bit: alone, among other texts, in another order or another batch size."""
    alone = np.vstack([e5_embedder.encode([t], kind=kind) for t in TEXTS])
    together = e5_embedder.encode(TEXTS, kind=kind)
    reversed_ = e5_embedder.encode(TEXTS[::-1], kind=kind, batch_size=2)[::-1]
    repeated = e5_embedder.encode(TEXTS * 3, kind=kind)
    np.testing.assert_array_equal(alone, together)
    np.testing.assert_array_equal(alone, reversed_)
    for i in range(3):
        np.testing.assert_array_equal(alone, repeated[i * len(TEXTS) : (i + 1) * len(TEXTS)])


def test_the_speed_command_pads_batches_like_single_runs(e5_embedder) -> None:  # noqa: ANN001
    """``matching.lab.embedding onnx --batch``: a batch of one is the text alone, bit for bit;
    padded batches of texts of different lengths are not (dynamic int8, per-tensor scales)."""
    from matching.lab.embedding.onnx_speed import _alone, _batched, _session

    session = _session(e5_embedder.graph, 1)
    encodings = e5_embedder._tokenizer.encode_batch(["query: " + t for t in TEXTS])
    ids = [e5_embedder._model_ids[np.array([x.ids], dtype=np.int64)] for x in encodings]
    alone = np.vstack([_alone(session)(x) for x in ids])
    alone /= np.linalg.norm(alone, axis=1, keepdims=True)
    np.testing.assert_allclose(_batched(session, ids, 1), alone, atol=1e-6)
    np.testing.assert_allclose(alone, e5_embedder.encode(TEXTS), atol=1e-6)
    assert np.min(np.sum(_batched(session, ids, len(TEXTS)) * alone, axis=1)) < 0.9999


def test_the_speed_command_prints_a_rate_per_graph(e5_model_dir: Path, capsys, monkeypatch) -> None:  # noqa: ANN001, E501
    from matching.lab import bench
    from matching.lab.embedding.__main__ import main

    # the benchmark's 224 sentences come from ../shared/data, which a clone may not have beside it
    monkeypatch.setattr(bench, "rank_sentences", lambda: list(TEXTS))
    assert main(["onnx", "--reps", "1", "--out", str(e5_model_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{len(TEXTS)} sentences")
    assert len(lines) == 2 and "per CPU-s" in lines[1] and str(onnx_path(e5_model_dir)) in lines[1]


def test_the_built_graph_has_7_bit_weights(e5_model_dir: Path) -> None:
    """``reduce_range``: every quantised weight lies in [-64, 64], so ONNX Runtime's AVX2 kernel
    (pairs of uint8 x int8 products summed in int16: 255 x 64 x 2 = 32,640 <= 32,767) cannot
    saturate: the same integer sums on CPUs with and without VNNI (docs/embeddings.md)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(onnx_path(e5_model_dir)))
    quantised = {n.input[1] for n in model.graph.node if n.op_type == "MatMulInteger"}
    weights = [numpy_helper.to_array(t) for t in model.graph.initializer if t.name in quantised]
    assert len(weights) >= 12 * 6  # the attention and feed-forward matrices of 12 layers
    assert all(w.dtype == np.int8 for w in weights)
    assert min(int(w.min()) for w in weights) >= -64
    assert max(int(w.max()) for w in weights) <= 64
    assert max(int(w.max()) for w in weights) > 32  # 7 bits used, not fewer


def test_a_graph_of_an_older_export_format_is_refused(tmp_path: Path) -> None:
    """Its vectors would be stored under this format's model id: the folder must be rebuilt."""
    import json

    from matching.embedding.onnx_e5 import ONNX_FORMAT, ONNX_MARKER, OnnxEmbedder

    onnx_path(tmp_path).parent.mkdir()
    onnx_path(tmp_path).write_bytes(b"")  # never read: the embedder loads on first use
    marker = onnx_path(tmp_path).parent / ONNX_MARKER
    marker.write_text(json.dumps({"format": ONNX_FORMAT - 1}), encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="older export format"):
        OnnxEmbedder(tmp_path)
    marker.write_text(json.dumps({"format": ONNX_FORMAT}), encoding="utf-8")
    assert OnnxEmbedder(tmp_path).graph == onnx_path(tmp_path)
