"""Where a vacancy came from, for its page: the feeds that carry it (``Sumber``), the employer a
feed named for it, and the school placement office (BKK) that posted it for a partner."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.extensions import db
from app.models import BkkVacancy, Feed, FeedPosting, Organisation


@dataclass(frozen=True)
class VacancyOrigin:
    """The sources of one vacancy (empty when it was posted on the site by its employer)."""

    sources: list[str] = field(default_factory=list)
    employer_name: str = ""  # the hiring organisation a feed named, for a vacancy it created
    bkk_school: str = ""
    bkk_partner: str = ""


def origin_of(vacancy_id: int) -> VacancyOrigin:
    """The feeds linked to a vacancy (by name), and its BKK mark."""
    links = db.session.execute(
        select(Feed.name, FeedPosting.kind, FeedPosting.employer_name)
        .join(Feed, Feed.id == FeedPosting.feed_id)
        .where(FeedPosting.vacancy_id == vacancy_id)
        .order_by(FeedPosting.first_seen_at, FeedPosting.id)
    ).all()
    bkk = db.session.execute(
        select(Organisation.name, BkkVacancy.partner_name)
        .join(Organisation, Organisation.id == BkkVacancy.school_id)
        .where(BkkVacancy.vacancy_id == vacancy_id)
    ).first()
    employer = next((name for _, kind, name in links if kind == "created" and name), "")
    return VacancyOrigin(
        sources=list(dict.fromkeys(name for name, _, _ in links)),
        employer_name=employer,
        bkk_school=bkk[0] if bkk else "",
        bkk_partner=bkk[1] if bkk else "",
    )
