"""Planners are created by an administrator, from the command line or the account pages, in an
agency (added when new, verified at once); both ways are audited and email a set-password link."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEntry, Organisation, User
from app.services import account_admin
from tests.conftest import emailed_link, outbox, post_form
from tests.factories import OrganisationFactory, PlannerFactory, UserFactory


def audit_of(email: str) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(
        AuditEntry.action == "account.create_planner", AuditEntry.target_label == email
    )
    return list(db.session.scalars(stmt))


def agencies() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == "agency")))


def test_cli_creates_a_planner_in_a_new_verified_agency(app, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["users", "create-planner", "Dewi@Bappeda.example", "--agency", "Bappeda Banten"]
    )
    assert result.exit_code == 0, result.output
    assert "Planner dewi@bappeda.example created in Bappeda Banten." in result.output
    assert "/auth/reset/" in result.output
    user = db.session.scalar(select(User).where(User.email == "dewi@bappeda.example"))
    assert user.role == "planner" and user.name == "dewi"
    assert user.organisation.kind == "agency" and user.organisation.is_verified
    [entry] = audit_of(user.email)
    assert entry.actor_id is None and entry.details["agency"] == "Bappeda Banten"
    assert any(m.to == user.email for m in outbox(app))
    # the same agency, spelt differently, is found again; a taken email is refused
    again = runner.invoke(
        args=["users", "create-planner", "eko@bappeda.example", "--agency", " bappeda  BANTEN"]
    )
    assert again.exit_code == 0, again.output
    assert len(agencies()) == 1
    taken = runner.invoke(
        args=["users", "create-planner", "eko@bappeda.example", "--agency", "Disnaker"]
    )
    assert taken.exit_code != 0 and "email:" in taken.output
    assert runner.invoke(args=["users", "create-planner", "x@y.example"]).exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_set_password_link_lets_the_planner_in(app, client, runner) -> None:  # type: ignore[no-untyped-def]
    runner.invoke(args=["users", "create-planner", "rina@disnaker.example", "--agency", "Disnaker"])
    link = emailed_link(app, "rina@disnaker.example", "/auth/reset/")
    new = "Perencana-Banten-2026"
    post_form(client, link, link, {"password": new, "confirm": new}, follow_redirects=True)
    user = db.session.scalar(select(User).where(User.email == "rina@disnaker.example"))
    db.session.refresh(user)
    assert user.email_verified_at is not None
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": new, "csrf_token": _token(client)},
    )
    assert response.headers["Location"].endswith(("/dashboard", "/planner/"))
    assert client.get("/planner/").status_code == 200


def _token(client) -> str:  # type: ignore[no-untyped-def]
    from tests.conftest import csrf_token

    return csrf_token(client, "/auth/login")


def test_admin_page_creates_planners_audited(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(role="admin")
    existing = OrganisationFactory(kind="agency", name="Dinas Pendidikan Provinsi Banten")
    auth.login(admin.email)
    page = client.get("/admin/accounts/planners/new").get_data(as_text=True)
    assert "Buat akun perencana" in page and "Dinas Pendidikan Provinsi Banten" in page
    url = "/admin/accounts/planners/new"
    response = post_form(
        client,
        url,
        url,
        {"email": "a@dindik.example", "name": "Ahmad", "agency": str(existing.id)},
        follow_redirects=True,
    )
    assert "Akun perencana dibuat" in response.get_data(as_text=True)
    post_form(
        client,
        url,
        url,
        {"email": "b@dkisp.example", "name": "Bunga", "agency": "new", "new_agency": "DKISP"},
    )
    made = {u.email: u for u in db.session.scalars(select(User).where(User.role == "planner"))}
    assert made["a@dindik.example"].organisation_id == existing.id
    assert made["b@dkisp.example"].organisation.name == "DKISP"
    for email in made:
        [entry] = audit_of(email)
        assert entry.actor_id == admin.id
    # "new" without a name, and a taken address, are refused with the field named
    page = post_form(client, url, url, {"email": "c@x.example", "name": "C", "agency": "new"})
    assert "Tuliskan nama instansi." in page.get_data(as_text=True)
    page = post_form(
        client, url, url, {"email": "a@dindik.example", "name": "A", "agency": str(existing.id)}
    )
    assert page.status_code == 200 and len(agencies()) == 2


def test_only_administrators_create_planners(client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    assert client.get("/admin/accounts/planners/new").status_code == 403


def test_a_planner_keeps_the_planner_role_or_becomes_administrator(app) -> None:  # type: ignore[no-untyped-def]
    assert account_admin.roles_for(PlannerFactory()) == ["admin", "planner"]
    assert "planner" not in account_admin.roles_for(UserFactory())


def test_the_demo_planner_address_is_refused_where_demo_data_is(app, runner) -> None:  # type: ignore[no-untyped-def]
    app.config["ALLOW_DEMO_DATA"] = False  # as in production
    result = runner.invoke(
        args=["users", "create-planner", "planner@example.com", "--agency", "Bappeda"]
    )
    assert result.exit_code != 0 and "email:" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
