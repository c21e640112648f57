"""School pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from app.auth.decorators import role_required
from app.services import curricula

bp = Blueprint("schools", __name__)


@bp.route("/")
@role_required("school")
def dashboard() -> str:
    """The school's curricula."""
    return render_template(
        "schools/dashboard.html", curricula=curricula.list_for_school(current_user)
    )


@bp.route("/curricula/<int:curriculum_id>")
@role_required("school", "admin")
def curriculum(curriculum_id: int) -> str:
    """One curriculum of the school: units and learning outcomes."""
    return render_template(
        "schools/curriculum.html",
        curriculum=curricula.get_for_school(curriculum_id, current_user),
    )
