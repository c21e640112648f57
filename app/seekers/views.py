"""Job seeker pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from app.auth.decorators import role_required
from app.services.seekers import profile_of

bp = Blueprint("seekers", __name__)


@bp.route("/")
@role_required("seeker")
def dashboard() -> str:
    """The seeker's home: profile state and next steps."""
    return render_template("seekers/dashboard.html", profile=profile_of(current_user))
