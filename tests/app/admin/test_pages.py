"""The administrator's pages: each renders for an administrator and no one else, each action
needs its CSRF token, refuses what it must and leaves an audit entry when it acts."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEntry, FreeSkill, Notification, Organisation, Skill, Vacancy
from app.services import audit
from tests.conftest import AuthActions, login_as, post_form
from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    PlannerFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    SkillFactory,
    UserFactory,
    VacancyFactory,
)

PAGES = (
    "/admin/",
    "/admin/verifications",
    "/admin/moderation",
    "/admin/audit",
    "/admin/free-skills",
    "/admin/accounts/",
    "/admin/accounts/planners/new",
)


def audit_count(action: str | None = None) -> int:
    stmt = select(func.count()).select_from(AuditEntry)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return db.session.scalar(stmt) or 0


@pytest.fixture
def admin(app: Flask, client: FlaskClient):  # type: ignore[no-untyped-def]
    user = UserFactory(role="admin", email="admin@example.com", name="Admin Satu")
    login_as(client, user)
    return user


def pending_organisation(**kwargs) -> Organisation:  # type: ignore[no-untyped-def]
    organisation = OrganisationFactory(verification_status="pending", **kwargs)
    EmployerFactory(organisation=organisation, email=f"hrd{organisation.id}@example.com")
    return organisation


# who may open the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_an_administrator(client: FlaskClient, admin, page: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(page)
    assert answer.status_code == 200, page
    assert "<h1" in answer.get_data(as_text=True)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client: FlaskClient, page: str) -> None:
    answer = client.get(page)
    assert answer.status_code == 302
    assert "/auth/login" in answer.headers["Location"]


@pytest.mark.parametrize(
    "make",
    [UserFactory, EmployerFactory, SchoolUserFactory, PlannerFactory],
    ids=lambda f: f.__name__,
)
def test_other_roles_are_refused_every_page(app: Flask, client: FlaskClient, make) -> None:  # type: ignore[no-untyped-def]
    login_as(client, make())
    for page in PAGES:
        assert client.get(page).status_code == 403, page


def test_other_roles_cannot_post_the_actions(app: Flask, client: FlaskClient) -> None:
    organisation = pending_organisation()
    vacancy = VacancyFactory(moderation_status="held")
    login_as(client, EmployerFactory())
    token_page = "/employer/vacancies"
    for url, data in (
        (f"/admin/verifications/{organisation.id}", {"decision": "approve"}),
        (f"/admin/moderation/vacancies/{vacancy.id}", {"action": "approve", "reason": "ok"}),
        ("/admin/free-skills/map", {"key": "x", "skill_id": "y"}),
    ):
        assert post_form(client, token_page, url, data).status_code == 403, url
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).verification_status == "pending"
    assert db.session.get(Vacancy, vacancy.id).moderation_status == "held"
    assert audit_count() == 0


# the overview ------------------------------------------------------------------------------


def test_overview_counts_what_waits_and_what_there_is(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    pending_organisation()
    pending_organisation()
    VacancyFactory(moderation_status="held")
    VacancyFactory(status="open")
    SkillFactory()
    page = client.get("/admin/").get_data(as_text=True)
    assert 'data-testid="pending-count">2</span>' in page
    assert 'data-testid="waiting-count">1</span>' in page
    skills = db.session.scalar(select(func.count()).select_from(Skill))
    assert f"<td>{skills}</td>" in page


def test_overview_shows_zero_when_nothing_waits(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/admin/").get_data(as_text=True)
    assert 'data-testid="pending-count">0</span>' in page
    assert 'data-testid="waiting-count">0</span>' in page


def test_the_outbox_link_follows_the_setting(app: Flask, client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    app.config["MAIL_OUTBOX_PAGE"] = True
    assert "/admin/outbox/" in client.get("/admin/").get_data(as_text=True)
    app.config["MAIL_OUTBOX_PAGE"] = False
    assert "/admin/outbox/" not in client.get("/admin/").get_data(as_text=True)


# verification requests ---------------------------------------------------------------------


def test_the_queue_lists_requests_with_members_and_numbers_used_elsewhere(
    client: FlaskClient,
    admin,  # type: ignore[no-untyped-def]
) -> None:
    OrganisationFactory(name="PT Lama Jaya", registration_number="9120000099999")
    waiting = pending_organisation(name="PT Baru Jaya", registration_number="9120000099999")
    page = client.get("/admin/verifications").get_data(as_text=True)
    assert page.count('data-testid="verification-request"') == 1
    assert "PT Baru Jaya" in page and f"hrd{waiting.id}@example.com" in page
    assert "Juga dipakai oleh: PT Lama Jaya" in page


def test_an_empty_queue_says_so(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    OrganisationFactory(verification_status="verified")
    page = client.get("/admin/verifications").get_data(as_text=True)
    assert 'data-testid="no-requests"' in page
    assert "Tidak ada organisasi yang menunggu verifikasi." in page


def decide(client: FlaskClient, organisation: Organisation, **data):  # type: ignore[no-untyped-def]
    return post_form(
        client,
        "/admin/verifications",
        f"/admin/verifications/{organisation.id}",
        data,
        follow_redirects=True,
    )


def test_approval_is_audited_and_the_members_told(app: Flask, client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    organisation = pending_organisation(name="PT Maju Bersama")
    page = decide(client, organisation, decision="approve").get_data(as_text=True)
    assert "Keputusan disimpan dan organisasi diberi tahu: PT Maju Bersama." in page
    db.session.expire_all()
    assert organisation.verification_status == "verified"
    assert organisation.verified_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.verify"))
    assert entry.actor_email == "admin@example.com"
    assert entry.target_id == organisation.id and entry.target_label == "PT Maju Bersama"
    assert entry.details == {"registration_number": organisation.registration_number}
    member = organisation.members[0]
    told = db.session.scalars(select(Notification).where(Notification.recipient_id == member.id))
    assert [n.params["event"] for n in told] == ["verified"]


def test_a_rejection_needs_a_reason_and_nothing_changes_without_one(
    client: FlaskClient,
    admin,  # type: ignore[no-untyped-def]
) -> None:
    organisation = pending_organisation()
    page = decide(client, organisation, decision="reject", reason="   ").get_data(as_text=True)
    assert "Tuliskan alasan permohonan ditolak." in page
    db.session.expire_all()
    assert organisation.verification_status == "pending"
    assert audit_count() == 0
    decide(client, organisation, decision="reject", reason="NIB tidak cocok dengan OSS")
    db.session.expire_all()
    assert organisation.verification_status == "rejected"
    assert organisation.verification_note == "NIB tidak cocok dengan OSS"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.reject"))
    assert entry.reason == "NIB tidak cocok dengan OSS"


def test_deciding_twice_is_refused_and_audited_once(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    organisation = pending_organisation()
    decide(client, organisation, decision="approve")
    page = decide(client, organisation, decision="reject", reason="salah").get_data(as_text=True)
    assert "Organisasi ini belum mengajukan verifikasi." in page
    db.session.expire_all()
    assert organisation.verification_status == "verified"
    assert audit_count() == 1


def test_an_unknown_decision_changes_nothing(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    organisation = pending_organisation()
    assert decide(client, organisation, decision="maybe").status_code == 200
    db.session.expire_all()
    assert organisation.verification_status == "pending"
    assert audit_count() == 0


def test_a_decision_without_its_csrf_token_is_refused(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    organisation = pending_organisation()
    answer = client.post(f"/admin/verifications/{organisation.id}", data={"decision": "approve"})
    assert answer.status_code in (302, 400)
    db.session.expire_all()
    assert organisation.verification_status == "pending"
    assert audit_count() == 0


def test_a_decision_on_an_unknown_organisation_is_404(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    answer = post_form(
        client, "/admin/verifications", "/admin/verifications/99999", {"decision": "approve"}
    )
    assert answer.status_code == 404


# moderation --------------------------------------------------------------------------------


def moderate(client: FlaskClient, vacancy: Vacancy, **data):  # type: ignore[no-untyped-def]
    url = f"/admin/moderation/vacancies/{vacancy.id}"
    return post_form(client, url, url, data, follow_redirects=True)


def test_the_queue_lists_held_vacancies_only(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(title="Lowongan Mencurigakan", moderation_status="held")
    VacancyFactory(title="Lowongan Biasa")
    page = client.get("/admin/moderation").get_data(as_text=True)
    assert "Lowongan Mencurigakan" in page and "Lowongan Biasa" not in page


def test_approving_a_held_vacancy_clears_it(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held")
    page = moderate(client, vacancy, action="approve", reason="").get_data(as_text=True)
    assert "Selesai. Tindakan ini tercatat di log audit." in page
    db.session.expire_all()
    assert vacancy.moderation_status == "clear"
    assert audit_count("vacancy.approve") == 1


def test_unpublishing_needs_a_reason(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held")
    page = moderate(client, vacancy, action="unpublish", reason=" ").get_data(as_text=True)
    assert "Berikan alasan." in page
    db.session.expire_all()
    assert vacancy.status == "open" and vacancy.moderation_status == "held"
    assert audit_count() == 0
    moderate(client, vacancy, action="unpublish", reason="Meminta uang")
    db.session.expire_all()
    assert (vacancy.status, vacancy.closed_reason, vacancy.moderation_status) == (
        "closed",
        "moderation",
        "removed",
    )


def test_warnings_are_counted_on_the_page(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held")
    moderate(client, vacancy, action="warn", reason="Gaji tidak wajar")
    moderate(client, vacancy, action="warn", reason="Lagi")
    db.session.expire_all()
    assert audit_count("organisation.warn") == 2
    assert not vacancy.organisation.suspended
    from app.services.moderation import warnings_of

    assert warnings_of(vacancy.organisation_id) == 2
    assert warnings_of(vacancy.organisation_id + 1000) == 0


def test_suspension_and_its_lifting_are_audited(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held")
    moderate(client, vacancy, action="suspend", reason="Penipuan")
    db.session.expire_all()
    assert vacancy.organisation.suspended
    moderate(client, vacancy, action="unsuspend", reason="Sudah diperbaiki")
    db.session.expire_all()
    assert not vacancy.organisation.suspended
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["organisation.suspend", "organisation.unsuspend"]


def test_an_unknown_action_is_refused(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held")
    answer = moderate(client, vacancy, action="delete", reason="x")
    assert answer.status_code == 200
    db.session.expire_all()
    assert vacancy.moderation_status == "held" and vacancy.status == "open"
    assert audit_count() == 0


def test_moderating_an_unknown_vacancy_is_404(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/admin/moderation/vacancies/99999").status_code == 404


# the audit log -----------------------------------------------------------------------------


def add_entries(n: int, action: str, label: str, reason: str = "", actor=None) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        audit.record(actor, action, "organisation", i, f"{label} {i}", reason)
    db.session.commit()


def test_the_log_searches_actor_target_and_reason(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    add_entries(1, "organisation.verify", "PT Satu", "NIB cocok", actor=admin)
    add_entries(1, "organisation.reject", "PT Dua", "Alamat palsu")
    page = client.get("/admin/audit?q=alamat").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 1 and "PT Dua 0" in page
    page = client.get("/admin/audit?q=PT+SATU").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 1 and "NIB cocok" in page
    page = client.get("/admin/audit?q=admin@example").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 1 and "PT Satu 0" in page
    page = client.get("/admin/audit?q=tidak-ada").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 0 and "Belum ada catatan." in page


def test_the_log_filters_by_action_and_offers_the_actions_in_it(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    add_entries(2, "organisation.verify", "PT A")
    add_entries(3, "vacancy.approve", "Lowongan")
    page = client.get("/admin/audit?action=vacancy.approve").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 3
    assert '<option value="organisation.verify">' in page
    assert '<option selected value="vacancy.approve">' in page or (
        'value="vacancy.approve" selected' in page
    )


def test_an_action_not_in_the_log_shows_every_entry(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    add_entries(2, "organisation.verify", "PT A")
    page = client.get("/admin/audit?action=drop.tables").get_data(as_text=True)
    assert page.count('data-testid="audit-entry"') == 2


def test_the_log_pages_by_fifty_newest_first(client: FlaskClient, admin) -> None:  # type: ignore[no-untyped-def]
    add_entries(55, "organisation.verify", "PT Nomor")
    first = client.get("/admin/audit").get_data(as_text=True)
    assert first.count('data-testid="audit-entry"') == 50
    assert first.index("PT Nomor 54") < first.index("PT Nomor 53")
    assert "PT Nomor 4<" not in first
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert second.count('data-testid="audit-entry"') == 5
    assert "PT Nomor 0" in second


@pytest.mark.parametrize("page", ["0", "-1", "abc", "100001"])
def test_odd_page_numbers_give_the_first_page(client: FlaskClient, admin, page: str) -> None:  # type: ignore[no-untyped-def]
    add_entries(55, "organisation.verify", "PT Nomor")
    answer = client.get(f"/admin/audit?page={page}")
    assert answer.status_code == 200
    assert "PT Nomor 54" in answer.get_data(as_text=True)


def test_the_log_service_reads_pages_and_totals(app: Flask) -> None:
    add_entries(7, "x.y", "Target")
    found = audit.entries(per_page=3, page=3)
    assert (found.total, found.pages, len(found.entries)) == (7, 3, 1)
    assert found.entries[0].target_label == "Target 0"
    assert audit.entries(page=-5).page == 1
    assert audit.actions() == ["x.y"]


def test_an_entry_keeps_its_label_short_and_drops_empty_details(app: Flask) -> None:
    entry = audit.record(None, "a.b", "thing", None, "x" * 400, "  alasan  ", kept=1, dropped=None)
    db.session.commit()
    assert len(entry.target_label) == 300
    assert entry.reason == "alasan"
    assert entry.details == {"kept": 1}
    assert entry.actor_id is None and entry.actor_email == ""


# skills in free text -----------------------------------------------------------------------


def test_the_list_is_empty_and_mapping_an_unknown_key_is_404(
    client: FlaskClient, admin, vocab
) -> None:  # type: ignore[no-untyped-def]
    assert 'data-testid="free-skill-row"' not in client.get("/admin/free-skills").get_data(
        as_text=True
    )
    answer = post_form(
        client,
        "/admin/free-skills",
        "/admin/free-skills/map",
        {"key": "tidak ada", "skill_id": "tool-mikrotik-routeros"},
    )
    assert answer.status_code == 404
    assert audit_count() == 0


def test_mapping_to_an_unknown_skill_keeps_the_free_text(
    app: Flask, client: FlaskClient, vocab
) -> None:  # type: ignore[no-untyped-def]
    from app.services import free_skills

    profile = SeekerProfileFactory()
    free_skills.add_for_profile(profile, "Merakit Drone")
    login_as(client, UserFactory(role="admin"))
    page = post_form(
        client,
        "/admin/free-skills",
        "/admin/free-skills/map",
        {"key": "merakit drone", "skill_id": "no-such-skill"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Pilih keterampilan dari daftar saran." in page
    assert db.session.scalar(select(func.count()).select_from(FreeSkill)) == 1
    assert audit_count() == 0


def test_the_list_counts_seekers_and_vacancies_per_written_form(
    app: Flask, client: FlaskClient, vocab
) -> None:  # type: ignore[no-untyped-def]
    from app.services import free_skills

    free_skills.add_for_profile(SeekerProfileFactory(), "Merakit  Drone")
    free_skills.add_for_profile(SeekerProfileFactory(), "merakit drone")
    free_skills.add_for_vacancy(VacancyFactory(), "MERAKIT DRONE", "preferred")
    free_skills.add_for_vacancy(VacancyFactory(), "Menjahit Layar", "required")
    counted = {c.key: (c.seekers, c.vacancies) for c in free_skills.counts()}
    assert counted == {"merakit drone": (2, 1), "menjahit layar": (0, 1)}
    assert [c.key for c in free_skills.counts()] == ["merakit drone", "menjahit layar"]
    login_as(client, UserFactory(role="admin"))
    page = client.get("/admin/free-skills").get_data(as_text=True)
    assert page.count('data-testid="free-skill-row"') == 2


def test_a_mapping_without_its_csrf_token_is_refused(
    app: Flask, client: FlaskClient, vocab
) -> None:  # type: ignore[no-untyped-def]
    from app.services import free_skills

    free_skills.add_for_profile(SeekerProfileFactory(), "Merakit Drone")
    login_as(client, UserFactory(role="admin"))
    client.post(
        "/admin/free-skills/map",
        data={"key": "merakit drone", "skill_id": "tool-mikrotik-routeros"},
    )
    assert db.session.scalar(select(func.count()).select_from(FreeSkill)) == 1
    assert audit_count() == 0
    AuthActions(client).logout()
