"""Per-skill maxima over forms (``form_blocks.FormGroups.max``): the bucketed reduction used for
many rows gives exactly the maxima of ``np.maximum.reduceat``, in and out of column order."""

from __future__ import annotations

import numpy as np
import pytest

from matching.linking.form_blocks import BUCKET_ROWS, FormGroups


def _reference(owners: np.ndarray, values: np.ndarray, fill: np.ndarray) -> np.ndarray:
    out = fill.copy()
    for owner in np.unique(owners):
        out[:, owner] = values[:, owners == owner].max(axis=1)
    return out


@pytest.mark.parametrize("rows", [1, BUCKET_ROWS - 1, BUCKET_ROWS, 40])
@pytest.mark.parametrize("in_order", [True, False])
def test_bucketed_maxima_equal_the_plain_ones(rows: int, in_order: bool) -> None:
    rng = np.random.default_rng(rows)
    n_skills = 50
    counts = rng.integers(0, 7, n_skills)  # some skills have no forms: they keep ``fill``
    owners = np.repeat(np.arange(n_skills), counts)
    if not in_order:
        owners = rng.permutation(owners)
    groups = FormGroups.of(owners, n_skills)
    assert groups.in_order == in_order
    values = rng.standard_normal((rows, len(owners))).astype(np.float32)
    fill = rng.standard_normal((rows, n_skills)).astype(np.float32)
    assert np.array_equal(groups.max(values, fill), _reference(owners, values, fill))
