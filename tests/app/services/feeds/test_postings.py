"""Reading JobPosting JSON-LD: script blocks, bare JSON, @graph, and the field mapping."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from app.services.feeds.mapping import education, employment_type, strip_html
from app.services.feeds.postings import read_jsonld
from app.services.uploads import input_limits
from app.services.vacancy_rows import region_lookup
from tests.app.services.feeds.helpers import job_posting, page


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return read_jsonld(data, input_limits("vacancies"), region_lookup())


def test_bare_json_list_and_graph(app: Flask) -> None:
    bare = _read(json.dumps([job_posting(1), {"@type": "Organization"}, job_posting(2)]).encode())
    graph = _read(page({"@context": "https://schema.org", "@graph": [job_posting(3)]}))

    assert [p.position for p in bare] == [1, 2]
    assert graph[0].row["title"] == "Mobile Developer (Flutter)"


def test_fields(app: Flask) -> None:
    node = job_posting(
        1,
        identifier={"name": "papan", "value": "X-9"},
        jobLocation=[{"address": {"addressLocality": "Cilegon", "addressRegion": "Banten"}}],
        employmentType=["INTERN"],
        baseSalary={"currency": "IDR", "value": {"value": 60_000_000, "unitText": "YEAR"}},
        validThrough="2027-01-31T17:00:00+07:00",
        datePosted="2026-11-30",
    )
    (posting,) = _read(page(node))

    assert posting.row["region"] == "kota cilegon"
    assert posting.row["employment_type"] == "internship"
    assert (posting.row["salary_min"], posting.row["salary_max"]) == (5_000_000, 5_000_000)
    assert posting.row["closing_date"] == "2027-01-31"
    assert posting.source_key == "papan:X-9" and posting.employer_name == "PT Cakra Data Nusantara"
    assert posting.date_posted.isoformat() == "2026-11-30"


def test_hourly_pay_is_reported(app: Flask) -> None:
    node = job_posting(1, baseSalary={"currency": "IDR", "value": 25_000, "unitText": "HOUR"})
    (posting,) = _read(page(node))

    assert posting.errors and posting.errors[0][0] == "salary_min"


@pytest.mark.parametrize(
    ("given", "level"),
    [("SMK", "sma_smk"), ({"credentialCategory": "bachelor degree"}, "s1"), ("D3 Informatika", "d3"),
     (None, "sma_smk"), ("Magister", "s2")],
)  # fmt: skip
def test_education(given: object, level: str) -> None:
    assert education(given) == level


def test_employment_and_html() -> None:
    assert employment_type("FULL_TIME") == "full_time"
    assert employment_type(["VOLUNTEER"]) == "VOLUNTEER"  # left for the checker to refuse
    assert strip_html("&lt;p&gt;Satu &amp; dua&lt;/p&gt;&lt;ul&gt;&lt;li&gt;tiga&lt;/li&gt;") == (
        "Satu & dua\ntiga"
    )
