"""The de-duplication rule: pure functions over plain values, and its evaluation command."""

from __future__ import annotations

from datetime import date

import pytest

from app.lab.feeds.evaluate_dedup import evaluate, folds, load
from app.services.feeds.dedup import PostingText, compare, employer_key, is_duplicate, title_score

TEXT = (
    "Kami mencari Web Developer untuk membangun aplikasi internal berbasis Laravel. "
    "Kualifikasi: D3/S1 Informatika, menguasai PHP, MySQL dan REST API."
)
SITE = PostingText(
    "PT Cakra Data Nusantara", "Web Developer (Laravel)", TEXT, 1, date(2026, 3, 2),
    date(2026, 4, 2),
)  # fmt: skip


def _variant(**changes: object) -> PostingText:
    values = {**SITE.__dict__, **changes}
    return PostingText(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "duplicate"),
    [
        (_variant(employer="Cakra Data Nusantara, PT", title="Lowongan Web Developer Laravel",
                  description=TEXT + " Lamar sekarang, hanya kandidat terpilih dihubungi."), True),
        (_variant(start=date(2026, 3, 20), end=None), True),
        (_variant(employer="PT Sehat Data Medika"), False),  # same title, another employer
        (_variant(region=2), False),  # another district
        (_variant(title="Data Analyst", description="Mengolah data transaksi dengan SQL."), False),
        (_variant(title="Senior Web Developer (Laravel)"), False),  # another level
        (_variant(start=date(2026, 9, 1), end=date(2026, 10, 1)), False),  # reposted later
    ],
)  # fmt: skip
def test_rule(other: PostingText, duplicate: bool) -> None:
    assert is_duplicate(SITE, other) is duplicate


def test_parts() -> None:
    assert employer_key("PT. Cakra Data Nusantara, Tbk") == "cakra data nusantara"
    assert title_score("Junior Programmer PHP", "Programmer PHP Senior") == 0
    assert compare(SITE, _variant(start=None)).dates_overlap


def test_labelled_pairs_and_held_out_figures() -> None:
    postings, pairs = load()
    assert len(pairs) >= 60 and all(p.a in postings and p.b in postings for p in pairs)
    assert sum(p.duplicate for p in pairs) >= 20
    assert {"same_employer_other_role", "same_title_other_employer", "other_district"} <= {
        p.kind for p in pairs
    }
    split = folds(pairs, 5, 13)
    assert sorted(i for fold in split for i in fold) == list(range(len(pairs)))
    held = evaluate()["held_out"]
    assert held["tp"] + held["fn"] == sum(p.duplicate for p in pairs)  # every pair held out once
