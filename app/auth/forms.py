"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import Optional

from app.validators import email, max_length, password_rules, required, same_as


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField(_l("Email"), validators=[required(), email()])
    password = PasswordField(_l("Password"), validators=[required()])
    submit = SubmitField(_l("Log in"))


class SeekerRegistrationForm(FlaskForm):
    """A job seeker registers themself."""

    name = StringField(_l("Full name"), validators=[required(), max_length(120)])
    email = EmailField(_l("Email"), validators=[required(), email(), max_length(254)])
    password = PasswordField(_l("Password"), validators=password_rules())
    confirm = PasswordField(_l("Repeat password"), validators=[required(), same_as("password")])
    submit = SubmitField(_l("Create account"))


class MemberRegistrationForm(SeekerRegistrationForm):
    """An employer or school registers with its organisation."""

    organisation_name = StringField(
        _l("Organisation name"), validators=[required(), max_length(200)]
    )
    region_id = SelectField(_l("Region"), coerce=int, validators=[required()])
    address = StringField(_l("Address"), validators=[Optional(), max_length(300)])


class SchoolRegistrationForm(MemberRegistrationForm):
    """A school or a training provider registers with its institution."""

    kind = SelectField(
        _l("Type of institution"),
        choices=[
            ("school", _l("School, polytechnic or university")),
            ("training_provider", _l("Training provider (LPK, BLK, bootcamp)")),
        ],
        default="school",
    )


class PasswordChangeForm(FlaskForm):
    """Change one's password."""

    current_password = PasswordField(_l("Current password"), validators=[required()])
    password = PasswordField(_l("New password"), validators=password_rules())
    confirm = PasswordField(_l("Repeat new password"), validators=[required(), same_as("password")])
    submit = SubmitField(_l("Change password"))


class PasswordResetRequestForm(FlaskForm):
    """Ask for a password-reset link."""

    email = EmailField(_l("Email"), validators=[required(), email(), max_length(254)])
    submit = SubmitField(_l("Send me a link"))


class PasswordResetForm(FlaskForm):
    """Choose a new password through a reset link."""

    password = PasswordField(_l("New password"), validators=password_rules())
    confirm = PasswordField(_l("Repeat new password"), validators=[required(), same_as("password")])
    submit = SubmitField(_l("Save the new password"))


class EmailChangeForm(FlaskForm):
    """Move the account to another email address (verified before it replaces the old one)."""

    email = EmailField(_l("New email"), validators=[required(), email(), max_length(254)])
    current_password = PasswordField(_l("Current password"), validators=[required()])
    submit = SubmitField(_l("Change email"))


class ConfirmForm(FlaskForm):
    """A button that confirms an action (CSRF only)."""

    submit = SubmitField(_l("Confirm"))
