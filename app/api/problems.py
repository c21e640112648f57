"""Errors of the API as ``application/problem+json`` (RFC 9457): a status, a title, a detail
and, for bad input, ``errors`` naming every bad field."""

from __future__ import annotations

from typing import Any

from flask import Response, json
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from app.services.api_vacancies import InvalidInputError
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError

PROBLEM_TYPE = "application/problem+json"


def problem(
    status: int,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    title: str | None = None,
) -> Response:
    """A problem+json response."""
    from werkzeug.http import HTTP_STATUS_CODES

    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten(messages: Any, prefix: str = "", top: bool = True) -> list[dict[str, str]]:
    """webargs/marshmallow messages ({location: {field: [msg]}}) as a list of field errors
    (only the top level names locations: a field called ``query`` keeps its name)."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key in ("json", "query", "view_args", "path", "headers") and top:
                out += _flatten(value, "", top=False)
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
                out += _flatten(value, name, top=False)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out += [{"field": prefix or "-", "message": m} for m in messages]
    elif isinstance(messages, list):
        for i, item in enumerate(messages):
            out += _flatten(item, f"{prefix}[{i}]", top=False)
    else:
        out.append({"field": prefix or "-", "message": str(messages)})
    return out


def from_http_exception(error: HTTPException) -> Response:
    """Any HTTP error raised in the API (including webargs' 422 with its field messages)."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = _flatten(data["messages"]) if "messages" in data else data.get("errors")
    headers = dict(data.get("headers") or {})
    allowed = getattr(error, "valid_methods", None)
    if code == 405 and allowed:
        headers["Allow"] = ", ".join(allowed)
    if code == 429:
        from app.auth.throttle import retry_after_seconds

        headers["Retry-After"] = str(retry_after_seconds())
    detail = data.get("message") or (error.description if code < 500 else "")
    if code == 422 and errors:
        detail = _("The request has invalid fields: see errors.")
    return problem(code, str(detail or ""), errors, headers)


def from_input_errors(error: InvalidInputError) -> Response:
    """The vacancy checks' errors, one per field."""
    errors = [{"field": e.field, "message": e.message} for e in error.errors]
    return problem(422, _("The request has invalid fields: see errors."), errors)


def from_validation_error(error: ValidationError) -> Response:
    """A service's single-field error."""
    return problem(422, error.message, [{"field": error.field, "message": error.message}])


def not_found(_error: NotFoundError) -> Response:
    """A missing (or not public) object."""
    return problem(404, _("Not found."))


def forbidden(error: PermissionDeniedError) -> Response:
    """An action the token's organisation may not take."""
    if str(error) == "publish":
        return problem(
            403,
            _("Your organisation is not verified yet: it cannot publish vacancies. "
              "Send them with \"publish\": false to keep them as drafts."),
        )  # fmt: skip
    return problem(403, _("This token may not do this."))


def register(blueprint: Any) -> None:
    """Answer every error of the blueprint's views as problem+json."""
    blueprint.register_error_handler(HTTPException, from_http_exception)
    for code in (400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500):
        blueprint.register_error_handler(code, from_http_exception)
    blueprint.register_error_handler(InvalidInputError, from_input_errors)
    blueprint.register_error_handler(ValidationError, from_validation_error)
    blueprint.register_error_handler(NotFoundError, not_found)
    blueprint.register_error_handler(PermissionDeniedError, forbidden)
