"""The similarities the unit advice centres (``curricula.gap.placement``): a skill's vectors
with a unit's texts (``UnitTexts``), a skill's label with the labels of a unit's skills
(``SkillLabels``), and the words of names a lexical match counts (``name_words``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from curricula.gap.inputs import SupplyUnit

# Words of skill names too common to say where a skill belongs ("aplikasi Photoshop",
# "bahasa pemrograman Kotlin", "Python (computer programming)").
_COMMON = frozenset(
    (
        "dan", "atau", "yang", "di", "ke", "dari", "dengan", "untuk", "pada", "serta", "sesuai",
        "aplikasi", "bahasa", "pemrograman", "the", "of", "and", "for", "a", "an", "to", "in", "on",
        "with", "software", "system", "systems", "program", "tool", "tools", "computer",
        "programming", "use", "using",
    )
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9+#.]+")


def name_words(texts: Sequence[str]) -> frozenset[str]:
    """The words of ``texts`` a lexical match counts: lower case, two characters or more, not
    one of the common words ("Node.js" is one word; a sentence's last word loses its stop)."""
    found = [w.strip(".") for w in _WORD.findall(" ".join(texts).casefold())]
    return frozenset(w for w in found if len(w) >= 2 and w not in _COMMON)


class UnitTexts:
    """Per unit: its outcome sentences' vectors (and its name's), centred against a reference
    set of skill vectors so text similarity is comparable across units."""

    def __init__(
        self,
        units: Sequence[SupplyUnit],
        text_vectors: Mapping[str | int, np.ndarray],
        reference: np.ndarray | None,
    ) -> None:
        self.rows: dict[str | int, np.ndarray] = {}
        self.stats: dict[str | int, tuple[float, float]] = {}
        self.words = {u.id: name_words([u.name, *(o.text for o in u.outcomes)]) for u in units}
        for unit in units:
            rows = text_vectors.get(unit.id)
            if rows is None or len(rows) == 0:
                continue
            rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
            self.rows[unit.id] = rows
            if reference is not None and len(reference):
                best = (np.asarray(reference, dtype=np.float32) @ rows.T.astype(np.float32)).max(1)
                self.stats[unit.id] = (float(best.mean()), float(best.std()) or 1.0)
        # All units' rows in one matrix: every text term of a skill in one product (``terms``).
        self.column = {uid: i for i, uid in enumerate(self.rows)}
        if self.rows:
            sizes = [len(r) for r in self.rows.values()]
            self._matrix = np.vstack(list(self.rows.values()))
            self._starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
            centring = [self.stats.get(uid, (0.0, 1.0)) for uid in self.rows]
            self._mean = np.array([m for m, _ in centring])
            self._std = np.array([s for _, s in centring])

    def terms(self, vectors: np.ndarray) -> np.ndarray:
        """The centred similarity (``z``) of each of ``vectors`` (rows) with each unit that has
        texts, shape (vectors, units) in the order of ``column``."""
        if not self.rows:
            return np.zeros((len(vectors), 0))
        cosines = np.asarray(vectors, dtype=np.float64) @ self._matrix.T
        best = np.maximum.reduceat(cosines, self._starts, axis=1)
        return (best - self._mean) / self._std

    def per_unit(
        self, units: Sequence[SupplyUnit], vectors: Sequence[np.ndarray | None]
    ) -> list[np.ndarray]:
        """Per vector (or matrix: the best of its rows), its centred similarity (``z``) with each
        of ``units``, in their order (0 for a unit without texts or a missing vector), all in one
        product."""
        out = [np.zeros(len(units)) for _ in vectors]
        given = [(k, np.atleast_2d(np.asarray(v, dtype=np.float64)))
                 for k, v in enumerate(vectors) if v is not None]  # fmt: skip
        if not self.rows or not given:
            return out
        z = self.terms(np.vstack([v for _, v in given]))
        columns = np.array([self.column.get(u.id, -1) for u in units])
        has = columns >= 0
        at = 0
        for k, rows in given:
            out[k][has] = z[at : at + len(rows)].max(axis=0)[columns[has]]
            at += len(rows)
        return out

    def z(self, unit_id: str | int, vector: np.ndarray | None) -> float:
        """The centred similarity of a skill vector with the unit's texts (0 when unknown)."""
        rows = self.rows.get(unit_id)
        if rows is None or vector is None:
            return 0.0
        best = float((rows @ np.asarray(vector, dtype=np.float64)).max())
        mean, std = self.stats.get(unit_id, (0.0, 1.0))  # no reference: the raw cosine
        return (best - mean) / std

    def best_z(self, unit_id: str | int, vectors: np.ndarray | None) -> float:
        """The best centred similarity of any of ``vectors`` (rows) with the unit's texts."""
        rows = self.rows.get(unit_id)
        if rows is None or vectors is None or not len(vectors):
            return 0.0
        best = float((np.atleast_2d(np.asarray(vectors, dtype=np.float64)) @ rows.T).max())
        mean, std = self.stats.get(unit_id, (0.0, 1.0))
        return (best - mean) / std


class SkillLabels:
    """How close a skill's label is to the labels of the skills a unit teaches, centred per
    skill: the best cosine minus the mean cosine of the skill with the reference set, over its
    standard deviation (a tool close to every label is not close to this unit's skills)."""

    def __init__(self, vectors: Mapping[str, np.ndarray], reference: np.ndarray | None) -> None:
        self.vectors = vectors
        self.reference = None if reference is None else np.asarray(reference, dtype=np.float32)
        self._stats: dict[str, tuple[float, float]] = {}

    def prepare(self, skills: Sequence[str]) -> None:
        """Compute the centring figures of these skills in one matrix product."""
        wanted = [s for s in dict.fromkeys(skills) if s in self.vectors and s not in self._stats]
        if self.reference is None or not len(self.reference) or not wanted:
            return
        matrix = np.asarray([self.vectors[s] for s in wanted], dtype=np.float32)
        cosines = matrix @ self.reference.T
        for skill, mean, std in zip(wanted, cosines.mean(axis=1), cosines.std(axis=1), strict=True):
            self._stats[skill] = (float(mean), float(std) or 1.0)

    def z(self, skill: str, taught: frozenset[str]) -> float:
        """The centred label similarity of ``skill`` with its closest taught skill (0: none)."""
        vector = self.vectors.get(skill)
        rows = [self.vectors[t] for t in sorted(taught) if t in self.vectors and t != skill]
        if vector is None or not rows:
            return 0.0
        vector = np.asarray(vector, dtype=np.float64)
        best = float((np.asarray(rows, dtype=np.float64) @ vector).max())
        if self.reference is None or not len(self.reference):
            return best
        if skill not in self._stats:
            self.prepare([skill])
        mean, std = self._stats[skill]
        return (best - mean) / std
