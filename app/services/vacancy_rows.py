"""The rules of one vacancy row, shared by the bulk import (``vacancy_import``), the feeds
(``feeds.importer``) and the API (``api_vacancies``): a raw row (text cells of a CSV, values of
a JSON object) checked field by field into a ``VacancyInput``, every problem named by line and
field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, Region
from app.services.clock import today as local_today
from app.services.vacancies import DESCRIPTION_MAX, TITLE_MAX, VacancyInput
from app.services.vacancy_files import EXTRA_CELLS, ValueProblemError, read_amount, read_date
from curricula.limits import without_surrogates

REQUIRED = ("title", "description", "region", "employment_type", "min_education")
TEXT_COLUMNS = ("title", "description", "region", "employment_type", "min_education")
MAX_CHARS = {
    "title": TITLE_MAX,
    "description": DESCRIPTION_MAX,
    "region": 200,
    "employment_type": 50,
    "min_education": 50,
}
CLOSING_DATE_EARLIEST = date(2000, 1, 1)
CLOSING_DATE_YEARS_AHEAD = 2
EMPLOYMENT_ALIASES = {
    "penuh waktu": "full_time",
    "full time": "full_time",
    "purnawaktu": "full_time",
    "paruh waktu": "part_time",
    "part time": "part_time",
    "kontrak": "contract",
    "magang": "internship",
    "internship": "internship",
    "lepas": "freelance",
}
EDUCATION_ALIASES = {"sma": "sma_smk", "smk": "sma_smk", "sma/smk": "sma_smk", "slta": "sma_smk"}


@dataclass(frozen=True)
class RowError:
    """One problem of one row: where (line of a CSV, entry of a JSON list), which field, what."""

    line: int
    field: str
    message: str


_Fail = Callable[[str, object], None]  # records one problem: (field, message)
_TYPE_NAMES = {bool: _l("true/false"), int: _l("a number"), float: _l("a number")}


def _type_name(value: Any) -> Any:
    if isinstance(value, dict):
        return _l("an object")
    if isinstance(value, list):
        return _l("a list")
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _RowChecker:
    """Turns one raw row into a VacancyInput, collecting every error of the row."""

    def __init__(self, regions: dict[str, int]) -> None:
        self.regions = regions
        config = current_app.config
        self.salary_max = config["SALARY_MAX"]
        today = local_today()
        self.first_date = CLOSING_DATE_EARLIEST
        self.last_date = today.replace(year=today.year + CLOSING_DATE_YEARS_AHEAD, day=28)

    def check(self, line: int, raw: dict[str, Any]) -> tuple[VacancyInput | None, list[RowError]]:
        errors: list[RowError] = []

        def fail(name: str, message: object) -> None:
            errors.append(RowError(line, name, without_surrogates(str(message))))

        if "_" in raw and len(raw) == 1:
            fail("-", _l("Each entry must be an object with the columns as keys."))
            return None, errors
        if EXTRA_CELLS in raw:
            got, expected = raw[EXTRA_CELLS]
            fail(
                "-",
                _l(
                    "The row has %(got)d cells but the header has %(expected)d.",
                    got=got,
                    expected=expected,
                ),
            )
        values = _texts(raw, fail, errors)
        region_id = self.regions.get(values["region"].lower())
        if values["region"] and region_id is None:
            fail("region", _l("Unknown region %(value)r.", value=values["region"][:80]))
        employment = _choice(values, fail, "employment_type", EMPLOYMENT_ALIASES, EMPLOYMENT_TYPES)
        education = _choice(values, fail, "min_education", EDUCATION_ALIASES, EDUCATION_LEVELS)
        salaries = self._salaries(raw, fail)
        closing = None
        try:
            closing = read_date(raw.get("closing_date"), self.first_date, self.last_date)
        except ValueProblemError as problem:
            fail("closing_date", problem.message)
        if errors:
            return None, errors
        return VacancyInput(
            title=values["title"],
            description=values["description"],
            region_id=region_id or 0,
            employment_type=employment,
            min_education=education,
            salary_min=salaries["salary_min"],
            salary_max=salaries["salary_max"],
            closing_date=closing,
        ), []

    def _salaries(self, raw: dict[str, Any], fail: _Fail) -> dict[str, int | None]:
        """The minimum and maximum salary (those that can be read), the maximum not below the
        minimum."""
        salaries: dict[str, int | None] = {}
        for name in ("salary_min", "salary_max"):
            try:
                salaries[name] = read_amount(raw.get(name), self.salary_max)
            except ValueProblemError as problem:
                fail(name, problem.message)
        low, high = salaries.get("salary_min"), salaries.get("salary_max")
        if low is not None and high is not None and low > high:
            fail("salary_max", _l("The maximum salary must not be below the minimum."))
        return salaries


def _texts(raw: dict[str, Any], fail: _Fail, errors: list[RowError]) -> dict[str, str]:
    """The text columns stripped ("" where not text or not valid Unicode), each required one
    present and each within its length."""
    values: dict[str, str] = {}
    for name in TEXT_COLUMNS:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            fail(name, _l("Must be text, got %(kind)s.", kind=_type_name(value)))
            value = None
        text = (value or "").strip()
        if not _encodable(text):
            fail(name, _l("The text holds characters that are not valid Unicode."))
            text = ""
        values[name] = text
    for name in REQUIRED:
        if not values[name] and not any(e.field == name for e in errors):
            fail(name, _l("This field is required."))
    for name, limit in MAX_CHARS.items():
        if len(values[name]) > limit:
            fail(name, _l("Use at most %(max)d characters.", max=limit))
    return values


def _choice(
    values: dict[str, str],
    fail: _Fail,
    name: str,
    aliases: dict[str, str],
    allowed: tuple[str, ...],
) -> str:
    """A choice column's value, lower-cased and its alias resolved; one not allowed fails."""
    value = aliases.get(values[name].lower(), values[name].lower())
    if values[name] and value not in allowed:
        fail(
            name,
            _l(
                "Unknown value %(value)r; use one of %(allowed)s.",
                value=values[name][:80],
                allowed=", ".join(allowed),
            ),
        )
    return value


def row_checker() -> _RowChecker:
    """The one rule set of a vacancy row (``check(line, raw)``), for other importers (feeds)."""
    return _RowChecker(region_lookup())


def check_row(raw: dict[str, Any], line: int = 0) -> tuple[VacancyInput | None, list[RowError]]:
    """One vacancy's raw fields checked by the import's rules (the API sends one at a time)."""
    return row_checker().check(line, raw)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ('\ud800' in a JSON string)
        return False
    return True


def region_lookup() -> dict[str, int]:
    """Region names and BPS codes (lower-cased) -> region id."""
    lookup: dict[str, int] = {}
    for region in db.session.scalars(select(Region)):
        lookup[region.name.lower()] = region.id
        lookup[region.code] = region.id
        bare = region.name.lower().replace("kab. ", "kabupaten ")
        lookup[bare] = region.id
    return lookup
