"""Throttling of the account views with Flask-Limiter. The limits are named settings
(``LOGIN_LIMIT_PER_ACCOUNT`` ...); a view counts an attempt by calling ``count_attempt()``, so a
successful login costs nothing. The key of an "account" limit is the submitted email whether an
account has it or not, so a 429 says nothing about which addresses exist."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, g, render_template, request
from flask_babel import format_time
from flask_login import current_user

from app.extensions import limiter


def count_attempt() -> None:
    """Count this request against the view's limits (a failed login, a reset request ...)."""
    g.throttle_counted = True


def _counted(_response: object) -> bool:
    return bool(g.get("throttle_counted"))


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _submitted_email() -> str:
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"email:{email}" if email else ""


def _signed_in_user() -> str:
    return f"user:{current_user.id}" if current_user.is_authenticated else ""  # not the session id


def per_address(setting: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Counted POSTs from one client address, at most the named setting's rate."""
    return limiter.limit(_setting(setting), methods=["POST"], deduct_when=_counted)


def per_account(setting: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Counted POSTs naming one email address (the form's ``email`` field)."""
    return limiter.limit(
        _setting(setting), key_func=_submitted_email, methods=["POST"], deduct_when=_counted
    )


def per_user(setting: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Counted POSTs of one signed-in user."""
    return limiter.limit(
        _setting(setting), key_func=_signed_in_user, methods=["POST"], deduct_when=_counted
    )


def retry_after_seconds() -> int:
    """Seconds until the breached limit of this request lets the client in again."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def too_many_requests(_error: Exception):  # type: ignore[no-untyped-def]
    """The 429 answer: what happened and when to try again (JSON for API-style clients)."""
    seconds = retry_after_seconds()
    headers = {"Retry-After": str(seconds)}
    if request.accept_mimetypes.best == "application/json":
        return {"error": 429, "retry_after": seconds}, 429, headers
    until = format_time(datetime.now(UTC) + timedelta(seconds=seconds), "HH:mm")
    minutes = max(1, math.ceil(seconds / 60))
    page = render_template("errors/429.html", minutes=minutes, until=until)
    return page, 429, headers
