"""A programme's gap report pages (compute, save, open, download, list and compare stored
reports), on the schools' blueprint (``app.schools.views`` imports this module)."""

from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.form_errors import show_under_field
from app.language import current_language
from app.models import Curriculum, GapReportSnapshot
from app.profile import current_profile
from app.schools import school_or_admin
from app.schools.forms import CompareForm, GapForm
from app.schools.views import bp
from app.services import curricula, gap_reports, sync
from app.services.errors import ValidationError
from app.services.regions import region_choices


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
        show_under_field(form, error)
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
