"""Labour-market context figures from official statistics (BPS Sakernas open unemployment),
loaded from a CSV file by ``flask context load``; shown to planners beside the platform's data."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow


class LabourStatistic(db.Model):
    """One published figure: an indicator for an area, a breakdown and a period.

    The key is (period, area_code, breakdown, indicator): loading a file again replaces the
    figures of the same keys.
    """

    __tablename__ = "labour_statistics"
    __table_args__ = (
        sa.UniqueConstraint(
            "period", "area_code", "breakdown", "indicator", name="uq_labour_statistics_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # YYYY-MM, the month of the survey round (Sakernas: February and August)
    period: Mapped[str] = mapped_column(sa.String(7), index=True)
    # BPS/Kemendagri code: "36" a province, "3601" a kabupaten/kota
    area_code: Mapped[str] = mapped_column(sa.String(10))
    area_name: Mapped[str] = mapped_column(sa.String(120))
    # "total", or "education:<level>" (smk, sma, smp, sd_or_less, diploma, university)
    breakdown: Mapped[str] = mapped_column(sa.String(60))
    # "tpt": tingkat pengangguran terbuka, the open unemployment rate
    indicator: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[float] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(20))
    source: Mapped[str] = mapped_column(sa.String(300))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LabourStatistic {self.period} {self.area_code} {self.breakdown} {self.value}>"
