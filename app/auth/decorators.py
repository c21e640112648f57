"""Access rules for views: sign-in and a capability of ``app.auth.policy``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required


def capability_required(
    capability: Callable[[Any], bool],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let only signed-in users for whom ``capability(user)`` holds in (a ``policy`` function,
    e.g. ``capability_required(policy.can_manage_accounts)``); others get 403."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not capability(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
