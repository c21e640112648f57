"""A larger vacancy file in the browser: the employer lands on the job's page, which follows
the job by itself (its script, under the site's CSP) and shows the report when it ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.app.jobs.test_import_job import vacancy_file
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_daily_loop import login


def test_import_job_page_follows_the_job(demo_server, page: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo_server.app.config["REDIS_URL"] = None
    demo_server.app.config["JOBS_EAGER"] = False
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    upload = tmp_path / "lowongan.csv"
    upload.write_bytes(vacancy_file(30))
    login(page, demo_server.url, "employer@example.com")
    page.goto(demo_server.url + "/employer/vacancies/import")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Impor").click()
    page.wait_for_url("**/jobs/*")
    report = page.get_by_test_id("import-report")
    report.wait_for(timeout=120_000)
    assert "30 dari 30 lowongan diimpor" in report.inner_text()
    page.screenshot(path=str(ARTIFACTS / "import_job_report.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]


def test_saved_vacancy_shows_its_skills_when_read(demo_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    """Skills are read by a job in a thread; the vacancy page waits for them by itself."""
    demo_server.app.config["REDIS_URL"] = None
    demo_server.app.config["JOBS_EAGER"] = False
    login(page, demo_server.url, "employer@example.com")
    page.goto(demo_server.url + "/employer/vacancies/new")
    page.get_by_label("Nama posisi").fill("Administrator Jaringan")
    page.get_by_label("Deskripsi").fill(
        "Konfigurasi router MikroTik dan switch, instalasi jaringan LAN, menguasai Linux."
    )
    page.get_by_role("button", name="Simpan dan terbitkan").click()
    page.wait_for_url("**/employer/vacancies/*")
    skills = page.locator("#skills li")
    skills.first.wait_for(timeout=60_000)  # after the page reloaded itself
    assert page.get_by_test_id("skills-pending").count() == 0
    assert skills.count() > 0
