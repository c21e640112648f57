"""Organisations are verified before they reach people: identity formats, the review queue,
approval and rejection with a reason (audited, members told), and what an unverified
organisation may not do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Organisation, Vacancy
from app.services import organisations
from app.services.errors import ValidationError
from tests.conftest import AuthActions, login_as, outbox, post_form
from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)


def unverified_employer():  # type: ignore[no-untyped-def]
    return EmployerFactory(
        organisation=OrganisationFactory(
            name="PT Kerja Cepat Gaji Besar",
            verification_status="unsubmitted",
            registration_number="",
        )
    )


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("employer", "9120001234567", True),
        ("employer", "9120 0012 34567", True),
        ("employer", "912000123456", False),
        ("employer", "91200012345678", False),
        ("employer", "912000123456A", False),
        ("school", "20603251", True),
        ("school", "2060325", False),
        ("training_provider", "LPK/0187/DISNAKER-TGR/2024", True),
        ("training_provider", "LPK", False),
    ],
)
def test_identity_formats(app, kind: str, number: str, ok: bool) -> None:  # type: ignore[no-untyped-def]
    if ok:
        assert organisations.check_identity(kind, number, "Jl. Raya Serang No. 10, Cikande")[0]
    else:
        with pytest.raises(ValidationError) as caught:
            organisations.check_identity(kind, number, "Jl. Raya Serang No. 10, Cikande")
        assert caught.value.field == "registration_number"


def test_request_names_the_wrong_field_in_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    login_as(client, employer)
    page = post_form(
        client, "/organisation/", "/organisation/",
        {"registration_number": "12345", "address": "Jl. Sudirman No. 1, Tangerang"},
    ).get_data(as_text=True)  # fmt: skip
    assert "NIB terdiri dari tepat 13 angka" in page
    assert (
        db.session.get(Organisation, employer.organisation_id).verification_status == "unsubmitted"
    )


def test_request_approve_and_reject_are_audited_and_told(app, client) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    admin = UserFactory(role="admin")
    login_as(client, employer)
    post_form(
        client, "/organisation/", "/organisation/",
        {"registration_number": "9120001234567", "address": "Jl. Sudirman No. 1, Tangerang"},
    )  # fmt: skip
    org = db.session.get(Organisation, employer.organisation_id)
    assert org.verification_status == "pending"
    AuthActions(client).logout()
    admin_client = client
    login_as(admin_client, admin)
    page = admin_client.get("/admin/verifications").get_data(as_text=True)
    assert "PT Kerja Cepat Gaji Besar" in page and "9120001234567" in page
    response = post_form(
        admin_client, "/admin/verifications", f"/admin/verifications/{org.id}",
        {"decision": "reject", "reason": ""},
    )  # fmt: skip
    db.session.refresh(org)
    assert org.verification_status == "pending"  # a rejection needs a reason
    post_form(
        admin_client, "/admin/verifications", f"/admin/verifications/{org.id}",
        {"decision": "reject", "reason": "NIB tidak ditemukan di OSS"},
    )  # fmt: skip
    db.session.refresh(org)
    assert (org.verification_status, org.verification_note) == (
        "rejected",
        "NIB tidak ditemukan di OSS",
    )
    mails = outbox(app)
    assert mails[-1].to == employer.email and "NIB tidak ditemukan di OSS" in mails[-1].body
    from app.models import Notification
    from app.services.notifications import render

    note = db.session.scalar(select(Notification).where(Notification.recipient_id == employer.id))
    assert "NIB tidak ditemukan di OSS" in render(note).body
    organisations.request_verification(employer, "9120001234568", "Jl. Sudirman No. 2, Tangerang")
    post_form(
        admin_client, "/admin/verifications", f"/admin/verifications/{org.id}",
        {"decision": "approve", "reason": "NIB cocok"},
    )  # fmt: skip
    db.session.refresh(org)
    assert org.is_verified
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["organisation.reject", "organisation.verify"]
    assert response.status_code == 302


def test_unverified_employer_cannot_publish_or_see_candidates(client) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    vacancy = VacancyFactory(organisation=employer.organisation, status="draft")
    login_as(client, employer)
    page = post_form(
        client, f"/employer/vacancies/{vacancy.id}", f"/employer/vacancies/{vacancy.id}/status",
        {"action": "publish"}, follow_redirects=True,
    ).get_data(as_text=True)  # fmt: skip
    assert "harus diverifikasi" in page
    assert db.session.get(Vacancy, vacancy.id).status == "draft"
    response = client.get(f"/employer/vacancies/{vacancy.id}/candidates")
    assert response.status_code == 403
    assert "harus diverifikasi" in response.get_data(as_text=True)


def test_unverified_organisation_reaches_no_one(client) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    hidden = VacancyFactory(organisation=employer.organisation, title="Data Entry Online")
    shown = VacancyFactory(title="Data Entry Operator")
    assert client.get(f"/vacancies/{hidden.id}").status_code == 404
    assert client.get(f"/vacancies/{shown.id}").status_code == 200
    profile = SeekerProfileFactory()
    from app.services import applications

    with pytest.raises(ValidationError):
        applications.apply(profile, hidden, "", profile.user)


def test_closing_dates(client) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    past = VacancyFactory(
        organisation=employer.organisation, status="draft", closing_date=date(2020, 1, 31)
    )
    page = post_form(
        client, f"/employer/vacancies/{past.id}", f"/employer/vacancies/{past.id}/status",
        {"action": "publish"}, follow_redirects=True,
    ).get_data(as_text=True)  # fmt: skip
    assert "Tanggal penutupan sudah lewat" in page
    assert db.session.get(Vacancy, past.id).status == "draft"
    lapsed = VacancyFactory(
        organisation=employer.organisation, closing_date=date.today() - timedelta(days=1)
    )
    assert client.get(f"/vacancies/{lapsed.id}").status_code == 404
    from app.services import vacancies

    old = VacancyFactory(organisation=employer.organisation)
    old.posted_at = old.created_at - timedelta(days=61)
    db.session.commit()
    counts = vacancies.expire(max_open_days=60)
    assert counts == {"closing_date": 1, "expired": 1}
    db.session.refresh(old)
    assert (old.status, old.closed_reason) == ("closed", "expired")
    assert db.session.get(Vacancy, lapsed.id).status == "closed"


def test_an_unverified_email_cannot_ask_for_verification_or_apply(client) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    employer.email_verified_at = None
    db.session.commit()
    login_as(client, employer)
    page = client.get("/organisation/").get_data(as_text=True)
    assert 'data-testid="verify-email-first"' in page and "verification-form" not in page
    with pytest.raises(Exception):  # noqa: B017 - PermissionDeniedError from the service
        organisations.request_verification(employer, "9120001234567", "Jl. Sudirman No. 1, Serang")
    profile = SeekerProfileFactory()
    profile.user.email_verified_at = None
    db.session.commit()
    from app.services import applications

    with pytest.raises(ValidationError, match="Verifikasi|Verify"):
        applications.apply(profile, VacancyFactory(), "", profile.user)


def test_unverified_vacancy_is_not_in_search(client, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = unverified_employer()
    VacancyFactory(organisation=employer.organisation, title="Data Entry Online Cepat")
    VacancyFactory(title="Data Entry Operator Gudang")
    page = client.get("/vacancies/?q=data+entry").get_data(as_text=True)
    assert "Data Entry Operator Gudang" in page
    assert "Data Entry Online Cepat" not in page


def test_a_reopened_vacancy_is_published_anew(client) -> None:  # type: ignore[no-untyped-def]
    from app.services import vacancies

    employer = EmployerFactory()
    old = VacancyFactory(organisation=employer.organisation)
    old.posted_at = old.created_at - timedelta(days=61)
    db.session.commit()
    assert vacancies.expire(max_open_days=60)["expired"] == 1
    vacancies.change_status(old, "reopen", employer)
    assert vacancies.expire(max_open_days=60)["expired"] == 0
    db.session.refresh(old)
    assert old.status == "open"
