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
    """Password policy: 8 to 128 characters."""
    return [required(), Length(min=8, max=128, message=_l("Use between 8 and 128 characters."))]


def same_as(other: str) -> EqualTo:
    """The field must repeat ``other`` (passwords)."""
    return EqualTo(other, message=_l("Passwords do not match."))


def whole_number(text: str | None, max_digits: int = 9) -> int | None:
    """``text`` as a non-negative whole number (ASCII digits, at most ``max_digits``), else None.

    ``str.isdigit`` accepts '²' and any number of digits, and ``int`` then raises; request
    values (a page number, an id, a form index) go through this instead.
    """
    if text and len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
