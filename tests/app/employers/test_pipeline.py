"""The applicant pipeline: only sensible moves, and the applicant hears of every one (in the site
and by email); every new application reaches each member of the employer organisation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import APPLICATION_STATUSES, Notification
from app.models.base import utcnow
from app.services import applications, notifications
from app.services.errors import ValidationError
from tests.conftest import login_as, outbox, post_form
from tests.factories import (
    ApplicationFactory,
    EmployerFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

LATER = utcnow() + timedelta(days=3)
# The issue's rules, written out here (not read from the code under test). "hired!" is a move to
# hired that skips the offer and needs a confirmation; "rejected" leaves only through reopening.
EXPECTED = {
    "applied": {"reviewed", "interview", "rejected", "hired!"},
    "reviewed": {"interview", "offer", "rejected", "hired!"},
    "interview": {"interview", "offer", "rejected", "hired!"},
    "offer": {"hired", "rejected"},
    "hired": set(),
    "rejected": set(),
}
ALLOWED = [
    (a, b.rstrip("!"), b.endswith("!")) for a, moves in EXPECTED.items() for b in sorted(moves)
]
REFUSED = [
    (a, b)
    for a in APPLICATION_STATUSES
    for b in APPLICATION_STATUSES
    if b not in {m.rstrip("!") for m in EXPECTED[a]}
]


def change(status: str, **extra: object) -> applications.Move:
    """A move with what each status needs (a reason to reject, when and where to interview)."""
    needs: dict[str, object] = {
        "rejected": {"reason": "skill_mismatch"},
        "interview": {"interview_at": LATER, "interview_place": "Kantor Cilegon, lantai 2"},
    }.get(status, {})
    return applications.Move(status, **{**needs, **extra})  # type: ignore[arg-type]


@pytest.fixture
def employer(app):  # type: ignore[no-untyped-def]
    return EmployerFactory()


def application_in(status: str, employer):  # type: ignore[no-untyped-def]
    return ApplicationFactory(
        status=status, vacancy=VacancyFactory(organisation=employer.organisation)
    )


@pytest.mark.parametrize("status", APPLICATION_STATUSES)
def test_the_next_moves_are_the_issues_table(status) -> None:  # type: ignore[no-untyped-def]
    assert set(applications.next_moves(status)) == {m.rstrip("!") for m in EXPECTED[status]}


@pytest.mark.parametrize(("current", "target", "skips_offer"), ALLOWED)
def test_every_pipeline_move_notifies_the_applicant(
    app, employer, current, target, skips_offer
) -> None:  # type: ignore[no-untyped-def]
    application = application_in(current, employer)
    seeker = application.profile.user
    move = change(target, message="Terima kasih.", confirm_hire=skips_offer)
    applications.move(application, move, employer)
    assert application.status == target
    (notification,) = db.session.scalars(select(Notification))
    assert (notification.recipient_id, notification.kind) == (seeker.id, "application_moved")
    (email,) = outbox(app)
    assert email.to == seeker.email
    shown = notifications.render(notification)
    assert email.subject == shown.title
    assert "Terima kasih." in email.body
    assert application.events[-1].message == "Terima kasih."


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_moves_outside_the_table_are_refused(app, employer, current, target) -> None:  # type: ignore[no-untyped-def]
    application = application_in(current, employer)
    with pytest.raises(ValidationError) as refused:
        applications.move(application, change(target), employer)
    assert refused.value.field == "status"
    db.session.expire_all()
    assert application.status == current
    assert db.session.query(Notification).count() == 0 and outbox(app) == []


@pytest.mark.parametrize("current", ["applied", "reviewed", "interview"])
def test_hired_without_an_offer_needs_a_confirmation(app, employer, current) -> None:  # type: ignore[no-untyped-def]
    application = application_in(current, employer)
    with pytest.raises(ValidationError) as refused:
        applications.move(application, change("hired"), employer)
    assert refused.value.field == "confirm_hire"
    applications.move(application, change("hired", confirm_hire=True), employer)
    assert application.status == "hired"


def test_rejected_comes_back_only_by_reopening(app, employer) -> None:  # type: ignore[no-untyped-def]
    application = application_in("rejected", employer)
    application.rejection_reason = "experience"
    applications.reopen(application, employer, "Posisi dibuka lagi.")
    assert (application.status, application.rejection_reason) == ("reviewed", None)
    assert application.events[-1].reopened
    (notification,) = db.session.scalars(select(Notification))
    assert notification.kind == "application_reopened"
    assert "dibuka kembali" in outbox(app)[0].subject
    with pytest.raises(ValidationError):
        applications.reopen(application, employer)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"interview_at": None}, "interview_at"),
        ({"interview_at": utcnow() - timedelta(hours=1)}, "interview_at"),
        ({"interview_place": "  "}, "interview_place"),
    ],
)
def test_an_interview_says_when_and_where(app, employer, extra, field) -> None:  # type: ignore[no-untyped-def]
    application = application_in("reviewed", employer)
    with pytest.raises(ValidationError) as refused:
        applications.move(application, change("interview", **extra), employer)
    assert refused.value.field == field


def test_interview_time_and_place_reach_the_seeker(client, employer) -> None:  # type: ignore[no-untyped-def]
    application = application_in("reviewed", employer)
    login_as(client, employer)
    page = f"/employer/vacancies/{application.vacancy_id}/applications"
    response = post_form(
        client,
        page,
        f"/employer/applications/{application.id}/status",
        {
            "status": "interview",
            "interview_at": "2099-03-02T09:30",  # typed in Jakarta time
            "interview_place": "Kantor Serang",
            "message": "Bawa portofolio.",
            "note": "kandidat kuat",
        },
    )
    assert response.status_code == 302
    event = application.events[-1]
    assert event.interview_at == datetime(2099, 3, 2, 2, 30)  # stored in UTC
    (email,) = outbox(app=client.application)
    assert "Senin, 2 Maret 2099, 09:30 Waktu Indonesia Barat" in email.body
    assert "Kantor Serang" in email.body and "Bawa portofolio." in email.body
    assert "kandidat kuat" not in email.body  # the internal note stays with the employer
    post_form(client, "/", "/auth/logout", {})
    login_as(client, application.profile.user)
    mine = client.get("/seeker/applications").get_data(as_text=True)
    assert "Kantor Serang" in mine and "Bawa portofolio." in mine and "09:30" in mine
    assert "kandidat kuat" not in mine


def test_the_employer_page_offers_only_allowed_moves_and_names_the_field(client, employer) -> None:  # type: ignore[no-untyped-def]
    application = application_in("offer", employer)
    login_as(client, employer)
    page_url = f"/employer/vacancies/{application.vacancy_id}/applications"
    page = client.get(page_url).get_data(as_text=True)
    form = page.split(f'id="status-{application.id}"')[1].split("</select>")[0]
    assert 'value="hired"' in form and 'value="rejected"' in form
    assert 'value="applied"' not in form and 'value="interview"' not in form
    response = post_form(
        client, page_url, f"/employer/applications/{application.id}/status", {"status": "rejected"}
    )
    assert response.status_code == 400
    assert "Alasan penolakan: Pilih alasan penolakan." in response.get_data(as_text=True)
    response = post_form(
        client, page_url, f"/employer/applications/{application.id}/status", {"status": "applied"}
    )
    assert response.status_code == 400
    assert "Pindahkan ke: Lamaran tidak dapat dipindahkan dari Penawaran ke Melamar." in (
        response.get_data(as_text=True)
    )
    interview = application_in("reviewed", employer)
    response = post_form(
        client,
        page_url,
        f"/employer/applications/{interview.id}/status",
        {"status": "interview", "interview_at": "besok pagi", "interview_place": "Serang"},
    )
    assert response.status_code == 400
    assert "Tanggal dan jam wawancara: Masukkan tanggal dan jam" in response.get_data(as_text=True)
    db.session.expire_all()
    assert application.status == "offer"


def test_the_employer_reopens_a_rejected_application_from_the_page(client, employer) -> None:  # type: ignore[no-untyped-def]
    application = application_in("rejected", employer)
    login_as(client, employer)
    page_url = f"/employer/vacancies/{application.vacancy_id}/applications"
    page = client.get(page_url).get_data(as_text=True)
    assert f'id="status-{application.id}"' not in page  # no moves offered, only reopening
    assert "Buka kembali untuk ditinjau" in page
    post_form(
        client,
        page_url,
        f"/employer/applications/{application.id}/reopen",
        {"message": "Kami meninjau ulang."},
    )
    db.session.expire_all()
    assert application.status == "reviewed"
    assert "Kami meninjau ulang." in outbox(client.application)[0].body


def test_another_employer_cannot_move_or_reopen(client, employer) -> None:  # type: ignore[no-untyped-def]
    application = application_in("rejected", employer)
    login_as(client, EmployerFactory())
    for action in ("status", "reopen"):
        response = post_form(
            client,
            "/employer/",
            f"/employer/applications/{application.id}/{action}",
            {"status": "reviewed"},
        )
        assert response.status_code == 403
    db.session.expire_all()
    assert application.status == "rejected"


def test_a_new_application_notifies_every_member_of_the_employer(client, employer) -> None:  # type: ignore[no-untyped-def]
    colleague = EmployerFactory(organisation=employer.organisation, locale="en")
    outsider = EmployerFactory()
    vacancy = VacancyFactory(organisation=employer.organisation, title="Teknisi Jaringan")
    seeker = SeekerProfileFactory(user=UserFactory(name="Rina Marlina"))
    login_as(client, seeker.user)
    post_form(client, f"/vacancies/{vacancy.id}", f"/vacancies/{vacancy.id}/apply", {})
    recipients = {n.recipient_id for n in db.session.scalars(select(Notification))}
    assert recipients == {employer.id, colleague.id}
    mails = {m.to: m.subject for m in outbox(client.application)}
    assert mails == {
        employer.email: "Lamaran baru untuk Teknisi Jaringan",
        colleague.email: "New application for Teknisi Jaringan",
    }
    assert outsider.email not in mails
