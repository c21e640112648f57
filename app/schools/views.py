"""School pages: curricula (upload, review, skills of outcomes); the gap reports are in
``gap_views``, on this blueprint."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.models import Curriculum
from app.schools import school_only, school_or_admin
from app.schools.forms import (
    AddOutcomeSkillForm,
    DeleteForm,
    GraduatesForm,
    ReviewForm,
    SkillLinkForm,
    UploadForm,
)
from app.services import curricula, curriculum_import, programme_graduates

bp = Blueprint("schools", __name__)


@bp.route("/")
@school_only
def dashboard() -> str:
    """The school's curricula."""
    return render_template(
        "schools/dashboard.html",
        curricula=curricula.list_for_school(current_user),
        organisation=current_user.organisation,
    )


@bp.route("/curricula/new", methods=["GET", "POST"])
@school_only
def new_curriculum() -> str:
    """Upload a curriculum document; what was read is shown for correction before saving."""
    form = UploadForm()
    issues: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            parsed, warnings = curriculum_import.parse_upload(upload.read(), upload.filename)
        except curriculum_import.CurriculumImportError as error:
            issues = error.messages
        else:
            given = curriculum_import.ProgrammeInput(
                form.programme.data or "",
                form.concentration.data or "",
                form.level.data or None,
                form.version_year.data,
            )
            return _review(curriculum_import.with_programme(parsed, given), warnings=warnings)
    return render_template("schools/upload.html", form=form, issues=issues)


def _review(mapping: dict, warnings: list[str] = (), issues: list[str] = ()) -> str:  # type: ignore[assignment]
    return render_template(
        "schools/review.html",
        tree=mapping,
        form=ReviewForm(),
        warnings=warnings,
        issues=issues,
        levels=UploadForm().level.choices[1:],
    )


@bp.route("/curricula/new/review", methods=["POST"])
@school_only
def review_curriculum() -> str | Response:
    """Save the corrected tree (or show it again with what is still wrong)."""
    form = ReviewForm()
    mapping = curriculum_import.mapping_from_form(request.form)
    if not form.validate_on_submit():
        return _review(mapping, issues=[_("The form has expired; please submit it again.")])
    if "add_unit" in request.form:
        mapping["units"].append({"code": "", "name": "", "outcomes": []})
        return _review(mapping)
    try:
        parsed = curriculum_import.check_mapping(mapping)
    except curriculum_import.CurriculumImportError as error:
        return _review(mapping, issues=error.messages)
    curriculum = curriculum_import.save_curriculum(current_user, parsed)
    flash(_("Curriculum saved. Check the skills read from each learning outcome."), "success")
    return _follow_skills(curriculum)


def _follow_skills(curriculum: Curriculum) -> Response:
    """To the job's progress page while a large curriculum's skills are read, else to it."""
    job = curricula.progress_job(curriculum)
    if job is not None:
        return redirect(url_for("jobs.show", job_id=job.id))
    return redirect(url_for("schools.curriculum", curriculum_id=curriculum.id))


@bp.route("/curricula/example.<fmt>")
@school_or_admin
def example(fmt: str) -> Response:
    """The downloadable CSV and JSON templates."""
    path = curriculum_import.example_path(fmt)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name)


@bp.route("/curricula/<int:curriculum_id>")
@school_or_admin
def curriculum(curriculum_id: int) -> str:
    """One curriculum: units, learning outcomes and the skills each teaches."""
    item = curricula.get_for_school(curriculum_id, current_user)
    return render_template(
        "schools/curriculum.html",
        curriculum=item,
        skills_job=curricula.skills_job(item),
        add_form=AddOutcomeSkillForm(),
        link_form=SkillLinkForm(),
        graduates=programme_graduates.list_for(item),
        graduates_form=GraduatesForm(),
        delete_form=DeleteForm(),
    )


@bp.route("/curricula/<int:curriculum_id>/outcomes/<int:outcome_id>/skills", methods=["POST"])
@school_only
def add_skill(curriculum_id: int, outcome_id: int) -> Response:
    """Add a skill chosen from the vocabulary to an outcome."""
    item = curricula.get_for_school(curriculum_id, current_user)
    form = AddOutcomeSkillForm()
    if form.validate_on_submit():
        curricula.add_outcome_skill(item, outcome_id, form.skill_id.data)
        flash(_("Skill added."), "success")
    else:
        flash(_("Choose a skill from the suggestions list."), "danger")
    return redirect(url_for("schools.curriculum", curriculum_id=item.id) + f"#outcome-{outcome_id}")


@bp.route(
    "/curricula/<int:curriculum_id>/outcomes/<int:outcome_id>/skills/<int:link_id>/<action>",
    methods=["POST"],
)
@school_only
def change_skill(curriculum_id: int, outcome_id: int, link_id: int, action: str) -> Response:
    """Accept a suggested skill or remove one."""
    item = curricula.get_for_school(curriculum_id, current_user)
    if SkillLinkForm().validate_on_submit():
        if action == "accept":
            curricula.accept_outcome_skill(item, outcome_id, link_id)
        elif action == "remove":
            curricula.remove_outcome_skill(item, outcome_id, link_id)
    return redirect(url_for("schools.curriculum", curriculum_id=item.id) + f"#outcome-{outcome_id}")


@bp.route("/curricula/<int:curriculum_id>/extract", methods=["POST"])
@school_only
def extract_skills(curriculum_id: int) -> Response:
    """Read the skills of every outcome again (the school's own choices stay)."""
    item = curricula.get_for_school(curriculum_id, current_user)
    if SkillLinkForm().validate_on_submit():
        curricula.read_skills_later(item, current_user)
        flash(_("The skills of the learning outcomes are being read again."), "success")
        return _follow_skills(item)
    return redirect(url_for("schools.curriculum", curriculum_id=item.id))


from app.schools import gap_views  # noqa: E402, F401
