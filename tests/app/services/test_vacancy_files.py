"""Reading a vacancy file (``vacancy_files``): CSV and JSON into numbered rows, each file-level
refusal with its message, and the amount and date cells' edge cases."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask_babel import force_locale

from app.services.errors import ValidationError
from app.services.vacancy_files import (
    EXTRA_CELLS,
    ValueProblemError,
    read_amount,
    read_date,
    read_rows,
)
from curricula.limits import InputLimits

HEADER = "title,description,region,employment_type,min_education"
LIMITS = InputLimits(max_bytes=10_000, max_depth=5, max_digits=12)


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def refused(data: bytes, filename: str = "v.csv", max_rows: int = 100) -> str:
    with pytest.raises(ValidationError) as raised:
        read_rows(data, filename, LIMITS, max_rows)
    assert raised.value.field == "file"
    return raised.value.message


def rows(text: str, filename: str = "v.csv") -> list:
    return read_rows(text.encode(), filename, LIMITS, 100)


# CSV ----------------------------------------------------------------------------------------


def test_rows_are_numbered_by_their_first_line_even_across_quoted_line_breaks() -> None:
    text = (
        f"{HEADER}\n"
        'Teknisi,"Baris satu\nbaris dua",Kota Serang,full_time,smk\n'
        "\n"
        ",,,,\n"
        "Operator,Mesin,Kota Cilegon,contract,smk\n"
    )
    found = rows(text)
    assert [line for line, _ in found] == [2, 6]
    assert found[0][1]["description"] == "Baris satu\nbaris dua"
    assert found[1][1] == {
        "title": "Operator",
        "description": "Mesin",
        "region": "Kota Cilegon",
        "employment_type": "contract",
        "min_education": "smk",
    }


def test_semicolons_are_used_when_the_header_has_more_of_them() -> None:
    found = rows("title;description;region;employment_type;min_education\nA;B, C;D;E;F\n")
    assert found[0][1]["description"] == "B, C"


def test_a_byte_order_mark_and_spaces_around_cells_are_dropped() -> None:
    found = rows(f"\ufeff{HEADER}, salary_min \n A , B ,C,D,E, 5 \n")
    assert found == [
        (
            2,
            {
                "title": "A",
                "description": "B",
                "region": "C",
                "employment_type": "D",
                "min_education": "E",
                "salary_min": "5",
            },
        )
    ]


def test_short_rows_leave_the_missing_columns_out_and_extra_cells_are_kept_to_report() -> None:
    found = rows(f"{HEADER}\nA,B\nA,B,C,D,E,F,G\nA,B,C,D,E,,\n")
    assert found[0] == (2, {"title": "A", "description": "B"})
    assert found[1][1][EXTRA_CELLS] == (7, 5)
    assert EXTRA_CELLS not in found[2][1]


def test_an_unnamed_column_is_ignored() -> None:
    found = rows(f"{HEADER},\nA,B,C,D,E,catatan\n")
    assert "" not in found[0][1] and EXTRA_CELLS not in found[0][1]


def test_a_header_alone_gives_no_rows() -> None:
    assert rows(f"{HEADER}\n") == []


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("title,description", "region, employment_type, min_education"),
        ("judul,deskripsi,region,employment_type,min_education", "title, description"),
    ],
)
def test_missing_columns_are_listed(header: str, missing: str) -> None:
    assert refused(f"{header}\nA,B\n".encode()) == f"Line 1: missing columns: {missing}."


def test_a_duplicated_column_is_named() -> None:
    message = refused(f"{HEADER},region\nA,B,C,D,E,F\n".encode())
    assert message == "Line 1: the column region appears twice."


def test_an_empty_file_is_refused() -> None:
    assert refused(b"") == "The file is empty."


def test_a_bare_carriage_return_ends_a_row_as_old_mac_files_do() -> None:
    found = rows(f"{HEADER}\rA,B,C,D,E\rF,G,H,I,J\r")
    assert [(line, raw["title"]) for line, raw in found] == [(2, "A"), (3, "F")]


# the file as a whole ------------------------------------------------------------------------


def test_other_encodings_and_names_are_refused() -> None:
    assert refused(f"{HEADER}\nLowongan Café\n".encode("latin-1")) == (
        "The file is not UTF-8 text."
    )
    assert refused(b"x", "lowongan.xlsx") == "Only CSV or JSON files are accepted."
    assert refused(b"x", "lowongan") == "Only CSV or JSON files are accepted."


def test_the_extension_is_read_in_any_case() -> None:
    assert rows(f"{HEADER}\nA,B,C,D,E\n", "LOWONGAN.CSV")[0][0] == 2
    assert rows('[{"title": "A"}]', "Lowongan.Json") == [(1, {"title": "A"})]


def test_size_and_row_limits_are_named() -> None:
    big = InputLimits(max_bytes=3 * 2**20 // 2)
    with pytest.raises(ValidationError) as raised:
        read_rows(b"x" * (big.max_bytes + 1), "v.csv", big, 100)
    assert raised.value.message == "The file is larger than 1.5 MB."
    text = HEADER + "\n" + "A,B,C,D,E\n" * 4
    assert refused(text.encode(), max_rows=3) == (
        "The file holds 4 vacancies; at most 3 are imported from one file. "
        "Split it into smaller files."
    )
    assert len(read_rows(text.encode(), "v.csv", LIMITS, 4)) == 4


# JSON ---------------------------------------------------------------------------------------


def test_json_entries_are_numbered_from_one_in_either_form() -> None:
    items = '[{"title": "A"}, {"title": "B"}]'
    assert rows(items, "v.json") == [(1, {"title": "A"}), (2, {"title": "B"})]
    assert rows('{"vacancies": ' + items + "}", "v.json") == rows(items, "v.json")


def test_json_entries_that_are_not_objects_are_kept_to_report() -> None:
    assert rows('["teks", 5, null]', "v.json") == [
        (1, {"_": "teks"}),
        (2, {"_": 5}),
        (3, {"_": None}),
    ]


@pytest.mark.parametrize("payload", ['{"lowongan": []}', '"teks"', "5", '{"vacancies": {"a": 1}}'])
def test_json_that_is_not_a_list_of_vacancies_is_refused(payload: str) -> None:
    assert refused(payload.encode(), "v.json") == (
        'The JSON must be a list of vacancies or {"vacancies": [...]}.'
    )


def test_json_syntax_errors_name_the_line() -> None:
    assert refused(b'[\n  {"title": "A"},\n  {"title": }\n]', "v.json") == (
        "Line 3: the JSON is not valid."
    )


def test_json_limits_are_named() -> None:
    assert (
        refused(b"[[[[[[[]]]]]]]", "v.json")
        == "The JSON nests 7 levels deep; at most 5 are accepted."
    )
    assert refused(b'[{"salary_min": 1234567890123}]', "v.json") == (
        "A number has 13 digits; at most 12 are accepted."
    )
    assert refused(b'[{"salary_min": NaN}]', "v.json") == "'NaN' is not a usable number."


# amounts and dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        (0, 0),
        (4_500_000, 4_500_000),
        (4.5e6, 4_500_000),
        ("IDR 5.000.000,00", 5_000_000),
        ("rp. 2.500.000", 2_500_000),
        ("3 JT", 3_000_000),
        ("750 rb", 750_000),
        ("1,25 juta", 1_250_000),
    ],
)
def test_amounts(value: object, amount: int | None) -> None:
    assert read_amount(value, 10**9) == amount


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "Enter an amount in rupiah, e.g. 4.500.000."),
        ([4500000], "Enter an amount in rupiah, e.g. 4.500.000."),
        ({"min": 1}, "Enter an amount in rupiah, e.g. 4.500.000."),
        (4500000.5, "Enter a whole amount in rupiah, got 4500000.5."),
        (-1, "An amount must not be negative."),
        (
            "1,0005 ribu",
            "Enter a whole amount in rupiah such as 4.500.000 or 4,5 juta, got '1,0005 ribu'.",
        ),
        (
            "-4.500.000",
            "Enter a whole amount in rupiah such as 4.500.000 or 4,5 juta, got '-4.500.000'.",
        ),
        (1_000_000_001, "The amount is above the limit of Rp 1.000.000.000."),
        (
            "1,5 milyar",
            "Enter a whole amount in rupiah such as 4.500.000 or 4,5 juta, got '1,5 milyar'.",
        ),
    ],
)
def test_amounts_refused_with_a_reason(value: object, message: str) -> None:
    with pytest.raises(ValueProblemError) as raised:
        read_amount(value, 10**9)
    assert raised.value.message == message


def test_a_long_refused_amount_is_cut_in_the_message() -> None:
    with pytest.raises(ValueProblemError) as raised:
        read_amount("x" * 100, 10**9)
    assert "x" * 40 + "…" in raised.value.message
    assert "x" * 41 not in raised.value.message


def test_dates_within_and_outside_the_window() -> None:
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    assert read_date(None, first, last) is None
    assert read_date(" ", first, last) is None
    assert read_date(" 2026-01-01 ", first, last) == first
    assert read_date("2026-12-31", first, last) == last
    with pytest.raises(ValueProblemError) as raised:
        read_date("2027-01-01", first, last)
    assert raised.value.message == "The date must be between 2026-01-01 and 2026-12-31."


@pytest.mark.parametrize("value", [20260101, 2026.5, ["2026-01-01"], "2026-1-1", "2026-02-29"])
def test_dates_not_written_as_iso_text_are_refused(value: object) -> None:
    with pytest.raises(ValueProblemError) as raised:
        read_date(value, date(2000, 1, 1), date(2100, 1, 1))
    assert raised.value.message == f"Use a date like 2026-12-31, got {str(value)[:40]!r}."
