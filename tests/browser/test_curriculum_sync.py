"""Curriculum sync in a real browser: a school opens its gap report, accepts three pieces of
advice into a plan, invites a partner employer who comments and endorses it, and downloads the
minutes (berita acara) as a PDF. Selectors avoid UI text where they can."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, log_out
from tests.browser.test_daily_loop import login

PARTNER = "PT Kode Nusantara Solusindo"  # employer@example.com's verified organisation


def test_school_plans_partner_endorses_minutes(demo_server, page: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    login(page, base, "school@example.com")
    page.goto(base + "/school/")
    page.locator("a[href^='/school/curricula/']").filter(has_text="TJKT").first.click()
    page.wait_for_load_state()
    curriculum_url = page.url.split("#")[0]
    page.set_default_timeout(90_000)  # a first report builds the near-skill table
    page.goto(curriculum_url + "/gap?region=all&months=12")
    page.get_by_test_id("save-report").click()
    page.wait_for_url("**/school/gap-reports/*")
    panel = page.get_by_test_id("accept-advice")
    boxes = panel.locator("input[name=skill_ids]:not([disabled])")
    assert boxes.count() >= 3
    for n in range(3):
        boxes.nth(n).check()
    panel.locator("button[type=submit]").click()
    page.wait_for_url("**/school/sync/plans/*")
    plan_url = page.url.split("#")[0]
    assert page.get_by_test_id("action").count() == 3
    draft = page.get_by_test_id("plan-draft").inner_text()
    current = page.get_by_test_id("plan-current").inner_text()
    assert float(draft.rstrip("%")) > float(current.rstrip("%"))

    page.goto(base + "/school/sync/partners")
    page.locator("#employer_id").select_option(label=PARTNER)
    page.locator("form[action$='/school/sync/partners'] button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(plan_url)
    invite = page.get_by_test_id("invite-form")
    invite.get_by_label(PARTNER).check()
    invite.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("invitation-status").count() == 1
    log_out(page)

    login(page, base, "employer@example.com")
    page.goto(base + "/employer/sync/")
    page.get_by_test_id("invitations").locator("a").first.click()
    page.wait_for_url("**/employer/sync/*")
    first = page.get_by_test_id("action").first
    first.locator("input[name=body]").fill("Kami bisa meminjamkan perangkat untuk praktik.")
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("comment").count() == 1
    page.locator("input[name=endorse][value=yes]").check()
    page.locator("#representative").fill("Rizky Pratama")
    page.locator("form[action$='/answer'] button[type=submit]").click()
    page.wait_for_load_state()
    endorsed = page.get_by_test_id("answer-status").inner_text()
    log_out(page)

    login(page, base, "school@example.com")
    page.goto(plan_url)
    assert page.get_by_test_id("invitation-status").inner_text() == endorsed
    page.locator("#meeting_date").fill("2026-12-10")
    page.locator("#place").fill("Ruang rapat SMKN 11")
    page.locator("#attended_ids").select_option(label=PARTNER)
    page.locator("#agreed").fill("Rencana sinkronisasi disetujui.")
    page.locator("form[action$='/meeting'] button[type=submit]").click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.get_by_test_id("minutes").click()
    pdf_path = tmp_path / "minutes.pdf"
    download.value.save_as(pdf_path)
    page.screenshot(path=str(ARTIFACTS / "curriculum_sync_plan.png"), full_page=True)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    for expected in (
        "Berita Acara Sinkronisasi Kurikulum",
        PARTNER,
        "Rizky Pratama",
        "Menyetujui",
        "Ruang rapat SMKN 11",
        "Rencana sinkronisasi disetujui.",
        "Kami bisa meminjamkan perangkat untuk praktik.",
    ):
        assert expected in text, expected
