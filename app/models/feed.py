"""Vacancy feeds (sources pulled on a schedule), the link of each posting to its canonical
vacancy, and vacancies a school's placement office (BKK) posts for a partner employer."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import choice, parent_key, utcnow
from app.models.user import Organisation, User
from app.models.vacancy import Vacancy

FEED_FORMATS = ("jsonld", "csv", "json")
# created: the posting made this vacancy; merged: the posting is a duplicate of a vacancy that
# was already on the platform (posted on the site or by another source) and only links to it
LINK_KINDS = ("created", "merged")


class Feed(db.Model):
    """A source of vacancies: a file or URL, its format and the account its vacancies belong to."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    url: Mapped[str] = mapped_column(sa.String(2000))
    format: Mapped[str] = mapped_column(choice("feed_format", *FEED_FORMATS))
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_pulled_at: Mapped[datetime | None]
    # the counts of the last pull ({"new": .., "updated": .., ...}) or {"error": "..."}
    last_report: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    owner: Mapped[User] = relationship()


class FeedPosting(db.Model):
    """One posting of a feed (by its key in the source) and the vacancy it is counted as."""

    __tablename__ = "feed_postings"
    __table_args__ = (sa.UniqueConstraint("feed_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(sa.ForeignKey("feeds.id", ondelete="CASCADE"))
    source_key: Mapped[str] = mapped_column(sa.String(500))
    vacancy_id: Mapped[int] = parent_key("vacancies.id")
    kind: Mapped[str] = mapped_column(choice("feed_link_kind", *LINK_KINDS))
    employer_name: Mapped[str] = mapped_column(sa.String(200), default="")
    url: Mapped[str] = mapped_column(sa.String(2000), default="")
    content_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    feed: Mapped[Feed] = relationship()
    vacancy: Mapped[Vacancy] = relationship()


class BkkVacancy(db.Model):
    """A vacancy a school's placement office (Bursa Kerja Khusus) posted for a partner employer."""

    __tablename__ = "bkk_vacancies"

    vacancy_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    partner_name: Mapped[str] = mapped_column(sa.String(200))

    vacancy: Mapped[Vacancy] = relationship()
    school: Mapped[Organisation] = relationship()
