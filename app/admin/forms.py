"""Administrator forms: verification decisions, moderation actions, audit log search."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, NumberRange, Optional

from app.validators import max_length


class DecisionForm(FlaskForm):
    """Approve or reject a verification request (a rejection needs a reason)."""

    decision = HiddenField(validators=[AnyOf(("approve", "reject"))])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), max_length(1000)])


class ModerationForm(FlaskForm):
    """Approve or unpublish a vacancy; warn, suspend or lift the suspension of its
    organisation. The reason is written to the audit log."""

    action = HiddenField(
        validators=[AnyOf(("approve", "unpublish", "warn", "suspend", "unsuspend"))]
    )
    reason = TextAreaField(_l("Reason"), validators=[Optional(), max_length(1000)])


class AuditSearchForm(FlaskForm):
    """Search the audit log (GET, no CSRF token needed)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), max_length(200)])
    action = SelectField(_l("Action"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])
