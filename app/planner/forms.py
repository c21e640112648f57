"""Filters of the planners' pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField

from app.services.planner import Filters


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


class PlannerFilterForm(FlaskForm):
    """The filters of every planner page (GET, no CSRF): a period of months, and optionally a
    kabupaten/kota, a KBJI occupation group and an education level. Unknown values are
    ignored; a period that ends before it starts is an error on ``until``."""

    class Meta:
        csrf = False

    since = SelectField(_l("From month"), default="", validate_choice=False)
    until = SelectField(_l("Until month"), default="", validate_choice=False)
    region = SelectField(_l("Regency/city"), default="", validate_choice=False)
    occupation = SelectField(_l("Occupation (KBJI)"), default="", validate_choice=False)
    education = SelectField(_l("Education"), default="", validate_choice=False)
    submit = SubmitField(_l("Show"))

    def set_choices(
        self,
        months: list[date],
        regions: list[tuple[int, str]],
        occupations: list[tuple[str, str]],
        educations: list[tuple[str, str]],
    ) -> None:
        """Offer the months (newest first), districts, occupation groups and education levels."""
        labels = [(m.strftime("%Y-%m"), m.strftime("%Y-%m")) for m in reversed(months)]
        self.since.choices = labels
        self.until.choices = labels
        self.region.choices = [("", _l("All of the province"))] + [
            (str(i), name) for i, name in regions
        ]
        self.occupation.choices = [("", _l("All occupations"))] + occupations
        self.education.choices = [("", _l("All levels"))] + educations

    def filters(self, default: Filters) -> Filters:
        """The chosen filters (``default``'s period where none or an unknown one is chosen)."""
        since = _month(self.since.data) or default.since
        until = _month(self.until.data) or default.until
        if since > until:
            self.until.errors = [_l("The period must end after it starts.")]
            since, until = default.since, default.until
        self.since.data, self.until.data = since.strftime("%Y-%m"), until.strftime("%Y-%m")
        return Filters(
            since=since,
            until=until,
            region_id=_known(self.region, int),
            occupation_code=_known(self.occupation, str),
            education=_known(self.education, str),
        )


def _month(value: str | None) -> date | None:
    try:
        return datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None


def _known(field: SelectField, kind: type) -> Any:
    """The field's value when it is one of its choices (else None, and the field shows all)."""
    known = {str(value) for value, _ in field.choices or []}
    if field.data and str(field.data) in known:
        return kind(field.data)
    field.data = ""
    return None
