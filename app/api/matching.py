"""Matching as a service: skills read from a text, and open vacancies ranked for a list of
skills, with the site's extractor and explanation. No token needed."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint

from app.api import present
from app.api.public import region_id
from app.api.schemas import (
    ExtractRequestSchema,
    ExtractResponseSchema,
    MatchRequestSchema,
    MatchResponseSchema,
)
from app.services import skill_lookup

blp = Blueprint(
    "api_matching", __name__, url_prefix="/api/v1", description="Skill extraction and matching."
)


@blp.route("/skills/extract", methods=["POST"])
@blp.arguments(ExtractRequestSchema)
@blp.response(200, ExtractResponseSchema)
def extract(body: dict[str, Any]) -> dict[str, Any]:
    """The skills of a text (Indonesian or English), best first, with offsets of the mention in
    the text, the sentence around it and a confidence."""
    found, truncated = skill_lookup.extract(body["text"])
    return {"skills": [present.mention(f) for f in found], "truncated": truncated}


@blp.route("/match", methods=["POST"])
@blp.arguments(MatchRequestSchema)
@blp.response(200, MatchResponseSchema)
def match(body: dict[str, Any]) -> dict[str, Any]:
    """Open vacancies ranked for a list of skills (ids or ESCO URIs), each explained: x of y
    required skills, matched, near, missing."""
    ids, unknown = skill_lookup.resolve(body["skills"])
    limit = min(body["limit"], current_app.config["API_MATCH_MAX"])
    found = skill_lookup.match(ids, region_id(body.get("region")), body.get("education"), limit)
    return {"unknown_skills": unknown, "matches": [present.match(r) for r in found]}
