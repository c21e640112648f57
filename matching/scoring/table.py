"""Shared parts of the fast indexes: ids, filter attributes as codes, text vectors, top-k."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np

from matching.scoring.model import MatchFilters, RankedItem


class Codes:
    """String attribute values as small integer codes (-1: unknown) for fast masks."""

    def __init__(self, values: Iterable[str | None]) -> None:
        self.vocab: dict[str, int] = {}
        codes = [-1 if v is None else self.vocab.setdefault(v, len(self.vocab)) for v in values]
        self.codes = np.asarray(codes, dtype=np.int32)
        self.names = list(self.vocab)

    def value(self, row: int) -> str | None:
        """The string value of ``row`` (``None`` when unknown)."""
        code = int(self.codes[row])
        if code < 0:
            return None
        return self.names[code]

    def isin(self, allowed: Collection[str]) -> np.ndarray:
        """Boolean mask of rows whose value is in ``allowed`` (unknown values fail)."""
        lut = np.zeros(len(self.vocab) + 1, dtype=bool)  # last slot: code -1
        for value in allowed:
            if value in self.vocab:
                lut[self.vocab[value]] = True
        return lut[self.codes]


def text_matrix(vectors: np.ndarray | None, n: int) -> tuple[np.ndarray | None, np.ndarray]:
    """Items' text vectors as float32 rows and a mask of rows that have one (non-zero norm)."""
    if vectors is None:
        return None, np.zeros(n, dtype=bool)
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != n:
        raise ValueError(f"text vectors must have shape ({n}, dim), got {matrix.shape}")
    return matrix, np.einsum("ij,ij->i", matrix, matrix) > 0


def top_k(scores: np.ndarray, valid: np.ndarray, k: int) -> np.ndarray:
    """Rows of the ``k`` best valid scores, best first; ties go to the lower row (O(n))."""
    rows = np.flatnonzero(valid)
    if k <= 0 or rows.size == 0:
        return rows[:0]
    values = scores[rows]
    if rows.size > k:
        kth = -np.partition(-values, k - 1)[k - 1]
        better = values > kth
        ties = np.flatnonzero(values == kth)[: k - int(better.sum())]
        keep = np.concatenate([np.flatnonzero(better), ties])
        rows, values = rows[keep], values[keep]
    return rows[np.lexsort((rows, -values))]


class ItemTable:
    """Ids, active flags, region/education codes and text vectors of indexed items."""

    def __init__(
        self,
        ids: Sequence[str],
        regions: Iterable[str | None],
        educations: Iterable[str | None],
        text_vectors: np.ndarray | None,
    ) -> None:
        self.ids = list(ids)
        self.rows = {item_id: row for row, item_id in enumerate(self.ids)}
        if len(self.rows) != len(self.ids):
            raise ValueError("item ids must be unique")
        self.regions = Codes(regions)
        self.educations = Codes(educations)
        self.text, self.has_text = text_matrix(text_vectors, len(self.ids))
        self.active = np.ones(len(self.ids), dtype=bool)

    def __len__(self) -> int:
        return len(self.ids)

    def set_active(self, item_id: str, active: bool) -> None:
        """Include or leave out one item (e.g. a closed vacancy) without rebuilding."""
        self.active[self.rows[item_id]] = active

    def filter_mask(self, filters: MatchFilters) -> np.ndarray:
        """Active rows passing the region, education and exclusion filters."""
        mask = self.active.copy()
        if filters.regions is not None:
            mask &= self.regions.isin(filters.regions)
        if filters.education_levels is not None:
            mask &= self.educations.isin(filters.education_levels)
        for item_id in filters.exclude:
            if item_id in self.rows:
                mask[self.rows[item_id]] = False
        return mask

    def text_scores(self, query: np.ndarray | None) -> tuple[np.ndarray | float, np.ndarray | bool]:
        """Cosines of every item's text with ``query`` and where the text component exists."""
        if query is None or self.text is None:
            return 0.0, False
        query = np.asarray(query, dtype=np.float32)
        if not np.any(query):
            return 0.0, False
        return self.text @ query, self.has_text

    def text_similarity(self, row: int, query: np.ndarray | None) -> float | None:
        """Cosine of one item's text with ``query``, or ``None`` when either is missing."""
        if query is None or self.text is None or not self.has_text[row]:
            return None
        query = np.asarray(query, dtype=np.float32)
        if not np.any(query):
            return None
        return float((self.text[row : row + 1] @ query)[0])

    def ranked(self, rows: np.ndarray, scores: np.ndarray) -> list[RankedItem]:
        """Rows and scores as :class:`RankedItem` values."""
        return [RankedItem(self.ids[r], int(r), float(scores[r])) for r in rows]
