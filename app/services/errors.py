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
