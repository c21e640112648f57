"""The CSV and JSON curriculum templates (``curricula.templates``), the issue model
(``curricula.model``) and the input limits (``curricula.limits``): column names in Indonesian,
separators, title lines, the checks every format shares, and where each issue is said to be."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from curricula import (
    CurriculumParseError,
    ParsedCurriculum,
    ParsedOutcome,
    ParsedUnit,
    curriculum_from_mapping,
    curriculum_to_csv,
    curriculum_to_mapping,
    format_issue,
    make_issue,
)
from curricula.assemble import MAX_ISSUES, normalise_column
from curricula.limits import (
    InputLimitError,
    InputLimits,
    check_size,
    check_zip,
    has_surrogates,
    json_depth,
    load_json,
    without_surrogates,
)
from curricula.model import ParseIssue, issue_location
from curricula.templates import parse_csv, parse_json


def issues_of(call, *args) -> list[tuple]:  # type: ignore[no-untyped-def]
    with pytest.raises(CurriculumParseError) as raised:
        call(*args)
    return [(i.code, i.line, i.field) for i in raised.value.issues]


# CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("Kode", "unit_code"),
        ("Kode Mata Kuliah", "unit_code"),
        ("kode-mapel", "unit_code"),
        ("Nama Unit", "unit_name"),
        ("Mata Pelajaran", "unit_name"),
        ("Elemen", "unit_name"),
        ("Fase", "phase"),
        ("Alokasi Waktu", "hours"),
        ("JP", "hours"),
        ("SKS", "credits"),
        ("Capaian Pembelajaran", "outcome"),
        ("Tujuan Pembelajaran", "outcome"),
        ("CPMK", "outcome"),
        ("\ufeffunit_code", "unit_code"),
        (" Semester ", "semester"),
        ("Catatan", "catatan"),
    ],
)
def test_header_cells_in_indonesian_name_template_columns(cell: str, column: str) -> None:
    assert normalise_column(cell) == column


def test_an_indonesian_csv_with_title_lines_semicolons_and_a_note_column() -> None:
    text = (
        "# Program Keahlian: Teknik Jaringan Komputer dan Telekomunikasi\n"
        "# Konsentrasi Keahlian: Teknik Komputer dan Jaringan\n"
        "\n"
        "Kode;Nama Unit;Fase;SKS;Capaian Pembelajaran;Catatan\n"
        "TJ1;Jaringan Dasar;E;2;Mampu memasang kabel.;x\n"
        "TJ2;Router;;;;\n"
    )
    curriculum, warnings = parse_csv(text)
    assert curriculum.programme == "Teknik Jaringan Komputer dan Telekomunikasi"
    assert curriculum.concentration == "Teknik Komputer dan Jaringan"
    assert [(u.code, u.name, u.phase, u.credits, u.line) for u in curriculum.units] == [
        ("TJ1", "Jaringan Dasar", "E", 2, 5),
        ("TJ2", "Router", None, None, 6),
    ]
    assert curriculum.units[0].outcomes == (ParsedOutcome("Mampu memasang kabel.", 5),)
    assert [(w.code, w.line, w.field) for w in warnings] == [
        ("unknown_column", 4, "Catatan"),
        ("unit_without_outcomes", 6, None),
    ]
    assert warnings[1].message == "Line 6: Unit 'Router' has no learning outcomes."


def test_a_tab_separated_file_is_read() -> None:
    curriculum, _ = parse_csv("unit_name\toutcome\nBasis Data\tMampu menulis SQL.\n")
    assert curriculum.units[0].name == "Basis Data"
    assert curriculum.units[0].outcomes[0].text == "Mampu menulis SQL."


def test_rows_of_one_unit_are_grouped_by_code_and_name_in_any_case() -> None:
    text = (
        "unit_code,unit_name,outcome\n"
        "ti1,Basis  Data,Mampu merancang tabel.\n"
        "TI2,Jaringan,Mampu memasang kabel.\n"
        "TI1,basis data,Mampu menulis   SQL.\n"
    )
    curriculum, _ = parse_csv(text)
    assert [(u.name, [o.text for o in u.outcomes]) for u in curriculum.units] == [
        ("Basis Data", ["Mampu merancang tabel.", "Mampu menulis SQL."]),
        ("Jaringan", ["Mampu memasang kabel."]),
    ]


def test_extra_cells_are_an_error_naming_the_line_and_both_counts() -> None:
    with pytest.raises(CurriculumParseError) as raised:
        parse_csv("unit_name,outcome\nA,Mampu.\nB,Mampu,lebih\n")
    (issue,) = raised.value.issues
    assert (issue.code, issue.line, issue.params) == ("extra_cells", 3, {"got": 3, "expected": 2})


def test_empty_cells_after_the_header_width_are_fine() -> None:
    curriculum, _ = parse_csv("unit_name,outcome\nA,Mampu.,,\n")
    assert len(curriculum.units) == 1


def test_only_title_lines_is_an_empty_document() -> None:
    assert issues_of(parse_csv, "# Program Keahlian: X\n\n") == [("empty_document", None, None)]


def test_units_without_any_outcome_are_one_error() -> None:
    assert issues_of(parse_csv, "unit_name,outcome\nA,\nB,\n") == [("no_outcomes", None, None)]


def test_both_required_columns_are_named_when_missing() -> None:
    assert issues_of(parse_csv, "kode,semester\nTI1,2\n") == [
        ("missing_column", 1, "unit_name"),
        ("missing_column", 1, "outcome"),
    ]


def test_at_most_fifty_problems_are_reported() -> None:
    rows = "".join(f"U{i},Unit {i},,,,tiga,Mampu.\n" for i in range(80))
    with pytest.raises(CurriculumParseError) as raised:
        parse_csv("unit_code,unit_name,phase,semester,hours,credits,outcome\n" + rows)
    assert len(raised.value.issues) == MAX_ISSUES == 50
    assert raised.value.issues[0].line == 2 and raised.value.issues[-1].line == 51


def test_a_second_value_for_a_unit_names_the_first_line() -> None:
    text = "unit_name,semester,outcome\nA,2,Mampu satu.\nA,,Mampu dua.\nA,3,Mampu tiga.\n"
    with pytest.raises(CurriculumParseError) as raised:
        parse_csv(text)
    (issue,) = raised.value.issues
    assert issue.message == "Line 4: semester is 3 here but 2 on line 2 for the same unit."


# JSON and the mapping -----------------------------------------------------------------------


def test_a_mapping_reads_numbers_written_as_text_and_outcome_objects() -> None:
    curriculum, warnings = curriculum_from_mapping(
        {
            "programme": "P",
            "level": "SMK",
            "version_year": "2025",
            "extra": 1,
            "units": [
                {
                    "name": "A",
                    "code": 123,
                    "hours": "72 JP",
                    "outcomes": [{"text": "  a  b "}, "", "   ", "c"],
                    "color": "x",
                }
            ],
        }
    )
    assert (curriculum.level, curriculum.version_year) == ("smk", 2025)
    unit = curriculum.units[0]
    assert (unit.code, unit.hours) == ("123", 72)
    assert [o.text for o in unit.outcomes] == ["a b", "c"]
    assert [(w.code, w.field) for w in warnings] == [
        ("unknown_field", "extra"),
        ("unknown_field", "units[0].color"),
    ]


def test_a_mapping_names_each_bad_unit_by_its_index() -> None:
    with pytest.raises(CurriculumParseError) as raised:
        curriculum_from_mapping(
            {
                "units": [
                    {"name": "  ", "outcomes": ["x"]},
                    "teks",
                    {"name": "\ud800", "outcomes": ["y"]},
                ]
            }
        )
    found = [(i.code, i.field) for i in raised.value.issues]
    assert found[:3] == [
        ("missing_value", "units[0].name"),
        ("wrong_type", "units[1]"),
        ("invalid_text", "units[2].name"),
    ]
    assert raised.value.issues[1].message == "units[1] must be an object, got text."


@pytest.mark.parametrize(
    ("value", "got"),
    [(True, "true/false"), (None, "null"), (1.5, "a number"), ({"text": 5}, "a number")],
)
def test_outcomes_that_are_not_text_say_what_they_are(value: object, got: str) -> None:
    with pytest.raises(CurriculumParseError) as raised:
        curriculum_from_mapping({"units": [{"name": "A", "outcomes": ["ok", value]}]})
    (issue,) = raised.value.issues
    assert issue.field == "units[0].outcomes[1]"
    assert issue.message == f"units[0].outcomes[1] must be text, got {got}."


def test_a_list_where_one_value_belongs_is_refused() -> None:
    with pytest.raises(CurriculumParseError) as raised:
        curriculum_from_mapping({"units": [{"name": "A", "semester": [1, 2], "outcomes": ["x"]}]})
    assert [(i.code, i.field) for i in raised.value.issues] == [("wrong_type", "units[0].semester")]


def test_json_limits_become_parse_issues() -> None:
    deep = '{"units": ' + "[" * 40 + "]" * 40 + "}"
    assert issues_of(parse_json, deep) == [("too_deep", None, None)]
    long_number = '{"version_year": 1234567890123456789, "units": []}'
    assert issues_of(parse_json, long_number) == [("number_too_long", None, None)]


def test_a_byte_order_mark_before_json_is_ignored() -> None:
    curriculum, _ = parse_json('\ufeff{"units": [{"name": "A", "outcomes": ["x"]}]}')
    assert curriculum.units[0].name == "A"


def test_the_csv_form_quotes_commas_and_keeps_units_without_outcomes() -> None:
    curriculum = ParsedCurriculum(
        units=(
            ParsedUnit("A", "TI1", "E", 1, 36, 2, (ParsedOutcome('x, "y"'),)),
            ParsedUnit("B", credits=3),
        )
    )
    assert curriculum_to_csv(curriculum) == (
        "unit_code,unit_name,phase,semester,hours,credits,outcome\n"
        'TI1,A,E,1,36,2,"x, ""y"""\n'
        ",B,,,,3,\n"
    )


def test_the_mapping_form_reads_back_to_the_same_tree() -> None:
    curriculum = ParsedCurriculum(
        programme="Teknik Otomotif",
        level="smk",
        version_year=2024,
        units=(ParsedUnit("Mesin", "TO1", "F", 3, 72, None, (ParsedOutcome("Mampu servis."),)),),
    )
    again, warnings = curriculum_from_mapping(
        json.loads(json.dumps(curriculum_to_mapping(curriculum)))
    )
    assert again == curriculum and warnings == ()


# issues and where they are ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "params", "where"),
    [
        (None, {}, None),
        (4, {}, "line"),
        (4, {"page": 2}, "page"),
        (4, {"paragraph": True}, "paragraph"),
        (4, {"paragraph": False}, "line"),
        (None, {"table": 1, "row": 2}, "table"),
        (4, {"table": 1, "row": 2, "page": 3}, "table"),
    ],
)
def test_issue_locations(line: int | None, params: dict, where: str | None) -> None:
    assert issue_location(line, params) == where


def test_issues_render_with_their_location_and_translated_templates() -> None:
    assert format_issue("empty_document") == "The document is empty."
    assert format_issue("missing_value", 3, "unit_name") == "Line 3: unit_name must not be empty."
    assert (
        format_issue("missing_value", 7, "outcome", {"page": 2})
        == "Page 2, line 7: outcome must not be empty."
    )
    assert (
        format_issue("missing_value", None, "outcome", {"table": 1, "row": 5})
        == "Table 1, row 5: outcome must not be empty."
    )
    translated = format_issue(
        "missing_value",
        3,
        "unit_name",
        templates={"missing_value": "{field} wajib diisi."},
        locations={"line": "Baris {line}"},
    )
    assert translated == "Baris 3: unit_name wajib diisi."


def test_an_unknown_issue_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no_such_code"):
        make_issue("no_such_code")


def test_warnings_and_errors() -> None:
    assert make_issue("unknown_column", 1, "x").is_warning
    assert make_issue("unit_without_outcomes", 1, unit="A").is_warning
    assert not make_issue("missing_value", 1, "x").is_warning
    assert not ParseIssue("bad_json").is_warning


def test_a_parse_error_joins_its_messages() -> None:
    error = CurriculumParseError([make_issue("empty_document"), make_issue("no_outcomes")])
    assert str(error) == "The document is empty.\nNo learning outcomes found under any unit."


# input limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [[1], {"b": []}]}', 4),
        ('["[[[[", "]]]"]', 1),
        ('{"a": "\\"[[["}', 1),
        ('"unterminated [[[', 0),
    ],
)
def test_json_depth_ignores_brackets_inside_strings(text: str, depth: int) -> None:
    assert json_depth(text) == depth


def test_load_json_refuses_what_breaks_a_limit() -> None:
    limits = InputLimits(max_depth=2, max_digits=5)
    assert load_json('{"a": [12345, 1.5e300]}', limits) == {"a": [12345, 1.5e300]}
    for text, code, params in (
        ("[[[1]]]", "too_deep", {"depth": 3, "limit": 2}),
        ("[123456]", "number_too_long", {"digits": 6, "limit": 5}),
        ("[1234.56]", "number_too_long", {"digits": 6, "limit": 5}),
        ("[NaN]", "bad_number", {"value": "NaN"}),
        ("[-Infinity]", "bad_number", {"value": "-Infinity"}),
        ("[1e999]", "bad_number", {"value": "1e999"}),
    ):
        with pytest.raises(InputLimitError) as raised:
            load_json(text, limits)
        assert (raised.value.code, raised.value.params) == (code, params), text


def test_load_json_leaves_syntax_errors_to_the_caller() -> None:
    with pytest.raises(json.JSONDecodeError):
        load_json("[1,,2]")


def test_check_size() -> None:
    check_size(b"x" * 10, InputLimits(max_bytes=10))
    with pytest.raises(InputLimitError) as raised:
        check_size(b"x" * 11, InputLimits(max_bytes=10))
    assert raised.value.params == {"size": 11, "limit": 10}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_check_zip_counts_entries_and_unpacked_bytes() -> None:
    data = zipped({"a.xml": b"x" * 100, "b.xml": b"y" * 100, "c.xml": b""})
    check_zip(data, InputLimits(max_zip_entries=3, max_unzipped_bytes=200))
    with pytest.raises(InputLimitError) as raised:
        check_zip(data, InputLimits(max_zip_entries=2))
    assert (raised.value.code, raised.value.params) == (
        "zip_too_many_entries",
        {"count": 3, "limit": 2},
    )
    with pytest.raises(InputLimitError) as raised:
        check_zip(data, InputLimits(max_unzipped_bytes=199))
    assert (raised.value.code, raised.value.params) == (
        "zip_too_large",
        {"size": 200, "limit": 199},
    )


def test_check_zip_refuses_what_is_not_a_zip() -> None:
    with pytest.raises(InputLimitError) as raised:
        check_zip(b"PK\x03\x04 bukan zip")
    assert raised.value.code == "bad_zip"
    assert raised.value.params["detail"]


def test_lone_surrogates_are_found_and_replaced() -> None:
    assert has_surrogates("a\ud800b") and has_surrogates("\udfff")
    assert not has_surrogates("Bahasa Indonesia ✓ 😀")
    assert without_surrogates("a\ud800b\udc00") == "a\ufffdb\ufffd"
    assert without_surrogates("😀") == "😀"
