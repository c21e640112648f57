"""Forms of curriculum sync: partners, accepting advice, actions, invitations, the meeting;
and the partner's comment and answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from app.labels import choices
from app.validators import max_length


class PartnerForm(FlaskForm):
    """A partner: an employer of the platform, or a name; what it contributes."""

    employer_id = SelectField(_l("Employer on the platform"), coerce=int, validators=[Optional()])
    name = StringField(_l("Or the partner's name"), validators=[Optional(), max_length(200)])
    contributions = SelectMultipleField(
        _l("Contributes"), choices=lambda: choices("partner_contribution"), validators=[Optional()]
    )
    note = StringField(_l("Note"), validators=[Optional(), max_length(500)])
    submit = SubmitField(_l("Add partner"))


class SuggestedPartnerForm(FlaskForm):
    """One click: a partner the gap report suggests."""

    name = HiddenField(validators=[InputRequired(), max_length(200)])
    snapshot_id = HiddenField()
    submit = SubmitField(_l("Add to my partners"))


class AcceptAdviceForm(FlaskForm):
    """The missing skills of a report the school accepts into its plan."""

    skill_ids = SelectMultipleField(_l("Missing skills"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Accept into the sync plan"))


class ActionForm(FlaskForm):
    """What the school does about one skill, in which unit, who, by when, how far."""

    kind = SelectField(_l("Action"), choices=lambda: choices("sync_action_kind"))
    unit_id = SelectField(_l("Unit of the draft"), coerce=int, validators=[Optional()])
    owner = StringField(_l("Owner"), validators=[Optional(), max_length(120)])
    target_semester = IntegerField(
        _l("Target semester"), validators=[Optional(), NumberRange(1, 14)]
    )
    status = SelectField(_l("Status"), choices=lambda: choices("sync_action_status"))
    submit = SubmitField(_l("Save"))


class InviteForm(FlaskForm):
    """Partners to invite to review the plan."""

    partner_ids = SelectMultipleField(_l("Partners"), coerce=int, choices=[])
    submit = SubmitField(_l("Invite"))


class MeetingForm(FlaskForm):
    """The sync meeting for the minutes."""

    meeting_date = DateField(_l("Meeting date"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Optional(), max_length(200)])
    attended_ids = SelectMultipleField(
        _l("Partners who attended"), coerce=int, choices=[], validators=[Optional()]
    )
    other_attendees = TextAreaField(
        _l("Other attendees (one per line)"), validators=[Optional(), max_length(5000)]
    )
    agreed = TextAreaField(_l("What was agreed"), validators=[Optional(), max_length(5000)])
    submit = SubmitField(_l("Save the meeting"))


class CommentForm(FlaskForm):
    """A partner's comment on one action."""

    action_id = HiddenField(validators=[InputRequired()])
    body = TextAreaField(_l("Comment"), validators=[InputRequired(), max_length(2000)])
    submit = SubmitField(_l("Comment"))


class AnswerForm(FlaskForm):
    """The partner's answer: endorse the plan or not."""

    endorse = RadioField(
        _l("Your answer"),
        choices=[("yes", _l("We endorse the plan")), ("no", _l("We do not endorse the plan"))],
        validators=[InputRequired()],
    )
    representative = StringField(_l("Represented by"), validators=[Optional(), max_length(120)])
    note = TextAreaField(_l("Note"), validators=[Optional(), max_length(5000)])
    submit = SubmitField(_l("Send the answer"))


class ButtonForm(FlaskForm):
    """A button (the CSRF token only)."""
