"""Lines of a vacancy or CV that name no skill (``matching.linking.lines``), with the sentences
that gave users wrong skills (issue 13)."""

from __future__ import annotations

import pytest

from matching.linking.lines import is_heading, names_no_skill, no_skill_reason, no_skill_spans


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Minimal lulusan SMK TKJ atau D3 Teknik Komputer", "education"),
        ("S1 Teknik Informatika / Sistem Informasi / Teknik Komputer", "education"),
        (
            "Pengalaman min. 1 tahun di bidang yang sama (fresh graduate silakan melamar)",
            "experience",
        ),
        ("2-4 years experience as network engineer", "experience"),
        ("PENGALAMAN", "heading"),
        ("## PENGALAMAN PKL", "heading"),
        ("**Responsibilities**", "heading"),
        ("Kualifikasi:", "heading"),
        ("Gaji UMK Kota Tangerang + tunjangan transport", "benefit"),
        ("BPJS Kesehatan dan BPJS Ketenagakerjaan", "benefit"),
        ("Penempatan: Kantor pusat Jatiuwung, Kota Tangerang", "placement"),
        ("Kirim CV dan lamaran ke rekrutmen@contoh.example", "application"),
        ("Alamat: Kel. Kotasari, Kec. Grogol, Kota Cilegon", "personal"),
        (
            "PT Sentosa Niaga adalah perusahaan distribusi barang konsumsi di Jatiuwung.",
            "company",
        ),
    ],
)
def test_lines_that_name_no_skill(line: str, reason: str) -> None:
    assert no_skill_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Bisa crimping kabel UTP dan memahami dasar jaringan LAN (IP address, DHCP)",
        "Konfigurasi dasar router MikroTik",
        "Memiliki sertifikat MTCNA menjadi nilai tambah",
        "Git menjadi nilai tambah",
        "MTCNA (2022)",
        "Operate AWS services: EC2, RDS (PostgreSQL), S3, IAM, CloudFront",
        "Membuat laporan shift dan laporan availability bulanan",
        "Laravel, MySQL, queue untuk kirim notifikasi WhatsApp",
        "Lulusan SMK TKJ yang menguasai MikroTik",
    ],
)
def test_skill_lines_are_kept(line: str) -> None:
    assert no_skill_reason(line) is None


def test_an_experience_line_keeps_its_tool_names_only() -> None:
    assert not names_no_skill("experience", "Node.js", "alias")
    assert names_no_skill("experience", "Pengalaman", "alias")
    assert names_no_skill("experience", "2 tahun sebagai backend developer", "semantic")
    assert names_no_skill("education", "TKJ", "alias")


def test_spans_cover_the_lines_of_the_text() -> None:
    text = "Staf IT Support\nKualifikasi:\n- Minimal lulusan SMK TKJ\n- Menguasai MikroTik"
    spans = no_skill_spans(text)
    assert [(text[s:e], reason) for s, e, reason in spans] == [
        ("Staf IT Support", "title"),  # a title keeps exact names only (``names_no_skill``)
        ("Kualifikasi:", "heading"),
        ("- Minimal lulusan SMK TKJ", "education"),
    ]


def test_headings_are_short() -> None:
    assert not is_heading("Menguasai PHP, Laravel, MySQL, Git dan Docker.")
    assert not is_heading("SQL")
