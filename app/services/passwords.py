"""The password rule beyond length: not a common password and not the user's own name or
email. One function serves registration, password change, reset and the CLI."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationError

MIN_LENGTH, MAX_LENGTH = 8, 128
MIN_PERSONAL_PART = 4  # shorter name or email parts ("al", "ayu") are too common to refuse


@lru_cache(maxsize=4)
def _common(path: str) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def is_common(password: str) -> bool:
    """The password (any case) is on the shipped list of common passwords."""
    return password.strip().lower() in _common(current_app.config["COMMON_PASSWORDS_FILE"])


def personal_parts(email: str, name: str) -> set[str]:
    """The parts of a user's email and name a password must not contain (lower-cased)."""
    local = email.strip().lower().split("@")[0]
    parts = {local, *re.split(r"[^a-z]+", local)}
    words = name.strip().lower().split()
    parts |= set(words) | {"".join(words)}
    return {part for part in parts if len(part) >= MIN_PERSONAL_PART}


def length_message() -> object:
    """The message of the length rule (lazy: the form's validator uses it too)."""
    return _l("Use between %(min)d and %(max)d characters.", min=MIN_LENGTH, max=MAX_LENGTH)


def check_password(password: str, email: str = "", name: str = "", field: str = "password") -> None:
    """Raise ValidationError naming ``field`` when the password is too short or long, common
    or personal (forms check the length first with the same bounds)."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise ValidationError(field, str(length_message()))
    if is_common(password):
        raise ValidationError(
            field, str(_l("This password is too common and easy to guess. Choose another one."))
        )
    lowered = password.lower()
    if any(part in lowered for part in personal_parts(email, name)):
        raise ValidationError(
            field, str(_l("The password must not contain your name or your email address."))
        )
    if current_app.config.get("ALLOW_DEMO_DATA") is False and password == current_app.config.get(
        "DEMO_PASSWORD"
    ):
        raise ValidationError(field, str(_l("This password is not allowed.")))
