"""The language of the current request, as the code the labels and the matcher take."""

from __future__ import annotations


def current_language() -> str:
    """The request's language code (``"id"`` or ``"en"``); ``"id"`` where no locale is set."""
    from flask_babel import get_locale

    return str(get_locale() or "id")
