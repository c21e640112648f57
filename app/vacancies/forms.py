"""The form anyone uses to report a vacancy."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import Optional

from app.labels import choices
from app.services.moderation import REPORT_DETAILS_MAX
from app.validators import max_length, required


class ReportForm(FlaskForm):
    """Why the vacancy is wrong, and what the reporter saw."""

    reason = RadioField(_l("What is wrong?"), validators=[required()])
    details = TextAreaField(
        _l("Details"),
        validators=[Optional(), max_length(REPORT_DETAILS_MAX)],
        description=_l("What did you see? For money requests: how much, to whom."),
        render_kw={"rows": 4},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = choices("report_reason")
