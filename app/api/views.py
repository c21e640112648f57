"""JSON API: skill autocomplete."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, request
from flask_login import login_required

from app.language import current_language
from app.services.skill_search import search_skills

bp = Blueprint("api", __name__)


@bp.route("/skills")
@login_required
def skills() -> dict[str, object]:
    """Skills matching ``q`` in Indonesian or English (labels and aliases), best first."""
    query = request.args.get("q", "")[:100]
    hits = search_skills(query, current_language(), limit=10)
    return {"query": query, "skills": [asdict(hit) for hit in hits]}
