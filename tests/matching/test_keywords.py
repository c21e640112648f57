"""Keyword terms: one tokenizer for stored terms and queries."""

from __future__ import annotations

from matching.keywords import TermIndex, keyword_score, query_terms, term_string, terms


def test_terms_split_on_anything_but_letters_and_digits() -> None:
    assert terms("Node.js_dev, C# & HTML5 di Tangerang!") == [
        "node", "js", "dev", "html5", "di", "tangerang",
    ]  # fmt: skip
    assert term_string("beta alfa beta x") == "alfa beta"


def test_query_terms_leave_stop_words_out_unless_nothing_else_is_left() -> None:
    assert query_terms("teknisi yang paham jaringan dan router") == [
        "teknisi", "paham", "jaringan", "router",
    ]  # fmt: skip
    assert query_terms("yang dan") == ["yang", "dan"]
    assert len(query_terms(" ".join(f"w{n}" for n in range(40)))) == 12


def test_keyword_score_is_the_share_of_query_terms_held() -> None:
    assert keyword_score(["jaringan", "router"], "Instalasi jaringan kantor") == 0.5
    assert keyword_score([], "anything") == 0.0


def test_term_index_counts_equal_the_plain_score() -> None:
    from matching.keywords import TermIndex

    texts = [
        "Web developer Laravel dan MySQL",
        "Teknisi jaringan komputer, router MikroTik",
        "Data analyst: SQL, Python, Power BI",
        "",
        "Staf IT support jaringan kantor",
    ]
    index = TermIndex([term_string(t) for t in texts])
    for query in ("jaringan router", "python sql laravel", "tidak ada", "kantor jaringan"):
        terms_ = query_terms(query)
        shares = (index.counts(terms_) / len(terms_)).tolist()
        assert shares == [keyword_score(terms_, t) for t in texts], query
    assert TermIndex([]).counts(["a"]).size == 0


def test_term_index_with_bitmaps_and_row_lists_counts_like_the_plain_score() -> None:
    """Common terms are kept as bitmaps, rare ones as row lists: the counts stay exact."""
    import random

    from matching.keywords import TermIndex

    rng = random.Random(5)  # noqa: S311 - test data, not secrets
    words = [f"w{n}" for n in range(300)]
    texts = [
        " ".join(rng.choices(words, weights=[1 / (n + 1) for n in range(300)], k=12))
        for _ in range(1003)  # not a multiple of 8: the bitmaps' last byte is partial
    ]
    index = TermIndex([term_string(t) for t in texts])
    assert index.bitmaps.shape[0] > 0 and index.rows.size > 0  # both kinds are used
    plain_bytes = 4 * sum(len(set(terms(t))) for t in texts)
    assert index.nbytes() < plain_bytes
    for query in (["w0", "w1"], ["w0", "w299", "w150"], ["w7", "absent"], ["w250"]):
        counts = index.counts(query).tolist()
        assert counts == [round(keyword_score(query, t) * len(query)) for t in texts], query


def test_term_index_with_more_terms_than_16_bit_keys() -> None:
    from matching.keywords import TermIndex

    index = TermIndex([f"t{row} common" for row in range(70_000)])
    assert len(index.vocabulary) > 1 << 16
    counts = index.counts(["t69999", "common", "t3"])
    assert counts[69_999] == 2 and counts[3] == 2 and counts[5] == 1 and counts.sum() == 70_002


def test_term_index_holding_and_weighted_read_bitmaps_and_row_lists_alike() -> None:
    from matching.keywords import TermIndex

    texts = [f"common r{row % 50}" + (" rare" if row == 7 else "") for row in range(1000)]
    index = TermIndex(texts)
    assert index.bitmap_of[index.vocabulary["common"]] >= 0  # in every row: a bitmap
    assert index.bitmap_of[index.vocabulary["rare"]] < 0  # in one row: a row list
    assert (index.holding("common"), index.holding("r3"), index.holding("rare")) == (1000, 20, 1)
    assert index.holding("absent") == 0
    weights = index.weighted(["common", "rare", "r7"], [0.5, 2.0, 0.25])
    expected = [
        0.5 + (2.0 if row == 7 else 0.0) + (0.25 if row % 50 == 7 else 0.0) for row in range(1000)
    ]
    assert weights.tolist() == expected


def test_term_index_saved_as_arrays_is_the_same_index() -> None:
    texts = [term_string(t) for t in ("web php mysql", "php laravel", "jaringan linux", "")] * 20
    index = TermIndex(texts)
    again = TermIndex.from_arrays(index.size, list(index.vocabulary), index.arrays())
    for query in (["php"], ["linux", "php"], ["nothing"], ["web", "mysql", "laravel"]):
        assert again.counts(query).tolist() == index.counts(query).tolist()
        assert again.weighted(query, [0.5] * len(query)).tolist() == (
            index.weighted(query, [0.5] * len(query)).tolist()
        )
    assert again.holding("php") == index.holding("php") == 40


def test_holding_leaves_out_rows_as_an_index_without_them() -> None:
    import numpy as np

    texts = [
        term_string(f"php row{i % 7} {'web' if i % 3 else ''} {'rare' if i % 50 == 0 else ''}")
        for i in range(300)
    ]
    index = TermIndex(texts)
    assert index.bitmap_of[index.vocabulary["php"]] >= 0  # kept as a bitmap
    assert index.bitmap_of[index.vocabulary["rare"]] < 0  # kept as a list of rows
    left_out = np.array([0, 5, 6, 7, 100, 299])
    kept = TermIndex([t for i, t in enumerate(texts) if i not in set(left_out.tolist())])
    for term in ("php", "web", "row3", "row0", "rare", "absent"):
        assert index.holding(term, left_out) == kept.holding(term), term
