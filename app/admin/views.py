"""Administrator pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth.decorators import role_required
from app.services.stats import platform_overview

bp = Blueprint("admin", __name__)


@bp.route("/")
@role_required("admin")
def dashboard() -> str:
    """Counts of accounts, vacancies, curricula and skills."""
    return render_template("admin/dashboard.html", overview=platform_overview())
