"""The language switch form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class LanguageForm(FlaskForm):
    """Switch the UI language (a POST with a CSRF token)."""

    locale = HiddenField()
    next = HiddenField()
