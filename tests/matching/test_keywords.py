"""Keyword terms: one tokenizer for stored terms and queries."""

from __future__ import annotations

from matching.keywords import keyword_score, query_terms, term_string, terms


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
