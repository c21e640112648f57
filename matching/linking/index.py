"""``SkillIndex``: label embeddings, lexical tables and the fused ranking of skills."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from matching.blas import single_blas
from matching.linking.form_blocks import FormGroups, form_layout, product
from matching.linking.lexical import AliasTable, CharTfidf, FuzzyForms, form_weights, tfidf_signals
from matching.linking.params import ExtractParams, RankGate, Weights
from matching.linking.rank_gate import gated_scores, usable
from matching.linking.segments import SegmentEmbedding, embed_segments, embed_stripped
from matching.linking.text import strip_boilerplate
from matching.linking.types import RankedSkill, SkillEntry, SkillMention

SIGNALS = (
    "sem_label",
    "sem_form",
    "sem_phrase",
    "tfidf_label",
    "tfidf_form",
    "alias",
    "prior",
    "aux_label",
    "aux_form",
)
UNSCALED = ("alias", "prior")  # signals added without per-text standardisation


class Embedder(Protocol):
    """What the index needs from an embedder (see ``matching.embedding``)."""

    model_id: str
    dim: int

    def encode(
        self, texts: Sequence[str], *, kind: str = "query", batch_size: int = 64
    ) -> np.ndarray: ...


@dataclass
class SkillIndex:
    """Everything needed to rank and extract skills of one vocabulary with one embedder."""

    entries: list[SkillEntry]
    embedder: Embedder
    weights: Weights
    extract_params: ExtractParams
    label_emb: np.ndarray
    form_emb: np.ndarray
    form_owner: np.ndarray
    form_text: list[str]
    tfidf: CharTfidf
    aliases: AliasTable
    fuzzy: FuzzyForms
    # An optional second embedder (USE multilingual): its own label and form embeddings.
    aux: Embedder | None = None
    aux_label_emb: np.ndarray | None = None
    aux_form_emb: np.ndarray | None = None
    # Rank with e5 only where the rest leaves the top open (``rank_gate``); None: e5 always.
    rank_gate: RankGate | None = None
    _groups: FormGroups = field(repr=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self._groups = FormGroups.of(self.form_owner, len(self.entries))
        self._pos = {e.skill_id: i for i, e in enumerate(self.entries)}
        self._prior = np.array([e.prior for e in self.entries], np.float32)
        # Column-major form matrices: ``queries @ forms.T`` then reads them in BLAS's own layout
        # (measured 6.0 -> 3.8 ms for 15 sentences x 12,365 forms; the same results from 3 queries on).
        self.form_emb = np.asfortranarray(self.form_emb)
        if self.aux_form_emb is not None:
            self.aux_form_emb = np.asfortranarray(self.aux_form_emb)

    @classmethod
    def build(
        cls,
        entries: Sequence[SkillEntry],
        embedder: Embedder,
        weights: Weights | None = None,
        extract_params: ExtractParams | None = None,
        batch_size: int = 128,
        aux: Embedder | None = None,
    ) -> SkillIndex:
        """Embed labels and forms (through the embedders' caches, if any); build lexical tables.

        ``aux``: a second embedder whose cosines are fused as ``aux_label`` / ``aux_form``."""
        weights = weights or Weights()
        entries = list(entries)
        labels = [e.label for e in entries]
        forms = [(i, f) for i, e in enumerate(entries) for f in e.forms]
        # the embedded forms in ``form_layout`` order (the lexical tables keep the entries' order)
        layout, _ = form_layout(np.array([i for i, _ in forms], dtype=np.int64))
        form_text = [forms[c][1].text for c in layout]
        owner = np.array([forms[c][0] for c in layout], dtype=np.int64)
        label_emb = embedder.encode(labels, kind=weights.label_kind, batch_size=batch_size)
        form_emb = (
            embedder.encode(form_text, kind=weights.label_kind, batch_size=batch_size)
            if form_text
            else np.zeros((0, label_emb.shape[1]), np.float32)
        )
        aux_label_emb = aux_form_emb = None
        if aux is not None:
            aux_label_emb = aux.encode(labels, kind="query", batch_size=batch_size)
            aux_form_emb = (
                aux.encode(form_text, kind="query", batch_size=batch_size)
                if form_text
                else np.zeros((0, aux_label_emb.shape[1]), np.float32)
            )
        alias_rows = [(i, e.label, "label", 1.0) for i, e in enumerate(entries)]
        alias_rows += [
            (i, f.text, f.kind, w) for (i, f), w in zip(forms, form_weights(forms), strict=True)
        ]
        return cls(
            entries=entries,
            embedder=embedder,
            weights=weights,
            extract_params=extract_params or ExtractParams(),
            label_emb=np.ascontiguousarray(label_emb, np.float32),
            form_emb=np.ascontiguousarray(form_emb, np.float32),
            form_owner=owner,
            form_text=form_text,
            tfidf=CharTfidf(labels, form_text),
            aliases=AliasTable(alias_rows),
            fuzzy=FuzzyForms(
                [(i, e.label) for i, e in enumerate(entries)] + [(i, f.text) for i, f in forms]
            ),
            aux=aux,
            aux_label_emb=aux_label_emb,
            aux_form_emb=aux_form_emb,
        )

    def __len__(self) -> int:
        return len(self.entries)

    def position(self, skill_id: str) -> int:
        """Column of a skill id in score matrices."""
        return self._pos[skill_id]

    # --- signals -----------------------------------------------------------------------------
    def embed(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sentence embeddings and best clause cosine per skill, (n, dim) and (n, n_skills)."""
        emb = self.embed_segments(texts)
        return emb.sentence, emb.phrase

    def embed_segments(self, texts: Sequence[str]) -> SegmentEmbedding:
        """Embed texts and their clauses (``segments.embed_segments``)."""
        return embed_segments(self.embedder, self.label_emb, self.weights, texts)

    def signals(
        self,
        texts: Sequence[str],
        query_emb: np.ndarray | None = None,
        phrase_sem: np.ndarray | None = None,
        alias: np.ndarray | None = None,
        weighted_only: bool = False,
        aux_emb: np.ndarray | None = None,
    ) -> dict[str, np.ndarray]:
        """Raw signals (n_texts, n_skills) for each text; see ``SIGNALS``.

        May be given precomputed: ``query_emb``, ``phrase_sem`` (best clause cosine per skill; the
        sentence's own cosine when left out with ``query_emb`` given), ``alias`` (best lexical hit
        weight per skill) and ``aux_emb`` (``aux_embed``). ``weighted_only``: skip the form
        signals that the index's weights ignore (what ``fuse`` needs, not every baseline).

        numpy's BLAS runs on one thread meanwhile (``single_blas``, set before the background
        encoder pass starts, so none of this call's threads changes it while another multiplies).
        """
        with single_blas():
            return self._signals(list(texts), query_emb, phrase_sem, alias, weighted_only, aux_emb)

    def _signals(
        self,
        texts: list[str],
        query_emb: np.ndarray | None,
        phrase_sem: np.ndarray | None,
        alias: np.ndarray | None,
        weighted_only: bool,
        aux_emb: np.ndarray | None,
    ) -> dict[str, np.ndarray]:
        w = self.weights
        forms = bool(w.sem_form or not weighted_only)
        pending = None
        if query_emb is None and not w.sem_phrase:  # encode (and its cosines) meanwhile
            pending = _background().submit(
                lambda: self._cosines(embed_stripped(self.embedder, texts), forms)
            )
        elif query_emb is None:
            query_emb, phrase_sem = self.embed(texts)
        tfidf_form = bool(w.tfidf_form or not weighted_only)
        try:
            a = aux_emb if aux_emb is not None else self.aux_embed(texts, weighted_only)
            tl, tf = tfidf_signals(self.tfidf, texts, tfidf_form)
            alias = alias if alias is not None else self._alias_signal(texts)
            aux_label, aux_form = (
                self._cosines(a, bool(w.aux_form or not weighted_only), aux=True)
                if a is not None
                else (None, None)
            )
        except BaseException:
            if pending is not None:  # its products run under this call's BLAS limit: wait
                wait([pending])
            raise
        sem_label, sem_form = (
            pending.result() if pending is not None else self._cosines(query_emb, forms)
        )
        out = {"sem_label": sem_label}
        if sem_form is not None:
            out["sem_form"] = sem_form
        out["sem_phrase"] = sem_label if phrase_sem is None else phrase_sem  # no clauses: whole
        out["tfidf_label"] = tl
        if tfidf_form:
            out["tfidf_form"] = self._groups.max(tf, tl) if tf is not None else tl
        out["alias"] = alias
        if aux_label is not None:
            out["aux_label"] = aux_label
        if aux_form is not None:
            out["aux_form"] = aux_form
        out["prior"] = np.broadcast_to(self._prior, sem_label.shape)
        return out

    def _cosines(
        self,
        queries: np.ndarray,
        forms: bool,
        aux: bool = False,
        pool: ThreadPoolExecutor | None = None,
        parts: int = 2,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Cosines of the queries with every label and (``forms``) each skill's best other form
        (a skill without forms takes its label's), of the encoder or (``aux``) the second one;
        with ``pool``, each product in ``parts`` on its threads (``form_blocks.product``).

        The per-skill best form comes block by block of the forms (``FormGroups.product_max``), on
        the one BLAS thread ``signals`` sets: on a synthetic index of 72k forms, 224 sentences,
        0.16 s of CPU against 0.22 s for the whole product and the gathered maxima on two BLAS
        threads, and 0.60 s block by block on two (idle BLAS threads busy-wait between blocks)."""
        labels, others = (
            (self.aux_label_emb, self.aux_form_emb) if aux else (self.label_emb, self.form_emb)
        )
        label = product(queries, labels, pool, parts)  # type: ignore[arg-type]
        best = self._groups.product_max(queries, others, label, pool, parts) if forms else None
        return label, best

    def aux_embed(self, texts: Sequence[str], weighted_only: bool = True) -> np.ndarray | None:
        """The second embedder's vectors of ``texts``, or None when it has none or it is unused."""
        w = self.weights
        if self.aux is None or (weighted_only and not (w.aux_label or w.aux_form)):
            return None
        return self.aux.encode([strip_boilerplate(t) for t in texts], kind="query")

    def _alias_signal(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.entries)), np.float32)
        for row, t in enumerate(texts):
            for hit in self.aliases.find(t):
                out[row, hit.skill] = max(out[row, hit.skill], hit.weight)
        return out

    def fuse(
        self,
        sig: dict[str, np.ndarray],
        weights: Weights | None = None,
        standardised: dict[str, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Weighted sum of per-text standardised signals (the alias signal is added as is);
        ``standardised``: z-scores already computed for some signals (``standardise``)."""
        w = weights or self.weights
        z = standardised or {}
        total = np.zeros_like(sig["sem_label"])
        for name in SIGNALS:
            wt = getattr(w, name)
            if not wt or name not in sig:
                continue
            if name in UNSCALED:
                total += wt * sig[name]
            elif name in z:
                total += wt * z[name]
            else:  # a z-score of its own: weighted in place
                own = standardise(sig[name])
                total += np.multiply(own, wt, out=own)
        return total

    # --- public ranking ----------------------------------------------------------------------
    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Fused scores (n_texts, n_skills)."""
        return self.fuse(self.signals(texts, weighted_only=True))

    def rank_many(self, texts: Sequence[str], k: int = 10) -> list[list[RankedSkill]]:
        """The k best skills for each text (through ``rank_gate`` when the index has one)."""
        if usable(self, self.rank_gate):
            s, _ = gated_scores(self, texts, self.rank_gate)  # type: ignore[arg-type]
        else:
            s = self.scores(texts)
        return [self._top(row, k) for row in s]

    def rank(self, text: str, k: int = 10) -> list[RankedSkill]:
        """The k most likely skills for one sentence, best first."""
        return self.rank_many([text], k)[0]

    def extract(self, text: str, params: ExtractParams | None = None) -> list[SkillMention]:
        """Skill mentions of a whole text above the calibrated threshold (``extract.extract``)."""
        from matching.linking.extract import extract

        return extract(self, text, params or self.extract_params)

    def _top(self, row: np.ndarray, k: int) -> list[RankedSkill]:
        k = min(k, len(row))
        idx = np.argpartition(-row, k - 1)[:k]
        idx = idx[np.argsort(-row[idx], kind="stable")]
        return [
            RankedSkill(self.entries[i].skill_id, self.entries[i].label, float(row[i])) for i in idx
        ]


@functools.cache
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="embed")


def standardise(x: np.ndarray) -> np.ndarray:
    """Per-row z-scores (rows with no spread become zeros).

    The same operations as ``(x - x.mean(1)) / x.std(1)`` (so the same values to the bit), with
    the deviations computed once and divided in place."""
    n = x.shape[1]
    deviation = x - x.mean(axis=1, keepdims=True)
    squares = np.multiply(deviation, deviation)
    sd = np.sqrt(np.add.reduce(squares, axis=1, keepdims=True) / n)
    return np.divide(deviation, np.where(sd > 1e-9, sd, 1.0), out=deviation)
