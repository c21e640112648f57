"""Employer forms: vacancy, skills, status, import, application pipeline."""

from __future__ import annotations

from typing import TypeVar

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from app.labels import choices
from app.models import Vacancy
from app.services.vacancies import DESCRIPTION_MAX, TITLE_MAX, VacancyInput
from app.validators import max_length, required

F = TypeVar("F", bound="VacancyForm")


class VacancyForm(FlaskForm):
    """Create or edit a vacancy."""

    title = StringField(_l("Job title"), validators=[required(), max_length(TITLE_MAX)])
    description = TextAreaField(
        _l("Description"),
        validators=[required(), max_length(DESCRIPTION_MAX)],
        description=_l(
            "Tasks, qualifications and skills; the skills are suggested from this text."
        ),
        render_kw={"rows": 10},
    )
    region_id = SelectField(_l("Region"), coerce=int, validators=[required()])
    employment_type = SelectField(_l("Employment type"), validators=[required()])
    min_education = SelectField(_l("Minimum education"), validators=[required()])
    salary_min = IntegerField(
        _l("Minimum salary (Rp per month)"),
        validators=[Optional()],  # the range is added from SALARY_MAX when the form is made
    )
    salary_max = IntegerField(
        _l("Maximum salary (Rp per month)"),
        validators=[Optional()],  # the range is added from SALARY_MAX when the form is made
    )
    closing_date = DateField(_l("Closing date"), validators=[Optional()])
    # not ``occupation``: the form is filled from a Vacancy, whose ``occupation`` is a row
    occupation_choice = SelectField(
        _l("Occupation (KBJI)"),
        validators=[Optional()],
        description=_l("Leave blank to let the system suggest one from the job title and skills."),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.employment_type.choices = choices("employment_type")
        self.min_education.choices = choices("education_level")
        from flask import current_app

        ceiling = current_app.config["SALARY_MAX"]  # the same ceiling as the file import
        message = _("Enter an amount from 0 to %(max)s.", max=f"{ceiling:,}".replace(",", "."))
        for field in (self.salary_min, self.salary_max):
            field.validators = [*field.validators, NumberRange(min=0, max=ceiling, message=message)]


class OccupationForm(FlaskForm):
    """Correct a vacancy's KBJI occupation, or give the choice back to the system (blank)."""

    code = SelectField(_l("Occupation (KBJI)"), validators=[Optional()])


def vacancy_input(form: VacancyForm) -> VacancyInput:
    """What a vacancy form (the employer's, or the BKK's that extends it) says, for the
    vacancy services; a form without the occupation field (an older client) keeps the
    occupation as it is."""
    return VacancyInput(
        title=form.title.data,
        description=form.description.data,
        region_id=form.region_id.data,
        employment_type=form.employment_type.data,
        min_education=form.min_education.data,
        salary_min=form.salary_min.data,
        salary_max=form.salary_max.data,
        closing_date=form.closing_date.data,
        occupation=(form.occupation_choice.data or "") if form.occupation_choice.raw_data else None,
    )


def vacancy_form(form_class: type[F], vacancy: Vacancy | None = None) -> F:
    """A vacancy form (the employer's, or the BKK's that extends it) with its choices, filled
    from ``vacancy``; on a GET the occupation shows only the employer's own choice."""
    from app.services.regions import region_choices

    form = form_class(obj=vacancy)
    form.region_id.choices = region_choices()
    form.occupation_choice.choices = occupation_choices()
    if request.method == "GET" and vacancy is not None:
        employers_own = vacancy.occupation_origin == "employer"
        form.occupation_choice.data = vacancy.occupation_code if employers_own else ""
    return form


def occupation_choices() -> list[tuple[str, str]]:
    """The occupation select's options: blank (the system suggests), then every group."""
    from app.services.occupations import group_choices

    return [("", _("Let the system suggest"))] + group_choices()


class StatusForm(FlaskForm):
    """Publish, close, re-open (the action comes from the button)."""

    action = HiddenField()


class ImportForm(FlaskForm):
    """Upload a CSV or JSON file of vacancies."""

    file = FileField(
        _l("File (CSV or JSON)"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(["csv", "json"], message=_l("Only CSV or JSON files are accepted.")),
        ],
    )
    mode = RadioField(
        _l("When some rows have errors"),
        choices=[
            ("valid_rows", _l("Import the valid rows and list the rejected ones")),
            ("all_or_nothing", _l("Import nothing unless every row is valid")),
        ],
        default="valid_rows",
    )
    publish = RadioField(
        _l("Status of imported vacancies"),
        choices=[("draft", _l("Draft")), ("open", _l("Open"))],
        default="draft",
    )
    submit = SubmitField(_l("Import"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from flask import current_app

        from app.services.uploads import max_bytes, megabytes

        self.file.description = _(
            "At most %(mb)s MB and %(rows)d vacancies per file.",
            mb=megabytes(max_bytes("vacancies")),
            rows=current_app.config["IMPORT_MAX_ROWS"],
        )


class InterviewTimeField(DateTimeLocalField):
    """A date and time typed in the browser (local time), refused with a translated message."""

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(
                str(_l("Enter a date and time, for example 2026-12-07 10:00."))
            ) from error


class ApplicationStatusForm(FlaskForm):
    """Move an application through the pipeline and tell the applicant why, when and where."""

    # the service checks status and reason against the pipeline and names the field it refuses
    status = SelectField(_l("Move to"), validators=[required()], validate_choice=False)
    rejection_reason = SelectField(
        _l("Reason for rejection"), validators=[Optional()], validate_choice=False
    )
    interview_at = InterviewTimeField(
        _l("Interview date and time"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        render_kw={"step": 60},
    )
    interview_place = StringField(
        _l("Interview place"),
        validators=[Optional(), max_length(300)],
        description=_l("An address, or how to join an online interview."),
    )
    message = TextAreaField(
        _l("Message to the applicant"),
        validators=[Optional(), max_length(2000)],
        render_kw={"rows": 2},
    )
    confirm_hire = BooleanField(_l("I confirm hiring this applicant without an offer first"))
    note = StringField(
        _l("Internal note (not shown to the applicant)"), validators=[Optional(), max_length(500)]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = choices("application_status")
        self.rejection_reason.choices = [("", "—")] + choices("rejection_reason")


class ReopenForm(FlaskForm):
    """Bring a rejected application back to review."""

    message = TextAreaField(
        _l("Message to the applicant"),
        validators=[Optional(), max_length(2000)],
        render_kw={"rows": 2},
    )
