"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

PASSWORD_RULES = [
    DataRequired(),
    Length(min=8, max=128, message=_l("Use between 8 and 128 characters.")),
]


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class SeekerRegistrationForm(FlaskForm):
    """A job seeker registers themself."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords do not match."))],
    )
    submit = SubmitField(_l("Create account"))


class MemberRegistrationForm(SeekerRegistrationForm):
    """An employer or school registers with its organisation."""

    organisation_name = StringField(
        _l("Organisation name"), validators=[DataRequired(), Length(max=200)]
    )
    region_id = SelectField(_l("Region"), coerce=int, validators=[DataRequired()])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])


class PasswordChangeForm(FlaskForm):
    """Change one's password."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords do not match."))],
    )
    submit = SubmitField(_l("Change password"))
