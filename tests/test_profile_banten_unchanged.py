"""The Banten profile renders exactly what the code rendered before profiles existed: a few
pages, captured from that code (``CAPTURE_BANTEN_PAGES=1`` writes them again), are compared
with volatile parts (CSRF tokens, dates, ids) masked. Two intended differences: the escaped
``&amp;`` in <title> (masked below) and the context file's new path on the about-data page
(edited in its fixture: app/data/bps_tpt_banten.csv became profiles/banten/bps_tpt.csv)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask import Flask

from app.services.labour_context import load_context_file
from tests.conftest import login_as
from tests.factories import PlannerFactory

FIXTURES = Path(__file__).parent / "fixtures" / "banten_pages"
PAGES = {
    "index": (None, "/"),
    "login": (None, "/auth/login"),
    "vacancies": (None, "/vacancies/"),
    "about_data": (None, "/about/data"),
    "data": (None, "/data/"),
    "planner": ("planner", "/planner/"),
}
MASKS = (
    (re.compile(r'(name="csrf_token"[^>]*value=")[^"]+'), r"\1CSRF"),
    (re.compile(r'(<meta name="csrf-token" content=")[^"]+'), r"\1CSRF"),
    (re.compile(r"\d{4}-\d{2}-\d{2}([T ][0-9:.+]+)?"), "DATE"),
    (re.compile(r"\d{1,2} \w+ \d{4}"), "DATE"),
    (re.compile(r"\?v=[0-9a-f]+"), "?v=V"),
    (re.compile(r"Pengguna \d+"), "Pengguna N"),  # the factory's user number
)


# the one intended difference: the platform's name in <title> now comes from the profile and is
# escaped like any value ("Link &amp; Match", which a browser shows as before)
TITLE = re.compile(r"<title>(.*?)</title>")


def masked(html: str) -> str:
    """A page with its volatile parts replaced by fixed words."""
    for pattern, word in MASKS:
        html = pattern.sub(word, html)
    return TITLE.sub(lambda m: "<title>" + m.group(1).replace("&amp;", "&") + "</title>", html)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_banten_pages_unchanged(app: Flask, name: str) -> None:
    role, url = PAGES[name]
    client = app.test_client()
    load_context_file(app.config["CONTEXT_FILE"])
    if role:
        assert login_as(client, PlannerFactory()).status_code == 302
    answer = client.get(url)
    assert answer.status_code == 200, url
    page = masked(answer.get_data(as_text=True))
    fixture = FIXTURES / f"{name}.html"
    if os.environ.get("CAPTURE_BANTEN_PAGES") == "1":
        fixture.write_text(page, encoding="utf-8")
    assert folded(page) == folded(fixture.read_text(encoding="utf-8")), (
        f"{url} differs from {fixture}"
    )


def folded(html: str) -> str:
    """The page with every run of white space folded to one space (templates split into macros
    and layouts indent and break lines differently; the words, tags and their order, and whether
    two of them are apart, are what must not change)."""
    return re.sub(r"\s+", " ", html).strip()
