"""Single values of a curriculum: whole numbers and their ranges, phases, levels, unit codes,
unit headings and outcome sentences (``curricula.fields``), each rule on its own."""

from __future__ import annotations

import pytest

from curricula.fields import (
    FieldError,
    UnitHeader,
    clean_outcome,
    is_code,
    parse_int,
    parse_level,
    parse_phase,
    shown,
    split_unit_header,
)

# whole numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name", "expected"),
    [
        ("3", "credits", 3),
        (" 3 SKS ", "credits", 3),
        ("72 JP", "hours", 72),
        ("36 jam", "hours", 36),
        ("4,0", "credits", 4),
        ("4.00", "credits", 4),
        (2.0, "semester", 2),
        (14, "semester", 14),
        ("2025", "version_year", 2025),
        (0, "hours", 0),
        ("", "hours", None),
        ("   ", "hours", None),
        (None, "hours", None),
    ],
)
def test_whole_numbers_are_read(value: object, name: str, expected: int | None) -> None:
    assert parse_int(value, name) == expected


@pytest.mark.parametrize("value", ["3,5", "4.5", "tiga", "3 menit", 2.5, "1e3", "-1", "0x10"])
def test_what_is_not_a_whole_number_is_refused_with_its_value(value: object) -> None:
    with pytest.raises(FieldError) as raised:
        parse_int(value, "credits")
    assert raised.value.code == "bad_integer"
    assert raised.value.params == {"value": value}


def test_true_and_false_are_not_numbers() -> None:
    with pytest.raises(FieldError) as raised:
        parse_int(True, "credits")
    assert raised.value.code == "bad_integer"
    assert raised.value.params == {"value": True}


def test_more_than_nine_digits_is_refused_before_int_sees_it() -> None:
    with pytest.raises(FieldError) as raised:
        parse_int("1234567890", "hours")
    assert raised.value.code == "bad_integer"


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("semester", 1, 14), ("hours", 0, 5000), ("credits", 0, 60), ("version_year", 1990, 2100)],
)
def test_each_number_has_its_range(name: str, low: int, high: int) -> None:
    assert parse_int(str(low), name) == low
    assert parse_int(str(high), name) == high
    for outside in (low - 1, high + 1):
        if outside < 0:
            continue
        with pytest.raises(FieldError) as raised:
            parse_int(str(outside), name)
        assert raised.value.code == "out_of_range"
        assert raised.value.params == {"value": outside, "min": low, "max": high}


def test_a_number_without_a_range_is_held_to_a_million() -> None:
    assert parse_int("1000000", "other") == 1_000_000
    with pytest.raises(FieldError) as raised:
        parse_int("1000001", "other")
    assert raised.value.params["max"] == 10**6


def test_long_values_are_cut_in_messages() -> None:
    assert shown("x" * 50) == "x" * 40 + "…"
    assert shown("pendek") == "pendek"
    assert shown(12345) == 12345
    with pytest.raises(FieldError) as raised:
        parse_int("a" * 100, "hours")
    assert raised.value.params["value"] == "a" * 40 + "…"


# phases and levels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "phase"),
    [
        ("E", "E"),
        ("f", "F"),
        ("Fase F", "F"),
        ("fase e", "E"),
        ("Phase A", "A"),
        ("E (kelas X)", "E"),
        ("Kelas X", "E"),
        ("kelas XI", "F"),
        ("Kelas XII", "F"),
        ("Kelas 10", "E"),
        ("Kelas 11", "F"),
        ("", None),
        (None, None),
    ],
)
def test_phases_from_letters_and_grades(value: object, phase: str | None) -> None:
    assert parse_phase(value) == phase


@pytest.mark.parametrize("value", ["G", "Fase G", "EF", "Kelas 9", "Kelas IX", "semester 1"])
def test_other_phases_are_refused(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        parse_phase(value)
    assert raised.value.code == "bad_phase"
    assert raised.value.params == {"value": value}


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("SMK", "smk"),
        ("SMK/MAK", "smk"),
        ("D3", "d3"),
        ("D-III", "d3"),
        ("Diploma  Tiga", "d3"),
        ("diploma iii", "d3"),
        ("D4", "d4"),
        ("Sarjana Terapan", "d4"),
        ("S1", "s1"),
        ("Sarjana", "s1"),
        ("Pelatihan", "training"),
        ("BLK", "training"),
        ("LPK", "training"),
        ("", None),
        (None, None),
    ],
)
def test_levels_from_their_common_names(value: object, level: str | None) -> None:
    assert parse_level(value) == level


def test_an_unknown_level_lists_the_allowed_ones() -> None:
    with pytest.raises(FieldError) as raised:
        parse_level("S2")
    assert raised.value.code == "bad_level"
    assert raised.value.params["value"] == "S2"
    assert raised.value.params["allowed"] == "smk, d3, d4, s1, training"


# unit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["TI1203", "PPLG-E01", "RPL.F.03", "AB12", "MK_TI_01", "KK123A4"])
def test_unit_codes(text: str) -> None:
    assert is_code(text)


@pytest.mark.parametrize(
    "text",
    ["AB", "AB1", "ABCD", "A12B", "tI1203", "TI-AB", "TI1A-B", "12AB", "TI 1203", "TI12.", "BASIS"],
)
def test_not_unit_codes(text: str) -> None:
    assert not is_code(text)


# unit headings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TI1203 Basis Data (3 SKS, Semester 2)",
            UnitHeader("Basis Data", "TI1203", semester=2, credits=3),
        ),
        ("1.2 Pemrograman Web - 4 SKS", UnitHeader("Pemrograman Web", credits=4)),
        ("RPL.F.03: Basis Data", UnitHeader("Basis Data", "RPL.F.03")),
        ("TI1203. Basis Data", UnitHeader("Basis Data", "TI1203")),
        ("Basis Data (Fase F, 72 JP)", UnitHeader("Basis Data", phase="F", hours=72)),
        (
            "PPLG-E01 Dasar Program Keahlian (Kelas X)",
            UnitHeader("Dasar Program Keahlian", "PPLG-E01", phase="E"),
        ),
        ("Matematika (Semester IV)", UnitHeader("Matematika", semester=4)),
        ("Jaringan Dasar, Semester 3", UnitHeader("Jaringan Dasar", semester=3)),
        ("Jaringan   Dasar  |  2 SKS", UnitHeader("Jaringan Dasar", credits=2)),
        ("Basis Data (TI1203)", UnitHeader("Basis Data", "TI1203")),
        ("Bahasa Inggris (Kelas XI dan XII)", UnitHeader("Bahasa Inggris", phase="F")),
        ("Bahasa Inggris (Kelas X-XII)", UnitHeader("Bahasa Inggris", phase="E")),
        (
            "Statistika (Bobot: 2 SKS; Alokasi Waktu: 32 JP)",
            UnitHeader("Statistika", hours=32, credits=2),
        ),
    ],
)
def test_headings_are_split_into_name_code_and_numbers(text: str, expected: UnitHeader) -> None:
    assert split_unit_header(text) == expected


def test_a_parenthesis_that_is_not_attributes_stays_in_the_name() -> None:
    assert split_unit_header("Fisika (catatan guru)") == UnitHeader("Fisika (catatan guru)")


def test_a_partly_readable_parenthesis_stays_whole() -> None:
    header = split_unit_header("Fisika (3 SKS, wajib)")
    assert header.name == "Fisika (3 SKS, wajib)"
    assert header.credits is None


def test_a_semester_outside_one_to_fourteen_is_dropped_not_kept() -> None:
    header = split_unit_header("Basis Data (Semester 20)")
    assert header.semester is None
    assert header.name == "Basis Data"


def test_a_name_that_is_a_comma_list_keeps_its_words() -> None:
    header = split_unit_header("Desain, Animasi, dan Multimedia")
    assert header.name == "Desain, Animasi, dan Multimedia"


def test_a_code_in_parentheses_wins_over_a_leading_one() -> None:
    header = split_unit_header("TI1203 Basis Data (TI9999)")
    assert header.code == "TI9999"
    assert header.name == "Basis Data"


# outcome sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("CPMK-1: Mampu merancang basis data;", "Mampu merancang basis data"),
        ("  TP 1.2  Menjelaskan   konsep, dan", "Menjelaskan konsep"),
        ("LO3) Build websites", "Build websites"),
        ("Mampu menulis; atau", "Mampu menulis"),
        ("Sub-CPMK 2.1. Menguji aplikasi,", "Menguji aplikasi"),
        ("CPL 4 - Bekerja sama dalam tim", "Bekerja sama dalam tim"),
        ("ATP-3.1: Menyusun laporan, and", "Menyusun laporan"),
        ("Menyusun laporan and", "Menyusun laporan and"),
        ("Mampu memakai CP dan TP", "Mampu memakai CP dan TP"),
        ("Memahami data, informasi, dan pengetahuan", "Memahami data, informasi, dan pengetahuan"),
    ],
)
def test_outcomes_lose_their_labels_and_trailing_joiners(text: str, clean: str) -> None:
    assert clean_outcome(text) == clean
