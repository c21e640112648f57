"""Markdown (pipe) tables of courses in a text curriculum: each row a unit, an outcome column
its outcomes, and a bold course line below the table continuing the row's unit."""

from __future__ import annotations

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
