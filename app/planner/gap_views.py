"""Planners' pages behind the Gaps numbers: the what-if of a school programme, the programmes
teaching a skill (or not) and one programme's curriculum. Registered on the planner blueprint
(``app.planner.views`` imports this module)."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l

from app.form_errors import show_under_field
from app.labels import choices
from app.language import current_language
from app.planner.gap_forms import WhatIfForm
from app.planner.views import MONTHS_OFFERED, aggregates_only, bp
from app.services import regions
from app.services.errors import ValidationError
from app.services.planner import Filters, add_months, months_between
from app.services.planner import programmes as programme_pages
from app.services.planner import whatif as whatif_service
from app.services.planner.registry import register_view
from app.services.planner.supply import skill_labels

register_view("whatif", _l("What-if"), "planner.whatif", order=40)


def _whatif_form() -> tuple[WhatIfForm, Filters]:
    default = Filters.default()
    form = WhatIfForm(request.args)
    form.set_choices(
        months_between(add_months(default.until, 1 - MONTHS_OFFERED), default.until),
        regions.region_choices(), [], choices("education_level"),
    )  # fmt: skip
    form.set_programmes(whatif_service.programme_choices())
    return form, form.filters(default)


def _chosen_skills(form: WhatIfForm, units: dict[str, list[str]]) -> list[str]:
    """The skills of the address, the one just picked (or typed) and the unit's, minus any
    dropped."""
    skills = request.args.getlist("skill")
    if form.skill_id.data:
        skills.append(form.skill_id.data)
    elif (form.skill_query.data or "").strip():
        skills.append(programme_pages.resolve_skill(form.skill_query.data, current_language()))
    skills += units.get(form.unit.data or "", [])
    dropped = set(request.args.getlist("drop"))
    return [s for s in dict.fromkeys(skills) if s not in dropped]


@bp.route("/whatif")
@aggregates_only
def whatif() -> str:
    """Vacancies of a programme's district its graduates would meet, before and after adding
    skills to its curriculum."""
    form, filters = _whatif_form()
    result, skills = None, request.args.getlist("skill")
    units = whatif_service.advice_units(form.programme_id()) if form.programme_id() else {}
    form.set_units(units, skill_labels([s for ids in units.values() for s in ids]))
    if form.programme_id() is not None:
        try:
            skills = _chosen_skills(form, units)
            result = whatif_service.what_if(form.programme_id(), skills, filters)
        except ValidationError as error:
            show_under_field(form, error)
    elif request.args.get("programme"):
        form.programme.errors = [str(_l("Choose a school programme."))]
    form.skill_id.data, form.skill_query.data, form.unit.data = "", "", ""
    return render_template(
        "planner/whatif.html", form=form, filters=filters, result=result,
        skills=skill_labels(skills), page_name="whatif",
    )  # fmt: skip


@bp.route("/programmes")
@aggregates_only
def programmes() -> str:
    """The programmes whose curricula teach a skill (``covers=1``) or do not (``covers=0``)."""
    skill_id = request.args.get("skill", "")
    if not skill_id:
        abort(404)
    covers = request.args.get("covers", "1") != "0"
    region = request.args.get("region", type=int)
    label, rows = programme_pages.teaching(
        skill_id, covers, region, request.args.get("education") or None
    )
    return render_template(
        "planner/programmes.html", skill_label=label, rows=rows, covers=covers, page_name="gaps"
    )


@bp.route("/programmes/<int:curriculum_id>")
@aggregates_only
def programme(curriculum_id: int) -> str:
    """A published programme's units and the skills they teach."""
    found = programme_pages.curriculum_units(curriculum_id)
    if found is None:
        abort(404)
    row, units = found
    return render_template("planner/programme.html", row=row, units=units, page_name="gaps")
