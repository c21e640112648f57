"""The skill figures of the planners' Demand page: the skills most demanded, the rising and the
new ones, and a district x skill heat map, from the ``SkillDemand`` cells."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _

from app.services.planner import Chart, Figure, Filters, add_months
from app.services.planner.demand_counts import (
    SOURCE,
    month_label,
    region_names,
    skill_counts,
    skill_names,
    totals_by_skill,
    vacancy_counts,
)
from app.services.planner.scope import Scope, drill_url

TOP_SKILLS = 20
HEAT_SKILLS = 10
QUARTER = 3
MIN_TREND = 10  # vacancies in the last quarter before a skill may be called rising or new
TREND_ROWS = 15


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
    current = totals_by_skill(skill_counts(Scope(now)))
    earlier = totals_by_skill(skill_counts(Scope(before)))
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


def heat_map(filters: Filters) -> Figure:
    """Regency/city x the most demanded skills: vacancies posted in the period asking each."""
    counts = skill_counts(Scope(filters), "region_id")
    totals = totals_by_skill(counts)
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
