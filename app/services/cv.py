"""Reading a CV: plain text out of a PDF, DOCX or text upload, type- and size-checked."""

from __future__ import annotations

import io

from flask_babel import lazy_gettext as _l

from app.services.errors import ValidationError
from curricula.documents import sniff  # one rule for "what type are these bytes"

ALLOWED = {"pdf": "pdf", "docx": "docx", "txt": "text"}


def cv_text(data: bytes, filename: str, max_bytes: int) -> str:
    """The text of an uploaded CV; raises ValidationError naming the file field."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED:
        raise ValidationError("file", str(_l("Only PDF, DOCX or TXT files are accepted.")))
    if len(data) > max_bytes:
        raise ValidationError(
            "file", str(_l("The file is larger than %(mb)d MB.", mb=max_bytes // (1024 * 1024)))
        )
    if not data:
        raise ValidationError("file", str(_l("The file is empty.")))
    kind = sniff(data)
    if kind != ALLOWED[extension]:
        raise ValidationError(
            "file", str(_l("The file's content does not match its .%(ext)s name.", ext=extension))
        )
    try:
        text = _read(kind, data)
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable file
        raise ValidationError("file", str(_l("The file could not be read."))) from error
    if not text.strip():
        raise ValidationError(
            "file", str(_l("No text was found in the file (is it a scanned image?)."))
        )
    return text


def _read(kind: str, data: bytes) -> str:
    if kind == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if kind == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        return "\n".join(lines)
    return data.decode("utf-8")
