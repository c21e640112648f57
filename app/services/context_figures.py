"""The BPS context tables of the planners' pages: open unemployment of the province over time,
by kabupaten/kota and by education. One function builds each table for the page, the chart and
the download alike, so a download holds exactly what the page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import LabourStatistic

INDICATOR = "tpt"
TABLES = ("province", "districts", "education")
# education breakdowns from the least to the most schooling (the order of the chart)
EDUCATION_ORDER = ("sd_or_less", "smp", "sma", "smk", "diploma", "university")


@dataclass(frozen=True)
class ContextRow:
    """One figure as shown: a label (a period, an area or an education level) and its value."""

    key: str
    area_code: str
    period: str
    value: float
    unit: str
    source: str


@dataclass(frozen=True)
class ContextTable:
    """A table behind one chart; ``period`` is the survey round it shows (None for a series)."""

    name: str
    period: str | None
    rows: list[ContextRow] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """The distinct sources of the rows, in order."""
        return list(dict.fromkeys(r.source for r in self.rows))


def periods() -> list[str]:
    """Every period with a figure, newest first."""
    stmt = (
        select(LabourStatistic.period)
        .where(LabourStatistic.indicator == INDICATOR)
        .distinct()
        .order_by(LabourStatistic.period.desc())
    )
    return list(db.session.scalars(stmt))


def _is_province():  # type: ignore[no-untyped-def]
    return func.length(LabourStatistic.area_code) == 2


def _row(s: LabourStatistic, key: str) -> ContextRow:
    return ContextRow(key, s.area_code, s.period, s.value, s.unit, s.source)


def province_series(since: str | None, until: str | None) -> ContextTable:
    """The province's open unemployment rate (total) at each period in [since, until]."""
    stmt = select(LabourStatistic).where(
        LabourStatistic.indicator == INDICATOR,
        LabourStatistic.breakdown == "total",
        _is_province(),
    )
    if since:
        stmt = stmt.where(LabourStatistic.period >= since)
    if until:
        stmt = stmt.where(LabourStatistic.period <= until)
    rows = db.session.scalars(stmt.order_by(LabourStatistic.period, LabourStatistic.area_code))
    return ContextTable("province", None, [_row(s, s.period) for s in rows])


def _fullest(condition) -> str | None:  # type: ignore[no-untyped-def]
    """The period with the most figures meeting ``condition``, the latest of those: a round
    where BPS was quoted for two districts does not hide one with all eight."""
    stmt = (
        select(LabourStatistic.period, func.count())
        .where(LabourStatistic.indicator == INDICATOR, condition)
        .group_by(LabourStatistic.period)
    )
    counts = db.session.execute(stmt).all()
    return max(counts, key=lambda row: (row[1], row[0]))[0] if counts else None


def by_district(survey_round: str | None) -> ContextTable:
    """Each kabupaten/kota's rate in a survey round (default: the fullest), highest first."""
    district = (func.length(LabourStatistic.area_code) == 4) & (
        LabourStatistic.breakdown == "total"
    )
    period = survey_round or _fullest(district)
    if period is None:
        return ContextTable("districts", None)
    stmt = select(LabourStatistic).where(
        LabourStatistic.indicator == INDICATOR, LabourStatistic.period == period, district
    )
    rows = sorted(db.session.scalars(stmt), key=lambda s: (-s.value, s.area_code))
    return ContextTable("districts", period, [_row(s, s.area_name) for s in rows])


def by_education(survey_round: str | None) -> ContextTable:
    """The province's rate by education in a survey round (default: the fullest), from the
    least to the most schooling."""
    education = _is_province() & LabourStatistic.breakdown.like("education:%")
    period = survey_round or _fullest(education)
    if period is None:
        return ContextTable("education", None)
    stmt = select(LabourStatistic).where(
        LabourStatistic.indicator == INDICATOR, LabourStatistic.period == period, education
    )

    def order(s: LabourStatistic) -> tuple[int, str]:
        level = s.breakdown.split(":", 1)[1]
        known = level in EDUCATION_ORDER
        return (EDUCATION_ORDER.index(level) if known else len(EDUCATION_ORDER), level)

    rows = sorted(db.session.scalars(stmt), key=order)
    return ContextTable("education", period, [_row(s, s.breakdown.split(":", 1)[1]) for s in rows])


def context_tables(
    since: str | None, until: str | None, survey_round: str | None
) -> dict[str, ContextTable]:
    """The three tables of the planners' context section: the series from ``since`` to
    ``until``, the breakdowns of ``survey_round`` (None: each table's fullest round)."""
    return {
        "province": province_series(since, until),
        "districts": by_district(survey_round),
        "education": by_education(survey_round),
    }
