"""Personal API tokens of organisations: created (the secret shown once), listed by prefix,
revoked, and checked on each API request. Only a SHA-256 hash of the secret is stored."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth import policy
from app.extensions import db
from app.models import API_SCOPES, ApiToken, User
from app.models.base import utcnow
from app.services import audit
from app.services.accounts import find_user
from app.services.errors import NotFoundError, ValidationError, owned_by
from app.services.hashing import hash_secret

SECRET_START = "lm_"  # noqa: S105 - not a secret: every secret starts so (secret scanners can find leaked ones)
PREFIX_CHARS = 11  # the part of the secret kept in clear to tell tokens apart
MAX_EXPIRY_DAYS = 3650
LAST_USED_GRANULARITY = timedelta(minutes=1)  # at most one write per token and minute


def check_scopes(scopes: list[str]) -> list[str]:
    """Known scopes, deduplicated in their canonical order; ValidationError naming ``scopes``."""
    unknown = [s for s in scopes if s not in API_SCOPES]
    if unknown or not scopes:
        raise ValidationError(
            "scopes",
            str(_l("Choose scopes among %(allowed)s.", allowed=", ".join(API_SCOPES))),
        )
    return [s for s in API_SCOPES if s in scopes]


def create_token(
    user: User, scopes: list[str], expires_days: int | None = None, name: str = ""
) -> tuple[ApiToken, str]:
    """A new token acting for ``user`` in their organisation; returns it with its secret (the
    only time the secret is seen)."""
    if user.organisation_id is None or not policy.can_hold_api_tokens(user):
        raise ValidationError("org", str(_l("Only members of an organisation hold API tokens.")))
    chosen = check_scopes(scopes)
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise ValidationError("expires", str(_l("Use 1 to %(max)d days.", max=MAX_EXPIRY_DAYS)))
    secret = SECRET_START + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation_id=user.organisation_id,
        created_by_id=user.id,
        name=name.strip()[:100],
        prefix=secret[:PREFIX_CHARS],
        token_hash=hash_secret(secret),
        scopes=" ".join(chosen),
        expires_at=utcnow() + timedelta(days=expires_days) if expires_days else None,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(user, "api_token.create", "api_token", token.id, token.prefix, scopes=token.scopes)
    db.session.commit()
    return token, secret


def create_for_email(
    email: str, scopes: list[str], expires_days: int | None = None, name: str = ""
) -> tuple[ApiToken, str]:
    """``create_token`` for the member with this email (the CLI's ``--org EMAIL``)."""
    user = find_user(email)
    if user is None:
        raise ValidationError("org", str(_l("No account has this email address.")))
    return create_token(user, scopes, expires_days, name)


def list_tokens(organisation_id: int) -> list[ApiToken]:
    """The organisation's tokens, newest first (revoked ones included, marked)."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.organisation_id == organisation_id)
            .options(selectinload(ApiToken.created_by))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def all_tokens(limit: int = 500) -> list[ApiToken]:
    """Every organisation's tokens, newest first (the administrators' page)."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .options(selectinload(ApiToken.created_by), selectinload(ApiToken.organisation))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
            .limit(limit)
        )
    )


def revoke(token_id: int, user: User) -> ApiToken:
    """Revoke a token of the user's organisation (administrators: any); idempotent."""
    token = db.session.get(ApiToken, token_id)
    owned_by(token, getattr(token, "organisation_id", None), user, token_id)
    assert token is not None
    return _revoke(token, user)


def revoke_as_platform(token_id: int) -> ApiToken:
    """Revoke a token from the command line (no signed-in person); idempotent."""
    return _revoke(get_token(token_id), None)


def _revoke(token: ApiToken, by: User | None) -> ApiToken:
    """Mark the token revoked and audit it (``by``: None for the platform); idempotent."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(by, "api_token.revoke", "api_token", token.id, token.prefix)
        db.session.commit()
    return token


def is_usable(token: ApiToken) -> bool:
    """Not revoked, not expired, and its member still active in its organisation."""
    now = utcnow()
    member = token.created_by
    return (
        token.revoked_at is None
        and (token.expires_at is None or token.expires_at > now)
        and member is not None
        and member.active
        and member.organisation_id == token.organisation_id
    )


def authenticate(secret: str) -> ApiToken | None:
    """The usable token with this secret, its last use recorded; None otherwise."""
    if not secret.startswith(SECRET_START) or len(secret) > 200:
        return None
    token = db.session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_secret(secret))
        .options(selectinload(ApiToken.created_by), selectinload(ApiToken.organisation))
    )
    if token is None or not is_usable(token):
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        token.last_used_at = now
        db.session.commit()
    return token


def get_token(token_id: int) -> ApiToken:
    """A token by id (NotFoundError)."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFoundError(token_id)
    return token
