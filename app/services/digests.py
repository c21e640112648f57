"""The daily digest: one email a day at most to each seeker whose saved searches found vacancies
posted since their last digest, with a signed link to stop these emails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from app.extensions import db
from app.models import SavedSearch, User, Vacancy
from app.models.base import utcnow
from app.profile import current_profile
from app.services import mail, saved_searches
from app.services.clock import local_date
from app.services.search import search
from app.urls import external_url

PER_SEARCH = 10  # newest vacancies a saved search contributes to one digest
UNSUBSCRIBE_SALT = "digest-unsubscribe"


@dataclass
class DigestReport:
    """What one run did."""

    emailed: int = 0
    vacancies: int = 0
    already_sent_today: int = 0
    nothing_new: int = 0


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User) -> str:
    """A signed token naming the user, for the link in every digest (works without login)."""
    return _serializer().dumps(user.id)


def user_of_token(token: str) -> User | None:
    """The user a valid token names; None when it was tampered with or names nobody."""
    try:
        user_id = _serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(User, user_id) if isinstance(user_id, int) else None


def unsubscribe(user: User) -> int:
    """Stop every digest email of the user."""
    return saved_searches.stop_all_emails(user.id)


def send_digests(now: datetime | None = None) -> DigestReport:
    """For each user with saved searches that email, the vacancies posted since the last digest,
    in one email; nothing for a user already emailed on this calendar day."""
    now = now or utcnow()
    report = DigestReport()
    user_ids = list(
        db.session.scalars(
            select(SavedSearch.user_id)
            .where(SavedSearch.email_digest.is_(True))
            .distinct()
            .order_by(SavedSearch.user_id)
        )
    )
    for user_id in user_ids:
        _digest_for(db.session.get(User, user_id), now, report)
    return report


def _digest_for(user: User | None, now: datetime, report: DigestReport) -> None:
    if user is None or not user.active:
        return
    searches = [s for s in saved_searches.for_user(user) if s.email_digest]
    if any(s.last_digest_at and local_date(s.last_digest_at) == local_date(now) for s in searches):
        report.already_sent_today += 1
        return
    found: dict[int, tuple[Vacancy, str]] = {}
    for saved in searches:
        since = saved.last_digest_at or saved.created_at
        query = saved_searches.as_query(saved, posted_after=since, sort="date", per_page=PER_SEARCH)
        for hit in search(query).hits:
            found.setdefault(hit.vacancy.id, (hit.vacancy, saved.name))
    if not found:
        report.nothing_new += 1
        return
    for saved in searches:
        saved.last_digest_at = now
    with force_locale(user.locale or "id"):
        subject, body = _email(user, list(found.values()))
    mail.queue(user.email, subject, body)
    db.session.commit()  # the email's job starts with this commit
    report.emailed += 1
    report.vacancies += len(found)


def _email(user: User, found: list[tuple[Vacancy, str]]) -> tuple[str, str]:
    lines = [
        _("Hello %(name)s,", name=user.name),
        "",
        _(
            "New vacancies for your saved searches on %(platform)s:",
            platform=current_profile().platform_name,
        ),
        "",
    ]
    for vacancy, search_name in found:
        found_by = _("search: %(name)s", name=search_name)
        lines.append(
            f"- {vacancy.title} — {vacancy.organisation.name}, {vacancy.region.name} ({found_by})"
        )
        lines.append("  " + external_url("vacancies.detail", vacancy_id=vacancy.id))
    lines += [
        "",
        _("Your saved searches: %(url)s", url=external_url("vacancies.saved")),
        _(
            "Stop these emails: %(url)s",
            url=external_url("notifications.unsubscribe", token=unsubscribe_token(user)),
        ),
    ]
    subject = _("New vacancies for your saved searches (%(n)d)", n=len(found))
    return subject, "\n".join(lines) + "\n"
