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


def terms(text: str) -> list[str]:
    """The terms of ``text`` in order (repeats kept)."""
    return [t for t in _TERM.findall(text.lower()) if len(t) > 1]


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in order, at most ``MAX_QUERY_TERMS``."""
    return list(dict.fromkeys(terms(text)))[:MAX_QUERY_TERMS]


def term_string(text: str) -> str:
    """The distinct terms of ``text``, sorted, joined by single spaces (what is stored)."""
    return " ".join(sorted(set(terms(text))))


def keyword_score(query: list[str], text: str) -> float:
    """Share of the query terms present in the text."""
    if not query:
        return 0.0
    words = set(terms(text))
    return sum(1 for t in query if t in words) / len(query)
