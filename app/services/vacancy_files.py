"""Reading a vacancy file (CSV or JSON) into numbered rows, and reading its amounts and dates.

The guarded entry of vacancy files: the size, the number of rows, the JSON depth and the digits
of a number are checked, a duplicated column is refused, cells beyond the header are kept to be
reported, and no exception of the csv or json modules escapes (each becomes a ValidationError
naming the line). Amounts and dates mean what a person in Indonesia means by them; anything
ambiguous is refused, never turned into another value.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationError
from curricula import ParseIssue
from curricula.limits import InputLimitError, InputLimits, load_json

EXTRA_CELLS = "_extra_cells"  # key of a CSV row's cells beyond the header (reported per line)
Row = tuple[int, dict[str, Any]]


def read_rows(data: bytes, filename: str, limits: InputLimits, max_rows: int) -> list[Row]:
    """(line or entry number, raw fields) of a CSV or JSON upload; raises ValidationError."""
    if len(data) > limits.max_bytes:
        raise ValidationError(
            "file", str(_l("The file is larger than %(mb)s MB.", mb=_mb(limits.max_bytes)))
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("file", str(_l("The file is not UTF-8 text."))) from error
    name = filename.lower()
    if name.endswith(".json"):
        rows = _json_rows(text, limits)
    elif name.endswith(".csv"):
        rows = _csv_rows(text)
    else:
        raise ValidationError("file", str(_l("Only CSV or JSON files are accepted.")))
    if len(rows) > max_rows:
        raise ValidationError(
            "file",
            str(
                _l(
                    "The file holds %(n)d vacancies; at most %(max)d are imported from one file. "
                    "Split it into smaller files.",
                    n=len(rows),
                    max=max_rows,
                )
            ),
        )
    return rows


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".removesuffix(".0")


def _csv_rows(text: str) -> list[Row]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    header: list[str] | None = None
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if header is None:
                header = _header(cells)
                continue
            if not any(cell.strip() for cell in cells):
                continue
            record: dict[str, Any] = {
                name: cells[i].strip() for i, name in enumerate(header) if i < len(cells) and name
            }
            extra = [cell for cell in cells[len(header) :] if cell.strip()]
            if extra:
                record[EXTRA_CELLS] = (len(cells), len(header))
            rows.append((start, record))
    except csv.Error as error:
        raise ValidationError("file", _csv_problem(previous_end + 1, error)) from error
    if header is None:
        raise ValidationError("file", str(_l("The file is empty.")))
    return rows


def _header(cells: list[str]) -> list[str]:
    from app.services.vacancy_rows import REQUIRED

    header = [cell.strip() for cell in cells]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise ValidationError(
                "file", str(_l("Line 1: the column %(column)s appears twice.", column=name))
            )
        seen.add(name)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            "file",
            str(_l("Line 1: missing columns: %(columns)s.", columns=", ".join(missing))),
        )
    return header


def _csv_problem(line: int, error: csv.Error) -> str:
    detail = str(error)
    if "field limit" in detail:
        what = _l("a field is longer than %(max)d characters", max=csv.field_size_limit())
    elif "new-line" in detail:
        what = _l("a line break inside a field that is not in double quotes")
    else:
        what = _l("the text is not valid CSV")
    return str(_l("Line %(line)d: the CSV cannot be read: %(what)s.", line=line, what=what))


def _json_rows(text: str, limits: InputLimits) -> list[Row]:
    try:
        payload = load_json(text, limits)
    except json.JSONDecodeError as error:
        raise ValidationError(
            "file", str(_l("Line %(line)d: the JSON is not valid.", line=error.lineno))
        ) from error
    except InputLimitError as error:
        from app.services.curriculum_import import issue_message

        issue = ParseIssue(error.code, params=error.params)
        raise ValidationError("file", issue_message(issue)) from error
    items = payload.get("vacancies") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ValidationError(
            "file", str(_l('The JSON must be a list of vacancies or {"vacancies": [...]}.'))
        )
    return [(i, item if isinstance(item, dict) else {"_": item}) for i, item in enumerate(items, 1)]


class ValueProblemError(Exception):
    """A cell that cannot be read as what its column holds; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# 'Rp 4.500.000', '4500000', '4,5 juta', 'IDR 5.000.000,00': a number, then an optional unit.
_AMOUNT = re.compile(
    r"^(?:rp\.?|idr)?\s*(?P<number>[0-9][0-9.,]{0,24})\s*(?P<unit>juta|jt|ribu|rb)?$",
    re.IGNORECASE,
)
_DOT_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$")
_PLAIN = re.compile(r"^[0-9]+(?:,[0-9]+)?$")
_UNITS = {"juta": 1_000_000, "jt": 1_000_000, "ribu": 1_000, "rb": 1_000}
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def read_amount(value: Any, ceiling: int) -> int | None:
    """Whole rupiah from '4.500.000', 'Rp 4.500.000', '4500000', '4,5 juta' or a JSON number.

    Dots group thousands and a comma starts decimals (the Indonesian way); '4500000.5', '4.5'
    or '4,500,000' are ambiguous and refused, as are fractions of a rupiah, negative amounts and
    amounts above ``ceiling``. Blank is None.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueProblemError(str(_l("Enter an amount in rupiah, e.g. 4.500.000.")))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblemError(
                str(_l("Enter a whole amount in rupiah, got %(value)s.", value=value))
            )
        value = int(value)
    amount = value if isinstance(value, int) else _amount_from_text(value.strip())
    if amount < 0:
        raise ValueProblemError(str(_l("An amount must not be negative.")))
    if amount > ceiling:
        raise ValueProblemError(
            str(
                _l(
                    "The amount is above the limit of Rp %(max)s.",
                    max=f"{ceiling:,}".replace(",", "."),
                )
            )
        )
    return amount


def _amount_from_text(text: str) -> int:
    shown = text if len(text) <= 40 else text[:40] + "…"
    refused = ValueProblemError(
        str(
            _l(
                "Enter a whole amount in rupiah such as 4.500.000 or 4,5 juta, got %(value)r.",
                value=shown,
            )
        )
    )
    match = _AMOUNT.match(text)
    if match is None:
        raise refused
    number, unit = match.group("number"), (match.group("unit") or "").lower()
    if _DOT_THOUSANDS.match(number):
        number = number.replace(".", "")
    elif not _PLAIN.match(number):
        raise refused
    try:
        amount = Decimal(number.replace(",", ".")) * _UNITS.get(unit, 1)
    except InvalidOperation as error:
        raise refused from error
    if amount != amount.to_integral_value():
        raise refused
    return int(amount)


def read_date(value: Any, earliest: date, latest: date) -> date | None:
    """A date written as YYYY-MM-DD between ``earliest`` and ``latest``; blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    shown = str(value)[:40]
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError as error:
        raise ValueProblemError(
            str(_l("Use a date like 2026-12-31, got %(value)r.", value=shown))
        ) from error
    if not earliest <= day <= latest:
        raise ValueProblemError(
            str(
                _l(
                    "The date must be between %(first)s and %(last)s.",
                    first=earliest.isoformat(),
                    last=latest.isoformat(),
                )
            )
        )
    return day
