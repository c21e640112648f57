"""Filters of the planners' pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField


class PeriodFilterForm(FlaskForm):
    """The period filter (GET, no CSRF): the series from ``since`` to ``until``; the tables by
    district and by education show the latest survey round up to ``until``."""

    class Meta:
        csrf = False

    since = SelectField(_l("From"), default="", validate_choice=False)
    until = SelectField(_l("Until"), default="", validate_choice=False)
    submit = SubmitField(_l("Show"))

    def set_periods(self, periods: list[str]) -> None:
        """Offer the periods that have figures (newest first); an unknown value means all."""
        self.since.choices = [("", _l("Earliest"))] + [(p, p) for p in reversed(periods)]
        self.until.choices = [("", _l("Latest"))] + [(p, p) for p in periods]
        for field in (self.since, self.until):
            if field.data not in periods:
                field.data = ""
