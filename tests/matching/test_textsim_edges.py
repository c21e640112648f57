"""Centred cosine similarity (``matching.textsim``): the mean, zero rows and dtypes."""

from __future__ import annotations

import numpy as np
import pytest

from matching.textsim import centre_in_place, centred, corpus_mean


def test_corpus_mean_is_the_float32_column_mean() -> None:
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], dtype=np.float64)
    mean = corpus_mean(rows)
    assert mean.dtype == np.float32
    assert mean.tolist() == pytest.approx([1.0, 1.0])


def test_centred_rows_are_unit_length_and_a_row_at_the_mean_is_zero() -> None:
    rows = np.array([[3.0, 1.0], [1.0, 1.0], [1.0, 4.0]])
    out = centred(rows, np.array([1.0, 1.0], dtype=np.float32))
    assert out.dtype == np.float32
    assert out[0].tolist() == pytest.approx([1.0, 0.0])
    assert out[1].tolist() == [0.0, 0.0]
    assert out[2].tolist() == pytest.approx([0.0, 1.0])


def test_centring_spreads_a_narrow_cosine_band() -> None:
    """Two unrelated texts at raw cosine ~0.8 fall to about 0 once the shared direction goes."""
    shared = np.array([1.0, 0.0, 0.0])
    a = shared + np.array([0.0, 0.5, 0.0])
    b = shared + np.array([0.0, 0.0, 0.5])
    raw = a @ b / np.linalg.norm(a) / np.linalg.norm(b)
    assert raw == pytest.approx(0.8)
    out = centred(np.stack([a, b]), corpus_mean(np.stack([a, b])))
    assert float(out[0] @ out[1]) < raw - 0.5


def test_centred_leaves_its_input_alone_and_reads_a_single_vector() -> None:
    rows = np.array([[2.0, 0.0]], dtype=np.float32)
    before = rows.copy()
    centred(rows, np.zeros(2, dtype=np.float32))
    assert np.array_equal(rows, before)
    single = centred(np.array([0.0, 5.0]), np.zeros(2, dtype=np.float32))
    assert single.tolist() == pytest.approx([0.0, 1.0])


def test_centre_in_place_returns_the_same_array() -> None:
    rows = np.array([[1.0, 2.0], [1.0, 2.0], [4.0, 6.0]], dtype=np.float32)
    out = centre_in_place(rows, np.array([1.0, 2.0], dtype=np.float32))
    assert out is rows
    assert rows[0].tolist() == [0.0, 0.0] and rows[1].tolist() == [0.0, 0.0]
    assert rows[2].tolist() == pytest.approx([0.6, 0.8])
