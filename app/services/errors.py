"""Domain errors the services raise; the app maps them to HTTP answers."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class of errors a service reports to its caller."""


class NotFoundError(ServiceError):
    """The object does not exist."""


class PermissionDeniedError(ServiceError):
    """The user may not see or change this object."""


class ValidationError(ServiceError):
    """Input broke a rule; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def owned_by(
    item: object | None, organisation_id: int | None, user: object, item_id: object
) -> object:
    """``item`` when it exists and ``user`` may act for ``organisation_id`` (admins always may).

    The one ownership rule of every object route: NotFoundError for a missing row,
    PermissionDeniedError for another organisation's.
    """
    from app.auth.policy import can_act_for

    if item is None:
        raise NotFoundError(item_id)
    if not can_act_for(user, organisation_id):
        raise PermissionDeniedError(item_id)
    return item
