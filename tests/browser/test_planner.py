"""The planner in a real browser: logs in, sees the BPS charts drawn by the app's own Chart.js
(under the enforced Content-Security-Policy), picks a survey round and downloads the CSV of the
table on screen."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import labour_context
from tests.browser.conftest import ARTIFACTS, LiveServer, serve
from tests.browser.test_csp import Watch
from tests.browser.test_daily_loop import login


@pytest.fixture
def planner_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The demo scene with the shipped BPS figures."""
    for server in serve(tmp_path / "planner.sqlite", demo=True):
        with server.app.app_context():
            labour_context.load_context_file(server.app.config["CONTEXT_FILE"])
        yield server


def test_planner_sees_the_charts_and_downloads_the_table(planner_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # scripts that failed
    page.on(  # and files that did not load (the site has no favicon)
        "response",
        lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None,
    )
    watch = Watch(page, planner_server.url)  # Chart.js runs under the enforced CSP
    login(page, planner_server.url, "planner@example.com")
    page.get_by_role("link", name="Perencanaan").click()
    page.wait_for_url("**/planner/")
    assert page.get_by_role("heading", name="Pengangguran terbuka di Banten (BPS)").is_visible()
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".map(c => Boolean(Chart.getChart(c)) && c.width > 0)"
    )
    assert drawn == [True, True, True]
    page.get_by_label("Putaran survei (menurut kabupaten/kota, menurut pendidikan)").select_option(
        "2025-08"
    )
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    education = page.get_by_test_id("context-education")
    assert "2025-08" in education.get_by_role("heading").inner_text()
    education.get_by_text("Tabel di balik grafik").click()
    on_screen = [
        [cell.inner_text() for cell in row.locator("th, td").all()]
        for row in page.get_by_test_id("table-education").locator("tr").all()
    ]
    with page.expect_download() as info:
        page.get_by_test_id("download-education-csv").click()
    download = info.value
    assert download.suggested_filename == "tpt_education_2025-08.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows == on_screen
    assert rows[2][0] == "Sekolah menengah kejuruan (SMK)" and rows[2][3] == "10.13"
    page.get_by_test_id("context-province").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "planner_home.png"), full_page=True)
    assert errors == []
    assert watch.violations() == [] and watch.without_csp == []
