"""The employer's bulk import of vacancies (a page and its example files), on the employers'
blueprint (``app.employers.views`` imports this module)."""

from __future__ import annotations

from flask import current_app, redirect, render_template, send_file, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.employers.forms import ImportForm
from app.employers.views import bp, employer_only
from app.services import vacancy_import
from app.services.errors import ValidationError


@bp.route("/vacancies/import", methods=["GET", "POST"])
@employer_only
def import_vacancies() -> str | Response:
    """Bulk import from CSV or JSON, with every rejected row named by line and field. A small
    file is imported at once; a larger one becomes a background job with a progress page."""
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        options = {
            "all_or_nothing": form.mode.data == "all_or_nothing",
            "publish": form.publish.data == "open",
        }
        try:
            rows = vacancy_import.read_rows(data, upload.filename)
            if len(rows) > current_app.config["IMPORT_INLINE_ROWS"]:
                started = vacancy_import.start_import_job(
                    current_user, data, upload.filename, **options
                )
                return redirect(url_for("jobs.show", job_id=started.id))
            report = vacancy_import.import_rows(rows, current_user, **options)
        except ValidationError as error:
            form.file.errors.append(error.message)
    return render_template("employers/import.html", form=form, report=report)


@bp.route("/vacancies/import/example.<fmt>")
@employer_only
def import_example(fmt: str) -> Response:
    """The documented example files of the import."""
    path = vacancy_import.example_path(fmt)
    return send_file(path, as_attachment=True, download_name=path.name)
