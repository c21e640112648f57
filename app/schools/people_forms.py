"""Forms of a programme's teachers and tracer-study graduates (the school's side)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, SubmitField
from wtforms.validators import Optional

from app.validators import max_length, required


class TeacherForm(FlaskForm):
    """Add or change a teacher."""

    name = StringField(_l("Name"), validators=[required(), max_length(200)])
    subjects = StringField(
        _l("Subjects taught"),
        validators=[Optional(), max_length(500)],
        description=_l("Separate subjects with commas, as the units of the curriculum are named."),
    )
    submit = SubmitField(_l("Save"))


class GraduateForm(FlaskForm):
    """List a graduate for the tracer study."""

    year = IntegerField(_l("Graduation year"), validators=[required()])
    name = StringField(_l("Name"), validators=[required(), max_length(200)])
    contact = StringField(_l("Contact (email or phone)"), validators=[Optional(), max_length(254)])
    consent = BooleanField(
        _l("The graduate agreed to be contacted for the tracer study"),
    )
    submit = SubmitField(_l("Add"))


class InviteForm(FlaskForm):
    """Make invitation links (CSRF only; the year comes from a hidden field)."""

    year = IntegerField(validators=[Optional()])
