"""A school in a real browser: uploads a curriculum, corrects one extracted skill, opens the gap
report, saves it and downloads it as CSV and PDF. Selectors avoid UI text so translations do not break
them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_daily_loop import login

EXAMPLE = Path(__file__).resolve().parents[2] / "curricula" / "examples" / "smk_pplg_rpl.md"


def test_school_uploads_corrects_and_exports_gap_report(
    demo_server, page: Any, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    login(page, base, "school@example.com")
    page.goto(base + "/school/curricula/new")
    page.locator("#version_year").fill("2026")
    page.locator("input[type=file]").set_input_files(str(EXAMPLE))
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    tree = page.get_by_test_id("tree")
    assert tree.locator("li.card").count() == 6
    # correct the tree before saving: rename the first unit
    page.locator("#units-0-name").fill("Dasar-dasar PPLG (diperbaiki)")
    page.locator("button[name=confirm]").click(timeout=180_000)  # skills are read on save
    page.wait_for_url("**/school/curricula/*", timeout=120_000)  # skills are read on save
    assert page.get_by_text("Dasar-dasar PPLG (diperbaiki)").is_visible()
    suggested = page.locator("[data-testid^=skill-]").filter(
        has=page.locator("form[action$='/remove']")
    )
    assert suggested.count() > 3
    first = suggested.first
    removed = first.get_attribute("data-testid")
    outcome = first.locator("xpath=ancestor::li[starts-with(@data-testid, 'outcome-')]")
    outcome_id = outcome.get_attribute("data-testid")
    first.locator("form[action$='/remove'] button").click()
    page.wait_for_load_state()
    assert page.get_by_test_id(outcome_id).get_by_test_id(removed).count() == 0
    curriculum_url = page.url.split("#")[0]
    page.screenshot(path=str(ARTIFACTS / "school_curriculum_skills.png"), full_page=True)

    # the school's own kota has too few vacancies: the report falls back to the province and
    # says so (or, where the province is too thin as well, says there is not enough data)
    page.set_default_timeout(240_000)  # a first report builds the near-skill table (slow when busy)
    page.goto(curriculum_url + "/gap")
    said = page.get_by_test_id("province-fallback").or_(page.get_by_test_id("not-enough-data"))
    assert said.first.is_visible()
    page.locator("#region").select_option("all")
    page.get_by_test_id("gap-parameters").locator("button[type=submit]").click()
    page.wait_for_load_state()
    coverage = page.get_by_test_id("coverage").inner_text()
    assert coverage.endswith("%") and 0 < float(coverage.rstrip("%")) < 100
    assert page.get_by_test_id("missing-table").locator("tbody tr").count() >= 5
    assert page.get_by_test_id("unit-bar").count() == 6
    # opening the report stored nothing; saving it (a POST) does, and offers the downloads
    assert page.get_by_test_id("not-saved").is_visible()
    assert page.locator("a[href$='.csv']").count() == 0
    page.get_by_test_id("save-report").click()
    page.wait_for_url("**/school/gap-reports/*")
    assert page.get_by_test_id("not-saved").count() == 0
    assert page.get_by_test_id("unit-bar").count() == 6
    with page.expect_download() as csv_download:
        page.locator("a[href$='.csv']").click()
    csv_path = tmp_path / "report.csv"
    csv_download.value.save_as(csv_path)
    assert csv_path.read_text(encoding="utf-8").startswith("list,skill,group")
    with page.expect_download() as pdf_download:
        page.locator("a[href$='.pdf']").click()
    pdf_path = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
