"""The planners' Graduates' destinations page: what the tracer studies of the schools say, per
programme field (the programme's name and level) and district, and per education level beside
BPS open unemployment by education.

Only counts of people are shown, never an answer or a name: a count from 1 to 4 is hidden, and
so is a second count of a row when the row's total would give a hidden one away
(``app.services.opendata.suppression``); a row whose total is hidden shows nothing.
"""

from __future__ import annotations

from collections import defaultdict

from flask_babel import format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.labels import label
from app.models import TracerGraduate, TracerResponse
from app.services import context_figures
from app.services.planner import Figure, Filters
from app.services.planner import supply_counts as counts
from app.services.planner.registry import register_page
from app.services.planner.supply import hidden, hidden_total
from app.services.regions import region_choices
from app.services.tracer.summary import OUTCOMES, outcome

# a curriculum's level as the BPS education breakdown of the unemployment rate
LEVEL_BPS = {"smk": "smk", "d3": "diploma", "d4": "diploma", "s1": "university"}


def years(filters: Filters) -> range:
    """The graduation years traced in the period: a graduate answers a year after."""
    return range(filters.since.year - 1, filters.until.year)


def outcome_headers() -> list[str]:
    """The headers of the five destinations."""
    return [
        _("Working in the field"),
        _("Working in another field"),
        _("Studying"),
        _("Entrepreneur"),
        _("Looking for work"),
    ]


def cells(filters: Filters) -> dict[tuple[str, str, int, int], dict[str, int]]:
    """Answers per (programme, level, district, graduation year) and destination, for the
    published programmes of trusted schools (district and education filters applied)."""
    found = {p.id: p for p in counts.programmes(filters.region_id, filters.education)}
    span = years(filters)
    result: dict[tuple[str, str, int, int], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(OUTCOMES, 0)
    )
    if not found:
        return result
    rows = db.session.execute(
        select(TracerGraduate.curriculum_id, TracerGraduate.year, TracerResponse.status,
               TracerResponse.in_field, func.count())
        .join(TracerResponse, TracerResponse.graduate_id == TracerGraduate.id)
        .where(TracerGraduate.curriculum_id.in_(list(found)),
               TracerGraduate.year >= span.start, TracerGraduate.year < span.stop)
        .group_by(TracerGraduate.curriculum_id, TracerGraduate.year, TracerResponse.status,
                  TracerResponse.in_field)
    )  # fmt: skip
    for cid, year, status, in_field, n in rows:
        p = found[cid]
        result[(p.programme, p.level, p.region_id, year)][outcome(status, in_field)] += n
    return result


def _row(values: list[int]) -> list[object]:
    total = sum(values)
    shown_total = hidden_total(total)
    if shown_total is None:
        return [None] * (len(values) + 2)
    shown = hidden(values, total)
    in_field = shown[0]
    share = None if in_field is None else format_percent(in_field / total, "#,##0%")
    return [shown_total, *shown, share]


def by_programme(filters: Filters) -> Figure:
    """Destinations of graduates per programme field, district and graduation year."""
    names = dict(region_choices())
    rows: list[list[object]] = []
    for (programme, level, region_id, year), found in sorted(cells(filters).items()):
        values = [found[k] for k in OUTCOMES]
        rows.append([programme, label("curriculum_level", level), names.get(region_id, ""), str(year),
                     *_row(values)])  # fmt: skip
    return Figure(
        name="tracer_by_programme",
        title=_("Where graduates are a year later, by programme and district"),
        headers=[_("Programme"), _("Level"), _("Regency/city"), _("Graduation year"),
                 _("Graduates who answered"), *outcome_headers(), _("Share in the field")],
        rows=rows,
        note=note(filters),
        source=source(),
    )  # fmt: skip


def by_education(filters: Filters) -> Figure:
    """Graduates looking for work per education level, beside BPS open unemployment."""
    table = context_figures.by_education(None)
    rates = {r.key: r.value for r in table.rows}
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_programme, level, _region, _year), found in cells(filters).items():
        key = LEVEL_BPS.get(level)
        if key is not None:
            totals[key][0] += sum(found.values())
            totals[key][1] += found["looking"]
    rows: list[list[object]] = []
    for key in ("smk", "diploma", "university"):
        answered, looking = totals.get(key, [0, 0])
        shown_total = hidden_total(answered)
        shown = None if shown_total is None else hidden([looking], None)[0]
        share = None if shown is None or not answered else round(100 * looking / answered, 1)
        rows.append([label("education_breakdown", key), shown_total, shown, share, rates.get(key)])
    return Figure(
        name="tracer_by_education",
        title=_("Graduates looking for work, beside BPS open unemployment by education"),
        headers=[_("Education"), _("Graduates who answered"), _("Looking for work"),
                 _("Looking for work (%)"),
                 _("BPS open unemployment rate, Banten %(period)s (%%)",
                   period=table.period or "")],
        rows=rows,
        note=note(filters) + " " + _(
            "The BPS rate is the share of the labour force of that education without work "
            "(Sakernas); the tracer share is of the graduates who answered, of any activity."
        ),
        source=source() + " " + " ".join(table.sources),
    )  # fmt: skip


def note(filters: Filters) -> str:
    """What the tracer figures count."""
    span = years(filters)
    return _(
        "Answers of graduates of %(first)d to %(last)d to their school's tracer study, a year "
        "after graduating (published programmes of verified schools). Counts of 1 to 4 people "
        "are hidden (—), and so is a second count when a total would give a hidden one away.",
        first=span.start,
        last=span.stop - 1,
    )


def source() -> str:
    """The source line of the page's figures."""
    return _("Source: Link & Match (schools' tracer studies).")


@register_page(
    "tracer",
    _l("Graduates' destinations"),
    _l(
        "Where the schools' graduates are a year after graduating (tracer studies): working in "
        "the field of their programme, in another field, studying, entrepreneurs or looking "
        "for work, beside BPS unemployment by education."
    ),
    order=25,
)
def figures(filters: Filters) -> list[Figure]:
    """The page's figures (the occupation filter does not apply)."""
    return [by_programme(filters), by_education(filters)]
