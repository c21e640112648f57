"""Open data (``/data``): aggregate datasets built from the database, small seeker counts
suppressed (``suppression``), frozen in monthly releases (``releases``) and described in a
DCAT-US ``data.json`` catalogue (``catalogue``)."""

from __future__ import annotations

from app.services.opendata.catalogue import catalogue
from app.services.opendata.definitions import BY_SLUG, DATASETS
from app.services.opendata.releases import (
    export,
    last_complete_month,
    parse_month,
    publish,
    release,
    release_json,
    releases,
)

__all__ = [
    "BY_SLUG",
    "DATASETS",
    "catalogue",
    "export",
    "last_complete_month",
    "parse_month",
    "publish",
    "release",
    "release_json",
    "releases",
]
