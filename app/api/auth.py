"""Bearer tokens of the API: who is asking, with which scopes, and the rate-limit key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from app.api.problems import problem
from app.models import User
from app.services import api_tokens

SECURITY = [{"bearerAuth": []}]  # the OpenAPI security requirement of a write


def bearer_secret() -> str | None:
    """The secret of an ``Authorization: Bearer ...`` header, if any."""
    header = request.headers.get("Authorization", "")
    kind, _sep, secret = header.partition(" ")
    if kind.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def rate_key() -> str:
    """Per token when one is sent (its hash: the secret never reaches the counter store), else
    per client address."""
    secret = bearer_secret()
    if secret:
        return "api-token:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()[:24]
    return "api-address:" + (get_remote_address() or "")


def _unauthorised() -> Any:
    return problem(
        401,
        _("Send a valid API token: Authorization: Bearer <token> (it may be revoked or expired)."),
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def token_required(scope: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view needs a usable token holding ``scope``; the token's member is ``api_user()``.
    The session cookie is never read: a signed-in browser gets 401 like anyone else."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            secret = bearer_secret()
            token = api_tokens.authenticate(secret) if secret else None
            if token is None:
                return _unauthorised()
            if scope not in token.scope_list:
                return problem(403, _("This token lacks the scope %(scope)s.", scope=scope))
            g.api_token = token
            return view(*args, **kwargs)

        return wrapper

    return decorate


def api_user() -> User:
    """The member the request's token acts as."""
    return g.api_token.created_by
