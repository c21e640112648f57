"""Forms shared by every skill list (vacancies, profiles, trainings, outcomes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField

from app.labels import choices
from app.validators import required


class SkillPickForm(FlaskForm):
    """Add a skill chosen in the autocomplete (the hidden id is what counts)."""

    skill_id = HiddenField(validators=[required()])
    skill_query = StringField(_l("Add a skill"), render_kw={"autocomplete": "off"})
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
