"""The framework of the planners' figure pages: filters from the query string, a registered
page's figures with chart, table, drill-down links and downloads of exactly that table."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app.services.planner import Chart, Figure, Filters
from app.services.planner.registry import PAGES, register_page
from tests.factories import PlannerFactory, SeekerProfileFactory, any_region

SEEN: list[Filters] = []


def _figures(filters: Filters) -> list[Figure]:
    SEEN.append(filters)
    return [
        Figure(
            name="per_month",
            title="Vacancies per month",
            headers=["Month", "Vacancies", "Open"],
            rows=[["2026-01", 3, None], ["2026-02", 1250, 7]],
            chart=Chart(kind="line", values=(1, 2)),
            source="Sumber: Link & Match",
            links={(1, 1): "/planner/drill?month=2026-02"},
        ),
        Figure(
            name="heat",
            title="Heat",
            headers=["Skill", "Serang", "Cilegon"],
            rows=[["=SUM(A1)", 4, 8]],
            chart=Chart(kind="heatmap", values=(1, 2)),
        ),
    ]


@pytest.fixture
def page():  # type: ignore[no-untyped-def]
    SEEN.clear()
    register_page("testfigures", "Test figures", order=99)(_figures)
    yield PAGES["testfigures"]
    PAGES.pop("testfigures")


def test_a_registered_page_shows_chart_table_links_and_filters(client, auth, page) -> None:  # type: ignore[no-untyped-def]
    region = any_region()
    auth.login(PlannerFactory().email)
    html = client.get(
        f"/planner/testfigures?since=2026-01&until=2026-03&region={region.id}&education=d3"
    ).get_data(as_text=True)
    assert SEEN[-1] == Filters(
        since=date(2026, 1, 1), until=date(2026, 3, 1), region_id=region.id, education="d3"
    )
    assert 'data-testid="figure-per_month"' in html and "data-chart=" in html
    assert 'href="/planner/drill?month=2026-02"' in html
    assert "heat-10" in html and "heat-5" in html  # shaded by share of the largest cell
    assert "/planner/testfigures/per_month.csv?since=2026-01&amp;until=2026-03" in html


def test_unknown_filter_values_and_a_reversed_period_fall_back(client, auth, page) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    client.set_cookie("locale", "id")
    html = client.get(
        "/planner/testfigures?since=2026-05&until=2026-01&region=999999&occupation=9999"
    ).get_data(as_text=True)
    default = Filters.default()
    assert SEEN[-1] == default
    assert "is-invalid" in html


def test_downloads_hold_exactly_the_table(client, auth, page) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    response = client.get("/planner/testfigures/per_month.csv?since=2026-01&until=2026-02")
    assert "per_month_2026-01_2026-02.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        ["Month", "Vacancies", "Open"],
        ["2026-01", "3", ""],
        ["2026-02", "1250", "7"],
        ["Sumber: Link & Match"],
    ]
    heat = client.get("/planner/testfigures/heat.csv").get_data(as_text=True)
    assert heat.splitlines()[1].startswith("'=SUM(A1)")
    book = load_workbook(io.BytesIO(client.get("/planner/testfigures/heat.xlsx").data))
    assert [c.value for c in book.active[2]] == ["'=SUM(A1)", 4, 8]


def test_unknown_pages_figures_and_formats_are_404(client, auth, page) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    assert client.get("/planner/nosuch").status_code == 404
    assert client.get("/planner/testfigures/nosuch.csv").status_code == 404
    assert client.get("/planner/testfigures/heat.pdf").status_code == 404


def test_others_may_not_read_figure_pages(client, auth, page) -> None:  # type: ignore[no-untyped-def]
    seeker = SeekerProfileFactory().user
    auth.login(seeker.email)
    assert client.get("/planner/testfigures").status_code == 403
    assert client.get("/planner/testfigures/heat.csv").status_code == 403
