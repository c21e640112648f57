"""Job seeker forms: profile, skills, CV upload, privacy, applying, deletion."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from app.labels import choices
from app.validators import indonesian_phone, max_length, optional_between, required


class ProfileForm(FlaskForm):
    """The seeker's profile."""

    headline = StringField(
        _l("Headline"),
        validators=[Optional(), max_length(200)],
        description=_l("For example: Lulusan SMK RPL, web developer pemula"),
    )
    region_id = SelectField(_l("Region"), coerce=int, validators=[Optional()])
    education_level = SelectField(_l("Education"), validators=[Optional()])
    field_of_study = StringField(_l("Field of study"), validators=[Optional(), max_length(200)])
    graduation_year = IntegerField(
        _l("Graduation year"),
        validators=optional_between(1960, 2035, _l("Enter a year between 1960 and 2035.")),
    )
    summary = TextAreaField(
        _l("About me"), validators=[Optional(), max_length(5000)], render_kw={"rows": 5}
    )
    phone = StringField(
        _l("Phone number"),
        validators=[Optional(), max_length(30), indonesian_phone()],
        description=_l(
            "Given to the employers you apply to, and to others only if you choose so on the "
            "privacy page."
        ),
        render_kw={"inputmode": "tel", "autocomplete": "tel"},
    )
    whatsapp = BooleanField(_l("This number is on WhatsApp"))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.education_level.choices = [("", "—")] + choices("education_level")


class CvForm(FlaskForm):
    """Upload a CV to read skills from."""

    file = FileField(
        _l("CV (PDF, DOCX or TXT)"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(
                ["pdf", "docx", "txt"], message=_l("Only PDF, DOCX or TXT files are accepted.")
            ),
        ],
    )
    submit = SubmitField(_l("Read my CV"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from app.services.uploads import max_bytes, megabytes

        self.file.label.text = _(
            "CV (PDF, DOCX or TXT, at most %(mb)s MB)", mb=megabytes(max_bytes("cv"))
        )


class ConfirmForm(FlaskForm):
    """Confirm CV suggestions (the chosen ids come as checkboxes)."""

    submit = SubmitField(_l("Confirm the ticked skills"))


class PrivacyForm(FlaskForm):
    """Visibility to employers, with explicit consent."""

    visibility = RadioField(
        _l("Who can see my profile"),
        choices=[
            ("hidden", _l("Only me (hidden from employers)")),
            ("visible", _l("Employers looking for candidates can see my profile and skills")),
        ],
    )
    consent = BooleanField(
        _l(
            "I agree that employers registered on this platform may see my name, region, education and skills to offer me jobs. I can withdraw this at any time."
        )
    )
    share_contact = BooleanField(
        _l(
            "Also show my phone number to employers who find me among candidates (employers I "
            "apply to always see it)."
        )
    )
    submit = SubmitField(_l("Save"))


class DeleteForm(FlaskForm):
    """Delete the account, confirmed with the password."""

    password = PasswordField(_l("Password"), validators=[required()])
    submit = SubmitField(_l("Delete my account and data"))


class ApplyForm(FlaskForm):
    """Apply with a short message."""

    message = TextAreaField(
        _l("Message to the employer (optional)"),
        validators=[Optional(), max_length(2000)],
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Apply"))


class SearchForm(FlaskForm):
    """Vacancy search (GET, no CSRF needed)."""

    class Meta:
        csrf = False

    q = StringField(_l("What are you looking for?"), validators=[Optional(), max_length(200)])
    region = SelectField(
        _l("Region"), coerce=lambda v: int(v) if v else None, validators=[Optional()]
    )
    employment_type = SelectField(_l("Employment type"), validators=[Optional()])
    education = SelectField(_l("Minimum education"), validators=[Optional()])
    salary_min = IntegerField(
        _l("Salary at least (Rp)"), validators=[Optional(), NumberRange(min=0)]
    )
    posted = SelectField(
        _l("Posted"),
        coerce=lambda v: int(v) if v else None,
        validators=[Optional()],
        choices=[
            ("", _l("Any time")),
            ("1", _l("Last 24 hours")),
            ("7", _l("Last 7 days")),
            ("30", _l("Last 30 days")),
        ],
    )
    sort = SelectField(
        _l("Sort by"),
        choices=[("relevance", _l("Relevance")), ("date", _l("Newest")), ("match", _l("My match"))],
        default="relevance",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.employment_type.choices = [("", _l("All"))] + choices("employment_type")
        self.education.choices = [("", _l("All"))] + choices("education_level")
