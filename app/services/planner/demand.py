"""The planners' Demand page: vacancies posted and open by month, district, occupation and
education asked; the skills most demanded, the rising and the new ones; salary ranges; a
district x skill heat map. Counts are read from the demand aggregate (``VacancyDemand`` and
``SkillDemand`` cells), salaries from the vacancies; every count links to the drill-down."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.labels import choices
from app.language import current_language
from app.models import OccupationGroup, Region, SalaryDemand, Skill, SkillDemand, VacancyDemand
from app.services.planner import Chart, Figure, Filters, add_months
from app.services.planner.registry import register_page
from app.services.planner.scope import Scope, drill_url

TOP_SKILLS = 20
HEAT_SKILLS = 10
QUARTER = 3
MIN_TREND = 10  # vacancies in the last quarter before a skill may be called rising or new
TREND_ROWS = 15
QUARTILES = (0.25, 0.5, 0.75)
SOURCE = _l("Source: Link & Match, vacancies of verified employers (demand aggregate).")


def region_names() -> dict[int, str]:
    """Every district's name by id."""
    return dict(db.session.execute(select(Region.id, Region.name)).all())


def occupation_names() -> dict[str, str]:
    """Every KBJI group's code and title in the UI language."""
    title = OccupationGroup.title_id if current_language() == "id" else OccupationGroup.title_en
    rows = db.session.execute(select(OccupationGroup.code, OccupationGroup.title_id, title))
    return {code: f"{code} {own or fallback}" for code, fallback, own in rows}


def skill_names(ids: Sequence[str]) -> dict[str, str]:
    """Skill labels in the UI language."""
    if not ids:
        return {}
    column = Skill.label_column(current_language())
    return dict(db.session.execute(select(Skill.id, column).where(Skill.id.in_(list(ids)))).all())


def vacancy_counts(scope: Scope, *by: str) -> dict[tuple, int]:
    """Vacancies of ``scope`` summed from the cells, per value of the ``by`` columns."""
    columns = [getattr(VacancyDemand, name) for name in by]
    rows = db.session.execute(
        select(*columns, func.sum(VacancyDemand.vacancies))
        .where(*scope.cell_clauses(VacancyDemand))
        .group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1] or 0) for row in rows}


def skill_counts(scope: Scope, *by: str, skills: Sequence[str] | None = None) -> dict[tuple, int]:
    """Vacancies of ``scope`` asking for each skill (required or nice to have), per skill and
    value of the ``by`` columns (``skills``: only those)."""
    columns = [SkillDemand.skill_id, *(getattr(SkillDemand, name) for name in by)]
    clauses = scope.cell_clauses(SkillDemand)
    if skills is not None:
        clauses.append(SkillDemand.skill_id.in_(list(skills)))
    rows = db.session.execute(
        select(*columns, func.sum(SkillDemand.vacancies)).where(*clauses).group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1] or 0) for row in rows}


def month_label(month: date) -> str:
    """A month as shown in tables: YYYY-MM."""
    return month.strftime("%Y-%m")


def per_month(filters: Filters) -> Figure:
    """Vacancies posted in each month and open during it."""
    posted = vacancy_counts(Scope(filters), "month")
    spans = vacancy_counts(Scope(filters, "open"), "month", "closed_month")
    rows, links = [], {}
    for r, month in enumerate(filters.months):
        open_now = sum(
            n
            for (start, end), n in spans.items()
            if start <= month and (end is None or end >= month)
        )
        rows.append([month_label(month), posted.get((month,), 0), open_now])
        one = Scope(filters).narrowed(since=month, until=month)
        links[(r, 1)] = drill_url(one)
        links[(r, 2)] = drill_url(Scope(one.filters, "open"))
    return Figure(
        name="per_month",
        title=_("Vacancies posted and open per month"),
        headers=[_("Month"), _("Posted"), _("Open during the month")],
        rows=rows,
        chart=Chart(kind="line", values=(1, 2), x_title=_("Month"), y_title=_("Vacancies")),
        note=_("Open during the month: posted by its end and not closed before it started."),
        source=str(SOURCE),
        links=links,
    )


def _by(
    filters: Filters,
    name: str,
    title: str,
    header: str,
    column: str,
    labels: dict,
    narrow: Callable[[Scope, object], Scope],
) -> Figure:
    """Vacancies posted in the period and open during it, per value of one cell column."""
    posted = vacancy_counts(Scope(filters), column)
    opened = vacancy_counts(Scope(filters, "open"), column)
    keys = sorted(set(posted) | set(opened), key=lambda k: (-posted.get(k, 0), str(k[0])))
    rows, links = [], {}
    for r, key in enumerate(keys):
        value = key[0]
        rows.append([labels.get(value, value), posted.get(key, 0), opened.get(key, 0)])
        links[(r, 1)] = drill_url(narrow(Scope(filters), value))
        links[(r, 2)] = drill_url(narrow(Scope(filters, "open"), value))
    return Figure(
        name=name,
        title=title,
        headers=[header, _("Posted in the period"), _("Open during the period")],
        rows=rows,
        chart=Chart(kind="bar" if column == "region_id" else "bar-horizontal", values=(1, 2)),
        source=str(SOURCE),
        links=links,
    )


def by_district(filters: Filters) -> Figure:
    """Vacancies per kabupaten/kota."""
    return _by(
        filters, "by_district", _("Vacancies by regency/city"), _("Regency/city"), "region_id",
        region_names(), lambda scope, value: scope.narrowed(region_id=value),
    )  # fmt: skip


def _occupation(scope: Scope, code: object) -> Scope:
    if code is None:
        return Scope(scope.filters, scope.measure, unclassified=True)
    return scope.narrowed(occupation_code=code)


def by_occupation(filters: Filters) -> Figure:
    """Vacancies per KBJI group (and those not classified yet)."""
    labels: dict = {**occupation_names(), None: _("Not classified yet")}
    return _by(
        filters, "by_occupation", _("Vacancies by occupation (KBJI 2014)"), _("Occupation"),
        "occupation_code", labels, _occupation,
    )  # fmt: skip


def by_education(filters: Filters) -> Figure:
    """Vacancies per education level asked."""
    return _by(
        filters, "by_education", _("Vacancies by education asked"), _("Minimum education"),
        "min_education", dict(choices("education_level")),
        lambda scope, value: scope.narrowed(education=value),
    )  # fmt: skip


def top_skills(filters: Filters) -> Figure:
    """The skills asked for by most vacancies posted in the period."""
    counts = skill_counts(Scope(filters), "required")
    total: dict[str, int] = defaultdict(int)
    required: dict[str, int] = defaultdict(int)
    for (skill, is_required), n in counts.items():
        total[skill] += n
        if is_required:
            required[skill] += n
    top = sorted(total, key=lambda s: (-total[s], s))[:TOP_SKILLS]
    names = skill_names(top)
    posted = sum(vacancy_counts(Scope(filters)).values())
    rows, links = [], {}
    for r, skill in enumerate(top):
        share = round(100 * total[skill] / posted, 1) if posted else 0.0
        rows.append([names.get(skill, skill), total[skill], required[skill], share])
        links[(r, 1)] = drill_url(Scope(filters, skill_id=skill))
    return Figure(
        name="top_skills",
        title=_("Skills most demanded"),
        headers=[
            _("Skill"),
            _("Vacancies asking"),
            _("Of them, as required"),
            _("Share of vacancies posted (%)"),
        ],  # fmt: skip
        rows=rows,
        chart=Chart(kind="bar-horizontal", values=(1,)),
        note=_("Vacancies posted in the period that ask for the skill, required or nice to have."),
        source=str(SOURCE),
        links=links,
    )


def _quarters(filters: Filters) -> tuple[Filters, Filters]:
    """The last quarter of the period and the same quarter a year earlier."""
    since = max(filters.since, add_months(filters.until, 1 - QUARTER))
    quarter = Filters(since, filters.until, filters.region_id, filters.occupation_code,
                      filters.education)  # fmt: skip
    return quarter, quarter.year_earlier()


def trends(filters: Filters) -> list[Figure]:
    """The fastest rising skills and the new ones (last quarter against a year earlier)."""
    now, before = _quarters(filters)
    current = _totals(skill_counts(Scope(now)))
    earlier = _totals(skill_counts(Scope(before)))
    big = [s for s, n in current.items() if n >= MIN_TREND]
    rising = [s for s in big if 0 < earlier.get(s, 0) < current[s]]
    rising.sort(key=lambda s: (-(current[s] - earlier[s]) / max(earlier[s], MIN_TREND), s))
    new = sorted((s for s in big if not earlier.get(s)), key=lambda s: (-current[s], s))
    names = skill_names(rising[:TREND_ROWS] + new[:TREND_ROWS])
    span = f"{month_label(now.since)} – {month_label(now.until)}"
    span_before = f"{month_label(before.since)} – {month_label(before.until)}"
    headers = [_("Skill"), span, span_before, _("Change (%)")]
    figures = []
    for name, title, skills in (
        ("rising", _("Fastest rising skills"), rising[:TREND_ROWS]),
        ("new_skills", _("New skills"), new[:TREND_ROWS]),
    ):
        rows, links = [], {}
        for r, skill in enumerate(skills):
            was = earlier.get(skill, 0)
            change = round(100 * (current[skill] - was) / was, 1) if was else None
            rows.append([names.get(skill, skill), current[skill], was, change])
            links[(r, 1)] = drill_url(Scope(now, skill_id=skill))
            links[(r, 2)] = drill_url(Scope(before, skill_id=skill))
        figures.append(
            Figure(
                name=name,
                title=title,
                headers=headers,
                rows=rows,
                chart=Chart(kind="bar-horizontal", values=(1, 2)),
                note=_trend_note(name),
                source=str(SOURCE),
                links=links,
            )
        )
    return figures


def _trend_note(name: str) -> str:
    if name == "rising":
        return _(
            "Vacancies posted in the last quarter of the period against the same quarter a year "
            "earlier; only skills asked by at least %(n)d vacancies in the last quarter. Ranked by "
            "the increase over the earlier count, counted as at least %(n)d so that a rise from "
            "1 to 3 does not lead.",
            n=MIN_TREND,
        )
    return _(
        "Skills asked by at least %(n)d vacancies in the last quarter of the period and by none "
        "in the same quarter a year earlier.",
        n=MIN_TREND,
    )


def _totals(counts: dict[tuple, int]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for key, n in counts.items():
        totals[key[0]] += n
    return totals


def quantile(values: Sequence[tuple[float, int]], q: float) -> float:
    """The ``q`` quantile of sorted (value, count) pairs, each value repeated ``count`` times,
    by linear interpolation (PostgreSQL's ``percentile_cont``)."""
    position = q * (sum(n for _, n in values) - 1)
    low, high = int(position), int(position) + 1
    below, low_value, high_value = 0, None, None
    for value, n in values:
        if low_value is None and low < below + n:
            low_value = value
        if high < below + n:
            high_value = value
            break
        below += n
    low_value = values[-1][0] if low_value is None else low_value
    high_value = low_value if high_value is None else high_value
    return low_value + (high_value - low_value) * (position - low)


def salary_quartiles(scope: Scope, column: str) -> dict[object, tuple[int, ...]]:
    """Per value of a cell column: how many vacancies of ``scope`` give a salary, and the
    quartiles of their salaries (from the salary cells: exact)."""
    key = getattr(SalaryDemand, column)
    rows = db.session.execute(
        select(key, SalaryDemand.salary, func.sum(SalaryDemand.vacancies))
        .where(*scope.cell_clauses(SalaryDemand))
        .group_by(key, SalaryDemand.salary)
        .order_by(key, SalaryDemand.salary)
    )
    amounts: dict[object, list[tuple[float, int]]] = defaultdict(list)
    for value, salary, n in rows:
        amounts[value].append((float(salary), int(n)))
    return {
        value: (sum(n for _, n in found), *(round(quantile(found, q)) for q in QUARTILES))
        for value, found in amounts.items()
    }


def salary_figure(filters: Filters, column: str) -> Figure:
    """Salary ranges of the vacancies posted in the period, per occupation or district: the
    quartiles of each vacancy's salary (the middle of its minimum and maximum, or the one
    given), with how many vacancies gave one."""
    scope = Scope(filters, with_salary=True)
    found = salary_quartiles(scope, column)
    by_occupation = column == "occupation_code"
    labels: dict = (
        {**occupation_names(), None: _("Not classified yet")} if by_occupation else region_names()
    )
    rows, links = [], {}
    for r, value in enumerate(sorted(found, key=lambda v: (-found[v][0], str(v)))):
        count, *quartiles = found[value]
        rows.append([labels.get(value, value), count, *quartiles])
        narrowed = _occupation(scope, value) if by_occupation else scope.narrowed(region_id=value)
        links[(r, 1)] = drill_url(
            Scope(narrowed.filters, "posted", unclassified=narrowed.unclassified, with_salary=True)
        )
    header = _("Occupation") if by_occupation else _("Regency/city")
    return Figure(
        name=f"salary_by_{'occupation' if by_occupation else 'district'}",
        title=_("Monthly salary offered by occupation")
        if by_occupation
        else _("Monthly salary offered by regency/city"),
        headers=[
            header,
            _("Vacancies with a salary"),
            _("25th percentile (Rp)"),
            _("Median (Rp)"),
            _("75th percentile (Rp)"),
        ],  # fmt: skip
        rows=rows,
        chart=Chart(kind="bar-horizontal", values=(2, 3, 4), unit="count"),
        note=_(
            "Vacancies posted in the period that give a salary: the middle of its minimum and "
            "maximum, or the one given."
        ),
        source=str(SOURCE),
        links=links,
    )


def heat_map(filters: Filters) -> Figure:
    """Regency/city x the most demanded skills: vacancies posted in the period asking each."""
    counts = skill_counts(Scope(filters), "region_id")
    totals = _totals(counts)
    top = sorted(totals, key=lambda s: (-totals[s], s))[:HEAT_SKILLS]
    names, regions = skill_names(top), region_names()
    districts = sorted({key[1] for key in counts if key[0] in top}, key=lambda i: regions[i])
    rows, links = [], {}
    for r, region in enumerate(districts):
        rows.append([regions[region], *(counts.get((s, region), 0) for s in top)])
        for c, skill in enumerate(top, start=1):
            links[(r, c)] = drill_url(Scope(filters, skill_id=skill).narrowed(region_id=region))
    return Figure(
        name="district_skills",
        title=_("Regency/city by skill: vacancies posted asking for the most demanded skills"),
        headers=[_("Regency/city"), *(names.get(s, s) for s in top)],
        rows=rows,
        chart=Chart(kind="heatmap", values=tuple(range(1, len(top) + 1))),
        source=str(SOURCE),
        links=links,
    )


@register_page(
    "demand",
    _l("Demand"),
    _l(
        "What employers ask for: vacancies posted and open, by month, regency/city, occupation "
        "and education asked; the skills most demanded, rising and new; salaries offered."
    ),
    order=10,
)
def demand_figures(filters: Filters) -> list[Figure]:
    """The Demand page's figures for the filters."""
    return [
        per_month(filters),
        by_district(filters),
        by_occupation(filters),
        by_education(filters),
        top_skills(filters),
        *trends(filters),
        salary_figure(filters, "occupation_code"),
        salary_figure(filters, "region_id"),
        heat_map(filters),
    ]
