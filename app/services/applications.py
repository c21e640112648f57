"""Applications: a seeker applies; the employer moves the application through the pipeline."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    APPLICATION_STATUSES,
    REJECTION_REASONS,
    Application,
    ApplicationEvent,
    SeekerProfile,
    SeekerSkill,
    User,
    Vacancy,
)
from app.services.errors import ValidationError, owned_by


def apply(profile: SeekerProfile, vacancy: Vacancy, message: str, actor: User) -> Application:
    """Apply once to an open vacancy."""
    from app.services.visibility import vacancy_is_public

    if not vacancy_is_public(vacancy):
        raise ValidationError("vacancy", str(_l("This vacancy is not open.")))
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
                selectinload(Application.profile)
                .selectinload(SeekerProfile.skills)
                .selectinload(SeekerSkill.skill),
                selectinload(Application.events),
            )
            .order_by(Application.created_at)
        )
    )


def get_for_employer(application_id: int, user: User) -> Application:
    """An application to one of the user's organisation's vacancies; raises otherwise."""
    application = db.session.get(Application, application_id)
    org = application.vacancy.organisation_id if application is not None else None
    return owned_by(application, org, user, application_id)  # type: ignore[return-value]


def move(
    application: Application, status: str, actor: User, reason: str | None = None, note: str = ""
) -> None:
    """Change the status; a rejection needs a reason from the list. History is kept."""
    if status not in APPLICATION_STATUSES:
        raise ValidationError("status", str(_l("Unknown status.")))
    if status == "rejected" and reason not in REJECTION_REASONS:
        raise ValidationError("rejection_reason", str(_l("Choose a reason for the rejection.")))
    application.status = status
    application.rejection_reason = reason if status == "rejected" else None
    application.events.append(ApplicationEvent(status=status, note=note.strip(), actor_id=actor.id))
    db.session.commit()
