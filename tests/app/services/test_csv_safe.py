"""CSV exports: no text cell may start a spreadsheet formula, in any column."""

from __future__ import annotations

import csv
import io

import pytest

from app.services.csv_safe import FORMULA_START, SafeWriter, safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_every_column(start: str) -> None:
    buffer = io.StringIO()
    SafeWriter(buffer).writerow([f"{start}SUM(A1)", "biasa", f"{start}1+1", 5, None])
    row = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    kept = start.replace("\r", "\n")  # a carriage return becomes a quoted line break
    assert row == [f"'{kept}SUM(A1)", "biasa", f"'{kept}1+1", "5", ""]


def test_a_carriage_return_inside_a_cell_stays_inside_its_row() -> None:
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["baris satu\rbaris dua", "x"])
    SafeWriter(buffer).writerow(["y", "z"])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert rows == [["baris satu\nbaris dua", "x"], ["y", "z"]]


def test_the_rule_names_every_start_tried() -> None:
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("value", ["Teknisi = jaringan", "a-b", 7, -3, 2.5, None, ""])
def test_other_cells_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value
