"""The identity an organisation sends for verification."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField

from app.validators import max_length, required


class VerificationForm(FlaskForm):
    """Registration number (NIB / NPSN / licence) and address."""

    registration_number = StringField(
        _l("Registration number"), validators=[required(), max_length(40)]
    )
    address = TextAreaField(
        _l("Address"), validators=[required(), max_length(300)], render_kw={"rows": 2}
    )
    submit = SubmitField(_l("Send for verification"))
