"""The planners' Gaps page: per skill and district, demand share against supply share (the
shortage index, with the counts behind it), a district x skill map of it, the top missing skills
with the programmes that teach them and those that do not and the trainings that cover them,
and every programme's coverage of its district's demand (``gap_counts`` computes).

Seeker counts of 1 to 4 are hidden, and with them the supply share and the index they would give
away; vacancy counts are not people and are shown."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from app.services.opendata.suppression import is_small
from app.services.planner import Chart, Figure, Filters
from app.services.planner import gap_counts as gc
from app.services.planner import supply_counts as counts
from app.services.planner.registry import register_page
from app.services.planner.supply import skill_labels
from app.services.regions import region_choices

TOP_CELLS = 40
TOP_MISSING = 10
MAP_DISTRICTS = 8
TRAININGS_SHOWN = 3


def source() -> str:
    """The source line of the page's figures."""
    return _("Source: Link & Match (vacancies, job seekers' profiles, schools' programmes).")


def percent(share: float) -> float:
    """A share as a percentage with one decimal."""
    return round(share * 100, 1)


def index_cell(cell: gc.Shortage) -> object:
    """The index as shown: a number, "no job seekers" for zero supply, ``None`` when the
    seekers behind it are too few to show."""
    if is_small(cell.seekers) or is_small(cell.seekers_total):
        return None
    value = cell.index
    if value is None:
        return ""
    return _("no job seekers") if math.isinf(value) else round(value, 2)


def vacancies_link(filters: Filters, skill_id: str | None, region_id: int | None) -> str:
    """The vacancy drill-down of a number (``/planner/vacancies``), with the period."""
    args = {"since": filters.since.strftime("%Y-%m"), "until": filters.until.strftime("%Y-%m")}
    if skill_id:
        args["skill"] = skill_id
    if region_id is not None:
        args["region"] = str(region_id)
    try:
        return url_for("planner.vacancies", **args)
    except BuildError:
        return url_for("planner.page", page="vacancies") + "?" + urlencode(args)


def programmes_link(filters: Filters, skill_id: str, covers: bool) -> str:
    """The programmes (of the area) whose curricula teach the skill, or do not."""
    args = {"skill": skill_id, "covers": "1" if covers else "0"}
    if filters.region_id is not None:
        args["region"] = str(filters.region_id)
    if filters.education:
        args["education"] = filters.education
    return url_for("planner.programmes", **args)


def shortage_figure(filters: Filters, every: list[gc.Shortage]) -> Figure:
    """The largest shortages per skill and district, with their counts."""
    cells = every[:TOP_CELLS]
    labels = skill_labels([c.skill_id for c in cells])
    names = dict(region_choices())
    rows: list[list[object]] = []
    links: dict[tuple[int, int], str] = {}
    for r, cell in enumerate(cells):
        small = is_small(cell.seekers) or is_small(cell.seekers_total)
        rows.append([
            labels[cell.skill_id], names.get(cell.region_id or 0, ""), cell.vacancies,
            cell.vacancies_total, percent(cell.demand_share),
            None if small else cell.seekers,
            None if is_small(cell.seekers_total) else cell.seekers_total,
            None if small else percent(cell.supply_share), index_cell(cell),
        ])  # fmt: skip
        links[(r, 2)] = vacancies_link(filters, cell.skill_id, cell.region_id)
        links[(r, 3)] = vacancies_link(filters, None, cell.region_id)
    return Figure(
        name="shortage",
        title=_("Shortage index by skill and regency/city"),
        headers=[
            _("Skill"),
            _("Regency/city"),
            _("Vacancies asking for it"),
            _("Vacancies"),
            _("Demand share (%)"),
            _("Job seekers with it"),
            _("Job seekers"),
            _("Supply share (%)"),
            _("Shortage index"),
        ],  # fmt: skip
        rows=rows,
        links=links,
        note=_(
            "Shortage index = demand share / supply share: above 1, the skill is asked for more "
            "often than job seekers have it. Vacancies open at some time in the period; skills "
            'asked by at least %(n)d vacancies of the district. "No job seekers": demand '
            "without any supply (ranked first). The %(top)d largest shortages.",
            n=gc.MIN_VACANCIES,
            top=TOP_CELLS,
        ),
        source=source(),
    )


def shortage_map(filters: Filters, every: list[gc.Shortage], area: list[gc.Shortage]) -> Figure:
    """A district x skill heat map of the index for the area's top missing skills."""
    top = [c.skill_id for c in area[:TOP_MISSING]]
    cells = {(c.region_id, c.skill_id): c for c in every}
    districts = [
        (i, name) for i, name in region_choices() if any((i, s) in cells for s in top)
    ][:MAP_DISTRICTS] if filters.region_id is None else [
        (i, name) for i, name in region_choices() if i == filters.region_id
    ]  # fmt: skip
    labels = skill_labels(top)
    rows = [
        [labels[s], *[index_cell(cells[(i, s)]) if (i, s) in cells else "" for i, _n in districts]]
        for s in top
    ]
    return Figure(
        name="shortage_map",
        title=_("Shortage index of the top missing skills by regency/city"),
        headers=[_("Skill"), *[name for _i, name in districts]],
        rows=rows,
        chart=Chart(kind="heatmap", values=tuple(range(1, len(districts) + 1))),
        note=_(
            "Empty: fewer than %(n)d vacancies of the district ask for the skill.",
            n=gc.MIN_VACANCIES,
        ),  # fmt: skip
        source=source(),
    )


def missing_figure(filters: Filters, area: list[gc.Shortage]) -> Figure:
    """The area's top missing skills: programmes teaching them or not, trainings covering them."""
    top = area[:TOP_MISSING]
    ids = [c.skill_id for c in top]
    labels = skill_labels(ids)
    found = counts.programmes(filters.region_id, filters.education)
    taught = counts.taught_skills([p.id for p in found])
    trainings = gc.trainings_by_skill(ids, filters.region_id)
    rows: list[list[object]] = []
    links: dict[tuple[int, int], str] = {}
    for r, cell in enumerate(top):
        teaching = sum(1 for p in found if cell.skill_id in taught.get(p.id, set()))
        offers = trainings.get(cell.skill_id, [])
        rows.append([
            labels[cell.skill_id], cell.vacancies, percent(cell.demand_share), index_cell(cell),
            teaching, len(found) - teaching, len(offers),
            "; ".join(offers[:TRAININGS_SHOWN]),
        ])  # fmt: skip
        links[(r, 1)] = vacancies_link(filters, cell.skill_id, filters.region_id)
        links[(r, 4)] = programmes_link(filters, cell.skill_id, True)
        links[(r, 5)] = programmes_link(filters, cell.skill_id, False)
    return Figure(
        name="missing_skills",
        title=_("Top missing skills: who teaches them"),
        headers=[
            _("Skill"),
            _("Vacancies asking for it"),
            _("Demand share (%)"),
            _("Shortage index"),
            _("Programmes teaching it"),
            _("Programmes not teaching it"),
            _("Trainings covering it"),
            _("Trainings (first three)"),
        ],  # fmt: skip
        rows=rows,
        links=links,
        note=_(
            "The %(n)d largest shortages of the area (the chosen regency/city, or the province), "
            "the published programmes of the area whose learning outcomes teach each skill and "
            "those that do not, and the catalogue's trainings that teach it (in the area or "
            "online).",
            n=TOP_MISSING,
        ),
        source=source(),
    )


def coverage_figure(filters: Filters) -> Figure:
    """Every programme's coverage of its district's demand, in one table."""
    found = gc.programme_coverage(filters)
    years = counts.period_years(filters)
    numbers = counts.graduates([c.programme.id for c in found], range(years.stop - 1, years.stop))
    names = dict(region_choices())
    rows: list[list[object]] = []
    links: dict[tuple[int, int], str] = {}
    for r, item in enumerate(sorted(found, key=lambda c: (-(c.coverage or -1), c.programme.name))):
        programme = item.programme
        rows.append([
            programme.name, names.get(programme.region_id, ""),
            numbers.get((programme.id, years.stop - 1)),
            _("not enough vacancies") if item.coverage is None else percent(item.coverage),
            item.vacancies,
        ])  # fmt: skip
        links[(r, 0)] = url_for("planner.programme", curriculum_id=programme.id)
        links[(r, 4)] = vacancies_link(filters, None, programme.region_id)
    return Figure(
        name="programme_coverage",
        title=_("Coverage of the district's demand by school programme"),
        headers=[
            _("Programme"),
            _("Regency/city"),
            _("Graduates %(year)s", year=years.stop - 1),
            _("Coverage of the district's demand (%)"),
            _("Vacancies considered"),
        ],  # fmt: skip
        rows=rows,
        links=links,
        note=_(
            "The school gap report's coverage number, from the same demand: the share of the "
            "district's demand (vacancies of the period's %(months)d months, recent and required "
            "skills weighing more) that the programme's learning outcomes teach, near skills "
            "counting in part. Fewer than 5 vacancies: no number.",
            months=len(filters.months),
        ),
        source=source(),
    )


@register_page(
    "gaps",
    _l("Gaps"),
    _l(
        "Where demand and supply diverge: skills asked for more often than job seekers have "
        "them, who teaches the missing ones, and how much of its district's demand each school "
        "programme covers."
    ),
    order=30,
)
def figures(filters: Filters) -> list[Figure]:
    """The Gaps page's figures: the occupation filter narrows the demand side (vacancies of
    that KBJI group; job seekers have no occupation); the education filter applies to job
    seekers and programmes."""
    every, area = gc.shortages(filters), gc.area_shortages(filters)
    return [
        shortage_figure(filters, every),
        shortage_map(filters, every, area),
        missing_figure(filters, area),
        coverage_figure(filters),
    ]
