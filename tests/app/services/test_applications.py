"""Applying and moving applications (``applications``): every refusal names its field and
leaves nothing behind (no application, no event, no notification)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import Application, ApplicationEvent, Notification
from app.models.base import utcnow
from app.services import applications
from app.services.applications import Move
from app.services.clock import today
from app.services.errors import ValidationError
from tests.factories import (
    ApplicationFactory,
    EmployerFactory,
    OrganisationFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def rows() -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Application, ApplicationEvent, Notification)
    )


def refusal(call, *args) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    before = rows()
    with pytest.raises(ValidationError) as raised:
        call(*args)
    db.session.rollback()
    assert rows() == before, "nothing half-saved"
    return raised.value.field, raised.value.message


# applying -----------------------------------------------------------------------------------


def test_applying_records_the_first_event_and_tells_every_active_member(app: Flask) -> None:
    vacancy = VacancyFactory()
    EmployerFactory(organisation=vacancy.organisation)
    EmployerFactory(organisation=vacancy.organisation)
    EmployerFactory(organisation=vacancy.organisation, active=False)
    profile = SeekerProfileFactory()
    application = applications.apply(profile, vacancy, "  Saya tertarik.  ", profile.user)
    assert application.message == "Saya tertarik."
    assert [e.status for e in application.events] == ["applied"]
    assert application.events[0].actor_id == profile.user_id
    assert rows() == (1, 1, 2)
    assert applications.applied_vacancy_ids(profile) == {vacancy.id}


@pytest.mark.parametrize(
    "make",
    [
        lambda: VacancyFactory(status="draft"),
        lambda: VacancyFactory(status="closed"),
        lambda: VacancyFactory(closing_date=today() - timedelta(days=1)),
        lambda: VacancyFactory(moderation_status="held"),
        lambda: VacancyFactory(organisation=OrganisationFactory(suspended=True)),
    ],
    ids=["draft", "closed", "past", "held", "suspended"],
)
def test_a_vacancy_that_is_not_public_takes_no_application(app: Flask, make) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    assert refusal(applications.apply, profile, make(), "", profile.user) == (
        "vacancy",
        "This vacancy is not open.",
    )


def test_an_unverified_email_cannot_apply(app: Flask) -> None:
    profile = SeekerProfileFactory(user=UserFactory(email_verified_at=None))
    assert refusal(applications.apply, profile, VacancyFactory(), "", profile.user) == (
        "message",
        "Verify your email address first, with the link we sent you.",
    )


def test_an_employer_acting_for_a_seeker_cannot_apply(app: Flask) -> None:
    profile = SeekerProfileFactory()
    field, _message = refusal(applications.apply, profile, VacancyFactory(), "", EmployerFactory())
    assert field == "message"


def test_one_application_per_vacancy(app: Flask) -> None:
    profile = SeekerProfileFactory()
    vacancy = VacancyFactory()
    applications.apply(profile, vacancy, "", profile.user)
    assert refusal(applications.apply, profile, vacancy, "lagi", profile.user) == (
        "message",
        "You have already applied to this vacancy.",
    )


def test_applications_are_listed_per_seeker_newest_first_and_per_vacancy(app: Flask) -> None:
    profile = SeekerProfileFactory()
    first = ApplicationFactory(profile=profile)
    second = ApplicationFactory(profile=profile)
    second.created_at = first.created_at + timedelta(minutes=5)
    db.session.commit()
    ApplicationFactory(vacancy=first.vacancy)
    assert [a.id for a in applications.for_seeker(profile)] == [second.id, first.id]
    assert len(applications.for_vacancy(first.vacancy)) == 2
    assert len(applications.for_vacancy(second.vacancy)) == 1


# moving -------------------------------------------------------------------------------------


@pytest.fixture
def application(app: Flask):  # type: ignore[no-untyped-def]
    return ApplicationFactory()


@pytest.fixture
def employer(application):  # type: ignore[no-untyped-def]
    return EmployerFactory(organisation=application.vacancy.organisation)


@pytest.mark.parametrize(
    "message",
    [
        "Silakan transfer biaya pendaftaran Rp 250.000.",
        "Wajib bayar seragam sebelum mulai.",
        "Kirim ke rekening BCA 1234567890 a.n. Budi.",
    ],
)
def test_a_message_asking_for_money_is_refused(application, employer, message: str) -> None:  # type: ignore[no-untyped-def]
    change = Move(status="reviewed", message=message)
    assert refusal(applications.move, application, change, employer) == (
        "message",
        "A message to an applicant cannot ask for money or name a bank account.",
    )
    assert application.status == "applied"
    with pytest.raises(ValidationError):
        applications.reopen(ApplicationFactory(status="rejected"), employer, message)


def test_a_message_saying_there_is_no_fee_is_fine(application, employer) -> None:  # type: ignore[no-untyped-def]
    applications.move(
        application, Move(status="reviewed", message="Tidak dipungut biaya apa pun."), employer
    )
    assert application.status == "reviewed"


def test_an_unknown_status_is_refused(application, employer) -> None:  # type: ignore[no-untyped-def]
    assert refusal(applications.move, application, Move(status="archived"), employer) == (
        "status",
        "Unknown status.",
    )


def test_a_rejection_needs_a_known_reason(application, employer) -> None:  # type: ignore[no-untyped-def]
    for reason in (None, "tidak suka"):
        assert refusal(
            applications.move, application, Move(status="rejected", reason=reason), employer
        ) == ("rejection_reason", "Choose a reason for the rejection.")
    applications.move(application, Move(status="rejected", reason="experience"), employer)
    assert (application.status, application.rejection_reason) == ("rejected", "experience")


def test_an_interview_in_the_past_or_now_is_refused(application, employer) -> None:  # type: ignore[no-untyped-def]
    for when in (utcnow() - timedelta(minutes=1), utcnow() - timedelta(days=3)):
        change = Move(status="interview", interview_at=when, interview_place="Kantor")
        assert refusal(applications.move, application, change, employer) == (
            "interview_at",
            "The interview must be in the future.",
        )


def test_a_blank_interview_place_is_refused(application, employer) -> None:  # type: ignore[no-untyped-def]
    change = Move(
        status="interview", interview_at=utcnow() + timedelta(days=2), interview_place="   "
    )
    assert refusal(applications.move, application, change, employer) == (
        "interview_place",
        "Enter where the interview takes place.",
    )


def test_a_move_after_a_rejection_keeps_the_reason_only_while_rejected(
    application, employer
) -> None:  # type: ignore[no-untyped-def]
    applications.move(application, Move(status="rejected", reason="location"), employer)
    applications.reopen(application, employer, "  Maaf, kami salah.  ")
    assert (application.status, application.rejection_reason) == ("reviewed", None)
    event = application.events[-1]
    assert (event.status, event.reopened, event.message) == ("reviewed", True, "Maaf, kami salah.")


def test_only_a_rejected_application_is_reopened(application, employer) -> None:  # type: ignore[no-untyped-def]
    assert refusal(applications.reopen, application, employer) == (
        "status",
        "Only a rejected application can be reopened.",
    )
    assert not applications.can_reopen(application)


def test_notes_and_messages_are_stripped_and_the_interview_kept_only_for_interviews(
    application,
    employer,  # type: ignore[no-untyped-def]
) -> None:
    when = utcnow() + timedelta(days=2)
    applications.move(
        application,
        Move(status="reviewed", note="  catatan  ", interview_at=when, interview_place="X"),
        employer,
    )
    event = application.events[-1]
    assert (event.note, event.interview_at, event.interview_place) == ("catatan", None, "")
    applications.move(
        application,
        Move(status="interview", interview_at=when, interview_place="  Kantor Serang "),
        employer,
    )
    event = application.events[-1]
    assert (event.interview_at, event.interview_place) == (when, "Kantor Serang")
