"""The drill-down: every number of the Demand and Outcomes pages that counts vacancies links to
a list of exactly that many vacancies (the count shown and the rows listed, page by page); only
planners and administrators may open any planner page."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from app.services.planner import drill
from app.services.planner.registry import load_pages, menu
from tests.app.services.planner.scene import DATA, WEB, load_occupations, posted, regions
from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    PlannerFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    SkillFactory,
)

QUERY = "?since=2026-01&until=2026-03"
LINK = re.compile(r'<a href="([^"]+)" data-testid="drill">([^<]+)</a>')
TOTAL = re.compile(r'data-testid="drill-total"><strong>([\d.,]+) ')


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    """Vacancies over three months, two districts, two occupations (and none), with skills,
    salaries, one closed, one of an unverified employer; a planner."""
    load_occupations()
    r1, r2 = regions()[:2]
    a, b = SkillFactory(), SkillFactory()
    employer = OrganisationFactory()
    for month, region, skills, occupation, fields in [
        (1, r1, [(a, "required")], WEB, {}),
        (1, r1, [(a, "preferred"), (b, "required")], DATA, {"min_education": "s1"}),
        (2, r2, [(b, "required")], None, {"salary_min": None, "salary_max": None}),
        (2, r1, [], WEB, {"status": "closed", "closing_date": date(2026, 2, 25)}),
        (3, r2, [(a, "required")], WEB, {"min_education": "d3", "salary_max": 9_000_000}),
        (3, r2, [(a, "required")], DATA, {}),
    ]:
        posted(date(2026, month, 3), region, skills, occupation, employer=employer, **fields)
    posted(date(2025, 11, 3), r1, [(a, "required")], WEB)  # open into the period
    posted(date(2026, 2, 3), r1, [(a, "required")], WEB,
           employer=OrganisationFactory(verification_status="pending"))  # fmt: skip
    return PlannerFactory()


def number(text: str) -> int:
    return int(re.sub(r"[.,\s]", "", text))


def drilled(app, client, url: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The count the drill-down shows, how many rows its pages list, and how many vacancies
    its scope selects from the vacancies themselves."""
    from flask import request
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Vacancy
    from app.planner.views import planner_filters

    first = client.get(url).get_data(as_text=True)
    total = number(TOTAL.search(first).group(1))  # type: ignore[union-attr]
    rows = 0
    for page in range(1, -(-total // drill.PER_PAGE) + 1):
        body = client.get(f"{url}&page={page}").get_data(as_text=True)
        rows += body.count('data-testid="drill-row"')
    with app.test_request_context(url):
        scope = drill.scope_from_args(request.args, planner_filters()[1])
        exact = db.session.scalar(select(func.count(Vacancy.id)).where(*scope.vacancy_clauses()))
    return total, rows, exact


@pytest.mark.parametrize("name", ["demand", "outcomes"])
def test_every_number_drills_down_to_as_many_vacancies(
    app, client, auth, scene, name, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(drill, "PER_PAGE", 2)  # several pages
    auth.login(scene.email)
    page = client.get(f"/planner/{name}{QUERY}").get_data(as_text=True)
    links = LINK.findall(page)
    assert len(links) > (30 if name == "demand" else 5)
    for href, shown in links:
        url = unescape(href)
        total, rows, exact = drilled(app, client, url)
        assert total == number(shown) == rows == exact, (url, shown, total, rows, exact)


def test_the_drill_down_lists_vacancies_not_people(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(scene.email)
    body = client.get(f"/planner/vacancies{QUERY}&measure=open").get_data(as_text=True)
    assert number(TOTAL.search(body).group(1)) == 7  # type: ignore[union-attr]
    assert "Web Developer (Laravel)" in body and "/vacancies/" in body
    assert 'data-testid="drill-table"' in body


def _every_planner_url() -> list[str]:
    load_pages()
    urls = ["/planner/", "/planner/vacancies", "/planner/vacancies?measure=open&page=2"]
    for page in menu():
        if page.figures is None:
            continue
        urls.append(f"/planner/{page.name}")
        urls += [f"/planner/{page.name}/anything.{fmt}" for fmt in ("csv", "xlsx")]
    return urls


@pytest.mark.parametrize("factory", [SeekerProfileFactory, EmployerFactory, SchoolUserFactory])
def test_others_get_403_on_every_planner_page(client, auth, factory) -> None:  # type: ignore[no-untyped-def]
    made = factory()
    auth.login(getattr(made, "user", made).email)
    for url in _every_planner_url():
        assert client.get(url).status_code == 403, url
