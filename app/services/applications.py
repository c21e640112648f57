"""Applications: a seeker applies; the employer moves the application through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.labels import label
from app.models import (
    APPLICATION_STATUSES,
    HIRE_WITHOUT_OFFER_FROM,
    REJECTION_REASONS,
    REOPEN_TO,
    TRANSITIONS,
    Application,
    ApplicationEvent,
    SeekerProfile,
    SeekerSkill,
    User,
    Vacancy,
)
from app.models.base import utcnow
from app.services import notifications
from app.services.errors import PermissionDeniedError, ValidationError, owned_by
from app.urls import site_path


def apply(profile: SeekerProfile, vacancy: Vacancy, message: str, actor: User) -> Application:
    """Apply once to an open vacancy."""
    from app.services.visibility import vacancy_is_public

    if not vacancy_is_public(vacancy.id):
        raise ValidationError("vacancy", str(_l("This vacancy is not open.")))
    from app.auth.policy import can_apply

    if not can_apply(actor):
        raise ValidationError(
            "message", str(_l("Verify your email address first, with the link we sent you."))
        )
    existing = db.session.scalar(
        select(Application).where(
            Application.profile_id == profile.id, Application.vacancy_id == vacancy.id
        )
    )
    if existing is not None:
        raise ValidationError("message", str(_l("You have already applied to this vacancy.")))
    application = Application(profile=profile, vacancy=vacancy, message=message.strip())
    application.events.append(ApplicationEvent(status="applied", actor_id=actor.id))
    db.session.add(application)
    db.session.flush()
    link = site_path("employers.applications_list", vacancy_id=vacancy.id)
    params = {"vacancy": vacancy.title, "applicant": profile.user.name}
    for member in vacancy.organisation.members:
        if member.active:
            notifications.notify(member, "application_received", params, link)
    db.session.commit()
    return application


def applied_vacancy_ids(profile: SeekerProfile) -> set[int]:
    """Vacancies the seeker has applied to."""
    return set(
        db.session.scalars(
            select(Application.vacancy_id).where(Application.profile_id == profile.id)
        )
    )


def for_seeker(profile: SeekerProfile) -> list[Application]:
    """The seeker's applications, newest first."""
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.profile_id == profile.id)
            .options(
                selectinload(Application.vacancy).selectinload(Vacancy.organisation),
                selectinload(Application.events),
            )
            .order_by(Application.created_at.desc())
        )
    )


def for_vacancy(vacancy: Vacancy) -> list[Application]:
    """Applications to a vacancy (the caller has checked the employer owns it)."""
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.vacancy_id == vacancy.id)
            .options(
                selectinload(Application.profile).selectinload(SeekerProfile.user),
                selectinload(Application.profile).selectinload(SeekerProfile.region),
                selectinload(Application.profile)
                .selectinload(SeekerProfile.skills)
                .selectinload(SeekerSkill.skill),
                selectinload(Application.events),
            )
            .order_by(Application.created_at)
        )
    )


def get_for_employer(application_id: int, user: User) -> Application:
    """An application to one of the user's organisation's vacancies, while the organisation is
    verified and not suspended; raises otherwise."""
    from app.auth.policy import can_handle_applications

    application = db.session.get(Application, application_id)
    org = application.vacancy.organisation_id if application is not None else None
    owned_by(application, org, user, application_id)
    if not can_handle_applications(user, application.vacancy):  # type: ignore[union-attr]
        raise PermissionDeniedError(application_id)
    return application  # type: ignore[return-value]


@dataclass(frozen=True)
class Move:
    """What the employer asks: the new status and what the applicant is told."""

    status: str
    reason: str | None = None
    message: str = ""
    note: str = ""
    interview_at: datetime | None = None  # UTC
    interview_place: str = ""
    confirm_hire: bool = False


def next_moves(status: str) -> list[str]:
    """Statuses an application may move to from ``status`` (hiring that skips the offer
    included; it asks for a confirmation)."""
    moves = list(TRANSITIONS[status])
    if status in HIRE_WITHOUT_OFFER_FROM:
        moves.append("hired")
    return moves


def can_reopen(application: Application) -> bool:
    """A rejected application comes back only through reopening."""
    return application.status == "rejected"


def check_message(message: str) -> None:
    """A message to an applicant never asks for money or names a bank account."""
    from app.services.scam_signals import text_signals

    if any(s.code in ("fee", "bank_account") for s in text_signals("message", message)):
        raise ValidationError(
            "message",
            str(_l("A message to an applicant cannot ask for money or name a bank account.")),
        )


def _check(application: Application, change: Move) -> None:
    check_message(change.message)
    current, status = application.status, change.status
    if status not in APPLICATION_STATUSES:
        raise ValidationError("status", str(_l("Unknown status.")))
    if status not in next_moves(current):
        if current == "rejected":
            message = _l("A rejected application must be reopened before it can move.")
        else:
            message = _l(
                "An application cannot move from %(current)s to %(to)s.",
                current=label("application_status", current),
                to=label("application_status", status),
            )
        raise ValidationError("status", str(message))
    if status == "hired" and status not in TRANSITIONS[current] and not change.confirm_hire:
        raise ValidationError(
            "confirm_hire", str(_l("Confirm that you hire this applicant without an offer."))
        )
    if status == "rejected" and change.reason not in REJECTION_REASONS:
        raise ValidationError("rejection_reason", str(_l("Choose a reason for the rejection.")))
    if status == "interview":
        if change.interview_at is None:
            raise ValidationError(
                "interview_at", str(_l("Enter the date and time of the interview."))
            )
        if change.interview_at <= utcnow():
            raise ValidationError("interview_at", str(_l("The interview must be in the future.")))
        if not change.interview_place.strip():
            raise ValidationError(
                "interview_place", str(_l("Enter where the interview takes place."))
            )


def move(application: Application, change: Move, actor: User) -> None:
    """Move along an allowed transition; the applicant is notified (site and email). History is
    kept."""
    _lock(application)
    _check(application, change)
    interview = change.status == "interview"
    application.status = change.status
    application.rejection_reason = change.reason if change.status == "rejected" else None
    event = ApplicationEvent(
        status=change.status,
        note=change.note.strip(),
        message=change.message.strip(),
        interview_at=change.interview_at if interview else None,
        interview_place=change.interview_place.strip() if interview else "",
        actor_id=actor.id,
    )
    application.events.append(event)
    params = _params(application) | {
        "status": change.status,
        "reason": application.rejection_reason,
        "message": event.message,
        "interview_at": event.interview_at.isoformat() if event.interview_at else None,
        "interview_place": event.interview_place,
    }
    notifications.notify(application.profile.user, "application_moved", params, _seeker_link())
    db.session.commit()


def reopen(application: Application, actor: User, message: str = "") -> None:
    """Bring a rejected application back to review; the applicant is notified."""
    _lock(application)
    check_message(message)
    if not can_reopen(application):
        raise ValidationError("status", str(_l("Only a rejected application can be reopened.")))
    application.status = REOPEN_TO
    application.rejection_reason = None
    application.events.append(
        ApplicationEvent(
            status=REOPEN_TO, message=message.strip(), reopened=True, actor_id=actor.id
        )
    )
    params = _params(application) | {"message": message.strip()}
    notifications.notify(application.profile.user, "application_reopened", params, _seeker_link())
    db.session.commit()


def _lock(application: Application) -> None:
    """Read the status again, locking the row (PostgreSQL) so two people moving the same
    application at once are checked one after the other."""
    db.session.refresh(application, ["status"], with_for_update=True)


def _params(application: Application) -> dict[str, object]:
    return {
        "application_id": application.id,
        "vacancy": application.vacancy.title,
        "organisation": application.vacancy.organisation.name,
    }


def _seeker_link() -> str:
    return site_path("seekers.my_applications")
