"""Role and ownership refusals."""

from __future__ import annotations

import pytest

from tests.factories import (
    CurriculumFactory,
    EmployerFactory,
    SchoolUserFactory,
    UserFactory,
    VacancyFactory,
)


@pytest.mark.parametrize("url", ["/seeker/", "/employer/", "/school/", "/admin/", "/dashboard"])
def test_anonymous_users_are_sent_to_login(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("role", "forbidden"),
    [
        ("seeker", ["/employer/", "/school/", "/admin/"]),
        ("employer", ["/seeker/", "/school/", "/admin/"]),
        ("school", ["/seeker/", "/employer/", "/admin/"]),
    ],
)
def test_roles_cannot_open_other_roles_pages(client, auth, role: str, forbidden: list[str]) -> None:  # type: ignore[no-untyped-def]
    factory = {"seeker": UserFactory, "employer": EmployerFactory, "school": SchoolUserFactory}
    auth.login(factory[role]().email)
    for url in forbidden:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Akses ditolak" in response.get_data(as_text=True)


def test_employer_cannot_open_another_employers_vacancy(client, auth) -> None:  # type: ignore[no-untyped-def]
    mine = EmployerFactory()
    theirs = VacancyFactory()
    own = VacancyFactory(organisation=mine.organisation)
    auth.login(mine.email)
    assert client.get(f"/employer/vacancies/{own.id}").status_code == 200
    assert client.get(f"/employer/vacancies/{theirs.id}").status_code == 403
    assert client.get("/employer/vacancies/999999").status_code == 404


def test_school_cannot_open_another_schools_curriculum(client, auth) -> None:  # type: ignore[no-untyped-def]
    mine = SchoolUserFactory()
    theirs = CurriculumFactory()
    own = CurriculumFactory(organisation=mine.organisation)
    auth.login(mine.email)
    assert client.get(f"/school/curricula/{own.id}").status_code == 200
    assert "Basis Data" in client.get(f"/school/curricula/{own.id}").get_data(as_text=True)
    assert client.get(f"/school/curricula/{theirs.id}").status_code == 403


def test_admin_sees_every_vacancy(client, auth) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(role="admin")
    vacancy = VacancyFactory()
    auth.login(admin.email)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/employer/vacancies/{vacancy.id}").status_code == 200


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("seeker", "/seeker/"),
        ("employer", "/employer/"),
        ("school", "/school/"),
        ("admin", "/admin/"),
    ],
)
def test_dashboard_redirects_by_role(client, auth, role: str, target: str) -> None:  # type: ignore[no-untyped-def]
    factory = {
        "seeker": UserFactory,
        "employer": EmployerFactory,
        "school": SchoolUserFactory,
        "admin": lambda: UserFactory(role="admin"),
    }
    auth.login(factory[role]().email)
    assert client.get("/dashboard").headers["Location"] == target
