"""A new user's first minutes, in a real browser."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from tests.browser.conftest import verify_from_outbox
from tests.factories import PASSWORD, EmployerFactory, UserFactory, VacancyFactory


def test_seeker_registers_switches_language_and_logs_out(live_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name="Daftar", exact=True).click()
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Email").fill("siti@example.com")
    page.get_by_label("Kata sandi", exact=True).fill("kuatsekali1")
    page.get_by_label("Ulangi kata sandi").fill("kuatsekali1")
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_url("**/auth/register/check-inbox")
    assert page.get_by_role("heading", name="Periksa kotak masuk Anda").is_visible()
    verify_from_outbox(page, live_server, "siti@example.com")
    page.wait_for_url("**/seeker/")
    assert page.get_by_role("heading", name="Halo, Siti Aminah").is_visible()

    page.get_by_test_id("lang-en").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Hello, Siti Aminah").is_visible()
    page.get_by_test_id("lang-id").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Halo, Siti Aminah").is_visible()

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_text("Anda telah keluar.").is_visible()
    page.goto(live_server.url + "/seeker/")
    assert "/auth/login" in page.url

    page.get_by_label("Email").fill("siti@example.com")
    page.get_by_label("Kata sandi").fill("kuatsekali1")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/seeker/")


def test_employer_cannot_open_another_employers_vacancy(live_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    with live_server.app.app_context():
        employer = EmployerFactory()
        email = employer.email
        other = VacancyFactory(title="Lowongan Perusahaan Lain")
        other_id = other.id
        db.session.remove()
    page.goto(live_server.url + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/employer/")
    response = page.goto(f"{live_server.url}/employer/vacancies/{other_id}")
    assert response.status == 403
    assert page.get_by_role("heading", name="Akses ditolak").is_visible()
    assert "Lowongan Perusahaan Lain" not in page.content()


def test_forgotten_password_through_the_outbox(live_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    with live_server.app.app_context():
        UserFactory(email="lupa@example.com", name="Rudi Hartono")
        UserFactory(email="admin@example.com", role="admin")
        db.session.remove()
    page.goto(live_server.url + "/auth/login")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    page.get_by_label("Email").fill("lupa@example.com")
    page.get_by_role("button", name="Kirimi saya tautan").click()
    page.wait_for_url("**/auth/login")
    assert page.get_by_text("Jika ada akun untuk lupa@example.com").is_visible()

    # an administrator finds the message on the outbox page (no mail server in development)
    page.get_by_label("Email").fill("admin@example.com")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/admin/outbox/")
    page.get_by_role("link", name="Atur ulang kata sandi Anda").click()
    link = page.get_by_test_id("outbox-body").get_by_role("link").first.get_attribute("href")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()

    page.goto(link)
    page.get_by_label("Kata sandi baru", exact=True).fill("Gunung-Pulosari-9")
    page.get_by_label("Ulangi kata sandi baru").fill("Gunung-Pulosari-9")
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    page.wait_for_url("**/auth/login")
    assert page.get_by_text("Kata sandi Anda telah diubah.").is_visible()
    page.get_by_label("Email").fill("lupa@example.com")
    page.get_by_label("Kata sandi").fill("Gunung-Pulosari-9")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/seeker/")

    page.goto(link)  # the link worked once
    assert page.get_by_test_id("link-error").is_visible()
