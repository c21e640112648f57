"""The supply aggregate: job seekers counted per district x education level x registration
month, and per skill (declared and verified apart), kept up to date by
``app.services.seeker_supply`` so that the planners' pages read cells instead of every profile.

Only seekers that count (an active account with the seeker role and a profile) contribute. A row
with ``skill_id`` ``NULL`` counts the people of the cell; a row with a skill counts the people
of the cell who confirmed that skill and did not remove it, ``status`` ``verified`` (backed by a
certificate or assessment) or ``declared`` (any other). A person has one link per skill, so
every count sums over any set of cells.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class SeekerSupply(db.Model):
    """How many seekers of a district, education level and registration month (``NULL``
    district or level: not given) there are, or have a skill with a status."""

    __tablename__ = "seeker_supply"
    __table_args__ = (
        sa.Index("ix_seeker_supply_cell", "region_id", "education_level", "month"),
        sa.Index("ix_seeker_supply_skill", "skill_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    education_level: Mapped[str | None] = mapped_column(sa.String(20))
    month: Mapped[date]  # first day of the month the account was registered
    skill_id: Mapped[str | None] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))
    status: Mapped[str | None] = mapped_column(sa.String(10))
    seekers: Mapped[int]
