"""The form that creates an API token of the organisation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.validators import NumberRange, Optional

from app.models import API_SCOPES
from app.validators import max_length, required


class ApiTokenForm(FlaskForm):
    """Name, scopes and (optional) days of validity of a new token."""

    name = StringField(_l("Name (which system uses it)"), validators=[max_length(100)])
    scopes = SelectMultipleField(
        _l("Scopes"),
        choices=[(s, s) for s in API_SCOPES],
        default=["vacancies:write"],
        validators=[required()],
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    expires = IntegerField(
        _l("Expires after (days, empty: never)"),
        validators=[Optional(), NumberRange(min=1, max=3650)],
    )
    submit = SubmitField(_l("Create token"))


class RevokeForm(FlaskForm):
    """The revoke button (CSRF only)."""
