"""Filters of the planners' pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField


class PeriodFilterForm(FlaskForm):
    """The period filter (GET, no CSRF): the series from ``since`` to ``until``; the tables by
    district and by education show one survey round (default: each its fullest)."""

    class Meta:
        csrf = False

    since = SelectField(_l("From"), default="", validate_choice=False)
    until = SelectField(_l("Until"), default="", validate_choice=False)
    survey_round = SelectField(
        _l("Survey round (by regency/city, by education)"), default="", validate_choice=False
    )
    submit = SubmitField(_l("Show"))

    def set_periods(self, periods: list[str]) -> None:
        """Offer the periods that have figures (newest first); an unknown value means all."""
        self.since.choices = [("", _l("Earliest"))] + [(p, p) for p in reversed(periods)]
        self.until.choices = [("", _l("Latest"))] + [(p, p) for p in periods]
        self.survey_round.choices = [("", _l("The most complete"))] + [(p, p) for p in periods]
        for field in (self.since, self.until, self.survey_round):
            if field.data not in periods:
                field.data = ""
