"""JSON endpoints: the site's own autocomplete (``views``, ``/api/skills``) and the versioned
public and partner API (``/api/v1``, flask-smorest: the OpenAPI document is generated from the
schemas in ``schemas``; documentation at ``/api/docs``)."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from app.api import docs, matching, partner, problems, public, reference
from app.api.auth import rate_key
from app.api.schemas import ProblemSchema
from app.extensions import csrf, limiter

READ_BLUEPRINTS = (public.blp, reference.skills_blp, reference.reference_blp)
BLUEPRINTS = (*READ_BLUEPRINTS, matching.blp, partner.blp)
_LIMITED: set[str] = set()


class LinkMatchApi(Api):
    """flask-smorest's Api whose errors are the project's problem+json (registered on the API's
    blueprints only: the site keeps its HTML error pages)."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"

    def _register_error_handlers(self) -> None:
        """Nothing app-wide (see ``problems.register``)."""


def _set_up_blueprints() -> None:
    """Once per process (blueprints and the limiter outlive an app): problem+json errors, ETag
    and CORS on reads, per-token and per-address limits."""
    for blp in BLUEPRINTS:
        if blp.name in _LIMITED:
            continue
        _LIMITED.add(blp.name)
        problems.register(blp)
        if blp in READ_BLUEPRINTS:
            blp.after_request(read_headers)
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_key)(blp)
        limiter.limit(
            lambda: current_app.config["API_RATE_LIMIT_PER_ADDRESS"],
            key_func=lambda: "api-address-all:" + (request.remote_addr or ""),
        )(blp)


def read_headers(response: Response) -> Response:
    """GET answers of the read endpoints: an ETag (and 304 for a matching If-None-Match) and
    CORS for any origin (reads are public; writes get no CORS header)."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.add_etag()
        response.make_conditional(request)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    return response


def init_api(app: Flask) -> Api:
    """Register the /api/v1 blueprints, the OpenAPI document and the documentation page."""
    api = LinkMatchApi(app, spec_kwargs={"info": {"description": (
        "Open vacancies, the skill vocabulary, regions, occupations and open data (public); "
        "skill extraction and matching; partner writes of vacancies with a bearer token. "
        "Errors are application/problem+json (RFC 9457)."
    )}})  # fmt: skip
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "an API token"}
    )
    _set_up_blueprints()
    for blp in BLUEPRINTS:
        csrf.exempt(blp)
        api.register_blueprint(blp)
    app.register_blueprint(docs.bp)
    app.register_error_handler(405, _method_not_allowed)
    return api


def _method_not_allowed(error: HTTPException) -> Response | HTTPException:
    """A method no route of the path takes: problem+json under /api/v1 (with Allow)."""
    if request.path.startswith("/api/v1/"):
        return problems.from_http_exception(error)
    return error
