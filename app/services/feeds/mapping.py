"""schema.org ``JobPosting`` fields mapped onto the site's vacancy columns: title, description
(HTML stripped), hiringOrganization, jobLocation address (to the platform's regions by name),
employmentType, datePosted, validThrough, baseSalary (a month's rupiah), educationRequirements,
identifier/url (the source key). Problems of the mapping itself (a salary per hour, a foreign
currency) are kept on the posting; the row is then checked by the site's one rule set."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l

if TYPE_CHECKING:
    from app.services.feeds.postings import Posting

EMPLOYMENT = {
    "FULL_TIME": "full_time",
    "PART_TIME": "part_time",
    "CONTRACTOR": "contract",
    "TEMPORARY": "contract",
    "INTERN": "internship",
    "PER_DIEM": "freelance",
}
# checked in order: the first level whose word appears in the requirement
EDUCATION_WORDS = (
    ("s2", ("s2", "master", "magister", "postgraduate")),
    ("s1", ("s1", "bachelor", "sarjana")),
    ("d4", ("d4", "d-iv", "sarjana terapan")),
    ("d3", ("d3", "d-iii", "diploma", "associate")),
    ("d1", ("d1", "d-i")),
    ("sma_smk", ("sma", "smk", "slta", "high school", "secondary")),
)
DEFAULT_EDUCATION = "sma_smk"  # a posting that names no education asks for none above SMA/SMK
MONTHS_IN = {"MONTH": 1, "YEAR": 12}
_BLOCK_TAGS = re.compile(r"<\s*(br|/p|/li|/div|/h[1-6]|/tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


def strip_html(text: str) -> str:
    """Plain text of an HTML description (escaped HTML too): tags gone, entities read, one line
    per paragraph or list item."""
    text = html.unescape(text) if "&lt;" in text else text
    text = _BLOCK_TAGS.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or ""
    if isinstance(value, list):
        value = next((_text(v) for v in value if _text(v)), "")
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def region_name(node: dict[str, Any], regions: dict[str, int]) -> str:
    """The platform region a jobLocation names (locality first, then region), or the text given
    when none matches (the checker then reports it as unknown)."""
    given = []
    for location in (
        node.get("jobLocation")
        if isinstance(node.get("jobLocation"), list)
        else [node.get("jobLocation")]
    ):
        address = location.get("address") if isinstance(location, dict) else None
        if isinstance(address, dict):
            given += [_text(address.get("addressLocality")), _text(address.get("addressRegion"))]
        elif isinstance(address, str):
            given.append(address.strip())
    for name in filter(None, given):
        bare = name.lower().removeprefix("kabupaten ").removeprefix("kab. ").removeprefix("kota ")
        for key in (name.lower(), f"kota {bare}", f"kab. {bare}", f"kabupaten {bare}"):
            if key in regions:
                return key
    return next(filter(None, given), "")


def employment_type(value: Any) -> str:
    """The site's employment type of a schema.org employmentType (the first one it knows)."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str) and item.strip().upper().replace("-", "_") in EMPLOYMENT:
            return EMPLOYMENT[item.strip().upper().replace("-", "_")]
    return _text(_first(value))


def education(value: Any) -> str:
    """The site's education level of educationRequirements (text or a credential)."""
    if isinstance(value, dict):
        value = value.get("credentialCategory") or value.get("name") or ""
    text = _text(value).lower()
    if not text:
        return DEFAULT_EDUCATION
    for level, words in EDUCATION_WORDS:
        if any(re.search(rf"\b{re.escape(word)}\b", text) for word in words):
            return level
    return text


def _day(value: Any) -> str:
    match = _DATE_PREFIX.match(_text(value))
    return match.group(1) if match else _text(value)


def salary(node: dict[str, Any], posting: Posting) -> tuple[Any, Any]:
    """(lowest, highest) monthly rupiah of baseSalary; problems go to the posting."""
    base = node.get("baseSalary")
    if base in (None, "", {}):
        return None, None
    if not isinstance(base, dict):
        return base, base
    currency = _text(base.get("currency") or "IDR").upper()
    if currency != "IDR":
        posting.errors.append(
            (
                "salary_min",
                str(_l("Only salaries in rupiah (IDR) are read, got %(c)s.", c=currency[:10])),
            )
        )
        return None, None
    value = base.get("value")
    inner_unit = value.get("unitText") if isinstance(value, dict) else None
    unit = _text(inner_unit or base.get("unitText")).upper() or "MONTH"
    if unit not in MONTHS_IN:
        posting.errors.append(
            (
                "salary_min",
                str(
                    _l(
                        "A salary per %(unit)s cannot be read as a month's pay.",
                        unit=unit.lower()[:10],
                    )
                ),
            )
        )
        return None, None
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
    else:
        low = high = value
    per = MONTHS_IN[unit]
    if per > 1:
        low, high = (round(v / per) if isinstance(v, int | float) else v for v in (low, high))
    return low, high


def source_key(node: dict[str, Any]) -> str:
    """The posting's identifier (with its issuer's name), else its URL."""
    identifier = _first(node.get("identifier"))
    if isinstance(identifier, dict):
        value = _text(identifier.get("value"))
        issuer = _text(identifier.get("name"))
        key = f"{issuer}:{value}" if issuer and value else value
    else:
        key = _text(identifier)
    return (key or _text(node.get("url")))[:500]


def map_job_posting(node: dict[str, Any], posting: Posting, regions: dict[str, int]) -> None:
    """Fill ``posting`` from one JobPosting object."""
    low, high = salary(node, posting)
    posting.row = {
        "title": _text(node.get("title")),
        "description": strip_html(_text(node.get("description"))),
        "region": region_name(node, regions),
        "employment_type": employment_type(node.get("employmentType")),
        "min_education": education(_first(node.get("educationRequirements"))),
        "salary_min": low,
        "salary_max": high,
        "closing_date": _day(node.get("validThrough")) or None,
    }
    posting.employer_name = _text(node.get("hiringOrganization"))[:200]
    posting.url = _text(node.get("url"))[:2000]
    posting.source_key = source_key(node)
    try:
        posting.date_posted = date.fromisoformat(_day(node.get("datePosted")))
    except ValueError:
        posting.date_posted = None
