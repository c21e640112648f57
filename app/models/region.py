"""Administrative regions (kabupaten/kota) the platform serves, loaded from a data file."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class Region(db.Model):
    """A kabupaten or kota, identified by its BPS code."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(10), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(20))
    province: Mapped[str] = mapped_column(sa.String(80))

    def __repr__(self) -> str:
        return f"<Region {self.code} {self.name}>"
