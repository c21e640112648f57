"""Configuration classes; secrets and database URLs come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - refused by ProductionConfig
MB = 1024 * 1024


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'linkmatch.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    BOOTSTRAP_SERVE_LOCAL = True
    WTF_CSRF_ENABLED = True
    WTF_I18N_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REGIONS_FILE = str(BASE_DIR / "app" / "data" / "regions_banten.csv")
    DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo logins, refused in production
    ALLOW_DEMO_DATA = True
    REDIS_URL = os.environ.get("REDIS_URL")
    EMBEDDING_MODEL = os.environ.get("LINKMATCH_EMBEDDING_MODEL", "e5")
    # Uploads: every limit of every upload form, in one place (app/services/uploads.py reads them).
    CV_MAX_BYTES = 2 * MB
    IMPORT_MAX_BYTES = 5 * MB  # vacancy files (CSV, JSON)
    CURRICULUM_MAX_BYTES = 10 * MB
    # A request body above this is refused unread; the form comes back naming its own limit.
    MAX_CONTENT_LENGTH = CURRICULUM_MAX_BYTES + MB
    # ... read and dropped up to this size first, so the client sees the answer, not a reset.
    UPLOAD_DRAIN_MAX_BYTES = 4 * MAX_CONTENT_LENGTH
    UPLOAD_MAX_ZIP_ENTRIES = 1000  # DOCX: files in the archive
    UPLOAD_MAX_UNZIPPED_BYTES = 40 * MB  # DOCX: all files once unpacked
    UPLOAD_MAX_PDF_PAGES = 500
    UPLOAD_MAX_PARAGRAPHS = 20_000  # DOCX paragraphs and table rows
    UPLOAD_MAX_LINES = 200_000  # text, Markdown and CSV curricula
    UPLOAD_MAX_OUTCOMES = 1_000  # learning outcomes of a curriculum (their skills are read at save)
    UPLOAD_MAX_JSON_DEPTH = 32
    UPLOAD_MAX_NUMBER_DIGITS = 15
    IMPORT_MAX_ROWS = 500  # vacancies per file (their skills are read inside the request)
    IMPORT_MAX_REPORTED_LINES = 100  # lines with problems listed per file (the rest are counted)
    SALARY_MAX = 1_000_000_000  # rupiah a month; above it a vacancy line is refused
    LINKER_MAX_CHARS = 20_000  # text given to the skill linker (a CV is cut at a sentence end)
    LINKER_MAX_LINE = 500  # a longer line is broken at a space before linking (same offsets)
    LINKER_MAX_SENTENCES = 400  # ... and at most this many sentences of it are read
    # Sentences whose skills one import reads inside the request (titles and descriptions, each
    # cut to the linker's limits): the linker's time grows with them.
    IMPORT_MAX_SENTENCES = 1_500
    PAGE_SIZE = 10
    # Email: written to an outbox folder (listed on an administrator page) unless MAIL_SERVER
    # names an SMTP server.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Link & Match <noreply@localhost>")
    MAIL_BACKEND = "smtp" if MAIL_SERVER else "app.mail_outbox.EmailBackend"
    MAIL_FILE_PATH = os.environ.get("MAIL_FILE_PATH", str(INSTANCE_DIR / "outbox"))


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite file under instance/."""

    DEBUG = False


class TestingConfig(Config):
    """Tests: a database URL given by the fixture, fast password hashing parameters."""

    TESTING = True
    SECRET_KEY = "testing-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    PASSWORD_HASH_FAST = True


class ProductionConfig(Config):
    """Production: refuses the default secret key and demo logins."""

    SESSION_COOKIE_SECURE = True
    ALLOW_DEMO_DATA = False

    @classmethod
    def validate(cls) -> None:
        """Raise RuntimeError when a production setting is unsafe."""
        if not cls.SECRET_KEY or cls.SECRET_KEY == DEFAULT_SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set to a random value in production")


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the config class named by LINKMATCH_ENV (default: development)."""
    return CONFIGS[os.environ.get("LINKMATCH_ENV", "development")]
