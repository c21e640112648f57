"""The machine-readable catalogue (``/data/catalog.json``): DCAT-US / Project Open Data v1.1
``data.json``, the shape CKAN's harvester reads. Metadata in Bahasa Indonesia."""

from __future__ import annotations

import calendar
import json
from typing import Any

from flask import current_app
from flask_babel import force_locale

from app.profile import current_profile
from app.services.opendata.definitions import DATASETS
from app.services.opendata.releases import release
from app.urls import external_url

FORMATS = (("csv", "text/csv", "CSV"), ("json", "application/json", "JSON"))


def _temporal(start: str, month: Any) -> str:
    """ISO 8601 interval from the first covered month's first day to the release month's end."""
    last = calendar.monthrange(month.year, month.month)[1]
    return f"{start}-01/{month.strftime('%Y-%m')}-{last:02d}"


def catalogue() -> dict[str, Any]:
    """The catalogue of every dataset with its latest release's downloads."""
    config = current_app.config
    publisher = config["OPENDATA_PUBLISHER"]
    profile = current_profile()
    entries = []
    with force_locale("id"):
        for dataset in DATASETS:
            item = release(dataset.slug)
            page = external_url("opendata.dataset", slug=dataset.slug)
            entry: dict[str, Any] = {
                "@type": "dcat:Dataset",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "keyword": [*dataset.keywords, profile.province_name],
                "publisher": {"@type": "org:Organization", "name": publisher},
                "contactPoint": {"@type": "vcard:Contact", "fn": publisher,
                                 "hasEmail": "mailto:" + config["OPENDATA_CONTACT_EMAIL"]},
                "identifier": page,
                "accessLevel": "public",
                "license": config["OPENDATA_LICENSE"],
                "landingPage": page,
                "accrualPeriodicity": "R/P1M",
                "language": ["id", "en"],
                "spatial": profile.area_label,
            }  # fmt: skip
            if item is not None:
                month = item.month.strftime("%Y-%m")
                start = json.loads(item.changes_json or "{}").get("period_start", month)
                entry["modified"] = item.released_at.strftime("%Y-%m-%d")
                entry["temporal"] = _temporal(start, item.month)
                entry["distribution"] = [
                    {"@type": "dcat:Distribution", "title": f"{dataset.title} {month} ({label})",
                     "downloadURL": external_url("opendata.download", slug=dataset.slug,
                                                 month=month, fmt=ext),
                     "mediaType": media, "format": label}
                    for ext, media, label in FORMATS
                ]  # fmt: skip
            entries.append(entry)
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    }
