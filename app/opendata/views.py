"""Public open-data pages: no login; each view reads one service and renders or sends."""

from __future__ import annotations

import json

from flask import Blueprint, abort, jsonify, render_template
from werkzeug.wrappers import Response

from app.services import opendata
from app.services.opendata.datasets import Dataset

bp = Blueprint("opendata", __name__)


def _dataset_or_404(slug: str) -> Dataset:
    dataset = opendata.BY_SLUG.get(slug)
    if dataset is None:
        abort(404)
    return dataset


@bp.route("/")
def index() -> str:
    """The catalogue: every dataset with its latest release."""
    latest = {d.slug: opendata.release(d.slug) for d in opendata.DATASETS}
    return render_template("opendata/index.html", datasets=opendata.DATASETS, latest=latest)


@bp.route("/catalog.json")
def catalog() -> Response:
    """The DCAT-US / Project Open Data ``data.json`` catalogue."""
    return jsonify(opendata.catalogue())


@bp.route("/<slug>")
def dataset(slug: str) -> str:
    """A dataset's metadata, data dictionary and releases with their downloads."""
    item = _dataset_or_404(slug)
    return render_template(
        "opendata/dataset.html",
        dataset=item,
        releases=opendata.releases(slug),
    )


@bp.route("/<slug>/<month>.<any(csv, json):fmt>")
def download(slug: str, month: str, fmt: str) -> Response:
    """One release of a dataset as CSV or JSON, as stored when it was published."""
    item = _dataset_or_404(slug)
    try:
        stored = opendata.release(slug, opendata.parse_month(month))
    except ValueError:
        abort(404)
    if stored is None:
        abort(404)
    name = f"{slug}_{month}.{fmt}"
    if fmt == "csv":
        body, mimetype = stored.csv_text, "text/csv; charset=utf-8"
    else:
        body = json.dumps(opendata.release_json(item, stored), ensure_ascii=False)
        mimetype = "application/json"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
