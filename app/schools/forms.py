"""School forms: curriculum upload and review, outcome skills, gap report parameters, the
placement office's (BKK) vacancies."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import AnyOf, InputRequired, Optional

from app.employers.forms import VacancyForm
from app.labels import choices
from app.profile import ProfileText
from app.services.bkk import PARTNER_MAX
from app.validators import max_length, optional_between, required

DOCUMENT_EXTENSIONS = ["csv", "json", "md", "markdown", "txt", "pdf", "docx"]


class UploadForm(FlaskForm):
    """A programme's curriculum document; the fields filled here win over the document's."""

    programme = StringField(
        _l("Programme"),
        validators=[Optional(), max_length(200)],
        description=_l(
            "e.g. Pengembangan Perangkat Lunak dan Gim (PPLG), or a study programme. "
            "Leave empty to take it from the document."
        ),
    )
    concentration = StringField(
        _l("Concentration"),
        validators=[Optional(), max_length(200)],
        description=_l("e.g. Rekayasa Perangkat Lunak (RPL); may stay empty."),
    )
    level = SelectField(_l("Level"), validators=[Optional()])
    version_year = IntegerField(
        _l("Curriculum year"),
        validators=optional_between(2000, 2100, _l("Enter a year such as 2025.")),
    )
    file = FileField(
        _l("Curriculum document"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(
                DOCUMENT_EXTENSIONS,
                message=_l("Only CSV, JSON, Markdown, text, PDF or DOCX files are accepted."),
            ),
        ],
    )
    submit = SubmitField(_l("Read the document"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.level.choices = [("", _l("As in the document"))] + choices("curriculum_level")
        limit = current_app.config["CURRICULUM_MAX_BYTES"] // 2**20
        self.file.description = _(
            "CSV, JSON, Markdown, text, PDF or DOCX, at most %(mb)d MB.", mb=limit
        )


class ReviewForm(FlaskForm):
    """The corrected tree (the unit and outcome fields are read from the request as a whole)."""


class AddOutcomeSkillForm(FlaskForm):
    """Add a skill from the vocabulary to a learning outcome."""

    skill_id = HiddenField(validators=[required()])
    skill_query = StringField(_l("Add a skill"), render_kw={"autocomplete": "off"})


class SkillLinkForm(FlaskForm):
    """Accept or remove one skill (CSRF only; the action comes from the URL)."""


class GapForm(FlaskForm):
    """The demand a gap report is measured against."""

    region = SelectField(
        _l("Area"),
        choices=[
            ("own", _l("Our kabupaten/kota")),
            ("all", ProfileText(_l("All of %(province)s"), province="province_name")),
            ("set", _l("The regions chosen below")),
        ],
        default="own",
    )
    region_ids = SelectMultipleField(_l("Regions"), coerce=int, validators=[Optional()])
    months = IntegerField(
        _l("Closed vacancies of the last (months)"),
        default=12,
        validators=optional_between(1, 120, _l("Choose between 1 and 120 months.")),
    )
    scope = SelectField(
        _l("Vacancies"),
        choices=[
            ("field", _l("Of this programme's field")),
            ("all", _l("All IT vacancies")),
        ],
        default="field",
    )
    related_only = BooleanField(
        _l("Only skills of this programme's field"),
        description=_l(
            "Demand for the skills the curriculum teaches, the skills near them and the "
            "skills of their groups."
        ),
    )
    as_of = DateField(
        _l("Demand as of"),
        validators=[Optional()],
        description=_l("Leave empty for today; an earlier date shows the demand then."),
    )
    submit = SubmitField(_l("Recompute"))


class CompareForm(FlaskForm):
    """Two stored reports to put side by side."""

    a = SelectField(_l("Earlier report"), coerce=int)
    b = SelectField(_l("Later report"), coerce=int)


class WholeNumberField(IntegerField):
    """A whole number, refused with a translated message when it is not one."""

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(_l("Enter a whole number."))) from error


class GraduatesForm(FlaskForm):
    """A programme's graduates in one year (the limits are checked by
    ``app.services.programme_graduates``, which names the field it refuses)."""

    year = WholeNumberField(
        _l("Year"),
        validators=[InputRequired(message=_l("This field is required."))],
        description=_l("The year the students graduated, e.g. 2025."),
    )
    graduates = WholeNumberField(
        _l("Graduates"),
        validators=[InputRequired(message=_l("This field is required."))],
        description=_l("How many students graduated from this programme that year."),
    )
    submit = SubmitField(_l("Save"))


class DeleteForm(FlaskForm):
    """A button that deletes (the CSRF token only)."""


class BkkVacancyForm(VacancyForm):
    """A vacancy the school's placement office posts for an industry partner: the employer's
    vacancy form and the partner's name."""

    partner_name = StringField(
        _l("Partner employer"),
        validators=[required(), max_length(PARTNER_MAX)],
        description=_l("The company the vacancy is for; it is shown with the vacancy."),
    )


class BkkStatusForm(FlaskForm):
    """Publish, close or re-open a BKK vacancy (the action comes from the button)."""

    action = HiddenField(validators=[AnyOf(["publish", "close", "reopen", "unpublish"])])
