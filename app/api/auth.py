"""Bearer tokens of the API: who is asking, with which scopes, and the rate-limit key."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from app.api.problems import problem
from app.models import ApiToken, User
from app.services import api_tokens

TOKEN_KEY = "linkmatch.api_token"  # noqa: S105 - the environ key of the cached token lookup
SECURITY = [{"bearerAuth": []}]  # the OpenAPI security requirement of a write


def bearer_secret() -> str | None:
    """The secret of an ``Authorization: Bearer ...`` header, if any."""
    header = request.headers.get("Authorization", "")
    kind, _sep, secret = header.partition(" ")
    if kind.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def request_token() -> ApiToken | None:
    """The usable token the request authenticates with, or None; looked up once per request
    (the rate-limit key and ``token_required`` share it). Kept in the request's environ, not
    ``g``: an app context, and so ``g``, may outlive one request (tests push one)."""
    if TOKEN_KEY not in request.environ:
        secret = bearer_secret()
        request.environ[TOKEN_KEY] = api_tokens.authenticate(secret) if secret else None
    return request.environ[TOKEN_KEY]


def rate_key() -> str:
    """Per token when a valid one is sent (by its id: a made-up token gets no bucket of its
    own), else per client address."""
    token = request_token()
    if token is not None:
        return f"api-token:{token.id}"
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
            token = request_token()
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
