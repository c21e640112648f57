"""Texts embedded with their clauses (``SkillIndex.embed_segments``): each text's sentence
embedding and, per skill, its best clause cosine (the ``sem_phrase`` signal), with the clauses
and their cosines kept for extract's evidence spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matching.linking.params import Weights
from matching.linking.text import Segment, clauses, sentences, strip_boilerplate

if TYPE_CHECKING:
    from matching.linking.index import Embedder

QUERY_BATCH = 8  # small batches of length-sorted queries pad less (measured ~20% faster)


@dataclass(frozen=True)
class SegmentEmbedding:
    """Texts embedded with their clauses: clause offsets are relative to their own text."""

    sentence: np.ndarray  # (n_texts, dim)
    phrase: np.ndarray  # (n_texts, n_skills): best clause cosine per skill
    clauses: list[Segment]
    clause_sims: np.ndarray  # (n_clauses, n_skills)
    owner: np.ndarray  # text row of each clause


def embed_stripped(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """The query embeddings of ``texts`` with their boilerplate openings stripped."""
    stripped = [strip_boilerplate(t) for t in texts]
    return embedder.encode(stripped, kind="query", batch_size=QUERY_BATCH)


def embed_segments(
    embedder: Embedder, label_emb: np.ndarray, weights: Weights, texts: Sequence[str]
) -> SegmentEmbedding:
    """Embed texts and their clauses against the skills' ``label_emb`` (see ``SegmentEmbedding``).

    Clauses are embedded once; a text of one clause is its own sentence embedding, and a longer
    one is embedded whole unless ``weights.sentence_from_clauses`` (then: the length-weighted
    mean of its clause embeddings, about half the encoder work).
    """
    texts = list(texts)
    if not weights.sem_phrase:  # no phrase signal: one encoder pass per text, no clauses
        sent = embed_stripped(embedder, texts)
        return SegmentEmbedding(
            sent, sent @ label_emb.T, [], np.zeros((0, len(label_emb))), np.zeros(0, np.int64)
        )
    parts = [[c for s in sentences(t) for c in clauses(s, t)] or [] for t in texts]
    flat = [strip_boilerplate(c.text) for p in parts for c in p]
    owner = np.repeat(np.arange(len(texts)), [len(p) for p in parts])
    single = [row for row, p in enumerate(parts) if len(p) != 1]
    whole_rows = (
        single if not weights.sentence_from_clauses else [r for r in single if not parts[r]]
    )
    emb = embedder.encode(
        flat + [strip_boilerplate(texts[r]) for r in whole_rows],
        kind="query",
        batch_size=QUERY_BATCH,
    )
    clause_emb, whole = emb[: len(flat)], emb[len(flat) :]
    sims = clause_emb @ label_emb.T
    sent = _sentence_vectors(clause_emb, flat, owner, len(texts))
    if len(whole_rows):
        sent[whole_rows] = whole
    phrase = np.zeros((len(texts), len(label_emb)), np.float32)
    for row in range(len(texts)):
        mask = owner == row
        phrase[row] = sims[mask].max(axis=0) if mask.any() else sent[row] @ label_emb.T
    return SegmentEmbedding(sent, phrase, [c for p in parts for c in p], sims, owner)


def _sentence_vectors(
    clause_emb: np.ndarray, flat: list[str], owner: np.ndarray, n_texts: int
) -> np.ndarray:
    """Each text's unit-length, length-weighted mean of its clause embeddings (zeros without
    clauses)."""
    sent = np.zeros((n_texts, clause_emb.shape[1]), np.float32)
    lengths = np.array([len(x) for x in flat], np.float32)
    for row in range(n_texts):
        mask = owner == row
        if mask.any():
            v = (clause_emb[mask] * lengths[mask, None]).sum(axis=0)
            sent[row] = v / max(float(np.linalg.norm(v)), 1e-9)
    return sent
