"""Public reads of the API: open vacancies (the site's search and filters, paged by opaque
page tokens) and one vacancy with its skills. No token needed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_smorest import Blueprint
from itsdangerous import BadSignature, URLSafeSerializer

from app.api import present
from app.api.schemas import SearchPageSchema, SearchQuerySchema, VacancySchema
from app.services import search as search_service
from app.services import vacancies
from app.services.errors import ValidationError
from app.services.vacancy_rows import region_lookup

blp = Blueprint(
    "api_vacancies",
    __name__,
    url_prefix="/api/v1/vacancies",
    description="Open vacancies (public).",
)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="api-page-token")


def _fingerprint(args: dict[str, Any]) -> str:
    """The query a page token belongs to (a token of another query is refused)."""
    shown = {k: v for k, v in sorted(args.items()) if k != "page_token"}
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()[:16]


def page_of(args: dict[str, Any]) -> int:
    """The page a request's ``page_token`` points at (1 without one)."""
    token = args.get("page_token")
    if not token:
        return 1
    try:
        page, fingerprint = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        page, fingerprint = 0, ""
    if not isinstance(page, int) or page < 2 or fingerprint != _fingerprint(args):
        raise ValidationError(
            "page_token", _("This page token is not valid for this query: start again without it.")
        )
    return page


def region_id(value: str | None, field: str = "region") -> int | None:
    """The id of a region given by code or name; ValidationError naming ``field``."""
    if not value:
        return None
    found = region_lookup().get(value.strip().lower())
    if found is None:
        raise ValidationError(field, _("Unknown region %(value)r.", value=value[:80]))
    return found


@blp.route("")
@blp.arguments(SearchQuerySchema, location="query")
@blp.response(200, SearchPageSchema)
def search(args: dict[str, Any]) -> dict[str, Any]:
    """Search open vacancies by keywords and meaning, with the site's filters.

    Pages follow each other through ``next_page_token`` (valid for the same query only).
    """
    page = page_of(args)
    query = search_service.SearchQuery(
        text=args.get("q", ""),
        region_id=region_id(args.get("region")),
        employment_type=args.get("employment_type"),
        education=args.get("education"),
        salary_min=args.get("salary_min"),
        posted_within_days=args.get("posted_within_days"),
        sort=args.get("sort", "relevance"),
        page=page,
        per_page=min(args.get("per_page", 10), current_app.config["API_PAGE_MAX"]),
    )
    found = search_service.search(query)
    more = page * query.per_page < found.total
    return {
        "total": found.total,
        "items": [present.hit(h) for h in found.hits],
        "next_page_token": _serializer().dumps([page + 1, _fingerprint(args)]) if more else None,
    }


@blp.route("/<int:vacancy_id>")
@blp.response(200, VacancySchema)
def detail(vacancy_id: int) -> dict[str, Any]:
    """One open vacancy with the skills it asks for."""
    return present.vacancy(vacancies.get_open(vacancy_id))
