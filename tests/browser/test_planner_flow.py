"""Issue 12's planner flow in a real browser: the planner logs in, filters the Demand page to
Kab. Serang and the last 12 months, sees the top demanded skills and their chart, drills down to
the vacancies behind one number, downloads the CSV of the table on screen, and runs a what-if for
the SMK TKJ programme."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from app.services.planner import Filters
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_csp import Watch
from tests.browser.test_daily_loop import login


def table_rows(page: Any, testid: str) -> list[list[str]]:
    """The table's cells as shown (header row first)."""
    return [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in page.get_by_test_id(testid).locator("tr").all()
    ]


def test_planner_filters_drills_down_downloads_and_asks_what_if(demo_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None,
    )
    watch = Watch(page, demo_server.url)
    login(page, demo_server.url, "planner@example.com")
    page.get_by_role("link", name="Perencanaan").click()
    page.get_by_test_id("planner-menu").get_by_role("link", name="Kebutuhan").click()
    page.wait_for_url("**/planner/demand**")

    period = Filters.default()  # the last 12 months, this month included
    filters = page.get_by_test_id("planner-filters")
    filters.get_by_label("Kabupaten/kota").select_option(label="Kab. Serang")
    filters.get_by_label("Dari bulan").select_option(period.since.strftime("%Y-%m"))
    filters.get_by_label("Sampai bulan").select_option(period.until.strftime("%Y-%m"))
    filters.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert "region=" in page.url and f"since={period.since:%Y-%m}" in page.url

    top = page.get_by_test_id("figure-top_skills")
    top.scroll_into_view_if_needed()
    assert top.locator("canvas").evaluate("c => Boolean(Chart.getChart(c)) && c.width > 0")
    top.get_by_text("Tabel di balik grafik").click()
    on_screen = table_rows(page, "table-top_skills")
    assert len(on_screen) > 1, "no skill demanded in Kab. Serang in the demo scene"
    page.screenshot(path=str(ARTIFACTS / "planner_demand_serang.png"), full_page=True)

    with page.expect_download() as info:
        top.get_by_test_id("download-top_skills-csv").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [row[:2] for row in rows[: len(on_screen)]] == [row[:2] for row in on_screen]

    link = top.get_by_test_id("drill").first
    number = link.inner_text().strip()
    skill = on_screen[1][0]
    link.click()
    page.wait_for_url("**/planner/vacancies**")
    assert page.get_by_test_id("drill-total").inner_text().split()[0] == number
    assert page.get_by_test_id("drill-row").count() == int(number.replace(".", ""))
    assert skill in page.get_by_test_id("drill-scope").inner_text()
    assert "Kab. Serang" in page.get_by_test_id("drill-scope").inner_text()
    for district in page.get_by_test_id("drill-row").locator("td:nth-child(3)").all_inner_texts():
        assert district.strip() == "Kab. Serang"
    page.screenshot(path=str(ARTIFACTS / "planner_drill_down.png"), full_page=True)

    page.goto(demo_server.url + "/planner/")
    page.get_by_test_id("planner-menu").get_by_role("link", name="Simulasi").click()
    page.wait_for_url("**/planner/whatif**")
    programme = page.get_by_label("Program sekolah")
    tkj = next(o for o in programme.locator("option").all_inner_texts() if "(TKJ)" in o)
    programme.select_option(label=tkj)
    page.get_by_label("Tambah keterampilan").fill("Kubernetes")
    page.locator(".skill-picker-list li", has_text="Kubernetes").first.click()
    page.get_by_test_id("whatif-submit").click()
    page.wait_for_load_state()
    before = int(page.get_by_test_id("met-before").inner_text().replace(".", ""))
    after = int(page.get_by_test_id("met-after").inner_text().replace(".", ""))
    assert after >= before
    assert "kubernetes" in page.get_by_test_id("whatif-skills").inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "planner_whatif.png"), full_page=True)
    assert errors == []
    assert watch.violations() == [] and watch.without_csp == []
