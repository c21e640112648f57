"""Forms shared by every skill list (vacancies, profiles, trainings, outcomes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField

from app.labels import choices
from app.models import FREE_SKILL_MAX
from app.validators import max_length, required


class SkillPickForm(FlaskForm):
    """Add a skill chosen in the autocomplete (the hidden id is what counts)."""

    skill_id = HiddenField(validators=[required()])
    skill_query = StringField(_l("Add a skill"), render_kw={"autocomplete": "off"})
    free_text = HiddenField()  # "1" when the person chose to add what they wrote as it is
    importance = None
    submit = SubmitField(_l("Add"))


class SkillWithImportanceForm(SkillPickForm):
    """Add a skill, required or nice to have."""

    importance = SelectField(_l("Importance"), default="required")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.importance.choices = choices("importance")


class SkillLinkForm(FlaskForm):
    """Change or remove one skill of a list (CSRF only; the values come from buttons)."""

    importance = HiddenField()


class FreeSkillForm(FlaskForm):
    """Add a skill in one's own words when the suggestions hold none that fits (kept as written
    until an administrator maps it to the vocabulary)."""

    skill_query = StringField(
        _l("Add a skill"), validators=[required(), max_length(FREE_SKILL_MAX)]
    )
    free_text = HiddenField()
    importance = HiddenField()  # a vacancy's: the select of the same form posts it


class MapFreeSkillForm(FlaskForm):
    """An administrator maps a free-text skill to a vocabulary skill."""

    key = HiddenField(validators=[required()])
    skill_id = HiddenField(validators=[required()])
    skill_query = StringField(_l("Vocabulary skill"), render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Map"))
