"""Employer pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from app.auth.decorators import role_required
from app.services import vacancies

bp = Blueprint("employers", __name__)


@bp.route("/")
@role_required("employer")
def dashboard() -> str:
    """The employer's vacancies."""
    return render_template(
        "employers/dashboard.html", vacancies=vacancies.list_for_employer(current_user)
    )


@bp.route("/vacancies/<int:vacancy_id>")
@role_required("employer", "admin")
def vacancy(vacancy_id: int) -> str:
    """One vacancy of the employer's organisation, with its skills."""
    return render_template(
        "employers/vacancy.html", vacancy=vacancies.get_for_employer(vacancy_id, current_user)
    )
