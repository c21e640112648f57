"""Upload limits: each kind of upload's limits read from the settings, and their messages.

The limits live in ``app.config`` (``CV_MAX_BYTES``, ``CURRICULUM_MAX_BYTES``,
``IMPORT_MAX_BYTES``, ``UPLOAD_MAX_*``); the readers in ``curricula`` are given them as an
``InputLimits``. A body larger than ``MAX_CONTENT_LENGTH`` never reaches a view: the 413 handler
sends the user back to the form with ``too_large_message``.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from curricula.limits import InputLimits

# kind -> the setting with its size limit
SIZE_SETTINGS = {
    "cv": "CV_MAX_BYTES",
    "curriculum": "CURRICULUM_MAX_BYTES",
    "vacancies": "IMPORT_MAX_BYTES",
}
# POST endpoint of each upload form -> (kind, the page that shows the form)
UPLOAD_FORMS = {
    "seekers.upload_cv": ("cv", "seekers.skills"),
    "schools.new_curriculum": ("curriculum", "schools.new_curriculum"),
    "employers.import_vacancies": ("vacancies", "employers.import_vacancies"),
}


def max_bytes(kind: str) -> int:
    """The size limit of one kind of upload."""
    return int(current_app.config[SIZE_SETTINGS[kind]])


def input_limits(kind: str) -> InputLimits:
    """Every limit an upload of ``kind`` is held to before it is parsed."""
    config = current_app.config
    return InputLimits(
        max_bytes=max_bytes(kind),
        max_zip_entries=config["UPLOAD_MAX_ZIP_ENTRIES"],
        max_unzipped_bytes=config["UPLOAD_MAX_UNZIPPED_BYTES"],
        max_pdf_pages=config["UPLOAD_MAX_PDF_PAGES"],
        max_paragraphs=config["UPLOAD_MAX_PARAGRAPHS"],
        max_lines=config["UPLOAD_MAX_LINES"],
        max_outcomes=config["UPLOAD_MAX_OUTCOMES"],
        max_depth=config["UPLOAD_MAX_JSON_DEPTH"],
        max_digits=config["UPLOAD_MAX_NUMBER_DIGITS"],
    )


def megabytes(size: int) -> str:
    """A byte count as megabytes for a message ('2', '10', '0.5')."""
    return f"{size / 2**20:.1f}".removesuffix(".0")


def too_large_message(kind: str) -> str:
    """The message for a file over its kind's size limit, naming the limit."""
    return _(
        "The file is too large: this form accepts files of at most %(mb)s MB.",
        mb=megabytes(max_bytes(kind)),
    )
