"""The public forms of one-time links (CSRF on, like every form)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.labels import choices
from app.validators import max_length, required


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TracerForm(FlaskForm):
    """Where the graduate is now and which skills they use."""

    status = RadioField(_l("What do you do now?"), validators=[required()])
    employer = StringField(
        _l("Employer or business name"), validators=[Optional(), max_length(200)]
    )
    region_id = SelectField(_l("Regency/city of your work"), coerce=int, validators=[Optional()])
    job_title = StringField(_l("Job title"), validators=[Optional(), max_length(200)])
    in_field = SelectField(
        _l("Does your work match what you studied?"),
        choices=[("", "—"), ("yes", _l("Yes")), ("no", _l("No"))],
        validators=[Optional()],
    )
    skills = CheckboxesField(_l("Skills you use in your work or study"), validators=[Optional()])
    submit = SubmitField(_l("Send"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = choices("tracer_status")


class TeacherSkillsForm(FlaskForm):
    """The skills a teacher declares."""

    skills = CheckboxesField(_l("Skills you have"), validators=[Optional()])
    submit = SubmitField(_l("Send"))
