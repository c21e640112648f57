"""Reading a CV: plain text out of a PDF, DOCX or text upload, type-, size- and limit-checked.

The same guarded readers as curricula (``curricula.binary``, ``curricula.documents``): the ZIP
of a DOCX and the pages of a PDF are checked before parsing, text files are decoded as UTF-8,
UTF-16 or Windows-1252, and every failure becomes a ValidationError naming what was wrong.
"""

from __future__ import annotations

from dataclasses import replace

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationError
from app.services.uploads import input_limits, megabytes
from curricula import CurriculumParseError
from curricula.binary import open_docx, pdf_pages
from curricula.documents import decode_text, sniff  # one rule for "what type are these bytes"
from curricula.limits import InputLimits

ALLOWED = {"pdf": "pdf", "docx": "docx", "txt": "text"}


def cv_text(data: bytes, filename: str, max_bytes: int | None = None) -> str:
    """The text of an uploaded CV; raises ValidationError naming the file field."""
    limits = input_limits("cv")
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED:
        raise ValidationError("file", str(_l("Only PDF, DOCX or TXT files are accepted.")))
    if len(data) > limits.max_bytes:
        raise ValidationError(
            "file",
            str(_l("The file is larger than %(mb)s MB.", mb=megabytes(limits.max_bytes))),
        )
    if not data.strip():
        raise ValidationError("file", str(_l("The file is empty.")))
    kind = sniff(data)
    if kind != ALLOWED[extension]:
        raise ValidationError(
            "file", str(_l("The file's content does not match its .%(ext)s name.", ext=extension))
        )
    try:
        text = _read(kind, data, limits)
    except CurriculumParseError as error:
        from app.services.curriculum_import import issue_message

        raise ValidationError("file", " ".join(issue_message(i) for i in error.issues)) from error
    except Exception as error:  # a last resort: no parser's own exception reaches the user
        current_app.logger.warning("CV %r could not be read: %r", filename, error)
        raise ValidationError("file", str(_l("The file could not be read."))) from error
    if text is None:
        raise ValidationError("file", str(_l("The file could not be read.")))
    if not text.strip():
        raise ValidationError(
            "file", str(_l("No text was found in the file (is it a scanned image?)."))
        )
    return text


def _read(kind: str, data: bytes, limits: InputLimits) -> str | None:
    if kind == "pdf":
        return "\n".join(pdf_pages(data, limits))
    if kind == "docx":
        document = open_docx(data, limits)
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        return "\n".join(lines)
    return decode_text(data)[0]
