"""Scam signals: fees, personal bank accounts, WhatsApp-only contact, pay far too high; a
legitimate "no fee" disclaimer is not a signal; every pattern is linear on hostile text."""

from __future__ import annotations

import time

import pytest

from app.services.scam_signals import FEE_PATTERNS, scan

SCAM = (
    "Dibutuhkan staf data entry, kerja dari rumah. Biaya pendaftaran Rp 250.000 ditransfer ke "
    "rekening BCA 1234567890 a.n. Budi. Kirim CV ke WA 0812-3456-7890."
)


def codes(*args: object) -> set[str]:
    return {s.code for s in scan(*args)}  # type: ignore[arg-type]


def test_the_classic_fee_scam_shows_every_signal() -> None:
    assert codes("Data Entry", SCAM, 20_000_000, 30_000_000, "sma_smk") == {
        "fee",
        "bank_account",
        "whatsapp_only",
        "salary_outlier",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Wajib membayar uang seragam sebelum mulai bekerja.",
        "Peserta dikenakan biaya pelatihan Rp 1.500.000.",
        "A registration fee of Rp 200,000 applies.",
        "Siapkan deposit Rp 500.000 untuk ID card.",
        "Tanpa pengalaman, biaya pendaftaran Rp 250.000.",
        "Tidak perlu ijazah; biaya pendaftaran Rp 100.000.",
        "Not experienced? Registration fee Rp 200,000.",
        "Biaya-pendaftaran Rp 50.000.",
        "Ongkos pendaftaran Rp 50.000 dibayar saat tes.",
    ],
)
def test_fee_requests_in_indonesian_and_english(text: str) -> None:
    assert "fee" in codes("Operator", text)


@pytest.mark.parametrize(
    "text",
    [
        "Tidak dipungut biaya apapun selama proses rekrutmen.",
        "Proses seleksi tanpa biaya pendaftaran.",
        "Biaya pelatihan ditanggung perusahaan.",
        "Gratis biaya pelatihan dan sertifikasi.",
        "Perusahaan tidak pernah meminta biaya apapun.",
        "Memahami produk deposito dan tabungan nasabah.",
        "Kirim CV ke rekrutmen@kodenusantara.co.id, informasi di WA 0812 3456 7890.",
    ],
)
def test_honest_vacancies_are_not_flagged(text: str) -> None:
    assert codes("Customer Service", text, 4_000_000, 5_500_000, "sma_smk") == set()


def test_pay_is_judged_against_the_median_when_there_is_one() -> None:
    assert codes("Teknisi", "Instalasi jaringan.", 9_000_000, 12_000_000, "sma_smk") == set()
    assert codes("Teknisi", "Instalasi jaringan.", 9_000_000, 12_000_000, "sma_smk", 2_500_000) == {
        "salary_outlier"
    }


def test_spans_point_at_the_text() -> None:
    signal = next(s for s in scan("Admin", SCAM) if s.code == "fee")
    assert SCAM[signal.start : signal.end] == "Biaya pendaftaran"


def test_patterns_are_linear_on_hostile_text() -> None:
    hostile = [
        "biaya " * 20_000,
        "rekening " + "1 " * 50_000,
        "BCA " + "1-" * 50_000,
        "wa " * 30_000 + "0812" * 5_000,
        "tidak " * 20_000 + "biaya pendaftaran",
    ]
    for text in hostile:
        started = time.perf_counter()
        scan("x" * 200, text[:100_000])
        assert time.perf_counter() - started < 1.0
    assert FEE_PATTERNS  # the list the product uses
