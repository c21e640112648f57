"""The daily loop in a real browser: an employer posts a vacancy and corrects its skills, a seeker
reads skills from a CV, sees recommendations and training advice and applies, the employer
invites the seeker to an interview, and the seeker hears back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import ARTIFACTS, log_out, verify_from_outbox

DESCRIPTION = (
    "PT Contoh membuka lowongan Backend Developer.\n"
    "Kualifikasi: menguasai PHP dan framework Laravel, memahami basis data MySQL, "
    "terbiasa menggunakan Git.\nPengalaman dengan Docker menjadi nilai tambah."
)
CV = (
    "Rina Marlina\nLulusan SMK Negeri 1 Kota Serang jurusan RPL (2025).\n"
    "Keahlian: PHP, Laravel, HTML dan CSS. Pernah magang membuat website sekolah."
)


def login(page: Any, base: str, email: str, password: str = "demo12345") -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_daily_loop(demo_server, page: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    # --- the employer posts a vacancy and edits the suggested skills
    login(page, base, "employer@example.com")
    page.get_by_role("link", name="Lowongan baru").click()
    page.get_by_label("Nama posisi").fill("Backend Developer (Laravel)")
    page.get_by_label("Deskripsi").fill(DESCRIPTION)
    page.get_by_label("Wilayah").select_option(label="Kota Serang")
    page.get_by_role("button", name="Simpan dan terbitkan").click()
    page.wait_for_url("**/employer/vacancies/*")
    vacancy_url = page.url
    assert page.get_by_test_id("vacancy-status").inner_text() == "Dibuka"
    skills = page.locator("#skills")
    assert skills.get_by_text("Laravel", exact=True).is_visible()
    assert skills.get_by_text("Disarankan").first.is_visible()
    suggestion = skills.locator("li", has_text="Disarankan").filter(has_not_text="Laravel").first
    removed = suggestion.get_attribute("data-testid")
    suggestion.get_by_role("button", name="Hapus").click()
    page.wait_for_load_state()
    assert page.get_by_test_id(removed).count() == 0
    page.get_by_label("Tambah keterampilan").fill("basis dat")
    option = page.locator(".skill-picker-list").get_by_role("option").first
    option.wait_for()
    chosen = option.get_attribute("data-label")
    option.click()
    page.get_by_test_id("add-skill-form").get_by_role("button", name="Tambah").click()
    page.wait_for_load_state()
    assert page.locator("#skills li", has_text=chosen).first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "employer_vacancy_skills.png"), full_page=True)
    log_out(page)

    # --- a new seeker reads skills from a CV, confirms them, sees recommendations, applies
    page.goto(base + "/auth/register")
    page.get_by_label("Nama lengkap").fill("Rina Marlina")
    page.get_by_label("Email").fill("rina@example.com")
    page.get_by_label("Kata sandi", exact=True).fill("kuatsekali1")
    page.get_by_label("Ulangi kata sandi").fill("kuatsekali1")
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_url("**/auth/register/check-inbox")
    verify_from_outbox(page, demo_server, "rina@example.com")
    page.wait_for_url("**/seeker/")
    assert page.get_by_test_id("no-skills-prompt").is_visible()
    page.get_by_role("link", name="Keterampilan saya").first.click()
    cv = tmp_path / "cv-rina.txt"
    cv.write_text(CV, encoding="utf-8")
    page.get_by_label("CV (PDF, DOCX, atau TXT, paling besar 2 MB)").set_input_files(str(cv))
    page.get_by_role("button", name="Baca CV saya").click()
    page.wait_for_load_state()
    pending = page.locator("#pending")
    assert pending.get_by_text("Laravel", exact=True).is_visible()
    pending.get_by_role("button", name="Konfirmasi keterampilan yang dicentang").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("my-skill-tool-laravel").is_visible()

    page.get_by_role("link", name="Rekomendasi").click()
    cards = page.get_by_test_id("recommendation")
    assert cards.count() > 0
    card = cards.filter(has_text="Backend Developer (Laravel)")
    assert card.get_by_test_id("required-count").is_visible()
    assert card.get_by_test_id("missing-skills").is_visible()
    page.screenshot(path=str(ARTIFACTS / "seeker_recommendations.png"), full_page=True)
    card.get_by_role("link", name="Pelatihan untuk menutup kesenjangan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Saran pelatihan").is_visible()
    page.screenshot(path=str(ARTIFACTS / "seeker_training_advice.png"), full_page=True)
    page.get_by_role("link", name="Backend Developer (Laravel)").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("match-card").is_visible()
    page.get_by_label("Pesan untuk pemberi kerja (opsional)").fill("Saya siap bekerja di Serang.")
    page.get_by_role("button", name="Lamar").click()
    page.wait_for_url("**/seeker/applications")
    assert page.get_by_text("Melamar").first.is_visible()
    log_out(page)

    # --- the employer invites the applicant to an interview
    login(page, base, "employer@example.com")
    page.goto(vacancy_url)
    page.get_by_role("link", name="Lamaran").click()
    application = page.locator("[data-testid^=application-]", has_text="Rina Marlina")
    application.get_by_label("Pindahkan ke").select_option(label="Wawancara")
    application.get_by_label("Tanggal dan jam wawancara").fill("2099-01-05T10:00")
    application.get_by_label("Tempat wawancara").fill("Kantor PT, Jl. Raya Serang No. 1")
    application.get_by_label("Pesan untuk pelamar").fill("Bawa portofolio Anda.")
    application.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    status = page.locator("[data-testid^=application-]", has_text="Rina Marlina").get_by_test_id(
        "application-status"
    )
    assert status.inner_text() == "Wawancara"
    page.screenshot(path=str(ARTIFACTS / "employer_applications.png"), full_page=True)
    log_out(page)

    # --- the seeker hears back: a notification, opened, leads to the interview's time and place
    login(page, base, "rina@example.com", "kuatsekali1")
    page.get_by_test_id("notifications-badge").click()
    page.wait_for_load_state()
    notification = page.get_by_test_id("notification").first
    assert "Wawancara" in notification.inner_text()
    notification.click()
    page.wait_for_url("**/seeker/applications")
    message = page.get_by_test_id("employer-message").first
    assert "Kantor PT, Jl. Raya Serang No. 1" in message.inner_text()
    assert "Bawa portofolio Anda." in message.inner_text()
    page.screenshot(path=str(ARTIFACTS / "seeker_hears_back.png"), full_page=True)
