"""The whole trust loop in a real browser: a new employer registers and cannot publish, an
administrator verifies it, the employer publishes, a seeker reports the vacancy, the
administrator unpublishes it, and the audit log shows both actions."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import ARTIFACTS, log_out, verify_from_outbox
from tests.browser.test_daily_loop import login

EMAIL = "hrd@majujaya-digital.example.com"
PASSWORD = "Serang-Kode-2026!"


def test_trust_loop(demo_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    # --- a new employer registers and writes a vacancy, but cannot publish it
    page.goto(base + "/auth/register/employer")
    page.get_by_label("Nama lengkap").fill("Dewi Lestari")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_label("Nama organisasi").fill("PT Maju Jaya Digital")
    page.get_by_label("Wilayah").select_option(label="Kota Cilegon")
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_url("**/auth/register/check-inbox")
    verify_from_outbox(page, demo_server, EMAIL)
    page.goto(base + "/employer/")
    assert "belum terverifikasi" in page.get_by_test_id("organisation-status").inner_text()
    page.get_by_role("link", name="Lowongan baru").click()
    page.get_by_label("Nama posisi").fill("Teknisi Jaringan")
    page.get_by_label("Deskripsi").fill(
        "Memasang dan merawat jaringan LAN kantor, konfigurasi router MikroTik dan switch.\n"
        "Kirim lamaran melalui platform ini. Tidak dipungut biaya apapun."
    )
    page.get_by_label("Wilayah").select_option(label="Kota Cilegon")
    page.get_by_role("button", name="Simpan dan terbitkan").click()
    page.wait_for_url("**/employer/vacancies/*")
    vacancy_path = page.url.removeprefix(base)
    vacancy_id = vacancy_path.rstrip("/").rsplit("/", 1)[-1]
    assert page.get_by_test_id("vacancy-status").inner_text() == "Draf"
    assert page.get_by_test_id("publish-blocked").is_visible()
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("vacancy-status").inner_text() == "Draf"
    assert page.get_by_text("harus diverifikasi sebelum dapat menerbitkan").first.is_visible()
    # ... and sends its NIB for verification
    page.get_by_role("link", name="Organisasi saya").click()
    page.get_by_label("NIB (Nomor Induk Berusaha, 13 angka)").fill("9120 0088 77665")
    page.get_by_label("Alamat").fill("Jl. Jenderal Sudirman No. 5, Kecamatan Jombang, Kota Cilegon")
    page.get_by_role("button", name="Kirim untuk verifikasi").click()
    page.wait_for_load_state()
    assert "menunggu administrator" in page.get_by_test_id("organisation-status").inner_text()
    log_out(page)
    # --- the administrator verifies the organisation
    login(page, base, "admin@example.com")
    page.get_by_role("link", name="Verifikasi", exact=True).click()
    request = page.get_by_test_id("verification-request").filter(has_text="PT Maju Jaya Digital")
    assert request.get_by_text("9120008877665").is_visible()
    request.get_by_label("Alasan (wajib untuk menolak)").fill("NIB cocok dengan data OSS")
    request.get_by_role("button", name="Setujui").click()
    page.wait_for_load_state()
    log_out(page)
    # --- the employer publishes
    login(page, base, EMAIL, PASSWORD)
    page.goto(base + vacancy_path)
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("vacancy-status").inner_text() == "Dibuka"
    log_out(page)
    # --- a seeker sees it, verified, and reports it
    login(page, base, "seeker@example.com")
    page.goto(f"{base}/vacancies/{vacancy_id}")
    assert page.get_by_test_id("verified-badge").is_visible()
    page.get_by_test_id("report-link").click()
    page.get_by_label("Meminta uang dari pelamar").check()
    page.get_by_label("Rincian").fill("Saat dihubungi diminta transfer uang seragam Rp 350.000.")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Terima kasih").is_visible()
    log_out(page)
    # --- the administrator unpublishes it; the audit log shows both actions
    login(page, base, "admin@example.com")
    page.get_by_role("link", name="Moderasi", exact=True).click()
    page.get_by_test_id("moderation-item").get_by_role("link", name="Teknisi Jaringan").click()
    assert page.get_by_text("Saat dihubungi diminta transfer").is_visible()
    page.get_by_label("Alasan").fill("Pelamar dimintai uang seragam")
    page.get_by_role("button", name="Turunkan").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Log audit").first.click()
    entries = page.get_by_test_id("audit-entry")
    texts = [entries.nth(i).inner_text() for i in range(entries.count())]
    assert any("vacancy.unpublish" in t and "Pelamar dimintai uang seragam" in t for t in texts)
    assert any("organisation.verify" in t and "PT Maju Jaya Digital" in t for t in texts)
    page.screenshot(path=str(ARTIFACTS / "trust_loop_audit_log.png"), full_page=True)
    log_out(page)
    page.goto(f"{base}/vacancies/{vacancy_id}")
    assert "404" in page.content()
