"""A feed's postings, read from its bytes: schema.org ``JobPosting`` JSON-LD (an HTML page with
``<script type="application/ld+json">`` blocks, a bare object or list, ``@graph``), or the CSV and
JSON the site's bulk import takes. Each posting becomes the raw row that ``vacancy_rows``' one
rule set checks, plus its source key, employer name and posting date; a posting that cannot be
read at all keeps its position and the reason."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

from flask_babel import lazy_gettext as _l

from app.models import FeedPosting
from app.services.feeds.fetch import FeedError
from app.services.feeds.mapping import map_job_posting
from curricula.limits import InputLimitError, InputLimits, load_json


@dataclass
class Posting:
    """One posting of a feed, by position (1-based, in document order)."""

    position: int
    row: dict[str, Any] = field(default_factory=dict)
    source_key: str = ""
    employer_name: str = ""
    url: str = ""
    date_posted: date | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)


class _ScriptBlocks(HTMLParser):
    """Collects the text of every ``<script type="application/ld+json">`` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def json_blocks(text: str) -> list[str]:
    """The JSON texts of a page: the whole text when it is bare JSON, else its JSON-LD scripts."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return [stripped]
    parser = _ScriptBlocks()
    parser.feed(text)
    parser.close()
    return parser.blocks


def _job_postings(node: Any) -> list[Any]:
    """The JobPosting objects of a JSON-LD value, in order (lists and ``@graph`` unfolded)."""
    if isinstance(node, list):
        return [posting for item in node for posting in _job_postings(item)]
    if not isinstance(node, dict):
        return []
    if "@graph" in node:
        return _job_postings(node["@graph"])
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [node] if "JobPosting" in kinds else []


def read_jsonld(data: bytes, limits: InputLimits, regions: dict[str, int]) -> list[Posting]:
    """The postings of a JSON-LD page or file; a block of bad JSON takes one position."""
    text = _text(data)
    postings: list[Posting] = []
    for number, block in enumerate(json_blocks(text), start=1):
        try:
            value = load_json(block, limits)
        except json.JSONDecodeError as error:
            message = _l(
                "JSON-LD block %(n)d, line %(line)d: the JSON is not valid.",
                n=number,
                line=error.lineno,
            )
            postings.append(Posting(len(postings) + 1, errors=[("-", str(message))]))
            continue
        except InputLimitError as error:
            message = _l("JSON-LD block %(n)d is too deep or holds too long numbers.", n=number)
            postings.append(Posting(len(postings) + 1, errors=[("-", str(message))]))
            del error
            continue
        for node in _job_postings(value):
            posting = Posting(len(postings) + 1)
            map_job_posting(node, posting, regions)
            postings.append(posting)
    return postings


EMPLOYER_NAME_MAX = FeedPosting.employer_name.type.length  # the column's length


def read_table(rows: list[tuple[int, dict[str, Any]]]) -> list[Posting]:
    """The postings of a CSV or JSON file in the site's import format (line or entry numbers as
    positions); ``source_key`` (or ``url``) and ``employer_name`` are optional extra columns."""
    postings = []
    for line, raw in rows:
        posting = Posting(line, row=raw)
        posting.employer_name = _cell(raw.get("employer_name"), EMPLOYER_NAME_MAX)
        posting.url = _cell(raw.get("url"))
        posting.source_key = _cell(raw.get("source_key")) or posting.url
        postings.append(posting)
    return postings


def _cell(value: Any, limit: int = 500) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError(_l("The feed is not UTF-8 text.")) from error


def content_hash(posting: Posting) -> str:
    """A fingerprint of what a posting says (an unchanged posting is not written again)."""
    keys = sorted(k for k in posting.row if isinstance(k, str))
    payload = json.dumps([[k, str(posting.row[k])] for k in keys], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()


def fallback_key(posting: Posting) -> str:
    """A key for a posting without identifier or URL: its title, employer and region."""
    parts = [str(posting.row.get(k, "")).strip().lower() for k in ("title", "region")]
    text = "|".join([*parts, posting.employer_name.lower()])
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
