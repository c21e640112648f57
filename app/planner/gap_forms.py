"""The what-if form of the planners (GET, no CSRF: it changes nothing, the address is the
question): a school programme, the period, and the skills to add (picked with the skill
autocomplete one at a time, or a unit's skills from the school's gap report advice)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField

from app.planner.forms import PlannerFilterForm


class WhatIfForm(PlannerFilterForm):
    """The programme and period (the filter form's months), and the skills to add."""

    programme = SelectField(_l("School programme"), default="", validate_choice=False)
    skill_id = HiddenField()
    skill_query = StringField(_l("Add a skill"), render_kw={"autocomplete": "off"})
    unit = SelectField(_l("Or a unit from the school's gap report"), default="",
                       validate_choice=False)  # fmt: skip

    def set_programmes(self, programmes: list[tuple[int, str]]) -> None:
        """Offer the programmes; an unknown one is read as none chosen."""
        self.programme.choices = [("", _l("Choose a programme"))] + [
            (str(i), name) for i, name in programmes
        ]
        if self.programme.data not in {str(i) for i, _ in programmes}:
            self.programme.data = ""

    def set_units(self, units: dict[str, list[str]], labels: dict[str, str]) -> None:
        """Offer the advised units with their skills."""
        self.unit.choices = [("", _l("None"))] + [
            (name, f"{name}: " + ", ".join(labels.get(s, s) for s in skills))
            for name, skills in units.items()
        ]

    def programme_id(self) -> int | None:
        """The chosen programme's curriculum id, if any."""
        return int(self.programme.data) if self.programme.data else None
