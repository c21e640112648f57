def test_centre_in_place_equals_centred() -> None:
    import numpy as np

    from matching.textsim import centre_in_place, centred

    rng = np.random.default_rng(3)
    rows = rng.normal(size=(50, 8)).astype(np.float32)
    mean = rows.mean(axis=0)
    rows[7] = mean  # a row equal to the mean centres to zero
    expected = centred(rows, mean)
    got = centre_in_place(rows.copy(), mean)
    assert np.allclose(got, expected, atol=1e-6) and not got[7].any()
