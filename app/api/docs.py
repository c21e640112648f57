"""Interactive API documentation at /api/docs: Swagger UI's files from the swagger-ui-bundle
package, served by the app (no CDN), started by a static script (no inline script: CSP)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_from_directory
from swagger_ui_bundle import swagger_ui_path
from werkzeug.wrappers import Response

bp = Blueprint("api_docs", __name__, url_prefix="/api/docs")

FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")


@bp.route("/")
def index() -> str:
    """The Swagger UI page for /api/v1/openapi.json."""
    return render_template("api/docs.html")


@bp.route("/ui/<string:name>")
def asset(name: str) -> Response:
    """One of Swagger UI's files."""
    if name not in FILES:
        abort(404)
    return send_from_directory(str(swagger_ui_path), name, max_age=86400)
