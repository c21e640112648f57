"""Labour-market context figures (BPS Sakernas open unemployment): load them from a CSV file,
all or nothing, and read them back for the planners' pages.

The file has the columns ``period, area_code, area, breakdown, value_percent, source`` (the
shipped ``profiles/banten/bps_tpt.csv``, the deployment profile's ``CONTEXT_FILE``); ``indicator`` (default ``tpt``) is optional, and a file
may give ``value`` and ``unit`` instead of ``value_percent``. Loading again replaces the figures
of the same (period, area_code, breakdown, indicator).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.models import LabourStatistic
from app.models.base import utcnow

REQUIRED = ("period", "area_code", "area", "breakdown", "source")
MAX_BYTES = 5_000_000
MAX_ROWS = 20_000
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_AREA = re.compile(r"^\d{2}(\d{2})?$")
_BREAKDOWN = re.compile(r"^(total|education:[a-z][a-z_]{0,40})$")
_INDICATOR = re.compile(r"^[a-z][a-z_]{0,39}$")
_LIMITS = {"area": 120, "source": 300, "unit": 20}


@dataclass(frozen=True)
class LineError:
    """One problem of a context file: its line (the header is line 1), field and message."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class ContextFileError(ValueError):
    """The file was refused; nothing was saved. ``errors`` names every bad line and field."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:20]))
        self.errors = errors


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    added: int
    replaced: int


def _value(row: dict[str, str], line: int, errors: list[LineError]) -> tuple[float, str] | None:
    if "value_percent" in row:
        raw, field, unit = row.get("value_percent") or "", "value_percent", "%"
    else:
        raw, field, unit = row.get("value") or "", "value", (row.get("unit") or "").strip()
        if not unit:
            errors.append(LineError(line, "unit", "missing"))
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        errors.append(LineError(line, field, f"not a number: {raw!r}"))
        return None
    if not math.isfinite(value) or (unit == "%" and not 0 <= value <= 100):
        errors.append(LineError(line, field, f"out of range: {raw!r}"))
        return None
    return value, unit


def _check(row: dict[str, str | None], line: int, errors: list[LineError]) -> dict | None:
    clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
    before = len(errors)
    for name in REQUIRED:
        if not clean.get(name):
            errors.append(LineError(line, name, "missing"))
    checks = (
        ("period", _PERIOD, "expected YYYY-MM"),
        ("area_code", _AREA, "expected a BPS code of 2 or 4 digits (36, 3601)"),
        ("breakdown", _BREAKDOWN, "expected total or education:<level>"),
    )
    for name, pattern, message in checks:
        if clean.get(name) and not pattern.match(clean[name]):
            errors.append(LineError(line, name, f"{message}, got {clean[name]!r}"))
    indicator = clean.get("indicator") or "tpt"
    if not _INDICATOR.match(indicator):
        errors.append(LineError(line, "indicator", f"expected a short code, got {indicator!r}"))
    for name, limit in _LIMITS.items():
        if len(clean.get(name, "")) > limit:
            errors.append(LineError(line, name, f"longer than {limit} characters"))
    value = _value(clean, line, errors)
    if value is None or len(errors) > before:
        return None
    return {
        "period": clean["period"],
        "area_code": clean["area_code"],
        "area_name": clean["area"],
        "breakdown": clean["breakdown"],
        "indicator": indicator,
        "value": value[0],
        "unit": value[1],
        "source": clean["source"],
    }


def read_context_file(data: bytes) -> list[dict]:
    """Check every line of a context CSV; ContextFileError lists every problem."""
    if len(data) > MAX_BYTES:
        raise ContextFileError([LineError(0, "file", f"larger than {MAX_BYTES} bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContextFileError([LineError(0, "file", "not UTF-8 text")]) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = set(reader.fieldnames or [])
    missing = [c for c in REQUIRED if c not in header]
    if "value_percent" not in header and "value" not in header:
        missing.append("value_percent")
    if missing:
        raise ContextFileError([LineError(1, c, "column missing") for c in missing])
    errors: list[LineError] = []
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for index, row in enumerate(reader):
        line = reader.line_num
        if index >= MAX_ROWS:
            errors.append(LineError(line, "file", f"more than {MAX_ROWS} rows"))
            break
        checked = _check(row, line, errors)
        if checked is None:
            continue
        key = _key(checked)
        if key in seen:
            errors.append(LineError(line, "period", f"same figure as line {seen[key]}"))
            continue
        seen[key] = line
        rows.append(checked)
    if errors:
        raise ContextFileError(errors)
    if not rows:
        raise ContextFileError([LineError(2, "file", "no figures")])
    return rows


def _key(row: dict) -> tuple[str, str, str, str]:
    return (row["period"], row["area_code"], row["breakdown"], row["indicator"])


def load_context(data: bytes) -> LoadResult:
    """Save every figure of a checked file in one transaction (replacing the same keys)."""
    rows = read_context_file(data)
    existing = {
        (s.period, s.area_code, s.breakdown, s.indicator): s
        for s in db.session.scalars(
            select(LabourStatistic).where(LabourStatistic.period.in_({r["period"] for r in rows}))
        )
    }
    added = replaced = 0
    for row in rows:
        statistic = existing.get(_key(row))
        if statistic is None:
            db.session.add(LabourStatistic(**row))
            added += 1
            continue
        for name, value in row.items():
            setattr(statistic, name, value)
        statistic.loaded_at = utcnow()
        replaced += 1
    db.session.commit()
    return LoadResult(added=added, replaced=replaced)


def load_context_file(path: str | Path) -> LoadResult:
    """``load_context`` of a file on disk."""
    return load_context(Path(path).read_bytes())


def count_figures() -> int:
    """How many context figures the database holds."""
    return db.session.scalar(select(func.count()).select_from(LabourStatistic)) or 0
