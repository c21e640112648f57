"""Saved-search forms: keep the current search under a name; delete or mute one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import AnyOf, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.labels import choices
from app.validators import max_length, required


class SaveSearchForm(FlaskForm):
    """The search shown on the page (hidden fields) and a name for it."""

    name = StringField(
        _l("Name of the search"),
        validators=[required(), max_length(100)],
        description=_l("New vacancies that match come by email, at most once a day."),
    )
    q = HiddenField(validators=[Optional(), max_length(200)])
    region = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1)])
    employment_type = SelectField(widget=HiddenInput(), validators=[Optional()])
    education = SelectField(widget=HiddenInput(), validators=[Optional()])
    salary_min = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=0)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.employment_type.choices = [("", "")] + choices("employment_type")
        self.education.choices = [("", "")] + choices("education_level")


class SavedSearchForm(FlaskForm):
    """Delete a saved search, or turn its email on or off (``email`` is 1 or 0)."""

    email = HiddenField(validators=[Optional(), AnyOf(["0", "1"])])
