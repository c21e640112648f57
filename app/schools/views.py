"""School pages: curricula (upload, review, skills of outcomes) and gap reports."""

from __future__ import annotations

from datetime import date

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

from app.auth import policy
from app.auth.decorators import capability_required
from app.language import current_language
from app.models import Curriculum, GapReportSnapshot
from app.profile import current_profile
from app.schools.forms import (
    AddOutcomeSkillForm,
    CompareForm,
    DeleteForm,
    GapForm,
    GraduatesForm,
    ReviewForm,
    SkillLinkForm,
    UploadForm,
)
from app.services import curricula, curriculum_import, gap_reports, programme_graduates, sync
from app.services.errors import ValidationError
from app.services.regions import region_choices

bp = Blueprint("schools", __name__)
school_only = capability_required(policy.manages_curricula)
school_or_admin = capability_required(policy.oversees_curricula)


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


# --- gap reports ---------------------------------------------------------------------------
def _gap_form(formdata: object = None) -> GapForm:
    form = GapForm(formdata=formdata, meta={"csrf": formdata is not request.args})
    form.region_ids.choices = region_choices()
    return form


def _gap_request(form: GapForm) -> gap_reports.GapRequest:
    return gap_reports.GapRequest(
        region=form.region.data or "own",
        region_ids=tuple(form.region_ids.data or ()),
        months=form.months.data or 12,
        as_of=form.as_of.data,
        related_only=bool(form.related_only.data),
        scope=form.scope.data or "field",
    )


def _render_report(
    snapshot: GapReportSnapshot | None, form: GapForm, curriculum: Curriculum | None = None
) -> str:
    return render_template(
        "schools/gap_report.html",
        snapshot=snapshot,
        report=snapshot.result if snapshot else None,
        curriculum=snapshot.curriculum if snapshot else curriculum,
        form=form,
        sync_panel=sync.gap_panel(snapshot, current_user),
    )


@bp.route("/curricula/<int:curriculum_id>/gap", methods=["GET", "POST"])
@school_or_admin
def gap_report(curriculum_id: int) -> str | Response:
    """The gap report. GET shows the stored report with these parameters or computes one
    without storing it; POST (the "Save" button) computes and stores a snapshot."""
    item = curricula.get_for_school(curriculum_id, current_user)
    posted = request.method == "POST"
    form = _gap_form(request.form if posted else request.args)
    if not (form.validate_on_submit() if posted else form.validate()):
        flash(_("Please correct the marked fields."), "danger")
        return _render_report(gap_reports.latest_snapshot(item), form, item)
    wanted, locale = _gap_request(form), current_language()
    try:
        if posted:
            snapshot = gap_reports.create_snapshot(item, wanted, current_user, locale)
            flash(_("Report saved."), "success")
            return redirect(url_for("schools.snapshot", snapshot_id=snapshot.id))
        snapshot = gap_reports.matching_snapshot(
            item, wanted, bool(request.args)
        ) or gap_reports.preview_snapshot(item, wanted, current_user, locale)
    except ValidationError as error:
        getattr(form, error.field).errors.append(error.message)
        return _render_report(None, form, item)
    return _render_report(snapshot, form if request.args else _form_for(snapshot))


def _form_for(snapshot: GapReportSnapshot) -> GapForm:
    req = snapshot.result.get("request", {})
    form = _gap_form(request.args)
    form.region.data = req.get("region", "own")
    form.region_ids.data = req.get("region_ids", [])
    form.months.data = req.get("months", 12)
    form.related_only.data = bool(req.get("related_only"))
    form.scope.data = req.get("scope", "all")
    as_of = req.get("as_of")
    form.as_of.data = (
        date.fromisoformat(as_of) if as_of and as_of != date.today().isoformat() else None
    )
    return form


@bp.route("/gap-reports/<int:snapshot_id>")
@school_or_admin
def snapshot(snapshot_id: int) -> str:
    """One stored gap report."""
    item = gap_reports.get_snapshot(snapshot_id, current_user)
    return _render_report(item, _form_for(item))


def _download(body: str | bytes, mimetype: str, filename: str) -> Response:
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"}
    )


@bp.route("/gap-reports/<int:snapshot_id>.csv")
@school_or_admin
def snapshot_csv(snapshot_id: int) -> Response:
    """A stored report as CSV."""
    item = gap_reports.get_snapshot(snapshot_id, current_user)
    return _download(gap_reports.export_csv(item), "text/csv", f"gap-report-{item.id}.csv")


@bp.route("/gap-reports/<int:snapshot_id>.pdf")
@school_or_admin
def snapshot_pdf(snapshot_id: int) -> Response:
    """A stored report as PDF."""
    item = gap_reports.get_snapshot(snapshot_id, current_user)
    return _download(gap_reports.export_pdf(item), "application/pdf", f"gap-report-{item.id}.pdf")


@bp.route("/curricula/<int:curriculum_id>/gap/snapshots")
@school_or_admin
def snapshots(curriculum_id: int) -> str:
    """Stored reports of this programme (all its versions), to open or compare."""
    item = curricula.get_for_school(curriculum_id, current_user)
    found = gap_reports.list_snapshots(item)
    form = CompareForm(meta={"csrf": False})
    form.a.choices = form.b.choices = [(s.id, _snapshot_label(s)) for s in found]
    if len(found) >= 2:
        form.a.data, form.b.data = found[1].id, found[0].id
    return render_template("schools/snapshots.html", curriculum=item, snapshots=found, form=form)


def _snapshot_label(s: GapReportSnapshot) -> str:
    req = s.result.get("request", {})
    area = ", ".join(req.get("region_names") or []) or _(
        "All of %(province)s", province=current_profile().province_name
    )
    return f"#{s.id} · {s.curriculum.version_year} · {area} · {req.get('as_of', '')}"


@bp.route("/gap-reports/compare")
@school_or_admin
def compare() -> str:
    """Two stored reports side by side."""
    a = gap_reports.get_snapshot(request.args.get("a", type=int) or 0, current_user)
    b = gap_reports.get_snapshot(request.args.get("b", type=int) or 0, current_user)
    return render_template(
        "schools/compare.html",
        comparison=gap_reports.compare(a, b),
        label_a=_snapshot_label(a),
        label_b=_snapshot_label(b),
    )
