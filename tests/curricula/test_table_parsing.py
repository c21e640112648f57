"""Markdown (pipe) tables of courses in a text curriculum: each row a unit, an outcome column
its outcomes, and a bold course line below the table continuing the row's unit."""

from __future__ import annotations

import pytest

from curricula import parse_document, parse_text

COURSE_LIST = """\
# Politeknik Contoh – Program Studi D3 Teknik Informatika
## Kurikulum 2024

Profil lulusan: programmer aplikasi dan teknisi jaringan.

| Kode | Mata kuliah | SKS | Smt |
|---|---|---|---|
| TI1101 | Algoritma dan Pemrograman | 4 | 1 |
| TI1204 | Struktur Data | 3 | 2 |
| TI1206 | Jaringan Komputer | 3 | 2 |

**TI1101 Algoritma dan Pemrograman**
CPMK-1: Mahasiswa mampu menyusun algoritma dalam bentuk flowchart.
CPMK-2: Mahasiswa mampu menulis program Python.

**TI1206 Jaringan Komputer**
CPMK-1: Mahasiswa mampu mengkonfigurasi VLAN dan routing statis.
"""


def test_course_table_rows_become_units_and_bold_lines_continue_them() -> None:
    result = parse_document(COURSE_LIST.encode("utf-8"), "kurikulum.md")
    units = result.curriculum.units
    assert [(u.code, u.name, u.credits, u.semester) for u in units] == [
        ("TI1101", "Algoritma dan Pemrograman", 4, 1),
        ("TI1204", "Struktur Data", 3, 2),
        ("TI1206", "Jaringan Komputer", 3, 2),
    ]
    assert [[o.text for o in u.outcomes] for u in units] == [
        [
            "Mahasiswa mampu menyusun algoritma dalam bentuk flowchart.",
            "Mahasiswa mampu menulis program Python.",
        ],
        [],
        ["Mahasiswa mampu mengkonfigurasi VLAN dan routing statis."],
    ]
    assert units[0].outcomes[0].line == 13
    assert [w.code for w in result.warnings].count("unit_without_outcomes") == 1


def test_outcome_column_of_a_table_gives_each_row_its_outcomes() -> None:
    text = (
        "## Mata Pelajaran: Konsentrasi TJKT (Fase F)\n"
        "\n"
        "| Elemen | JP | Capaian Pembelajaran |\n"
        "| :--- | ---: | --- |\n"
        "| Keamanan Jaringan | 72 | Peserta didik mampu mengkonfigurasi firewall. |\n"
        "| Administrasi Sistem | 108 | Peserta didik mampu memasang server DNS.<br>"
        "Peserta didik mampu memasang web server. |\n"
        "\n"
        "Catatan: peserta didik mampu memilih proyek sendiri.\n"
    )
    units = parse_text(text).curriculum.units
    assert [(u.name, u.hours, u.phase) for u in units] == [
        ("Keamanan Jaringan", 72, "F"),
        ("Administrasi Sistem", 108, "F"),
    ]
    assert [[o.text for o in u.outcomes] for u in units] == [
        ["Peserta didik mampu mengkonfigurasi firewall."],
        ["Peserta didik mampu memasang server DNS.", "Peserta didik mampu memasang web server."],
    ]


def test_a_table_that_lists_no_units_is_left_to_the_text_reader() -> None:
    text = (
        "## Elemen: Basis Data\n"
        "| Minggu | Topik |\n"
        "|---|---|\n"
        "| 1 | ERD |\n"
        "\n"
        "- Peserta didik mampu merancang basis data relasional.\n"
    )
    (unit,) = parse_text(text).curriculum.units
    assert unit.name == "Basis Data"
    assert [o.text for o in unit.outcomes] == [
        "Peserta didik mampu merancang basis data relasional."
    ]


def test_every_curriculum_of_the_document_corpus_parses_as_an_upload() -> None:
    from matching.lab.evaluate_documents import curriculum_outcomes, load_documents

    rejected = [d.doc_id for d in load_documents(["curriculum"]) if curriculum_outcomes(d) is None]
    assert rejected == []


COURSE_LINES = """\
# Program Studi S1 Sistem Informasi
## Rumpun mata kuliah Sistem Enterprise (kutipan RPS)

**SI3301 – Analisis Proses Bisnis** · 3 SKS · Semester 3
Deskripsi: pemodelan dan perbaikan proses bisnis organisasi.
CPMK-1: Mahasiswa mampu memetakan proses bisnis menggunakan notasi BPMN.

**SI5303 – Implementasi ERP** · 3 SKS · Semester 5 (pilihan)
CPMK-1: Mahasiswa mampu menyusun rencana implementasi ERP.

1. **SIA-311 Statistika untuk Analisis Bisnis** (3 SKS, semester 3)
   - CPMK: Mahasiswa mampu melakukan uji hipotesis.

**Unit 2. Memahami dasar serat optik** (24 JP)
Peserta mampu menjelaskan jenis serat single-mode dan multimode.
"""


def test_bold_course_lines_are_units_and_their_titles_no_outcomes() -> None:
    units = parse_text(COURSE_LINES).curriculum.units
    assert [(u.code, u.name, u.credits, u.semester, u.hours) for u in units] == [
        ("SI3301", "Analisis Proses Bisnis", 3, 3, None),
        ("SI5303", "Implementasi ERP", 3, 5, None),
        ("SIA-311", "Statistika untuk Analisis Bisnis", 3, 3, None),
        ("", "Memahami dasar serat optik", None, None, 24),
    ]
    assert [[o.text for o in u.outcomes] for u in units] == [
        ["Mahasiswa mampu memetakan proses bisnis menggunakan notasi BPMN."],
        ["Mahasiswa mampu menyusun rencana implementasi ERP."],
        ["Mahasiswa mampu melakukan uji hipotesis."],
        ["Peserta mampu menjelaskan jenis serat single-mode dan multimode."],
    ]


@pytest.mark.parametrize(
    "line",
    ["**Penyelenggara:** Balai Latihan Kerja", "**Catatan** TI1101 dipindah", "**Basis Data**"],
)
def test_other_bold_lines_are_no_course_lines(line: str) -> None:
    from curricula.tables import course_heading

    assert course_heading(line) is None
