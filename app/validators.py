"""WTForms validators with translatable messages (WTForms ships no Indonesian catalogue)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Email, EqualTo, Length


def required() -> DataRequired:
    """The field must be filled in."""
    return DataRequired(message=_l("This field is required."))


def email() -> Email:
    """The field must hold an email address."""
    return Email(message=_l("Enter a valid email address."))


def max_length(limit: int) -> Length:
    """At most ``limit`` characters."""
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


def password_rules() -> list[object]:
    """The password's length (app/services/passwords.py checks the rest on submit)."""
    from app.services.passwords import MAX_LENGTH, MIN_LENGTH, length_message

    return [required(), Length(min=MIN_LENGTH, max=MAX_LENGTH, message=length_message())]


def same_as(other: str) -> EqualTo:
    """The field must repeat ``other`` (passwords)."""
    return EqualTo(other, message=_l("Passwords do not match."))
