"""Schools: curricula and gap reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort
from flask_login import current_user

from app.auth import policy
from app.auth.decorators import capability_required

# the schools' own pages, and the pages a school and an administrator both read
school_only = capability_required(policy.manages_curricula)
school_or_admin = capability_required(policy.oversees_curricula)


def curriculum_for(curriculum_id: int, allowed: Callable[[Any, Any], bool] | None = None) -> Any:
    """The signed-in school's curriculum (404 for another school's), and 403 unless the policy
    check ``allowed(user, curriculum)`` passes."""
    from app.services import curricula

    item = curricula.get_for_school(curriculum_id, current_user)
    if allowed is not None and not allowed(current_user, item):
        abort(403)
    return item
