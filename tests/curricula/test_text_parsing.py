"""The Markdown / plain-text reader: units from headings and keyword lines, outcomes from lists
and 'mampu' paragraphs, line numbers from the original text; DOCX styles read the same way."""

from __future__ import annotations

import io

import docx
import pytest

from curricula import CurriculumParseError, parse_document, parse_text

NUMBERED = """\
## Elemen: Basis Data (RPL-F01, 144 JP)

Pada akhir fase F, peserta didik mampu:

1. merancang basis data relasional;
2. menulis perintah SQL untuk membuat,
   mengubah, dan mengambil data; dan
3. membuat prosedur tersimpan.
"""


def test_numbered_list_becomes_separate_outcomes_with_their_lines() -> None:
    (unit,) = parse_text(NUMBERED).curriculum.units
    assert (unit.code, unit.name, unit.hours, unit.phase) == ("RPL-F01", "Basis Data", 144, "F")
    assert [(o.line, o.text) for o in unit.outcomes] == [
        (5, "merancang basis data relasional"),
        (6, "menulis perintah SQL untuk membuat, mengubah, dan mengambil data"),
        (8, "membuat prosedur tersimpan."),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Pada akhir fase F, peserta didik mampu menerapkan X, membuat Y, dan menguji Z.",
        "Pada akhir fase F, peserta didik mampu menerapkan X,\nmembuat Y,\ndan menguji Z.",
    ],
)
def test_cp_sentence_listing_abilities_stays_one_outcome(paragraph: str) -> None:
    (unit,) = parse_text(f"Elemen: Pemrograman Web\n{paragraph}\n").curriculum.units
    assert [o.text for o in unit.outcomes] == [
        "Pada akhir fase F, peserta didik mampu menerapkan X, membuat Y, dan menguji Z."
    ]
    assert unit.phase == "F"


def test_course_line_with_code_credits_and_semester() -> None:
    text = (
        "Program Studi D3 Teknik Informatika\n"
        "Tahun 2025\n"
        "\n"
        "Mata Kuliah: TI1203 Basis Data (3 SKS, Semester 2)\n"
        "Deskripsi: Mata kuliah ini membuat mahasiswa mampu memahami basis data.\n"
        "CPMK-1 Mahasiswa mampu merancang skema basis data.\n"
        "CPMK-2 Mahasiswa mampu menulis kueri SQL.\n"
    )
    result = parse_text(text)
    curriculum = result.curriculum
    assert (curriculum.programme, curriculum.level, curriculum.version_year) == (
        "Teknik Informatika",
        "d3",
        2025,
    )
    (unit,) = curriculum.units
    assert (unit.code, unit.name, unit.credits, unit.semester, unit.line) == (
        "TI1203",
        "Basis Data",
        3,
        2,
        4,
    )
    assert [o.text for o in unit.outcomes] == [
        "Mahasiswa mampu merancang skema basis data.",
        "Mahasiswa mampu menulis kueri SQL.",
    ]


def test_attribute_lines_under_a_unit_heading() -> None:
    text = (
        "Fase E\n"
        "Elemen: Media dan Jaringan Telekomunikasi\n"
        "Kode: TJKT-E01\n"
        "Alokasi Waktu: 72 JP\n"
        "- Peserta didik mampu menjelaskan model TCP/IP.\n"
        "Fase F\n"
        "Elemen: Keamanan Jaringan\n"
        "- Peserta didik mampu mengonfigurasi firewall.\n"
    )
    units = parse_text(text).curriculum.units
    assert [(u.code, u.hours, u.phase) for u in units] == [
        ("TJKT-E01", 72, "E"),
        ("", None, "F"),
    ]


def test_parent_heading_is_not_a_unit_but_a_leaf_without_outcomes_is() -> None:
    text = (
        "# Kurikulum\n"
        "## Mata Pelajaran: Dasar-dasar DKV\n"
        "### Elemen: Nirmana\n"
        "- Peserta didik mampu membuat komposisi nirmana.\n"
        "### Elemen: Tipografi\n"
        "Bagian ini sedang disusun.\n"
    )
    result = parse_text(text)
    assert [u.name for u in result.curriculum.units] == ["Nirmana", "Tipografi"]
    (warning,) = result.warnings
    assert (warning.code, warning.line, warning.params) == (
        "unit_without_outcomes",
        5,
        {"unit": "Tipografi"},
    )
    assert warning.message == "Line 5: Unit 'Tipografi' has no learning outcomes."


def test_outcome_label_headings_do_not_become_units() -> None:
    text = (
        "## TI1101 Dasar Pemrograman (3 SKS)\n"
        "### Capaian Pembelajaran Mata Kuliah\n"
        "1. Mahasiswa mampu menulis program Python.\n"
        "### Pustaka\n"
        "1. Buku pemrograman dasar.\n"
    )
    (unit,) = parse_text(text).curriculum.units
    assert unit.code == "TI1101"
    assert [o.text for o in unit.outcomes] == ["Mahasiswa mampu menulis program Python."]


@pytest.mark.parametrize(
    "heading",
    ["Rasional singkat", "Gambaran umum", "Konteks sekolah", "Ringkasan", "Visi dan misi"],
)
def test_a_context_section_before_the_outcomes_is_no_unit(heading: str) -> None:
    # "### Gambaran umum" used to become a unit of its own, and the outcome heading after it a
    # section outside every unit: "No learning outcomes found under any unit"
    text = (
        "# Kurikulum Operasional SMK\n"
        "## Mata Pelajaran: Dasar-dasar TJKT – Fase E\n"
        f"### {heading}\n"
        "Sekolah ini mengenalkan dunia kerja jaringan komputer di Cilegon dan Serang kepada"
        " peserta didik sebelum mereka memilih konsentrasi di kelas XI.\n"
        "### Capaian pembelajaran per elemen\n"
        "**1. Pemasangan kabel jaringan**\n"
        "Peserta didik mampu membuat kabel UTP straight dan crossover.\n"
    )
    (unit,) = parse_text(text).curriculum.units
    assert unit.name.startswith("Dasar-dasar TJKT")
    assert any("kabel UTP" in o.text for o in unit.outcomes)


def test_outcomes_without_any_heading_say_where() -> None:
    text = "Catatan guru.\n\n1. Peserta didik mampu membuat halaman web.\n2. Menguji aplikasi.\n"
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_text(text)
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.line) == ("no_units", 3)


def test_units_without_any_outcomes_are_an_error() -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_text("## Basis Data\n## Jaringan Komputer\n")
    assert [i.code for i in excinfo.value.issues] == ["no_outcomes"]


def test_windows_1252_text_is_read_with_a_warning() -> None:
    data = "Elemen: Desain Grafis\n- Peserta didik mampu membuat desain “poster”.\n"
    result = parse_document(data.encode("cp1252"), "dkv.txt")
    assert result.curriculum.units[0].outcomes[0].text.endswith("“poster”.")
    assert [w.code for w in result.warnings] == ["legacy_encoding"]


def test_crlf_and_bom_keep_line_numbers() -> None:
    data = "\ufeff# RPL\r\n\r\nElemen: Basis Data\r\n- Peserta didik mampu menulis SQL.\r\n"
    (unit,) = parse_document(data.encode("utf-8"), "rpl.md").curriculum.units
    assert (unit.line, unit.outcomes[0].line) == (3, 4)


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_heading_and_list_styles() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Konsentrasi Keahlian: Rekayasa Perangkat Lunak")
        document.add_heading("Fase F", level=1)
        document.add_heading("Pemrograman Web (RPL-F03, 216 JP)", level=2)
        document.add_paragraph("Membuat halaman web dengan HTML dan CSS.", style="List Bullet")
        document.add_paragraph("Membuat REST API.", style="List Number")
        document.add_heading("Basis Data", level=2)

    result = parse_document(_docx(build), "rpl.docx")
    units = result.curriculum.units
    assert result.curriculum.concentration == "Rekayasa Perangkat Lunak"
    assert [(u.name, u.code, u.phase, len(u.outcomes)) for u in units] == [
        ("Pemrograman Web", "RPL-F03", "F", 2),
        ("Basis Data", "", "F", 0),
    ]
    (warning,) = result.warnings
    assert warning.message == "Paragraph 6: Unit 'Basis Data' has no learning outcomes."


def test_docx_template_table_errors_name_table_and_row() -> None:
    def build(document: docx.document.Document) -> None:
        rows = [("kode", "nama_unit", "sks", "capaian"), ("TI1", "Basis Data", "3", "Mampu SQL.")]
        rows.append(("TI2", "Jaringan", "x", "Mampu VLAN."))
        table = document.add_table(rows=0, cols=4)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value

    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(_docx(build), "k.docx")
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.field, issue.params["table"], issue.params["row"]) == (
        "bad_integer",
        "credits",
        1,
        3,
    )
    assert issue.message.startswith("Table 1, row 3: credits must be a whole number")


@pytest.mark.parametrize(
    "line",
    [
        "Mata pelajaran ini mengenalkan siswa pada jaringan kantor.",
        "Mata Pelajaran yang disusun bersama industri mitra di Cilegon.",
        "Elemen ini membahas pengalamatan IP.",
    ],
)
def test_a_sentence_about_the_subject_is_no_unit(line: str) -> None:
    # a short line opening with a unit keyword used to start a unit named "ini mengenalkan ...",
    # which took the outcomes and left the real subject empty
    text = (
        "## Mata Pelajaran: Administrasi Infrastruktur Jaringan\n"
        f"{line}\n\n"
        "Capaian Pembelajaran:\n"
        "- Peserta didik mampu mengkonfigurasi VLAN pada switch.\n"
    )
    result = parse_text(text)
    (unit,) = result.curriculum.units
    assert unit.name == "Administrasi Infrastruktur Jaringan"
    assert [o.text for o in unit.outcomes] == [
        "Peserta didik mampu mengkonfigurasi VLAN pada switch."
    ]
    assert not result.warnings


@pytest.mark.parametrize(
    "heading", ["Asesmen", "Asesmen sumatif", "Sumber belajar", "Alat dan bahan", "Evaluasi"]
)
def test_an_assessment_or_resources_heading_is_no_unit(heading: str) -> None:
    # "### Asesmen" used to become a unit without outcomes (and a place the gap report could
    # advise adding a skill to)
    text = (
        "## Mata Pelajaran: Keamanan Jaringan\n"
        "- Peserta didik mampu mengkonfigurasi firewall.\n"
        f"### {heading}\n"
        "Praktik di laboratorium dan portofolio konfigurasi router.\n"
        "## Mata Pelajaran: Layanan Jaringan\n"
        "- Peserta didik mampu memasang server DHCP.\n"
    )
    result = parse_text(text)
    assert [u.name for u in result.curriculum.units] == ["Keamanan Jaringan", "Layanan Jaringan"]
    assert not result.warnings


def test_grade_xiii_of_a_four_year_smk_is_phase_f() -> None:
    # SIJA and other four-year SMK programmes have a kelas XIII; it stayed in the unit's name
    text = (
        "## Mata Pelajaran: Konsentrasi Keahlian SIJA – Kelas XIII\n"
        "- Peserta didik mampu mengonfigurasi VLAN.\n"
    )
    (unit,) = parse_text(text).curriculum.units
    assert (unit.name, unit.phase) == ("Konsentrasi Keahlian SIJA", "F")


def test_a_unit_named_evaluasi_or_asesmen_something_is_a_unit() -> None:
    # "Asesmen" alone is a section about assessment; "Evaluasi Kinerja Jaringan" is a unit
    text = (
        "## Mata Pelajaran: Layanan Jaringan\n"
        "### Evaluasi Kinerja Jaringan\n"
        "- Peserta didik mampu mengukur throughput dan latency jaringan.\n"
        "### Asesmen Keamanan Server\n"
        "- Peserta didik mampu memindai port server dengan Nmap.\n"
        "### Asesmen\n"
        "Praktik di laboratorium.\n"
    )
    units = parse_text(text).curriculum.units
    assert [u.name for u in units] == ["Evaluasi Kinerja Jaringan", "Asesmen Keamanan Server"]
