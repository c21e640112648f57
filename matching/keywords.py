"""Keyword terms of a text: one tokenizer for the stored search terms and for queries.

Terms are lower-cased runs of letters and digits (underscore separates), at least two
characters long. A vacancy keeps its terms as one space-separated string, so the database can
index them (PostgreSQL full-text search with the ``simple`` configuration reads the same words)
and the share of a query's terms a text holds is the same wherever it is computed.
"""

from __future__ import annotations

import re

_TERM = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 12
# Words in nearly every vacancy, Indonesian and English: as query terms they would match all of
# them and say nothing (meaning still reads them: the embedding sees the whole query).
STOP_WORDS = frozenset(
    """
    yang dan di ke dari untuk dengan pada dalam atau ini itu adalah akan dapat bisa serta oleh
    sebagai juga kami kamu anda para tidak ada sudah telah harus minimal min max dll yg dgn utk
    the and of to in for with on at by or an be is are as from this that we you your our will
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def terms(text: str) -> list[str]:
    """The terms of ``text`` in order (repeats kept)."""
    return [t for t in _TERM.findall(text.lower()) if len(t) > 1]


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in order, without stop words (unless the query has only
    stop words), at most ``MAX_QUERY_TERMS``."""
    found = list(dict.fromkeys(terms(text)))
    kept = [t for t in found if t not in STOP_WORDS] or found
    return kept[:MAX_QUERY_TERMS]


def term_string(text: str) -> str:
    """The distinct terms of ``text``, sorted, joined by single spaces (what is stored)."""
    return " ".join(sorted(set(terms(text))))


def keyword_score(query: list[str], text: str) -> float:
    """Share of the query terms present in the text."""
    if not query:
        return 0.0
    words = set(terms(text))
    return sum(1 for t in query if t in words) / len(query)


class TermIndex:
    """Which rows hold which terms (an inverted index in arrays): the keyword half of search
    over many texts without scanning them per query.

    A term held by few rows keeps the list of its rows (4 bytes a row); a term held by more than
    one row in 32 keeps a bitmap over all rows instead (one bit a row), which is smaller: on
    100,000 vacancies 41 MB of row lists became 15 MB. Both give the same counts."""

    def __init__(self, term_strings: list[str]) -> None:
        """``term_strings``: each row's stored terms (``term_string``), in row order."""
        from collections import defaultdict
        from itertools import chain, count

        import numpy as np

        self.size = len(term_strings)
        # ids in first-seen order, assigned by C-level iteration (a Python loop over the
        # 10 million terms of 100,000 vacancies took most of a worker's start-up)
        lengths = np.fromiter(map(len, map(str.split, term_strings)), np.int64, self.size)
        numbering: defaultdict[str, int] = defaultdict(count().__next__)
        words = chain.from_iterable(map(str.split, term_strings))
        terms_of = np.fromiter(map(numbering.__getitem__, words), np.int32, int(lengths.sum()))
        self.vocabulary: dict[str, int] = dict(numbering)
        counts = np.bincount(terms_of, minlength=len(self.vocabulary))
        # grouped by term, rows ascending within a term; NumPy sorts 16-bit keys by radix
        keys = terms_of.astype(np.uint16) if len(self.vocabulary) <= 1 << 16 else terms_of
        del terms_of
        order = np.argsort(keys, kind="stable")
        del keys
        all_rows = np.repeat(np.arange(self.size, dtype=np.int32), lengths)[order]
        del order
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        dense = np.flatnonzero(counts * 32 > self.size)  # a bitmap is smaller than the list
        # term position -> row of ``bitmaps``; -1: the term keeps its list in ``rows``
        self.bitmap_of = np.full(len(self.vocabulary), -1, dtype=np.int32)
        self.bitmap_of[dense] = np.arange(dense.size, dtype=np.int32)
        self.bitmaps = np.zeros((dense.size, (self.size + 7) // 8), dtype=np.uint8)
        keep = np.ones(all_rows.size, dtype=bool)
        for bitmap, term in enumerate(dense):
            held = np.zeros(self.size, dtype=bool)
            held[all_rows[starts[term] : starts[term + 1]]] = True
            self.bitmaps[bitmap] = np.packbits(held)
            keep[starts[term] : starts[term + 1]] = False
        self.rows = np.ascontiguousarray(all_rows[keep])
        del all_rows
        self.held = counts.copy()  # rows holding each term
        counts[dense] = 0
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    ARRAYS = ("rows", "starts", "bitmaps", "bitmap_of", "held")

    def arrays(self) -> dict[str, object]:
        """The index as NumPy arrays (``ARRAYS``), to be saved; the vocabulary apart, in order."""
        return {name: getattr(self, name) for name in self.ARRAYS}

    @classmethod
    def from_arrays(cls, size: int, vocabulary: list[str], arrays: dict) -> TermIndex:  # type: ignore[type-arg]
        """The index saved by ``arrays`` (arrays may be memory-mapped, read-only) and
        ``vocabulary`` (the terms by position): equal to the one that was saved."""
        index = cls.__new__(cls)
        index.size = size
        index.vocabulary = {term: position for position, term in enumerate(vocabulary)}
        for name in cls.ARRAYS:
            setattr(index, name, arrays[name])
        return index

    def counts(self, query: list[str]):  # type: ignore[no-untyped-def]
        """Per row, how many of the query terms it holds (a NumPy int array)."""
        import numpy as np

        found = np.zeros(self.size, dtype=np.int32)
        for term in query:
            self._add(found, term, 1)
        return found

    def holding(self, term: str, without=None) -> int:  # type: ignore[no-untyped-def]
        """How many rows hold ``term``, not counting the rows ``without`` (ascending row
        numbers, e.g. rows left out of an index since it was built)."""
        import numpy as np

        position = self.vocabulary.get(term)
        if position is None:
            return 0
        held = int(self.held[position])
        if without is None or len(without) == 0:
            return held
        bitmap = self.bitmap_of[position]
        if bitmap >= 0:  # np.packbits order: the first row is the highest bit of a byte
            bits = self.bitmaps[bitmap][without >> 3] >> (7 - (without & 7)).astype(np.uint8)
            return held - int((bits & 1).sum())
        rows = self.rows[self.starts[position] : self.starts[position + 1]]
        at = np.minimum(np.searchsorted(rows, without), max(0, rows.size - 1))
        return held - int((rows[at] == without).sum()) if rows.size else held

    def weighted(self, query: list[str], weights: list[float]):  # type: ignore[no-untyped-def]
        """Per row, the sum of the weights of the query terms it holds (a NumPy float array)."""
        import numpy as np

        found = np.zeros(self.size, dtype=np.float64)
        for term, weight in zip(query, weights, strict=True):
            self._add(found, term, weight)
        return found

    def _add(self, found, term: str, amount: float) -> None:  # type: ignore[no-untyped-def]
        """Add ``amount`` to ``found`` at the rows holding ``term`` (bitmap or row list)."""
        import numpy as np

        position = self.vocabulary.get(term)
        if position is None:
            return
        bitmap = self.bitmap_of[position]
        if bitmap >= 0:
            held = np.unpackbits(self.bitmaps[bitmap], count=self.size).view(bool)
            found[held] += amount
        else:
            found[self.rows[self.starts[position] : self.starts[position + 1]]] += amount

    def nbytes(self) -> int:
        """Bytes held by the index arrays (not the vocabulary)."""
        arrays = (self.rows, self.starts, self.bitmaps, self.bitmap_of, self.held)
        return sum(a.nbytes for a in arrays)
