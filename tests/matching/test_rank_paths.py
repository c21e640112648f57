"""Rank's faster paths against straightforward references: the forms' block layout
(``form_blocks.form_layout``) and the per-skill best form computed block by block
(``FormGroups.product_max``: the same values to the last bit of a product, the same rank lists),
the z-scores (``standardise``) and the TF-IDF products (``lexical.dense_product``), to the bit."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from scipy import sparse

from matching.linking.form_blocks import BLOCKED_ROWS, FormGroups, form_layout
from matching.linking.index import SkillIndex, standardise
from matching.linking.lexical import CharTfidf, dense_product
from matching.linking.params import Weights
from matching.linking.types import SkillEntry, SkillForm


def _reference_max(owners: np.ndarray, values: np.ndarray, fill: np.ndarray) -> np.ndarray:
    out = fill.copy()
    for owner in np.unique(owners):
        out[:, owner] = values[:, owners == owner].max(axis=1)
    return out


def _owners(rng: np.random.Generator, n_skills: int) -> np.ndarray:
    counts = rng.integers(0, 9, n_skills)  # some skills have no forms
    return rng.permutation(np.repeat(np.arange(n_skills), counts))


@pytest.mark.parametrize("cap", [1, 5, 4096])
def test_layout_puts_each_block_owner_by_owner_and_is_its_own_fixed_point(cap: int) -> None:
    rng = np.random.default_rng(cap)
    owners = _owners(rng, 40)
    order, blocks = form_layout(owners, cap)
    assert sorted(order.tolist()) == list(range(len(owners)))
    laid = owners[order]
    for k, block_owners, lo, hi in blocks:
        assert hi - lo == k * len(block_owners) and (k == 1 or hi - lo <= max(cap, k))
        assert np.array_equal(laid[lo:hi].reshape(k, -1), np.tile(block_owners, (k, 1)))
        assert all((owners == o).sum() == k for o in block_owners)
    assert blocks[-1][3] == len(owners)
    again, _ = form_layout(laid, cap)
    assert np.array_equal(again, np.arange(len(owners)))  # a laid-out index is left as it is


@pytest.mark.parametrize("rows", [1, BLOCKED_ROWS, 40])
def test_blocked_best_forms_equal_the_whole_product_maxima(rows: int) -> None:
    rng = np.random.default_rng(rows)
    n_skills = 60
    owners = _owners(rng, n_skills)
    order, _ = form_layout(owners)
    owners = owners[order]
    groups = FormGroups.of(owners, n_skills)
    assert groups.blocks is not None
    forms = np.asfortranarray(rng.standard_normal((len(owners), 16)).astype(np.float32))
    queries = rng.standard_normal((rows, 16)).astype(np.float32)
    fill = rng.standard_normal((rows, n_skills)).astype(np.float32)
    expected = _reference_max(owners, queries @ forms.T, fill)
    # the products of a block may differ from the whole product's in the last bits: BLAS takes
    # other kernels for a block's edges (seen up to 3e-6 relative on an AVX2-only AMD EPYC)
    assert np.allclose(groups.product_max(queries, forms, fill), expected, rtol=1e-5, atol=1e-6)
    assert np.array_equal(groups.max(queries @ forms.T, fill), expected)
    shuffled = FormGroups.of(rng.permutation(owners), n_skills)  # not laid out: the general path
    assert shuffled.blocks is None


class _HashEmbedder:
    """Deterministic unit vectors from each text's hash (no model needed)."""

    model_id, dim = "hash-test", 32

    def encode(self, texts, *, kind: str = "query", batch_size: int = 64) -> np.ndarray:  # noqa: ANN001
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(f"{kind}:{t}".encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, np.float32).reshape(len(texts), self.dim)


def synthetic_entries(seed: int, n_skills: int, most_forms: int) -> list[SkillEntry]:
    """Skills "skill label i" with 0 to ``most_forms`` - 1 alternative forms "form i j" each."""
    rng = np.random.default_rng(seed)
    return [
        SkillEntry(
            f"s{i}",
            f"skill label {i}",
            tuple(
                SkillForm(f"form {i} {j}", "en", "alt") for j in range(rng.integers(0, most_forms))
            ),
        )
        for i in range(n_skills)
    ]


def test_rank_lists_equal_a_straightforward_reference() -> None:
    entries = synthetic_entries(7, 80, 7)
    weights = Weights(sem_form=0.75, sem_phrase=0.0, tfidf_form=0.5, aux_label=0.5, aux_form=0.25)
    index = SkillIndex.build(entries, _HashEmbedder(), weights, aux=_HashEmbedder())
    assert index._groups.blocks is not None  # built in the block layout
    texts = [f"kalimat {i} tentang form {i} {i % 3}" for i in range(12)]
    got = index.rank_many(texts, k=10)

    q = _HashEmbedder().encode(texts)
    owners = index.form_owner
    sem_label = q @ index.label_emb.T
    sig = index.signals(texts, query_emb=q, aux_emb=q, weighted_only=True)
    reference = {
        "sem_label": sem_label,
        "sem_form": _reference_max(owners, q @ index.form_emb.T, sem_label),
        "aux_label": q @ index.aux_label_emb.T,
        "aux_form": _reference_max(owners, q @ index.aux_form_emb.T, q @ index.aux_label_emb.T),
    }
    for name, value in reference.items():
        assert np.allclose(sig[name], value, rtol=0, atol=1e-6), name
    total = (
        sum(
            getattr(weights, n) * standardise(sig[n] if n not in reference else reference[n])
            for n in ("sem_label", "sem_form", "tfidf_label", "tfidf_form", "aux_label", "aux_form")
        )
        + weights.alias * sig["alias"]
        + weights.prior * sig["prior"]
    )
    for row, ranked in zip(total, got, strict=True):
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))[:10]
        assert [r.skill_id for r in ranked] == [entries[j].skill_id for j in order]
        assert [r.score for r in ranked] == pytest.approx([float(row[j]) for j in order])


@pytest.mark.parametrize("seed", [0, 1])
def test_standardise_gives_numpy_z_scores_to_the_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((9, 1001)).astype(np.float32) * 3 + 1
    x[4] = 0.5  # no spread: zeros
    sd = x.std(axis=1, keepdims=True)
    expected = (x - x.mean(axis=1, keepdims=True)) / np.where(sd > 1e-9, sd, 1.0)
    assert np.array_equal(standardise(x), expected)


def test_dense_tfidf_products_equal_the_sparse_ones_to_the_bit() -> None:
    labels = [f"{a} {b}" for a in ("data", "jaringan", "web", "sql") for b in ("analysis", "x")]
    tfidf = CharTfidf(labels, ["basis data", "komputer", "html"])
    texts = ["Menguasai SQL dan analisis data", "", "zzz", "web design jaringan komputer"]
    q = tfidf.vectorizer.transform(texts)
    for matrix in (tfidf.labels, tfidf.forms):
        expected = np.asarray((q @ matrix).todense(), dtype=np.float32)
        assert np.array_equal(dense_product(q, matrix), expected)
    rng = np.random.default_rng(3)
    q = sparse.random(30, 500, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    m = sparse.random(500, 80, density=0.1, format="csr", dtype=np.float32, random_state=rng)
    got = dense_product(q, m)
    assert got.dtype == np.float32 and got.flags.c_contiguous
    assert np.array_equal(got, (q @ m).toarray())


def test_a_failing_step_waits_for_the_background_products_under_the_blas_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When a step in the calling thread fails, ``signals`` waits for the encoder's background
    products before it lifts the one-BLAS-thread limit (they must not multiply without it)."""
    import threading
    import time

    class _Slow(_HashEmbedder):
        def encode(self, texts, *, kind: str = "query", batch_size: int = 64) -> np.ndarray:  # noqa: ANN001
            if kind == "query":
                time.sleep(0.3)
            return super().encode(texts, kind=kind, batch_size=batch_size)

    entries = [SkillEntry(f"s{i}", f"skill label {i}", ()) for i in range(5)]
    index = SkillIndex.build(entries, _Slow(), Weights(sem_phrase=0.0))
    done = threading.Event()
    products = index._cosines

    def cosines(queries, forms, aux=False):  # noqa: ANN001, ANN202
        out = products(queries, forms, aux)
        done.set()
        return out

    def broken(texts):  # noqa: ANN001, ANN202
        raise RuntimeError("alias step failed")

    monkeypatch.setattr(index, "_cosines", cosines)
    monkeypatch.setattr(index, "_alias_signal", broken)
    with pytest.raises(RuntimeError, match="alias step failed"):
        index.signals(["kalimat satu"])
    assert done.is_set()  # finished before the limit was lifted


def test_signals_encoding_in_the_background_equal_signals_given_the_vectors() -> None:
    """Extract's candidates let ``signals`` encode the sentences in the background (no clause
    weight): the same signals, to the bit, as when the sentences' vectors and the second
    embedder's are given."""
    from matching.linking.segments import embed_stripped

    weights = Weights(sem_form=0.75, sem_phrase=0.0, tfidf_form=0.5, aux_label=0.5, aux_form=0.25)
    index = SkillIndex.build(
        synthetic_entries(5, 60, 5), _HashEmbedder(), weights, aux=_HashEmbedder()
    )
    texts = [f"Pada akhir fase F, kalimat {i} tentang form {i} {i % 4}" for i in range(20)]
    alias = index._alias_signal(texts)
    background = index.signals(texts, alias=alias, weighted_only=True)
    given = index.signals(
        texts,
        query_emb=embed_stripped(index.embedder, texts),
        aux_emb=index.aux_embed(texts),
        alias=alias,
        weighted_only=True,
    )
    assert set(background) == set(given)
    for name in given:
        assert np.array_equal(background[name], given[name]), name
