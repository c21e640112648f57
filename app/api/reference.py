"""Public reads of the API: the skill vocabulary, regions, occupation groups and the open-data
aggregates (the releases published at /data). No token needed."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for
from flask_smorest import Blueprint

from app.api import present
from app.api.schemas import (
    DatasetListSchema,
    DatasetReleaseSchema,
    OccupationListSchema,
    RegionListSchema,
    SkillListSchema,
    SkillQuerySchema,
    SkillSchema,
)
from app.services import occupation_groups, opendata, regions, skill_lookup
from app.services.errors import NotFoundError

skills_blp = Blueprint(
    "api_skills",
    __name__,
    url_prefix="/api/v1/skills",
    description="The skill vocabulary (public).",
)
reference_blp = Blueprint(
    "api_reference", __name__, url_prefix="/api/v1", description="Regions, occupations, open data."
)


@skills_blp.route("")
@skills_blp.arguments(SkillQuerySchema, location="query")
@skills_blp.response(200, SkillListSchema)
def lookup(args: dict[str, Any]) -> dict[str, Any]:
    """Skills whose label or alias matches ``q`` (Indonesian or English), or the skill with the
    ESCO URI ``uri``."""
    if args.get("uri"):
        found = skill_lookup.find_by_uri(args["uri"])
    else:
        found = skill_lookup.find_by_text(args.get("q", ""), args["limit"])
    return {"skills": [present.skill(s) for s in found]}


@skills_blp.route("/<string:skill_id>")
@skills_blp.response(200, SkillSchema)
def skill(skill_id: str) -> dict[str, Any]:
    """One skill by id."""
    found = skill_lookup.get(skill_id[:64])
    if found is None:
        raise NotFoundError(skill_id)
    return present.skill(found)


@reference_blp.route("/regions")
@reference_blp.response(200, RegionListSchema)
def region_list() -> dict[str, Any]:
    """The regions the platform serves, with their BPS codes."""
    return {
        "regions": [
            {"id": r.id, "code": r.code, "name": r.name, "kind": r.kind, "province": r.province}
            for r in regions.list_regions()
        ]
    }


@reference_blp.route("/occupations")
@reference_blp.response(200, OccupationListSchema)
def occupation_list() -> dict[str, Any]:
    """The KBJI 2014 occupation groups vacancies are classified in."""
    return {
        "occupations": [
            {"code": g.code, "title_id": g.title_id, "title_en": g.title_en}
            for g in occupation_groups.all_groups()
        ]
    }


@reference_blp.route("/datasets")
@reference_blp.response(200, DatasetListSchema)
def dataset_list() -> dict[str, Any]:
    """The open-data aggregates and their latest releases (also at /data)."""
    out = []
    for dataset in opendata.DATASETS:
        item = opendata.release(dataset.slug)
        month = item.month.strftime("%Y-%m") if item else None
        links = {
            f"{fmt}_url": url_for(
                "opendata.download", slug=dataset.slug, month=month, fmt=fmt, _external=True
            )
            if month
            else None
            for fmt in ("csv", "json")
        }
        out.append(
            {"slug": dataset.slug, "title": str(dataset.title), "latest_month": month, **links}
        )
    return {"datasets": out}


@reference_blp.route("/datasets/<string:slug>")
@reference_blp.response(200, DatasetReleaseSchema)
def dataset_latest(slug: str) -> dict[str, Any]:
    """A dataset's latest release: its columns and rows."""
    dataset = opendata.BY_SLUG.get(slug)
    item = opendata.release(slug) if dataset else None
    if dataset is None or item is None:
        abort(404)
    return opendata.release_json(dataset, item)
