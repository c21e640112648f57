"""The planners' Supply page: job seekers by district, education and skill (declared and
verified apart), graduates per year by school programme and district, and the skills the
published curricula teach weighted by their graduates.

Counts of seekers are people: a count from 1 to 4 is hidden, and so is a second cell of its
group when a published total would give it away by subtraction
(``app.services.opendata.suppression``). Graduates are the schools' own yearly figures about a
programme, not about a person, and are shown as recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.labels import choices
from app.language import current_language
from app.models import Skill
from app.services.opendata.suppression import suppress_group
from app.services.planner import Chart, Figure, Filters
from app.services.planner import supply_counts as counts
from app.services.planner.registry import register_page
from app.services.regions import region_choices

TOP_SKILLS = 30


def source() -> str:
    """The source line of every figure of the page."""
    return _("Source: Link & Match (job seekers' profiles and schools' programmes).")


def skill_labels(skill_ids: Sequence[str]) -> dict[str, str]:
    """Labels of skills in the UI language (the id when unknown)."""
    ids = list(dict.fromkeys(skill_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(Skill.id, Skill.label_column(current_language())).where(Skill.id.in_(ids))
    )
    found = {k: v for k, v in rows}
    return {sid: found.get(sid, sid) for sid in ids}


def hidden(values: Sequence[int], total: int | None = None) -> list[int | None]:
    """The values with small cells (and what a published total would give away) as ``None``."""
    flags = suppress_group(list(values), total)
    return [None if flag else value for value, flag in zip(values, flags, strict=True)]


def hidden_total(total: int) -> int | None:
    """A total of people, ``None`` when it is small."""
    return hidden([total])[0]


def total_note(total: int) -> str:
    """The published total under a breakdown (in the note: a bar of it would dwarf the rest)."""
    shown = hidden_total(total)
    return " " + _("Total: %(n)s job seekers.", n="—" if shown is None else format_decimal(shown))


def seekers_note() -> str:
    """What the seeker counts are (shown under each seeker figure)."""
    return _(
        "Active job-seeker accounts registered by the end of the period (profiles as they are "
        "today). Counts of 1 to 4 people are hidden (—), and so is a second count when a total "
        "would give a hidden one away."
    )


def _choice_rows(
    found: Mapping[Any, int], options: Sequence[tuple[Any, str]], chosen: Any, not_given: str
) -> tuple[list[list[object]], int]:
    """Rows (label, people) per option of a filter, and their total: only the ``chosen``
    option when the filter names one, else every option and a row of those ``not_given``;
    small counts hidden (``hidden``; with every option listed, also what their published total
    would give away)."""
    if chosen is not None:
        options = [(key, name) for key, name in options if key == chosen]
    labels = [name for _, name in options]
    values = [found.get(key, 0) for key, _ in options]
    if chosen is None:
        labels.append(not_given)
        values.append(found.get(None, 0))
    total = sum(values)
    shown = hidden(values, total if chosen is None else None)
    return [[label, n] for label, n in zip(labels, shown, strict=True)], total


def _seekers_by(
    name: str,
    title: str,
    header: str,
    found: Mapping[Any, int],
    options: Sequence[tuple[Any, str]],
    chosen: Any,
    not_given: str,
) -> Figure:
    """Job seekers per option of a filter as bars (``_choice_rows``); their total in the note
    unless the filter names one option."""
    rows, total = _choice_rows(found, options, chosen, not_given)
    return Figure(
        name=name,
        title=title,
        headers=[header, _("Job seekers")],
        rows=rows,
        chart=Chart(kind="bar", y_title=_("Job seekers")),
        note=seekers_note() + (total_note(total) if chosen is None else ""),
        source=source(),
    )


def by_district(filters: Filters) -> Figure:
    """Seekers per kabupaten/kota (the province total in the note unless one is chosen)."""
    return _seekers_by(
        "seekers_by_district",
        _("Job seekers by regency/city"),
        _("Regency/city"),
        counts.seekers_by_region(filters),
        region_choices(),
        filters.region_id,
        _("District not given"),
    )


def by_education(filters: Filters) -> Figure:
    """Seekers per education level (the total in the note unless one is chosen)."""
    return _seekers_by(
        "seekers_by_education",
        _("Job seekers by education"),
        _("Education"),
        counts.seekers_by_education(filters),
        choices("education_level"),
        filters.education or None,
        _("Not given"),
    )


def by_skill(filters: Filters) -> Figure:
    """The skills most seekers have, declared and verified apart, with people per skill."""
    found = counts.seekers_by_skill(filters)
    ranked = sorted(found, key=lambda s: (-(found[s]["declared"] + found[s]["verified"]), s))
    top = ranked[:TOP_SKILLS]
    labels = skill_labels(top)
    rows: list[list[object]] = []
    for skill_id in top:
        declared, verified = found[skill_id]["declared"], found[skill_id]["verified"]
        total = declared + verified
        shown = hidden([declared, verified], total)
        rows.append([labels[skill_id], *shown, hidden_total(total)])
    return Figure(
        name="seekers_by_skill",
        title=_("Job seekers by skill"),
        headers=[_("Skill"), _("Declared"), _("Verified"), _("Job seekers with the skill")],
        rows=rows,
        chart=Chart(kind="bar-horizontal", values=(1, 2), x_title=_("Job seekers")),
        note=seekers_note()
        + " "
        + _(
            "Declared: typed by the seeker or read from a CV and confirmed; verified: backed by "
            "a certificate or an assessment. The %(n)d skills most seekers have.",
            n=TOP_SKILLS,
        ),
        source=source(),
    )


def graduates_note() -> str:
    """What the graduate figures count."""
    return _(
        "Published programmes (curricula) of verified schools, with the yearly number of "
        "graduates the school recorded, for the years of the period."
    )


def graduates_by_programme(filters: Filters) -> Figure:
    """Graduates per year of each school programme, with its district."""
    found = counts.programmes(filters.region_id, filters.education)
    years = counts.period_years(filters)
    numbers = counts.graduates([p.id for p in found], years)
    names = dict(region_choices())
    rows: list[list[object]] = [
        [p.name, names.get(p.region_id, ""), *[numbers.get((p.id, y)) for y in years]]
        for p in found
        if any((p.id, y) in numbers for y in years)
    ]
    return Figure(
        name="graduates_by_programme",
        title=_("Graduates per year by school programme"),
        headers=[_("Programme"), _("Regency/city"), *[str(y) for y in years]],
        rows=rows,
        note=graduates_note(),
        source=source(),
    )


def graduates_by_district(filters: Filters) -> Figure:
    """Graduates per year and district (all programmes of the district)."""
    found = counts.programmes(filters.region_id, filters.education)
    years = counts.period_years(filters)
    numbers = counts.graduates([p.id for p in found], years)
    totals: dict[int, dict[int, int]] = {}
    for programme in found:
        for year in years:
            if (programme.id, year) in numbers:
                district = totals.setdefault(programme.region_id, {})
                district[year] = district.get(year, 0) + numbers[(programme.id, year)]
    rows: list[list[object]] = [
        [name, *[totals[i].get(y, 0) for y in years]] for i, name in region_choices() if i in totals
    ]
    return Figure(
        name="graduates_by_district",
        title=_("Graduates per year by regency/city"),
        headers=[_("Regency/city"), *[str(y) for y in years]],
        rows=rows,
        chart=Chart(kind="bar", values=tuple(range(1, len(years) + 1)), y_title=_("Graduates")),
        note=graduates_note(),
        source=source(),
    )


def taught_by_graduates(filters: Filters) -> Figure:
    """The skills published curricula teach, weighted by the programmes' graduates."""
    found = counts.programmes(filters.region_id, filters.education)
    ids = [p.id for p in found]
    years = counts.period_years(filters)
    numbers = counts.graduates(ids, years)
    per_programme = {cid: 0 for cid in ids}
    for (cid, _year), n in numbers.items():
        per_programme[cid] += n
    weight: dict[str, int] = {}
    programmes: dict[str, int] = {}
    for cid, skills in counts.taught_skills(ids).items():
        for skill_id in skills:
            weight[skill_id] = weight.get(skill_id, 0) + per_programme.get(cid, 0)
            programmes[skill_id] = programmes.get(skill_id, 0) + 1
    top = sorted(weight, key=lambda s: (-weight[s], -programmes[s], s))[:TOP_SKILLS]
    labels = skill_labels(top)
    return Figure(
        name="taught_skills",
        title=_("Skills the programmes teach, weighted by graduates"),
        headers=[_("Skill"), _("Graduates taught it"), _("Programmes teaching it")],
        rows=[[labels[s], weight[s], programmes[s]] for s in top],
        chart=Chart(kind="bar-horizontal", x_title=_("Graduates")),
        note=_(
            "For each skill a published curriculum's learning outcomes teach: the graduates of "
            "the period's years of every programme teaching it. The %(n)d heaviest skills.",
            n=TOP_SKILLS,
        ),
        source=source(),
    )


@register_page(
    "supply",
    _l("Supply"),
    _l(
        "Who could fill the vacancies: job seekers by district, education and skill, and the "
        "schools' graduates with the skills their programmes teach."
    ),
    order=20,
)
def figures(filters: Filters) -> list[Figure]:
    """The Supply page's figures (the occupation filter does not apply to supply)."""
    return [
        by_district(filters),
        by_education(filters),
        by_skill(filters),
        graduates_by_district(filters),
        graduates_by_programme(filters),
        taught_by_graduates(filters),
    ]
