"""A page of search results taken without sorting every row equals the page of a full sort."""

from __future__ import annotations

import numpy as np
import pytest

from app.services.search import page_rows


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(("start", "count"), [(0, 10), (10, 10), (95, 10), (0, 1), (200, 10)])
def test_page_rows_equal_a_full_lexsort(seed, start, count) -> None:
    rng = np.random.default_rng(seed)
    n = 120
    relevance = rng.integers(0, 4, n) / 4  # many ties, as keyword-only scores have
    posted = rng.integers(0, 6, n).astype(float)
    ids = rng.permutation(n)
    keys = (ids, -posted, -relevance)
    assert (
        page_rows(keys, start, count).tolist() == np.lexsort(keys)[start : start + count].tolist()
    )


def test_an_empty_result_has_no_rows() -> None:
    empty = np.zeros(0)
    assert page_rows((empty, empty), 0, 10).size == 0
