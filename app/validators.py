"""WTForms validators with translatable messages (WTForms ships no Indonesian catalogue)."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)


def required() -> DataRequired:
    """The field must be filled in."""
    return DataRequired(message=_l("This field is required."))


def email() -> Email:
    """The field must hold an email address."""
    return Email(message=_l("Enter a valid email address."))


def max_length(limit: int) -> Length:
    """At most ``limit`` characters."""
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


def optional_between(low: int, high: int, message: str | LazyString) -> list[object]:
    """An optional number from ``low`` to ``high``; ``message`` says the range when it is not."""
    return [Optional(), NumberRange(min=low, max=high, message=message)]


def password_rules() -> list[object]:
    """The password's length (app/services/passwords.py checks the rest on submit)."""
    from app.services.passwords import MAX_LENGTH, MIN_LENGTH, length_message

    return [required(), Length(min=MIN_LENGTH, max=MAX_LENGTH, message=length_message())]


def same_as(other: str) -> EqualTo:
    """The field must repeat ``other`` (passwords)."""
    return EqualTo(other, message=_l("Passwords do not match."))


PHONE_SEPARATORS = re.compile(r"[\s\-.()]")
INDONESIAN_PHONE = re.compile(r"^\+62[1-9]\d{7,11}$")


def normalise_phone(raw: str) -> str | None:
    """An Indonesian phone number as +62…: accepts 08xx…, 62…, +62… with spaces, dashes, dots
    or brackets; None when it is not one (an empty input gives "")."""
    number = PHONE_SEPARATORS.sub("", raw or "")
    if not number:
        return ""
    if number.startswith("0"):
        number = "+62" + number[1:]
    elif number.startswith("62"):
        number = "+" + number
    return number if INDONESIAN_PHONE.match(number) else None


def indonesian_phone() -> Callable[[object, Field], None]:
    """The field must hold an Indonesian phone number (or be empty)."""

    def check(_form: object, field: Field) -> None:
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(
                _l(
                    "Enter an Indonesian phone number, for example 0812 3456 7890 or +62 812 3456 7890."
                )
            )

    return check


def whole_number(text: str | None, max_digits: int = 9) -> int | None:
    """``text`` as a non-negative whole number (ASCII digits, at most ``max_digits``), else None.

    ``str.isdigit`` accepts '²' and any number of digits, and ``int`` then raises; request
    values (a page number, an id, a form index) go through this instead.
    """
    if text and len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
