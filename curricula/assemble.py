"""Building units from template rows, and the final checks every format shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from curricula.fields import FieldError, parse_int, parse_phase
from curricula.model import (
    CurriculumParseError,
    ParsedCurriculum,
    ParsedOutcome,
    ParsedUnit,
    ParseIssue,
    make_issue,
)

TEMPLATE_COLUMNS = ("unit_code", "unit_name", "phase", "semester", "hours", "credits", "outcome")
REQUIRED_COLUMNS = ("unit_name", "outcome")
COLUMN_ALIASES = {
    "code": "unit_code",
    "kode": "unit_code",
    "kode_unit": "unit_code",
    "kode_mk": "unit_code",
    "kode_mata_kuliah": "unit_code",
    "kode_mapel": "unit_code",
    "name": "unit_name",
    "unit": "unit_name",
    "nama": "unit_name",
    "nama_unit": "unit_name",
    "mata_pelajaran": "unit_name",
    "mata_kuliah": "unit_name",
    "nama_mata_kuliah": "unit_name",
    "nama_mata_pelajaran": "unit_name",
    "elemen": "unit_name",
    "fase": "phase",
    "jp": "hours",
    "jam": "hours",
    "jam_pelajaran": "hours",
    "alokasi_waktu": "hours",
    "smt": "semester",
    "sks": "credits",
    "kredit": "credits",
    "capaian": "outcome",
    "capaian_pembelajaran": "outcome",
    "tujuan_pembelajaran": "outcome",
    "cpmk": "outcome",
    "learning_outcome": "outcome",
}
NUMBER_COLUMNS = ("semester", "hours", "credits")
MAX_ISSUES = 50


def normalise_column(cell: str) -> str:
    """A header cell as a template column name ('Kode Unit' -> 'unit_code')."""
    key = re.sub(r"[\s\-/]+", "_", cell.replace("\ufeff", "").strip().lower()).strip("_")
    return COLUMN_ALIASES.get(key, key)


def map_columns(
    cells: list[str], line: int | None, where: Mapping[str, Any], issues: list[ParseIssue]
) -> dict[str, int] | None:
    """Template column -> cell index; adds missing/unknown column issues (None if unusable)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = normalise_column(cell)
        if name in TEMPLATE_COLUMNS and name not in columns:
            columns[name] = index
        elif cell.strip():
            issues.append(make_issue("unknown_column", line, cell.strip(), **where))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    found = ", ".join(cell.strip() for cell in cells if cell.strip()) or "-"
    for name in missing:
        issues.append(make_issue("missing_column", line, name, columns=found, **where))
    return None if missing else columns


@dataclass
class _Draft:
    name: str
    code: str
    line: int | None
    where: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    first_lines: dict[str, int | None] = field(default_factory=dict)
    outcomes: list[ParsedOutcome] = field(default_factory=list)


@dataclass
class UnitRows:
    """Collects template rows (one per outcome) into units grouped by code and name."""

    issues: list[ParseIssue] = field(default_factory=list)
    drafts: dict[tuple[str, str], _Draft] = field(default_factory=dict)

    def add(self, row: Mapping[str, str], line: int | None, where: Mapping[str, Any]) -> None:
        """Add one row (column -> cell text) found at ``line``."""
        cells = {key: (value or "").strip() for key, value in row.items()}
        if not any(cells.values()):
            return
        code, name, outcome = cells.get("unit_code", ""), cells.get("unit_name", ""), ""
        outcome = " ".join(cells.get("outcome", "").split())
        draft = self._find(code, name)
        if draft is None:
            if not name:
                self.issues.append(make_issue("missing_value", line, "unit_name", **where))
                return
            draft = _Draft(name=" ".join(name.split()), code=code, line=line, where=dict(where))
            self.drafts[(code.upper(), draft.name.casefold())] = draft
        for column in ("phase", *NUMBER_COLUMNS):
            self._set(draft, column, cells.get(column, ""), line, where)
        if outcome:
            draft.outcomes.append(ParsedOutcome(outcome, line, where.get("page")))

    def _find(self, code: str, name: str) -> _Draft | None:
        if name:
            return self.drafts.get((code.upper(), " ".join(name.split()).casefold()))
        matches = [d for (c, _), d in self.drafts.items() if code and c == code.upper()]
        return matches[0] if matches else None

    def _set(
        self, draft: _Draft, column: str, raw: str, line: int | None, where: Mapping[str, Any]
    ) -> None:
        try:
            value = parse_phase(raw) if column == "phase" else parse_int(raw, column)
        except FieldError as error:
            self.issues.append(make_issue(error.code, line, column, **where, **error.params))
            return
        if value is None:
            return
        if column not in draft.values:
            draft.values[column], draft.first_lines[column] = value, line
        elif draft.values[column] != value:
            self.issues.append(
                make_issue(
                    "conflicting_value",
                    line,
                    column,
                    value=value,
                    first_value=draft.values[column],
                    first_line=draft.first_lines[column],
                    **where,
                )
            )

    def units(self) -> list[ParsedUnit]:
        """The units in order of first appearance."""
        return [
            ParsedUnit(
                name=d.name,
                code=d.code,
                phase=d.values.get("phase"),
                semester=d.values.get("semester"),
                hours=d.values.get("hours"),
                credits=d.values.get("credits"),
                outcomes=tuple(d.outcomes),
                line=d.line,
                page=d.where.get("page"),
            )
            for d in self.drafts.values()
        ]


def unit_where(unit: ParsedUnit, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Location params for an issue about ``unit``."""
    where = dict(extra or {})
    if unit.page is not None:
        where["page"] = unit.page
    return where


def finish(
    units: list[ParsedUnit],
    issues: list[ParseIssue],
    where: Mapping[str, Any] | None = None,
    **meta: Any,
) -> tuple[ParsedCurriculum, tuple[ParseIssue, ...]]:
    """Check the units, raise ``CurriculumParseError`` on any error, else return the result."""
    issues = list(issues)
    if any(not issue.is_warning for issue in issues):
        pass  # no_units / no_outcomes would only repeat what the errors already say
    elif not units:
        orphan = next((i for i in issues if i.code == "outcome_outside_unit"), None)
        line, params = (orphan.line, orphan.params) if orphan else (None, {})
        issues.append(make_issue("no_units", line, **params))
    elif not any(unit.outcomes for unit in units):
        issues.append(make_issue("no_outcomes"))
    else:
        for unit in units:
            if not unit.outcomes:
                issues.append(
                    make_issue(
                        "unit_without_outcomes",
                        unit.line,
                        unit=unit.name,
                        **unit_where(unit, where),
                    )
                )
    errors = [issue for issue in issues if not issue.is_warning]
    if errors:
        raise CurriculumParseError(errors[:MAX_ISSUES])
    curriculum = ParsedCurriculum(
        programme=meta.get("programme") or "",
        concentration=meta.get("concentration") or "",
        level=meta.get("level"),
        version_year=meta.get("version_year"),
        units=tuple(units),
    )
    return curriculum, tuple(issues)
