"""One yearly cycle in a real browser: a school opens its gap report, accepts three pieces of
advice into a plan, invites a partner employer who comments and endorses it, downloads the
minutes (berita acara) as a PDF, sees which of its teachers need which training for the plan,
and reads last year's tracer results. The teachers, teacher trainings and tracer answers are the
demo scene's (``app/services/demo_people.py``). Selectors avoid UI text where they can."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, log_out
from tests.browser.test_daily_loop import login

PARTNER = "PT Kode Nusantara Solusindo"  # employer@example.com's verified organisation
TEACHERS = ("Drs. Hendra Gunawan", "Rina Marlina, S.Kom.", "Agus Setiawan, S.T.")
TRAINING = "Kelas Guru: Materi Baru Sinkronisasi"  # a teacher training made for the plan
PROVIDER = "LPK Jembatan Kode Bootcamp"  # a demo training provider
SCREENS = Path("/work/screens")  # a copy of the screenshots to look at outside the run


def _teacher_training_for(app: Any, plan_id: int) -> None:
    """An online teacher training (by a demo provider) teaching the plan's first two skills:
    the demo's own teacher trainings teach network skills, and which advice comes first depends
    on the demo's demand."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Organisation, SyncPlan, Training, TrainingSkill

    with app.app_context():
        plan = db.session.get(SyncPlan, plan_id)
        provider = db.session.scalar(select(Organisation).where(Organisation.name == PROVIDER))
        skills = [TrainingSkill(skill_id=a.skill_id, origin="declared") for a in plan.actions[:2]]
        db.session.add(Training(organisation=provider, title=TRAINING, mode="online",
                                audience="teachers", cost=0, skills=skills))  # fmt: skip
        db.session.commit()


def _screenshot(page: Any, name: str) -> None:
    """A full-page screenshot into test-artifacts/ (and a copy in SCREENS when it exists)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    if SCREENS.is_dir():
        shutil.copy(path, SCREENS / name)


def test_school_plans_partner_endorses_minutes(demo_server, page: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    login(page, base, "school@example.com")
    page.goto(base + "/school/")
    page.locator("a[href^='/school/curricula/']").filter(has_text="TJKT").first.click()
    page.wait_for_load_state()
    curriculum_url = page.url.split("#")[0]
    page.set_default_timeout(240_000)  # a first report builds the near-skill table (slow when busy)
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
    _screenshot(page, "curriculum_sync_plan.png")
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

    # the teachers the plan needs: the plan's actions, matched against the programme's teachers
    _teacher_training_for(demo_server.app, int(plan_url.rstrip("/").rsplit("/", 1)[1]))
    page.goto(plan_url)
    page.get_by_test_id("plan-teachers").click()
    page.wait_for_url("**/teachers/upskilling")
    assert page.get_by_test_id("upskilling-source").get_attribute("data-source") == "plan"
    plan_path = plan_url.replace(base, "")
    assert page.get_by_test_id("upskilling-plan").get_attribute("href") == plan_path
    assert 1 <= page.get_by_test_id("unit-need").count() <= 3
    needs = page.get_by_test_id("unit-need").all_inner_texts()
    assert any(name in " ".join(needs) for name in TEACHERS)
    advice = page.get_by_test_id("teacher-advice")
    assert advice.count() >= 1
    assert advice.locator("li").filter(has_text=TRAINING).count() >= 1
    _screenshot(page, "curriculum_sync_teachers.png")

    # last year's tracer study of the same programme
    page.goto(curriculum_url)
    page.get_by_test_id("tracer-link").click()
    page.wait_for_url("**/tracer")
    years = page.locator("[data-testid^='tracer-year-']")
    assert years.count() >= 1
    cells = years.first.locator("td").all_inner_texts()
    assert int(cells[2]) >= 1  # answered
    assert page.get_by_test_id("tracer-skills").locator("tbody tr").count() >= 1
    _screenshot(page, "curriculum_sync_tracer.png")
