"""Forms of the administrators' account pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf

from app.profile import ProfileText
from app.validators import email, max_length, required


class AccountSearchForm(FlaskForm):
    """Search and filters of the account list (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Email or name"), validators=[max_length(254)])
    role = SelectField(_l("Role"), default="")
    status = SelectField(
        _l("Status"),
        choices=[
            ("", _l("All")),
            ("active", _l("Active")),
            ("inactive", _l("Deactivated")),
            ("unverified", _l("Email not verified")),
        ],
        default="",
    )
    submit = SubmitField(_l("Search"))


class AccountStatusForm(FlaskForm):
    """Deactivate or re-activate an account, with the reason kept in the audit log."""

    # the state asked for (not a toggle: a form sent twice does not undo itself)
    active = HiddenField(validators=[AnyOf(("0", "1"))])
    reason = TextAreaField(_l("Reason"), validators=[required(), max_length(500)])
    submit = SubmitField(_l("Save"))


class RoleChangeForm(FlaskForm):
    """Give an account another role, with the reason kept in the audit log."""

    # the service checks the choice (roles_for) and says why in the user's language
    role = SelectField(_l("New role"), validators=[required()], validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[required(), max_length(500)])
    submit = SubmitField(_l("Change role"))


class PlannerForm(FlaskForm):
    """Create a planner account in an existing agency or a new one."""

    email = StringField(_l("Email"), validators=[required(), email(), max_length(254)])
    name = StringField(_l("Name"), validators=[required(), max_length(120)])
    # an existing agency's id, or "new" with the new agency's name below
    agency = SelectField(_l("Agency"), validators=[required()], validate_choice=False)
    new_agency = StringField(
        _l("New agency's name"),
        validators=[max_length(200)],
        description=ProfileText(
            _l("Only when the agency is not in the list (e.g. %(agency)s)."),
            agency="agencies.disnaker",
        ),
    )
    submit = SubmitField(_l("Create planner account"))
