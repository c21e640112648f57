"""Moderation: scam signals checked when a vacancy is saved, reports from anyone, and the
administrators' queue (approve, unpublish, warn or suspend the organisation), every action
audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import EDUCATION_LEVELS, REPORT_REASONS, Organisation, User, Vacancy, VacancyReport
from app.models.base import utcnow
from app.services import audit, organisations
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from app.services.scam_signals import MEDIAN_MIN_SAMPLES, scan
from app.services.visibility import counted_vacancy_clauses

REPORT_DETAILS_MAX = 2000


def median_salary(min_education: str) -> float | None:
    """The median offered pay of counted vacancies for this education level (None if few)."""
    rows = db.session.scalars(
        select(func.coalesce(Vacancy.salary_max, Vacancy.salary_min))
        .where(
            Vacancy.min_education == min_education,
            Vacancy.posted_at.is_not(None),
            func.coalesce(Vacancy.salary_max, Vacancy.salary_min).is_not(None),
            *counted_vacancy_clauses(),
        )
        .order_by(Vacancy.posted_at.desc())
        .limit(2000)
    ).all()
    return float(median(rows)) if len(rows) >= MEDIAN_MIN_SAMPLES else None


def medians() -> dict[str, float | None]:
    """The pay median of every education level (an import screens many vacancies)."""
    return {level: median_salary(level) for level in EDUCATION_LEVELS}


def screen(vacancy: Vacancy, medians: dict[str, float | None] | None = None) -> None:
    """Check the vacancy's text and pay for scam signals: found ones hold it for review.
    ``medians``: the pay medians by education level, read once by a caller screening many."""
    if medians is None:
        median = median_salary(vacancy.min_education)
    else:
        median = medians.get(vacancy.min_education)
    signals = scan(
        vacancy.title,
        vacancy.description,
        vacancy.salary_min,
        vacancy.salary_max,
        vacancy.min_education,
        median,
    )
    if signals:
        vacancy.moderation_flags = [s.as_dict() for s in signals]
        vacancy.moderation_status = "held"
    elif vacancy.moderation_status != "held":
        vacancy.moderation_flags = []
    # once held, a vacancy stays held until a moderator looks, however its text is edited
    # (else an employer could edit until the signals stop showing)


def _reporters(vacancy: Vacancy) -> int:
    """Job seekers with a verified email and an open report on the vacancy: only they can hold
    it (anonymous reports, fresh unverified accounts and competitors only reach the queue)."""
    count = db.session.scalar(
        select(func.count(func.distinct(VacancyReport.reporter_id)))
        .join(User, User.id == VacancyReport.reporter_id)
        .where(
            VacancyReport.vacancy_id == vacancy.id,
            VacancyReport.status == "open",
            User.role == "seeker",
            User.email_verified_at.is_not(None),
        )
    )
    return count or 0


def report(vacancy: Vacancy, reporter: User | None, reason: str, details: str) -> VacancyReport:
    """Anyone reports a public vacancy; enough open reports hold it until a moderator looks."""
    if reason not in REPORT_REASONS:
        raise ValidationError("reason", str(_l("Choose a reason.")))
    details = details.strip()
    if len(details) > REPORT_DETAILS_MAX:
        raise ValidationError(
            "details", str(_l("Use at most %(max)d characters.", max=REPORT_DETAILS_MAX))
        )
    if reason == "other" and not details:
        raise ValidationError("details", str(_l("Tell us what is wrong.")))
    reporter_id = getattr(reporter, "id", None)
    if reporter_id is not None and db.session.scalar(
        select(VacancyReport.id).where(
            VacancyReport.vacancy_id == vacancy.id,
            VacancyReport.reporter_id == reporter_id,
            VacancyReport.status == "open",
        )
    ):
        raise ValidationError("reason", str(_l("You have already reported this vacancy.")))
    entry = VacancyReport(
        vacancy_id=vacancy.id, reporter_id=reporter_id, reason=reason, details=details
    )
    db.session.add(entry)
    db.session.flush()
    if _reporters(vacancy) >= current_app.config["REPORTS_TO_HOLD"]:
        vacancy.moderation_status = "held"
    db.session.commit()
    return entry


@dataclass
class QueueItem:
    """A vacancy waiting for a moderator: its signals and its open reports."""

    vacancy: Vacancy
    reports: list[VacancyReport] = field(default_factory=list)


def queue() -> list[QueueItem]:
    """Held vacancies and vacancies with open reports, the most reported first."""
    reported = db.session.scalars(
        select(VacancyReport)
        .where(VacancyReport.status == "open")
        .order_by(VacancyReport.created_at)
    ).all()
    by_vacancy: dict[int, list[VacancyReport]] = {}
    for item in reported:
        by_vacancy.setdefault(item.vacancy_id, []).append(item)
    ids = set(by_vacancy) | set(
        db.session.scalars(select(Vacancy.id).where(Vacancy.moderation_status == "held"))
    )
    if not ids:
        return []
    found = db.session.scalars(
        select(Vacancy)
        .where(Vacancy.id.in_(ids))
        .options(selectinload(Vacancy.organisation), selectinload(Vacancy.region))
    ).all()
    items = [QueueItem(v, by_vacancy.get(v.id, [])) for v in found]
    return sorted(items, key=lambda i: (-len(i.reports), i.vacancy.updated_at))


def get_item(vacancy_id: int) -> QueueItem:
    """One vacancy with its reports (any state), for the moderator's page."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError(vacancy_id)
    reports = db.session.scalars(
        select(VacancyReport)
        .where(VacancyReport.vacancy_id == vacancy_id)
        .order_by(VacancyReport.created_at)
    ).all()
    return QueueItem(vacancy, list(reports))


def _require(moderator: User) -> None:
    from app.auth.policy import can_moderate

    if not can_moderate(moderator):
        raise PermissionDeniedError("moderation")


def _close_reports(vacancy: Vacancy, status: str) -> int:
    reports = db.session.scalars(
        select(VacancyReport).where(
            VacancyReport.vacancy_id == vacancy.id, VacancyReport.status == "open"
        )
    ).all()
    for item in reports:
        item.status = status
        item.resolved_at = utcnow()
    return len(reports)


def approve(vacancy: Vacancy, moderator: User, reason: str = "") -> None:
    """The vacancy is fine: it may be shown; its open reports are dismissed."""
    _require(moderator)
    vacancy.moderation_status = "clear"
    dismissed = _close_reports(vacancy, "dismissed")
    audit.record(
        moderator, "vacancy.approve", "vacancy", vacancy.id, vacancy.title, reason,
        reports_dismissed=dismissed, signals=len(vacancy.moderation_flags or []),
    )  # fmt: skip
    db.session.commit()


def unpublish(vacancy: Vacancy, moderator: User, reason: str) -> None:
    """Take the vacancy down (a reason is required); its employer is told."""
    _require(moderator)
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", str(_l("Give a reason.")))
    vacancy.status = "closed"
    vacancy.closed_reason = "moderation"
    vacancy.moderation_status = "removed"
    resolved = _close_reports(vacancy, "resolved")
    audit.record(
        moderator, "vacancy.unpublish", "vacancy", vacancy.id, vacancy.title, reason,
        organisation_id=vacancy.organisation_id, reports_resolved=resolved,
    )  # fmt: skip
    organisations.tell_members(vacancy.organisation, "unpublished", f"{vacancy.title}: {reason}")
    db.session.commit()


def act_on_organisation(
    organisation: Organisation, moderator: User, action: str, reason: str
) -> None:
    """Warn, suspend or lift a suspension (a reason is required); audited, members told."""
    _require(moderator)
    reason = reason.strip()
    if action not in ("warn", "suspend", "unsuspend"):
        raise ValidationError("action", action)
    if not reason:
        raise ValidationError("reason", str(_l("Give a reason.")))
    if action in ("suspend", "unsuspend"):
        organisation.suspended = action == "suspend"
        organisations.touch_vacancies(organisation.id)
    audit.record(
        moderator, f"organisation.{action}", "organisation", organisation.id, organisation.name,
        reason,
    )  # fmt: skip
    event = {"warn": "warned", "suspend": "suspended", "unsuspend": "unsuspended"}[action]
    organisations.tell_members(organisation, event, reason)
    db.session.commit()
    if action in ("suspend", "unsuspend"):
        from app.services.demand import refresh_organisation_later

        refresh_organisation_later(organisation.id)  # its vacancies stop or start counting


def warnings_of(organisation_id: int) -> int:
    """How many warnings the organisation has had."""
    from app.models import AuditEntry

    return (
        db.session.scalar(
            select(func.count()).where(
                AuditEntry.action == "organisation.warn",
                AuditEntry.target_type == "organisation",
                AuditEntry.target_id == organisation_id,
            )
        )
        or 0
    )


def count_waiting() -> int:
    """How many vacancies wait for a moderator (held, or with an open report)."""
    reported = select(VacancyReport.vacancy_id).where(VacancyReport.status == "open")
    return (
        db.session.scalar(
            select(func.count()).where(
                or_(Vacancy.moderation_status == "held", Vacancy.id.in_(reported))
            )
        )
        or 0
    )
