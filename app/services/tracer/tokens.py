"""One-time links for people without an account (a graduate's tracer form, a teacher's skills):
a random token goes in the link, only its SHA-256 is stored, and it expires."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import current_app

from app.models.base import utcnow
from app.services.hashing import hash_secret as hash_token

TOKEN_BYTES = 32


def new_token() -> tuple[str, str]:
    """A fresh token for a link and its stored hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def expiry() -> datetime:
    """When a link made now stops working (``INVITATION_MAX_DAYS``, default 60 days)."""
    return utcnow() + timedelta(days=int(current_app.config.get("INVITATION_MAX_DAYS", 60)))


def expired(expires_at: datetime | None) -> bool:
    """The link's time is over (or it has none)."""
    return expires_at is None or expires_at <= utcnow()
