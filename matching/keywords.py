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
