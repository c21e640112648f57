"""Rank with e5 only where the other signals leave the top of the ranking open.

e5 costs about two thirds of rank's CPU and runs at about 200 sentences per second on two cores
on its own. The gate ranks each sentence first with the *cheap* fusion (``RankGate.cheap``: the
second embedder, TF-IDF, exact forms and the prior) and sends to e5 (the whole fusion, the
index's own weights) only the sentences whose cheap best score leads their 10th best by less
than ``RankGate.threshold``. Measured, and the threshold fitted, by ``python -m
matching.lab.linking.e5_gate`` (docs/matching.md).

A call of at most ``RankGate.chunk`` sentences (one sentence, say) runs e5 and its products on
all of it while its cheap pass runs: the same scores, no slower than e5 on every sentence, and
no faster. A longer call runs in phases over parts of at most ``PART_ROWS`` sentences, each phase
on both cores: the second embedder's texts in halves side by side while TF-IDF and the exact
forms run beside them; the cosines with the labels and with the form blocks split between two
threads (such a product is bound by memory: one product of all the part's sentences reads the
form matrix once, where the chunks of 32 this replaces read it once per chunk); the z-scores,
the fusion and the gate by halves of the rows; then e5 on the sentences sent, its cosines split
the same way. It ranks the bench's 224 sentences faster than those chunks did (each chunk on one
of two threads with its own cheap and e5 passes): ``docs/matching.md``, "Speed on an AVX-512
machine with VNNI".
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

import numpy as np

from matching.blas import each, single_blas
from matching.linking.lexical import tfidf_signals
from matching.linking.segments import embed_stripped

if TYPE_CHECKING:
    from matching.linking.index import SkillIndex
    from matching.linking.params import RankGate

WORKERS = 2
PART_ROWS = 256  # sentences per phase of a long call: its signals are a few (256, skills) arrays


def decided(scores: np.ndarray) -> np.ndarray:
    """Per row: its best score minus its 10th best (how decided the top of the ranking is)."""
    k = min(10, scores.shape[1])
    top = -np.partition(-scores, k - 1, axis=1)[:, :k]
    return top.max(axis=1) - top.min(axis=1)


def usable(index: SkillIndex, gate: RankGate | None) -> bool:
    """Whether ``index`` can rank through ``gate``: it has a second embedder and no clause signal
    (the gate's e5 pass embeds whole sentences)."""
    return gate is not None and index.aux is not None and not index.weights.sem_phrase


def gated_scores(index: SkillIndex, texts: Sequence[str], gate: RankGate) -> tuple[np.ndarray, int]:
    """Scores (n_texts, n_skills): the cheap fusion's, or the whole fusion's for the texts the
    gate sends to e5; and how many it sent."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, len(index.entries)), np.float32), 0
    with single_blas():
        if len(texts) <= gate.chunk:
            pending = _background().submit(_e5_cosines, index, texts, None)
            try:
                return _phases(index, texts, gate, pending)
            finally:  # its products run under this call's BLAS limit: wait
                wait([pending])
        done = [
            _phases(index, texts[i : i + PART_ROWS], gate, None, split_pool())
            for i in range(0, len(texts), PART_ROWS)
        ]
    return np.vstack([d[0] for d in done]), sum(d[1] for d in done)


def _phases(
    index: SkillIndex,
    texts: list[str],
    gate: RankGate,
    pending: Future | None,
    pool: ThreadPoolExecutor | None = None,
) -> tuple[np.ndarray, int]:
    """The scores of ``texts`` and how many went to e5. ``pending``: e5's cosines of every text
    (``_e5_cosines``), started beforehand (the same: a text's vector does not depend on the
    others); without it, e5 runs afterwards on the texts sent. ``pool``: split the products and
    the fusion between its threads (the same values, but for the last bit of a product now and
    then)."""
    forms = bool(index.weights.tfidf_form or gate.cheap.tfidf_form)
    # TF-IDF's analyser and the exact forms are Python (they hold the GIL): beside USE's products
    lexical = _side().submit(lexical_signals, index, texts, forms) if pool else None
    try:
        aux = aux_vectors(index, texts, pool)
        lexical_sig = lexical.result() if lexical else lexical_signals(index, texts, forms)
    finally:
        if lexical is not None:
            wait([lexical])
    sig = cheap_signals(index, index._cosines(aux, True, True, pool, WORKERS), lexical_sig)
    # z-scores once: the whole fusion of the texts sent to e5 reuses their rows
    scaled, scores, gaps = _by_rows(
        pool, len(texts), lambda rows: cheap_fusion(index, sig, gate, rows)
    )
    send = np.flatnonzero(gaps < gate.threshold)
    if len(send):
        sub = {k: v[send] if k != "prior" else v[: len(send)] for k, v in sig.items()}
        if pending is not None:
            sem_label, sem_form = pending.result()
            sub["sem_label"] = sem_label[send]
            sem_form = sem_form[send] if sem_form is not None else None
        else:
            sub["sem_label"], sem_form = _e5_cosines(index, [texts[r] for r in send], pool)
        if sem_form is not None:
            sub["sem_form"] = sem_form
        scores[send] = index.fuse(sub, None, {k: v[send] for k, v in scaled.items()})
    return scores, len(send)


def aux_vectors(index: SkillIndex, texts: list[str], pool: ThreadPoolExecutor | None) -> np.ndarray:
    """The second embedder's vectors of ``texts`` (the cheap weights use it), or (``pool``) of its
    halves side by side: USE's products are small, so its texts gain more from two threads than
    its products do (``python -m matching.lab.linking.rank_parts``: ``use_encode_halves``). Through
    an embedding cache (``CachedEmbedder``, as ``runtime.load_aux`` gives) the halves take turns
    (the cache encodes under its lock), with the same vectors; the bench and the lab commands rank
    with the encoders themselves. USE sets a BLAS limit on each call: the site's (one thread,
    ``runtime.load_aux``) sets the limit this call holds already."""
    if pool is None or len(texts) < 2 * WORKERS:
        return index.aux_embed(texts, weighted_only=False)  # type: ignore[return-value]
    parts = each(
        pool, lambda rows: index.aux_embed(texts[rows], weighted_only=False), _halves(len(texts))
    )
    return np.vstack(parts)


def cheap_signals(
    index: SkillIndex,
    aux_cosines: tuple[np.ndarray, np.ndarray | None],
    lexical: tuple[np.ndarray, np.ndarray | None, np.ndarray],
) -> dict[str, np.ndarray]:
    """The signals the cheap fusion reads, from the second embedder's cosines (labels, best
    forms) and ``lexical_signals``' TF-IDF and exact forms."""
    (aux_label, aux_form), (tfidf_label, tfidf_form, alias) = aux_cosines, lexical
    sig = {
        "sem_label": np.zeros_like(aux_label),  # the shape ``fuse`` reads; weight 0 here
        "tfidf_label": tfidf_label,
        "alias": alias,
        "prior": np.broadcast_to(index._prior, aux_label.shape),
        "aux_label": aux_label,
        "aux_form": aux_form,  # type: ignore[dict-item]
    }
    if tfidf_form is not None:
        sig["tfidf_form"] = index._groups.max(tfidf_form, tfidf_label)
    return sig


def lexical_signals(
    index: SkillIndex, texts: list[str], forms: bool
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """TF-IDF's label and (``forms``) form cosines and the exact forms' signal of ``texts``."""
    tfidf_label, tfidf_form = tfidf_signals(index.tfidf, texts, forms)
    return tfidf_label, tfidf_form, index._alias_signal(texts)


def cheap_fusion(
    index: SkillIndex, sig: dict[str, np.ndarray], gate: RankGate, rows: slice
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """For ``rows`` of the signals: their z-scores, the cheap fusion and its gaps (``decided``)."""
    from matching.linking.index import UNSCALED, standardise  # index imports this module

    part = {k: v[rows] for k, v in sig.items()}
    scaled = {k: standardise(v) for k, v in part.items() if k not in UNSCALED and k != "sem_label"}
    scores = index.fuse(part, gate.cheap, scaled)
    return scaled, scores, decided(scores)


def _by_rows(
    pool: ThreadPoolExecutor | None,
    n: int,
    work: Callable[[slice], tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]],
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """``work`` of all ``n`` rows, or (``pool``) of its halves side by side, stacked."""
    if pool is None or n < 2 * WORKERS:
        return work(slice(0, n))
    parts = each(pool, work, _halves(n))
    scaled = {k: np.vstack([p[0][k] for p in parts]) for k in parts[0][0]}
    return scaled, np.vstack([p[1] for p in parts]), np.concatenate([p[2] for p in parts])


def _halves(n: int) -> list[slice]:
    """``n`` rows in ``WORKERS`` consecutive slices, one per thread of ``split_pool``."""
    step = -(-n // WORKERS)
    return [slice(i, i + step) for i in range(0, n, step)]


def _e5_cosines(
    index: SkillIndex, texts: list[str], pool: ThreadPoolExecutor | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """e5's label cosines of ``texts`` and (when weighted) their best form cosines."""
    vectors = embed_stripped(index.embedder, texts)
    return index._cosines(vectors, bool(index.weights.sem_form), False, pool, WORKERS)


@functools.cache
def split_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(WORKERS, thread_name_prefix="rank-gate")


@functools.cache
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="rank-gate-e5")


@functools.cache
def _side() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="rank-gate-lexical")
