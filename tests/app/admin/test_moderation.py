"""Moderation: a fee-asking vacancy is held instead of going live; anyone can report; the
administrator unpublishes, warns or suspends; every action is in the audit log."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Vacancy, VacancyReport
from tests.conftest import AuthActions, login_as, outbox, post_form
from tests.factories import EmployerFactory, SeekerProfileFactory, UserFactory, VacancyFactory

SCAM = (
    "Lowongan data entry online, bisa dari rumah. Syarat: biaya pendaftaran Rp 250.000 "
    "ditransfer ke rekening BRI 0123 4567 8901 a.n. Sari. Info lanjut WA 0813-9876-5432."
)


def new_vacancy(client, employer, title: str, description: str, publish: bool = True):  # type: ignore[no-untyped-def]
    data = {
        "title": title,
        "description": description,
        "region_id": str(employer.organisation.region_id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
        "salary_min": "3000000",
        "salary_max": "4000000",
    }
    if publish:
        data["publish"] = "1"
    return post_form(client, "/employer/vacancies/new", "/employer/vacancies/new", data)


def test_fee_asking_vacancy_is_held_and_never_public(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    new_vacancy(client, employer, "Staf Data Entry", SCAM)
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Staf Data Entry"))
    assert (vacancy.status, vacancy.moderation_status) == ("open", "held")
    assert {f["code"] for f in vacancy.moderation_flags} >= {"fee", "bank_account"}
    page = client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "Ditahan untuk diperiksa" in page
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 404
    assert "Staf Data Entry" not in client.get("/vacancies/?q=data+entry").get_data(as_text=True)
    AuthActions(client).logout()
    login_as(client, UserFactory(role="admin"))
    queue = client.get("/admin/moderation").get_data(as_text=True)
    assert "Staf Data Entry" in queue
    page = client.get(f"/admin/moderation/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "<mark>biaya pendaftaran</mark>" in page
    post_form(
        client, f"/admin/moderation/vacancies/{vacancy.id}", f"/admin/moderation/vacancies/{vacancy.id}",
        {"action": "suspend", "reason": "Meminta biaya pendaftaran"},
    )  # fmt: skip
    db.session.refresh(vacancy)
    assert vacancy.organisation.suspended
    assert outbox(app)[-1].to == employer.email
    assert db.session.scalars(select(AuditEntry.action)).all() == ["organisation.suspend"]


def test_an_honest_vacancy_goes_live(client, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    new_vacancy(
        client, employer, "Teknisi Jaringan",
        "Instalasi dan konfigurasi router MikroTik. Tidak dipungut biaya apapun.",
    )  # fmt: skip
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Teknisi Jaringan"))
    assert (vacancy.status, vacancy.moderation_status) == ("open", "clear")
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 200


def test_report_unpublish_and_audit(app, client) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    vacancy = VacancyFactory(title="Admin Gudang Online", organisation=employer.organisation)
    seeker = SeekerProfileFactory().user
    login_as(client, seeker)
    page = post_form(
        client, f"/vacancies/{vacancy.id}/report", f"/vacancies/{vacancy.id}/report",
        {"reason": "other", "details": ""},
    ).get_data(as_text=True)  # fmt: skip
    assert "Jelaskan apa yang salah" in page  # "other" needs details; nothing saved
    assert db.session.scalar(select(VacancyReport.id)) is None
    post_form(
        client, f"/vacancies/{vacancy.id}/report", f"/vacancies/{vacancy.id}/report",
        {"reason": "asks_money", "details": "Diminta transfer Rp 300.000 lewat WA"},
    )  # fmt: skip
    again = post_form(
        client, f"/vacancies/{vacancy.id}/report", f"/vacancies/{vacancy.id}/report",
        {"reason": "asks_money", "details": "lagi"},
    ).get_data(as_text=True)  # fmt: skip
    assert "sudah melaporkan" in again
    AuthActions(client).logout()
    login_as(client, UserFactory(role="admin", email="moderator@example.com"))
    assert "Admin Gudang Online" in client.get("/admin/moderation").get_data(as_text=True)
    url = f"/admin/moderation/vacancies/{vacancy.id}"
    post_form(client, url, url, {"action": "unpublish", "reason": ""})
    db.session.refresh(vacancy)
    assert vacancy.status == "open"  # a reason is required
    post_form(client, url, url, {"action": "unpublish", "reason": "Meminta uang dari pelamar"})
    db.session.refresh(vacancy)
    assert (vacancy.status, vacancy.moderation_status) == ("closed", "removed")
    assert db.session.scalar(select(VacancyReport.status)) == "resolved"
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.actor_email, entry.reason) == (
        "vacancy.unpublish",
        "moderator@example.com",
        "Meminta uang dari pelamar",
    )
    log = client.get("/admin/audit?q=moderator").get_data(as_text=True)
    assert "vacancy.unpublish" in log and "Meminta uang dari pelamar" in log
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 404
    assert outbox(app)[-1].to == employer.email
    assert "Admin Gudang Online" in outbox(app)[-1].body


def test_anyone_may_report_but_only_signed_in_reports_hold(app, client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    for _ in range(5):
        post_form(
            client, f"/vacancies/{vacancy.id}/report", f"/vacancies/{vacancy.id}/report",
            {"reason": "fake_company", "details": ""},
        )  # fmt: skip
    db.session.refresh(vacancy)
    assert vacancy.moderation_status == "clear"
    assert len(db.session.scalars(select(VacancyReport)).all()) == 5
    from app.services import moderation

    for _ in range(3):
        moderation.report(vacancy, SeekerProfileFactory().user, "asks_money", "")
    db.session.refresh(vacancy)
    assert vacancy.moderation_status == "held"


def test_moderation_pages_are_for_administrators_only(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    login_as(client, EmployerFactory())
    for url in (
        "/admin/moderation",
        "/admin/verifications",
        "/admin/audit",
        f"/admin/moderation/vacancies/{vacancy.id}",
    ):
        assert client.get(url).status_code == 403, url


def test_a_suspended_employer_cannot_handle_applications_or_ask_for_money(app, client) -> None:  # type: ignore[no-untyped-def]
    from app.services import applications

    employer = EmployerFactory()
    vacancy = VacancyFactory(organisation=employer.organisation)
    profile = SeekerProfileFactory()
    application = applications.apply(profile, vacancy, "", profile.user)
    login_as(client, employer)
    move = {"status": "reviewed", "message": "Silakan transfer biaya administrasi Rp 150.000"}
    page = post_form(
        client, f"/employer/vacancies/{vacancy.id}/applications",
        f"/employer/applications/{application.id}/status", move,
    ).get_data(as_text=True)  # fmt: skip
    assert "tidak boleh meminta uang" in page
    db.session.refresh(application)
    assert application.status == "applied"
    employer.organisation.suspended = True
    db.session.commit()
    assert client.get(f"/employer/vacancies/{vacancy.id}/applications").status_code == 403
    move["message"] = "Mohon hadir"
    answer = client.post(f"/employer/applications/{application.id}/status", data=move)
    assert answer.status_code in (400, 403)
    db.session.refresh(application)
    assert application.status == "applied"


def test_reports_of_unverified_accounts_or_employers_do_not_hold(app) -> None:  # type: ignore[no-untyped-def]
    from app.services import moderation

    vacancy = VacancyFactory()
    for _ in range(3):
        user = SeekerProfileFactory().user
        user.email_verified_at = None
        moderation.report(vacancy, user, "asks_money", "")
    for _ in range(3):
        moderation.report(vacancy, EmployerFactory(), "fake_company", "")
    db.session.refresh(vacancy)
    assert vacancy.moderation_status == "clear"


def test_a_held_vacancy_stays_held_when_edited(client, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    new_vacancy(client, employer, "Admin Online", "Biaya pendaftaran Rp 100.000 dibayar di awal.")
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Admin Online"))
    assert vacancy.moderation_status == "held"
    data = {
        "title": "Admin Online",
        "description": "Tanpa pengalaman, pendaftaran dibuka untuk umum.",
        "region_id": str(vacancy.region_id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
    }
    url = f"/employer/vacancies/{vacancy.id}/edit"
    post_form(client, url, url, data)
    db.session.refresh(vacancy)
    assert vacancy.description.startswith("Tanpa pengalaman")
    assert vacancy.moderation_status == "held"
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 404


def test_reports_are_throttled_per_address(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["REPORT_LIMIT_PER_ADDRESS"] = "2 per hour"
    vacancy = VacancyFactory()
    url = f"/vacancies/{vacancy.id}/report"
    codes = [
        post_form(client, url, url, {"reason": "fake_company", "details": ""}).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
