"""The app with the Jawa Barat profile, and how a test reads any page or export as text."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.profile import BASE_DIR
from app.services import indexes
from tests.conftest import fresh_schema

JABAR = BASE_DIR / "profiles" / "jabar"
# words that only the Banten profile may show (a user may still type them)
BANTEN = re.compile(r"banten|tangerang|cilegon|pandeglang|lebak", re.IGNORECASE)


@pytest.fixture
def jabar_app() -> Iterator[Flask]:
    """The app with the Jawa Barat profile on a fresh SQLite file."""
    folder = Path(tempfile.mkdtemp())
    application = create_app(
        TestingConfig,
        PROFILE_PATH=str(JABAR),
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'jabar.sqlite'}",
        MAIL_FILE_PATH=str(folder / "outbox"),
    )
    with application.app_context():
        fresh_schema(application)  # a copy of the Jawa Barat template (schema and regions)
        indexes.reset()
        yield application
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def readable(body: bytes) -> str:
    """What a reader sees in a response body: the text of a PDF's pages (pypdf), the cells of
    an XLSX workbook (openpyxl), else the body decoded as UTF-8."""
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if body.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return body.decode("utf-8", "replace")


def without_user_text(page: str, typed: list[str]) -> str:
    """``page`` without the texts a user (here: a test factory) typed."""
    for text in typed:
        page = page.replace(text, "")
    return page


# the factories' own rows (tests/factories.py), typed as a user would
FACTORY_TEXT = ["Bappeda Provinsi Banten", "Jl. Raya Serang No. 1"]
