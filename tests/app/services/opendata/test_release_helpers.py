"""Monthly open-data releases' helpers (``opendata.releases``): which month is complete, month
names, the CSV form of a dataset and what changed against the previous release."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app.services.opendata.datasets import Column, Dataset
from app.services.opendata.definitions import DATASETS
from app.services.opendata.releases import changes, last_complete_month, parse_month, to_csv

DATASET = Dataset(
    slug="contoh",
    title="Contoh",
    description="",
    keywords=(),
    columns=(Column("month", ""), Column("region", ""), Column("count", ""), Column("open", "")),
    build=lambda month: [],
    key=("month", "region"),
)


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (date(2026, 3, 15), date(2026, 2, 1)),
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 1, 31), date(2025, 12, 1)),
        (date(2026, 2, 1), date(2026, 1, 1)),
        (date(2026, 12, 31), date(2026, 11, 1)),
    ],
)
def test_the_last_complete_month_is_the_one_before_todays(today: date, month: date) -> None:
    assert last_complete_month(today) == month


def test_months_are_written_year_dash_month() -> None:
    assert parse_month("2026-02") == date(2026, 2, 1)
    for text in ("2026-13", "2026/02", "Feb 2026", "2026-2-1", ""):
        with pytest.raises(ValueError):
            parse_month(text)


def test_the_csv_has_the_dictionarys_columns_in_order() -> None:
    rows = [
        {"region": '=HYPERLINK("x")', "month": "2026-02", "count": 3, "open": True, "extra": 1},
        {"month": "2026-02", "region": "Kota Serang", "count": None, "open": False},
    ]
    text = to_csv(DATASET, rows)
    assert list(csv.reader(io.StringIO(text))) == [
        ["month", "region", "count", "open"],
        ["2026-02", '\'=HYPERLINK("x")', "3", "true"],
        ["2026-02", "Kota Serang", "", "false"],
    ]


def test_a_first_release_is_all_added() -> None:
    after = [{"month": "2026-02", "region": "A", "count": 1}]
    assert changes(DATASET, None, after) == {"added": 1, "removed": 0, "changed": 0}


def test_changes_are_counted_by_key_ignoring_the_month() -> None:
    before = [
        {"month": "2026-01", "region": "A", "count": 1},
        {"month": "2026-01", "region": "B", "count": 2},
        {"month": "2026-01", "region": "C", "count": 3},
    ]
    after = [
        {"month": "2026-01", "region": "A", "count": 1},
        {"month": "2026-01", "region": "B", "count": 5},
        {"month": "2026-01", "region": "D", "count": 4},
    ]
    assert changes(DATASET, before, after) == {"added": 1, "removed": 1, "changed": 1}
    assert changes(DATASET, before, before) == {"added": 0, "removed": 0, "changed": 0}


def test_every_shipped_dataset_has_a_unique_slug_and_a_key_among_its_columns() -> None:
    slugs = [d.slug for d in DATASETS]
    assert len(slugs) == len(set(slugs))
    for dataset in DATASETS:
        names = [c.name for c in dataset.columns]
        assert len(names) == len(set(names)), dataset.slug
        assert set(dataset.key) <= set(names), dataset.slug
