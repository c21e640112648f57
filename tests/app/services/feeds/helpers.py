"""JSON-LD feeds for the tests: postings written from a few Indonesian IT roles and employers."""

from __future__ import annotations

import json
from typing import Any

ROLES = [
    ("Web Developer (Laravel)", "Membangun aplikasi web dengan Laravel, PHP dan MySQL untuk {e}."),
    ("Data Analyst", "Mengolah data penjualan {e} dengan SQL dan Excel, membuat dashboard."),
    ("IT Support", "Merawat komputer, printer dan jaringan kantor {e}, membantu pengguna."),
    ("Mobile Developer (Flutter)", "Membuat aplikasi Android {e} dengan Flutter dan Dart."),
    ("Network Engineer", "Mengonfigurasi router Mikrotik dan switch Cisco di kantor {e}."),
]
EMPLOYERS = [
    "PT Cakra Data Nusantara", "CV Kreasi Kode Cilegon", "PT Krakatau Infotama", "PT Sinergi Awan",
    "PT Lintas Nusa Retailindo", "PT Pandu Logistik", "PT Garuda Edukasi", "CV Serang Net Mandiri",
    "PT Mitra Kabel", "PT Sehat Data Medika",
]  # fmt: skip
REGIONS = ["Kota Serang", "Kota Cilegon", "Kota Tangerang", "Kab. Lebak", "Kab. Pandeglang"]


def job_posting(n: int, **overrides: Any) -> dict[str, Any]:
    """The n-th distinct posting (a role at an employer in a region)."""
    title, text = ROLES[n % len(ROLES)]
    employer = EMPLOYERS[n // len(ROLES) % len(EMPLOYERS)]
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "papan", "value": f"P-{n}"},
        "title": title,
        "description": f"<p>{text.format(e=employer)}</p><p>Kode lowongan {n}.</p>",
        "datePosted": "2026-11-20",
        "validThrough": "2027-02-28T23:59",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": employer},
        "jobLocation": {"address": {"addressLocality": REGIONS[n % len(REGIONS)]}},
        "educationRequirements": "SMK",
    }
    posting.update(overrides)
    return posting


def page(*blocks: Any) -> bytes:
    """An HTML page with one JSON-LD script per block (a string block is written as it is)."""
    scripts = "".join(
        '<script type="application/ld+json">'
        + (block if isinstance(block, str) else json.dumps(block))
        + "</script>\n"
        for block in blocks
    )
    return f"<html><head>{scripts}</head><body>Lowongan</body></html>".encode()
