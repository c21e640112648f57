"""Planners read aggregates and nothing personal: every seeker, employer, school and administrator
page answers 403 to a planner, and the planners' pages answer 403 to everyone else."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.auth import policy
from tests.factories import (
    ApplicationFactory,
    CurriculumFactory,
    EmployerFactory,
    PlannerFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

# every blueprint that shows or changes a person's or an organisation's data
PERSONAL_BLUEPRINTS = (
    "seekers",
    "employers",
    "schools",
    "trainings",
    "organisations",
    "admin",
    "admin_accounts",
    "admin_outbox",
)
PLANNER_PAGES = ["/planner/", "/planner/context/province.csv", "/planner/context/education.xlsx"]


def personal_urls(app: Flask, some_id: int) -> list[str]:
    """A URL for every GET route of those blueprints (ids of real rows, names made up)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in PERSONAL_BLUEPRINTS or "GET" not in rule.methods:
            continue
        path = re.sub(r"<int:[^>]+>", str(some_id), rule.rule)
        urls.append(re.sub(r"<[^>]+>", "csv", path))
    return sorted(urls)


def test_a_planner_gets_403_on_every_personal_page(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    application = ApplicationFactory()
    CurriculumFactory(id=application.vacancy.id)
    auth.login(PlannerFactory().email)
    urls = personal_urls(app, application.vacancy.id)
    assert len(urls) > 25  # the walk reaches every blueprint
    for url in urls:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["seeker", "employer", "school"])
def test_other_roles_get_403_on_planner_pages(client, auth, role: str) -> None:  # type: ignore[no-untyped-def]
    factory = {"seeker": UserFactory, "employer": EmployerFactory, "school": SchoolUserFactory}
    auth.login(factory[role]().email)
    for url in PLANNER_PAGES:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_login(client) -> None:  # type: ignore[no-untyped-def]
    for url in PLANNER_PAGES:
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_planner_and_administrator_open_planner_pages(client, auth) -> None:  # type: ignore[no-untyped-def]
    for user in (PlannerFactory(), UserFactory(role="admin")):
        auth.login(user.email)
        for url in PLANNER_PAGES:
            assert client.get(url).status_code == 200, url
        auth.logout()


def test_dashboard_and_navigation_lead_a_planner_to_planning(client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    response = client.get("/dashboard")
    assert response.headers["Location"].endswith("/planner/")
    page = client.get("/planner/").get_data(as_text=True)
    assert ">Perencanaan</a>" in page
    auth.logout()
    auth.login(UserFactory().email)
    assert ">Perencanaan</a>" not in client.get("/seeker/").get_data(as_text=True)


def test_planner_has_no_personal_data_capability(app) -> None:  # type: ignore[no-untyped-def]
    planner = PlannerFactory()
    vacancy = VacancyFactory(organisation=planner.organisation)  # even "its own" organisation
    application = ApplicationFactory(vacancy=vacancy)
    profile = SeekerProfileFactory(visibility="visible", share_contact=True)
    assert policy.can_read_aggregates(planner)
    denied = [
        policy.can_manage_accounts(planner),
        policy.can_read_audit_log(planner),
        policy.can_read_outbox(planner),
        policy.can_verify_organisations(planner),
        policy.can_moderate(planner),
        policy.can_request_verification(planner),
        policy.can_apply(planner),
        policy.can_publish_vacancy(planner),
        policy.can_view_candidates(planner, vacancy),
        policy.can_handle_applications(planner, vacancy),
        policy.can_see_contact(planner, application),
        policy.can_see_candidate_contact(planner, profile),
        policy.can_save_searches(planner),
    ]
    assert not any(denied)


@pytest.mark.parametrize("role", ["seeker", "employer", "school"])
def test_only_planners_and_administrators_read_aggregates(role: str) -> None:
    class Someone:
        is_authenticated = True

    someone = Someone()
    someone.role = role  # type: ignore[attr-defined]
    assert not policy.can_read_aggregates(someone)
    assert not policy.can_read_aggregates(None)
