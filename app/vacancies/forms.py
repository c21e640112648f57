"""Forms of the vacancy pages: save a search (and delete or mute it), report a vacancy."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.labels import LABELS, choices
from app.services.moderation import REPORT_DETAILS_MAX
from app.validators import max_length, required


class SaveSearchForm(FlaskForm):
    """The search shown on the page (hidden fields) and a name for it."""

    name = StringField(
        _l("Name of the search"),
        validators=[required(), max_length(100)],
        description=_l("New vacancies that match come by email, at most once a day."),
    )
    # the search being saved, as the search form (on the same page) sent it; own ids
    q = HiddenField(
        _l("What are you looking for?"), id="save-q", validators=[Optional(), max_length(200)]
    )
    region = IntegerField(
        _l("Region"),
        id="save-region",
        widget=HiddenInput(),
        validators=[Optional(), NumberRange(min=1)],
    )
    employment_type = HiddenField(
        _l("Employment type"),
        id="save-employment-type",
        validators=[Optional(), AnyOf(list(LABELS["employment_type"]))],
    )
    education = HiddenField(
        _l("Minimum education"),
        id="save-education",
        validators=[Optional(), AnyOf(list(LABELS["education_level"]))],
    )
    salary_min = IntegerField(
        _l("Salary at least (Rp)"),
        id="save-salary-min",
        widget=HiddenInput(),
        validators=[Optional(), NumberRange(min=0)],
    )


class SavedSearchForm(FlaskForm):
    """Delete a saved search, or turn its email on or off (``email`` is 1 or 0)."""

    email = HiddenField(validators=[Optional(), AnyOf(["0", "1"])])


class ReportForm(FlaskForm):
    """Why the vacancy is wrong, and what the reporter saw."""

    reason = RadioField(_l("What is wrong?"), validators=[required()])
    details = TextAreaField(
        _l("Details"),
        validators=[Optional(), max_length(REPORT_DETAILS_MAX)],
        description=_l("What did you see? For money requests: how much, to whom."),
        render_kw={"rows": 4},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = choices("report_reason")
