"""Personal API tokens of organisations: partner systems send and read vacancies with them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import parent_key, utcnow
from app.models.user import Organisation, User

# what a token may do; reads of public data need no token at all
API_SCOPES = ("vacancies:write", "vacancies:read")


class ApiToken(db.Model):
    """A secret a partner system sends as ``Authorization: Bearer ...``, acting for one
    organisation. Only its SHA-256 hash and its first characters (``prefix``) are stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = parent_key("organisations.id")
    # the member who created it; the token acts as this member (None: the member was deleted)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    prefix: Mapped[str] = mapped_column(sa.String(16), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scopes: Mapped[str] = mapped_column(sa.String(200))  # space-separated, from API_SCOPES
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def scope_list(self) -> list[str]:
        """The token's scopes as a list."""
        return self.scopes.split()

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}>"
