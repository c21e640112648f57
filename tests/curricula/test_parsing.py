"""Curriculum documents: every shipped example parses into the expected tree, bad files fail
clearly (line, column, path or page named) and nothing is returned for them."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from curricula import (
    ISSUE_CODES,
    LOCATION_TEMPLATES,
    WARNING_CODES,
    CurriculumParseError,
    ParsedCurriculum,
    curriculum_from_mapping,
    curriculum_to_csv,
    curriculum_to_mapping,
    format_issue,
    parse_document,
)

# file, format, programme, concentration, level, year, unit count
EXAMPLE_TREES = [
    ("template.csv", "csv", "Informatika", "", "s1", 2025, 5),
    (
        "template.json",
        "json",
        "Pelatihan Berbasis Kompetensi Junior Web Developer",
        "Pemrograman Web",
        "training",
        2025,
        3,
    ),
    (
        "smk_pplg_rpl.md",
        "markdown",
        "Pengembangan Perangkat Lunak dan Gim",
        "Rekayasa Perangkat Lunak",
        "smk",
        2025,
        6,
    ),
    (
        "smk_tjkt_tkj.txt",
        "text",
        "Teknik Jaringan Komputer dan Telekomunikasi",
        "Teknik Komputer dan Jaringan",
        "smk",
        2025,
        6,
    ),
    ("d3_teknik_informatika.md", "markdown", "Teknik Informatika", "", "d3", 2025, 6),
    (
        "smk_dkv.docx",
        "docx",
        "Desain Komunikasi Visual",
        "Desain Komunikasi Visual",
        "smk",
        2025,
        6,
    ),
    ("d3_sistem_informasi.pdf", "pdf", "Sistem Informasi", "", "d3", 2024, 4),
]

# file, unit code, name, phase, semester, hours, credits, outcome count, start of one outcome
EXAMPLE_UNITS = [
    ("template.csv", "IF2302", "Basis Data", None, 3, None, 3, 2, "Mahasiswa mampu memodelkan"),
    (
        "template.json",
        "J.620100.017.02",
        "Mengimplementasikan Pemrograman Terstruktur",
        None,
        None,
        24,
        None,
        2,
        "Peserta mampu menulis kode program PHP",
    ),
    (
        "smk_pplg_rpl.md",
        "RPL-F03",
        "Pemrograman Web dan Perangkat Bergerak",
        "F",
        None,
        216,
        None,
        5,
        "Membuat REST API dan mengujinya dengan Postman.",
    ),
    (
        "smk_pplg_rpl.md",
        "PPLG-E02",
        "Orientasi Dasar Pengembangan Perangkat Lunak",
        "E",
        None,
        72,
        None,
        4,
        "Peserta didik mampu menyimpan riwayat perubahan kode menggunakan Git.",
    ),
    (
        "smk_tjkt_tkj.txt",
        "TJKT-E02",
        "Penggunaan Alat Ukur Jaringan",
        "E",
        None,
        36,
        None,
        3,
        "Peserta didik mampu memilih alat ukur",
    ),
    (
        "smk_tjkt_tkj.txt",
        "TKJ-F02",
        "Pemasangan dan Konfigurasi Perangkat Jaringan",
        "F",
        None,
        144,
        None,
        4,
        "mengonfigurasi NAT dan proxy server pada router MikroTik",
    ),
    (
        "d3_teknik_informatika.md",
        "TI1203",
        "Basis Data",
        None,
        2,
        None,
        3,
        3,
        "Mahasiswa mampu menulis perintah SQL",
    ),
    (
        "d3_teknik_informatika.md",
        "TI1204",
        "Pemrograman Web",
        None,
        2,
        None,
        3,
        2,
        "Mahasiswa mampu membangun aplikasi web dengan framework Laravel yang terhubung ke basis "
        "data.",
    ),
    (
        "smk_dkv.docx",
        "DKV-E02",
        "Tipografi dan Tata Letak",
        "E",
        None,
        72,
        None,
        3,
        "menyusun tata letak media cetak dengan sistem grid",
    ),
    (
        "smk_dkv.docx",
        "DKV-F01",
        "Desain Grafis Percetakan",
        "F",
        None,
        144,
        None,
        2,
        "Peserta didik mampu merancang identitas visual merek",
    ),
    (
        "d3_sistem_informasi.pdf",
        "SI2404",
        "Manajemen Basis Data",
        None,
        4,
        None,
        3,
        2,
        "Mahasiswa mampu merancang basis data relasional dan menulis kueri SQL.",
    ),
]


def parse_example(examples: Path, name: str):
    """Parse one shipped example file by name."""
    return parse_document((examples / name).read_bytes(), name)


def error_codes(excinfo: pytest.ExceptionInfo[CurriculumParseError]) -> list[str]:
    """The issue codes of a raised parse error."""
    return [issue.code for issue in excinfo.value.issues]


@pytest.mark.parametrize(
    ("name", "source_format", "programme", "concentration", "level", "year", "count"),
    EXAMPLE_TREES,
)
def test_example_parses_into_tree(
    examples: Path,
    name: str,
    source_format: str,
    programme: str,
    concentration: str,
    level: str,
    year: int,
    count: int,
) -> None:
    result = parse_example(examples, name)
    curriculum = result.curriculum
    assert result.source_format == source_format
    assert (curriculum.programme, curriculum.concentration) == (programme, concentration)
    assert (curriculum.level, curriculum.version_year) == (level, year)
    assert len(curriculum.units) == count
    assert all(unit.outcomes for unit in curriculum.units)
    assert not [w for w in result.warnings if w.code == "unit_without_outcomes"]


@pytest.mark.parametrize(
    ("name", "code", "unit_name", "phase", "semester", "hours", "credits", "count", "outcome"),
    EXAMPLE_UNITS,
)
def test_example_unit(
    examples: Path,
    name: str,
    code: str,
    unit_name: str,
    phase: str | None,
    semester: int | None,
    hours: int | None,
    credits: int | None,
    count: int,
    outcome: str,
) -> None:
    units = {unit.code: unit for unit in parse_example(examples, name).curriculum.units}
    unit = units[code]
    assert unit.name == unit_name
    assert (unit.phase, unit.semester, unit.hours, unit.credits) == (
        phase,
        semester,
        hours,
        credits,
    )
    assert len(unit.outcomes) == count
    assert any(o.text.startswith(outcome) for o in unit.outcomes), [o.text for o in unit.outcomes]


def test_cp_paragraph_listing_abilities_stays_one_outcome(examples: Path) -> None:
    units = parse_example(examples, "smk_pplg_rpl.md").curriculum.units
    structured = next(unit for unit in units if unit.code == "PPLG-E03")
    assert len(structured.outcomes) == 1
    assert "membuat program" in structured.outcomes[0].text
    assert structured.outcomes[0].text.endswith("dan menguji keluarannya.")


def test_programme_outcomes_and_references_are_not_units(examples: Path) -> None:
    result = parse_example(examples, "d3_teknik_informatika.md")
    texts = [o.text for unit in result.curriculum.units for o in unit.outcomes]
    assert not any("Lulusan mampu" in text or "Elmasri" in text for text in texts)
    skipped = [w for w in result.warnings if w.code == "skipped_section"]
    assert skipped and skipped[0].line == 7


def test_text_line_numbers_point_at_source_lines(examples: Path) -> None:
    name = "smk_tjkt_tkj.txt"
    lines = (examples / name).read_text(encoding="utf-8").splitlines()
    for unit in parse_example(examples, name).curriculum.units:
        assert unit.name in lines[unit.line - 1]
        for outcome in unit.outcomes:
            first_words = " ".join(outcome.text.split()[:3])
            assert first_words in lines[outcome.line - 1]


def test_pdf_locations_are_page_and_line(examples: Path) -> None:
    units = parse_example(examples, "d3_sistem_informasi.pdf").curriculum.units
    analysis = next(unit for unit in units if unit.code == "SI2301")
    assert (analysis.page, analysis.line) == (2, 1)
    assert [(o.page, o.line) for o in analysis.outcomes] == [(2, 3), (2, 5)]
    assert analysis.outcomes[0].text.endswith("wawancara dan observasi.")


def test_csv_line_numbers_count_comment_lines(examples: Path) -> None:
    units = parse_example(examples, "template.csv").curriculum.units
    assert [unit.line for unit in units] == [4, 6, 8, 10, 12]
    assert units[0].outcomes[1].line == 5


@pytest.mark.parametrize("name", [row[0] for row in EXAMPLE_TREES])
def test_json_form_round_trips(examples: Path, name: str) -> None:
    curriculum = parse_example(examples, name).curriculum
    again, _ = curriculum_from_mapping(json.loads(json.dumps(curriculum_to_mapping(curriculum))))
    assert _strip_lines(again) == _strip_lines(curriculum)
    csv_again = parse_document(curriculum_to_csv(curriculum).encode(), "again.csv").curriculum
    assert [(u.code, u.name, len(u.outcomes)) for u in csv_again.units] == [
        (u.code, u.name, len(u.outcomes)) for u in curriculum.units
    ]


def _strip_lines(curriculum: ParsedCurriculum) -> list[tuple]:
    return [
        (u.code, u.name, u.phase, u.semester, u.hours, u.credits, [o.text for o in u.outcomes])
        for u in curriculum.units
    ]


# --- bad files -----------------------------------------------------------------------------


def test_csv_missing_column_names_header_line() -> None:
    data = b"unit_code,unit_name,semester\nTI1,Basis Data,2\n"
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, "kurikulum.csv")
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.line, issue.field) == ("missing_column", 1, "outcome")
    assert issue.message.startswith("Line 1: Column outcome is missing")


def test_csv_non_integer_credits_names_line_and_column() -> None:
    data = (
        b"unit_code;unit_name;phase;semester;hours;credits;outcome\n"
        b"TI1;Basis Data;;2;;3;Mahasiswa mampu menulis SQL.\n"
        b"TI2;Jaringan;;2;;tiga;Mahasiswa mampu mengonfigurasi VLAN.\n"
    )
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, "kurikulum.csv")
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.line, issue.field, issue.params) == (
        "bad_integer",
        3,
        "credits",
        {"value": "tiga"},
    )
    assert issue.message == "Line 3: credits must be a whole number, got 'tiga'."


@pytest.mark.parametrize(
    ("row", "code", "field"),
    [
        ("TI1,Basis Data,G,,,,Mahasiswa mampu.", "bad_phase", "phase"),
        ("TI1,Basis Data,,20,,,Mahasiswa mampu.", "out_of_range", "semester"),
        ("TI5,,,,,,Mahasiswa mampu.", "missing_value", "unit_name"),
        ("TI1,,,,,,Mahasiswa mampu membuat view.", None, None),
        ("TI9,Basis Data,,,,4,Mahasiswa mampu.", None, None),
        ("TI1,Basis Data,,,,4,Mahasiswa mampu.", "conflicting_value", "credits"),
    ],
)
def test_csv_bad_rows(row: str, code: str | None, field: str | None) -> None:
    data = (
        f"\ufeffunit_code,unit_name,phase,semester,hours,credits,outcome\n"
        f"TI1,Basis Data,,2,,3,Mahasiswa mampu menulis SQL.\n{row}\n"
    )
    if code is None:  # a new unit, or a row that names only the code of a known unit
        units = parse_document(data.encode(), "k.csv").curriculum.units
        assert sum(len(unit.outcomes) for unit in units) == 2
        return
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data.encode(), "k.csv")
    assert [(i.code, i.line, i.field) for i in excinfo.value.issues] == [(code, 3, field)]


@pytest.mark.parametrize(
    ("document", "path", "code"),
    [
        ({"units": {"name": "Basis Data"}}, "units", "wrong_type"),
        (
            {"units": [{"name": "Basis Data", "outcomes": "Mahasiswa mampu."}]},
            "units[0].outcomes",
            "wrong_type",
        ),
        (
            {"units": [{"name": "A", "outcomes": ["x"]}, {"name": "B", "outcomes": ["y", 3]}]},
            "units[1].outcomes[1]",
            "wrong_type",
        ),
        (
            {"units": [{"name": "A", "credits": "tiga", "outcomes": ["x"]}]},
            "units[0].credits",
            "bad_integer",
        ),
        ({"units": [{"outcomes": ["x"]}]}, "units[0].name", "missing_field"),
        ({"level": "SMA", "units": [{"name": "A", "outcomes": ["x"]}]}, "level", "bad_level"),
        ({"programme": "X"}, "units", "missing_field"),
        ([], "document", "wrong_type"),
    ],
)
def test_json_errors_name_the_path(document: object, path: str, code: str) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(json.dumps(document).encode(), "kurikulum.json")
    assert [(i.code, i.field) for i in excinfo.value.issues] == [(code, path)]
    assert path in excinfo.value.issues[0].message


def test_json_syntax_error_names_line_and_column() -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b'{\n  "units": [\n    {"name": "A",,}\n  ]\n}', "k.json")
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.line, issue.params["column"]) == ("bad_json", 3, 18)


@pytest.mark.parametrize("name", ["k.csv", "k.json", "k.md", "k.txt", "k.pdf", "k.docx"])
@pytest.mark.parametrize("data", [b"", b"  \n\n \t\n"])
def test_empty_document(name: str, data: bytes) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, name)
    assert error_codes(excinfo) == ["empty_document"]


def test_pdf_renamed_to_docx_is_rejected(examples: Path) -> None:
    data = (examples / "d3_sistem_informasi.pdf").read_bytes()
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, "kurikulum.docx")
    (issue,) = excinfo.value.issues
    assert issue.code == "unsupported_type"
    assert issue.params == {"filename": "kurikulum.docx", "extension": ".docx", "detected": "pdf"}


@pytest.mark.parametrize(
    ("name", "source", "detected"),
    [
        ("kurikulum.pdf", "smk_dkv.docx", "docx"),
        ("kurikulum.csv", "d3_sistem_informasi.pdf", "pdf"),
        ("kurikulum.md", "smk_dkv.docx", "docx"),
        ("kurikulum.doc", "smk_tjkt_tkj.txt", "text"),
        ("kurikulum", "smk_tjkt_tkj.txt", "text"),
        ("kurikulum.pdf", "smk_tjkt_tkj.txt", "text"),
    ],
)
def test_type_mismatch_is_rejected(examples: Path, name: str, source: str, detected: str) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document((examples / source).read_bytes(), name)
    assert error_codes(excinfo) == ["unsupported_type"]
    assert excinfo.value.issues[0].params["detected"] == detected


@pytest.mark.parametrize("name", ["k.csv", "k.json", "k.md", "k.txt", "k.pdf", "k.docx"])
def test_garbage_bytes_are_rejected(name: str) -> None:
    data = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(125))
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, name)
    assert error_codes(excinfo) == ["unsupported_type"]
    assert excinfo.value.issues[0].params["detected"] == "binary"


def test_zip_that_is_not_docx_is_rejected() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(buffer.getvalue(), "kurikulum.docx")
    assert excinfo.value.issues[0].params["detected"] == "zip"


def test_damaged_docx_and_pdf_say_why() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "not xml")
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(buffer.getvalue(), "kurikulum.docx")
    assert error_codes(excinfo) == ["unreadable_docx"]
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b"%PDF-1.4\nthis is not really a pdf\n", "kurikulum.pdf")
    assert error_codes(excinfo) == ["unreadable_pdf"]


def test_pdf_without_text_layer(example_writer: ModuleType) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(example_writer.minimal_pdf([[], []]), "scan.pdf")
    assert error_codes(excinfo) == ["pdf_without_text"]
    assert excinfo.value.issues[0].params == {"pages": 2}


def test_pdf_issue_names_page_and_line(example_writer: ModuleType) -> None:
    pages = [
        [
            "Program Studi S1 Informatika",
            "Mata Kuliah: IF101 Basis Data (3 SKS)",
            "CPMK-1 Mahasiswa mampu menulis SQL.",
        ],
        ["Catatan dosen", "Mata Kuliah: IF102 Etika Profesi (2 SKS)"],
    ]
    result = parse_document(example_writer.minimal_pdf(pages), "k.pdf")
    (warning,) = result.warnings
    assert (warning.code, warning.line, warning.params["page"]) == ("unit_without_outcomes", 2, 2)
    assert warning.message == "Page 2, line 2: Unit 'Etika Profesi' has no learning outcomes."


def test_too_large_is_rejected() -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b"a" * (10 * 1024 * 1024 + 1), "k.txt")
    assert error_codes(excinfo) == ["file_too_large"]


def test_every_issue_code_has_a_template_that_formats() -> None:
    params = {
        "size": 1,
        "limit": 2,
        "filename": "f",
        "extension": ".x",
        "detected": "pdf",
        "detail": "d",
        "columns": "a",
        "got": 1,
        "expected": 2,
        "value": "v",
        "min": 1,
        "max": 2,
        "allowed": "a",
        "first_value": "w",
        "first_line": 1,
        "column": 3,
        "unit": "u",
        "title": "t",
        "pages": 1,
        "count": 3,
        "depth": 4,
        "digits": 5,
    }
    for code in ISSUE_CODES:
        assert format_issue(code, 4, "credits", params).startswith("Line 4: ")
    assert set(ISSUE_CODES) >= WARNING_CODES
    assert format_issue("bad_integer", 2, "x", {"table": 1, "row": 3, "value": "a"}).startswith(
        "Table 1, row 3: "
    )
    assert set(LOCATION_TEMPLATES) == {"line", "page", "paragraph", "table"}
