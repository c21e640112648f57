"""Training forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from app.labels import choices
from app.validators import max_length, optional_between, required


class TrainingForm(FlaskForm):
    """Create or edit a training."""

    title = StringField(_l("Training title"), validators=[required(), max_length(200)])
    description = TextAreaField(
        _l("Description"),
        validators=[required(), max_length(10000)],
        render_kw={"rows": 6},
        description=_l("What participants learn; the skills are suggested from this text."),
    )
    mode = SelectField(_l("Mode"), validators=[required()])
    audience = SelectField(
        _l("For"),
        default="seekers",
        validators=[required()],
        description=_l(
            "Teacher trainings (industry internships for teachers, vendor academies, government "
            "teacher trainings) are advised to schools for their teachers."
        ),
    )
    region_id = SelectField(_l("Region"), coerce=int, validators=[Optional()])
    duration_hours = IntegerField(
        _l("Duration (hours)"),
        validators=optional_between(1, 5000, _l("Enter between 1 and 5000 hours.")),
    )
    cost = IntegerField(
        _l("Cost (Rp, 0 if free)"),
        default=0,
        validators=optional_between(0, 10**10, _l("Enter an amount of 0 or more.")),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.mode.choices = choices("training_mode")
        self.audience.choices = choices("training_audience")
