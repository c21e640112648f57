"""The planners' home: headline counts, the context charts with their tables, and downloads
that hold exactly the table on screen; no page shows a seeker's name or email."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.models.base import utcnow
from app.services import labour_context
from app.services.planner.registry import load_pages, menu
from tests.factories import (
    ApplicationFactory,
    CurriculumFactory,
    OrganisationFactory,
    PlannerFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

SHIPPED = Path(__file__).resolve().parents[3] / "profiles" / "banten" / "bps_tpt.csv"
SEEKERS = [
    ("Zulkarnaen Wiraatmadja", "zulkarnaen.wiraatmadja@contoh.example"),
    ("Kusumaningrum Pertiwisari", "kusumaningrum.p@contoh.example"),
    ("Bonifasius Tampubolon", "boni.tampubolon@contoh.example"),
]
FILTERS = [
    "",
    "?until=2022-08",
    "?since=2020-08&until=2024-02&survey_round=2025-08",
    "?since=2099-01&survey_round=2019-08",
]
TABLES = ("province", "districts", "education")


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    """Figures, three distinctive seekers (two visible, one applied), vacancies and a school."""
    labour_context.load_context_file(SHIPPED)
    for index, (name, email) in enumerate(SEEKERS):
        user = UserFactory(name=name, email=email)
        profile = SeekerProfileFactory(user=user, visibility="hidden" if index else "visible")
        # each with a posted vacancy of its own employer (counted on the Outcomes page)
        ApplicationFactory(profile=profile, vacancy__posted_at=utcnow())
    VacancyFactory(status="closed")
    VacancyFactory(organisation=OrganisationFactory(verification_status="pending"))
    CurriculumFactory(status="published")
    CurriculumFactory(status="draft")
    return PlannerFactory()


def planner_urls() -> list[str]:
    """Every planner page under every filter: the home and each table's CSV and XLSX."""
    urls = []
    for query in FILTERS:
        urls.append("/planner/" + query)
        for table in TABLES:
            urls += [f"/planner/context/{table}.{fmt}{query}" for fmt in ("csv", "xlsx")]
    return urls


def figure_page_urls(client) -> list[str]:  # type: ignore[no-untyped-def]
    """Every registered figure page (with and without filters), each download of its figures
    and each drill-down link on it."""
    load_pages()
    urls = []
    for page in menu():
        if page.figures is None:
            continue
        for query in ("", "?since=2025-01&until=2026-12"):
            url = f"/planner/{page.name}{query}"
            body = client.get(url).get_data(as_text=True)
            links = re.findall(r'href="(/planner/[^"]*\.(?:csv|xlsx)[^"]*)"', body)
            links += re.findall(r'href="(/planner/vacancies[^"]*)"', body)
            urls += [url, *(unescape(link) for link in links)]
    return urls


def test_no_planner_page_shows_a_seeker(app, client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    for locale in ("id", "en"):
        client.set_cookie("locale", locale)
        walked = figure_page_urls(client)
        assert any(".xlsx" in url for url in walked) and any("vacancies" in url for url in walked)
        for url in planner_urls() + walked:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.get_data()
            if url.split("?")[0].endswith(".xlsx"):
                sheet = load_workbook(io.BytesIO(body)).active
                body = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
                body = body.encode()
            text = body.decode("utf-8").lower()
            for name, email in SEEKERS:
                for part in (email, name.lower(), *name.lower().split()):
                    assert part not in text, (url, part)


def test_headline_counts_follow_the_visibility_rules(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    page = client.get("/planner/").get_data(as_text=True)
    cards = re.findall(r'class="display-6">([^<]+)</div>\s*<div class="fw-semibold">([^<]+)<', page)
    found = {label: int(value) for value, label in cards}
    # 3 open vacancies of verified employers (closed and unverified ones do not count)
    assert found == {
        "Lowongan dibuka": 3,
        "Pemberi kerja terverifikasi": 4,
        "Pencari kerja yang terlihat oleh pemberi kerja": 1,
        "Sekolah dengan kurikulum terbit": 1,
    }


def table_on_page(page: str, name: str) -> list[list[str]]:
    """The cells of a table of the page, header first."""
    match = re.search(rf'data-testid="table-{name}">(.*?)</table>', page, re.S)
    assert match, name
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [[unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


@pytest.mark.parametrize("query", FILTERS)
def test_downloads_equal_the_tables_on_screen(client, auth, scene, query: str) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    page = client.get("/planner/" + query).get_data(as_text=True)
    for name in TABLES:
        response = client.get(f"/planner/context/{name}.csv{query}")
        assert response.mimetype == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        downloaded = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        if f'data-testid="table-{name}"' not in page:
            assert len(downloaded) == 1  # the header only: no figures on screen either
            continue
        assert downloaded == table_on_page(page, name)
        book = load_workbook(io.BytesIO(client.get(f"/planner/context/{name}.xlsx{query}").data))
        cells = [[str(c) for c in row] for row in book.active.iter_rows(values_only=True)]
        assert cells[: len(downloaded)] == downloaded
        assert "Sumber: BPS Provinsi Banten, Sakernas" in cells[-1]


def test_every_chart_carries_its_source_and_axis_units(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    page = client.get("/planner/").get_data(as_text=True)
    charts = re.findall(r'data-chart="([^"]+)"', page)
    assert len(charts) == 3
    for chart in charts:
        spec = unescape(chart)
        assert "Sumber: BPS Provinsi Banten, Sakernas" in spec
        assert "Tingkat pengangguran terbuka (%)" in spec
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "2022-08" in page and "12.85" not in page  # the fullest rounds by default
    chosen = client.get("/planner/?survey_round=2025-08").get_data(as_text=True)
    assert table_on_page(chosen, "education")[2][:4] == [
        "Sekolah menengah kejuruan (SMK)",
        "36",
        "2025-08",
        "10.13",
    ]


def test_unknown_tables_and_formats_are_404(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    assert client.get("/planner/context/seekers.csv").status_code == 404
    assert client.get("/planner/context/province.pdf").status_code == 404


def test_the_home_speaks_english_on_request(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    from tests.test_i18n import switch

    auth.login(scene.email)
    assert "Pengangguran terbuka di Banten (BPS)" in client.get("/planner/").get_data(as_text=True)
    page = switch(client, "en", "/planner/").get_data(as_text=True)
    assert "Open unemployment in Banten (BPS)" in page and ">Planning</a>" in page
    assert "Primary school or less" in page
