"""Configuration classes; secrets and database URLs come from the environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - refused by ProductionConfig
MB = 1024 * 1024

DEFAULT_ENV = "development"
log = logging.getLogger(__name__)

# Content-Security-Policy: every script and style comes from this site's own files (no inline
# <script>, no on* attributes, no style="..."), images may also be data: URIs (Bootstrap's
# icons), nothing may frame the site and forms post only to it.
CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'linkmatch.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # PostgreSQL: the longest a statement may run (ms) before it is cancelled with an error
    DATABASE_STATEMENT_TIMEOUT_MS = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "30000"))
    # PostgreSQL: seconds a new connection may take before the attempt fails (database down)
    DATABASE_CONNECT_TIMEOUT_S = int(os.environ.get("DATABASE_CONNECT_TIMEOUT_S", "5"))
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    BOOTSTRAP_SERVE_LOCAL = True
    WTF_CSRF_ENABLED = True
    WTF_I18N_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = False
    # Security headers (Flask-Talisman, see app.extensions.init_security_headers)
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
    REFERRER_POLICY = "strict-origin-when-cross-origin"
    PERMISSIONS_POLICY = {"camera": "()", "microphone": "()", "geolocation": "()"}
    FORCE_HTTPS = False  # redirect http:// to https://
    HSTS = False  # Strict-Transport-Security on responses served over HTTPS
    # the deployment profile (a folder under profiles/, LINKMATCH_PROFILE, default
    # profiles/banten) sets REGIONS_FILE, CONTEXT_FILE (BPS open-unemployment figures `flask
    # seed reference` loads; none when the profile ships none), LANGUAGES and the open-data
    # publisher and licence: see app/profile.py
    PROFILE_PATH = os.environ.get("LINKMATCH_PROFILE") or None
    # KBJI 2014 unit groups that vacancies are classified to (Sumber: BPS, KBJI 2014)
    OCCUPATION_GROUPS_FILE = str(BASE_DIR / "app" / "data" / "kbji2014_ict.csv")
    DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo logins, refused in production
    ALLOW_DEMO_DATA = True
    REDIS_URL = os.environ.get("REDIS_URL")
    JOBS_QUEUE = os.environ.get("LINKMATCH_JOBS_QUEUE", "linkmatch")
    JOBS_MAX_RETRIES = 2  # a failed job is tried this many more times, then marked failed
    JOBS_TIMEOUT = 3600  # seconds an RQ worker gives one job
    # a job queued or running with no change for this long was lost with its process (or with
    # Redis, which keeps nothing on disk): ``flask jobs recover`` and the hourly sweep restart it
    JOBS_STRANDED_AFTER = JOBS_TIMEOUT + 300
    JOBS_EAGER = False  # run a job inside enqueue() (tests), not on a queue or thread
    # `flask jobs worker` lowers its own CPU priority by this much (nice): on a machine it
    # shares with web workers, page requests go first and jobs take the idle CPU
    JOBS_WORKER_NICE = int(os.environ.get("JOBS_WORKER_NICE", "10"))
    # ranking/search indexes: how often a process asks which rows changed, how far back it looks
    # (clock skew between machines, transactions committing late), and how many changed rows it
    # keeps aside before building the whole index again (services/indexes)
    INDEX_REFRESH_SECONDS = float(os.environ.get("INDEX_REFRESH_SECONDS", "2"))
    INDEX_CHANGE_OVERLAP_SECONDS = 120
    INDEX_DELTA_LIMIT = int(os.environ.get("INDEX_DELTA_LIMIT", "2000"))
    INDEX_EMBED_MISSING = 200  # rows without a stored vector an index embeds itself (in memory)
    # where the indexes' snapshot lives (services/indexes/snapshot.py): written by the process
    # that builds an index from the database, memory-mapped by the others; "" turns it off
    INDEX_SNAPSHOT_DIR = os.environ.get("INDEX_SNAPSHOT_DIR", str(BASE_DIR / "var" / "index"))
    # snapshot folders of each index kept after a write (older ones are removed)
    INDEX_SNAPSHOT_KEEP = int(os.environ.get("INDEX_SNAPSHOT_KEEP", "2"))
    # a process whose delta passed INDEX_DELTA_LIMIT asks for a new snapshot (a job) at most this
    # often while none appears on its disk
    INDEX_SNAPSHOT_ASK_SECONDS = 600
    JOBS_REDIS_TIMEOUT = 2  # seconds to reach Redis when queueing; then the job runs in-process
    # one JSON object per log line (request id, traceback); plain lines in development
    LOG_JSON = os.environ.get("LINKMATCH_LOG_JSON", "0") == "1"
    LOG_LEVEL = os.environ.get("LINKMATCH_LOG_LEVEL", "INFO")
    # a serving process enqueues the daily jobs (closing expired vacancies) itself
    DAILY_JOBS_IN_PROCESS = os.environ.get("LINKMATCH_DAILY_JOBS", "1") == "1"
    EMBEDDING_MODEL = os.environ.get("LINKMATCH_EMBEDDING_MODEL", "e5")
    # matching/'s files and threads, passed to it as one settings object by create_app
    # (matching.settings; empty: its defaults under var/, one encoder thread per usable core)
    MATCHING_MODEL_DIR = os.environ.get("LINKMATCH_MODEL_DIR", "")
    MATCHING_CACHE_DIR = os.environ.get("LINKMATCH_CACHE_DIR", "")
    MATCHING_INDEX_CACHE_DIR = os.environ.get("LINKMATCH_INDEX_CACHE", "")
    MATCHING_THREADS = int(os.environ.get("LINKMATCH_TORCH_THREADS") or 0) or None
    # Uploads: every limit of every upload form, in one place (app/services/uploads.py reads them).
    CV_MAX_BYTES = 2 * MB
    IMPORT_MAX_BYTES = 5 * MB  # vacancy files (CSV, JSON)
    CURRICULUM_MAX_BYTES = 10 * MB
    # a saved curriculum with more learning outcomes than this shows the job page (a progress
    # bar) while their skills are read; a smaller one shows its own page, which reloads
    CURRICULUM_PROGRESS_PAGE_OUTCOMES = 60
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
    IMPORT_MAX_ROWS = 500  # vacancies per file
    # vacancy feeds (app/services/feeds): one fetch is cut off after this many bytes or seconds;
    # at most this many postings are read from one pull
    FEED_MAX_BYTES = 10 * MB
    FEED_TIMEOUT_SECONDS = 20
    FEED_MAX_POSTINGS = 5000
    # local feed files are read only under this directory; feeds on loopback, private, link-local
    # or reserved addresses are refused unless FEED_ALLOW_PRIVATE_HOSTS (tests serve on 127.0.0.1)
    FEED_LOCAL_DIR = os.environ.get("FEED_LOCAL_DIR", str(Path(__file__).parent / "data" / "feeds"))
    FEED_ALLOW_PRIVATE_HOSTS = os.environ.get("FEED_ALLOW_PRIVATE_HOSTS", "0") == "1"
    IMPORT_INLINE_ROWS = 20  # a file with more rows is imported by a background job
    IMPORT_MAX_REPORTED_LINES = 100  # lines with problems listed per file (the rest are counted)
    SALARY_MAX = 1_000_000_000  # rupiah a month; above it a vacancy line is refused
    LINKER_MAX_CHARS = 20_000  # text given to the skill linker (a CV is cut at a sentence end)
    LINKER_MAX_LINE = 500  # a longer line is broken at a space before linking (same offsets)
    LINKER_MAX_SENTENCES = 400  # ... and at most this many sentences of it are read
    # Sentences whose skills one import reads inside the request (titles and descriptions, each
    # cut to the linker's limits): the linker's time grows with them.
    IMPORT_MAX_SENTENCES = 1_500
    PAGE_SIZE = 10
    REPORTS_TO_HOLD = 3  # open reports from different people that hold a vacancy for review
    VACANCY_MAX_OPEN_DAYS = int(os.environ.get("VACANCY_MAX_OPEN_DAYS", "60"))
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
    # the site's address as people reach it: links in emails (notifications, digests) start here
    SITE_URL = os.environ.get("LINKMATCH_SITE_URL", "http://127.0.0.1:5000")
    # open data (/data): who publishes it (walidata / produsen data), under which licence, and
    # the contact named in the catalogue
    OPENDATA_PUBLISHER = os.environ.get("OPENDATA_PUBLISHER", "")  # default: the profile's
    OPENDATA_LICENSE = os.environ.get(
        "OPENDATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/"
    )
    OPENDATA_CONTACT_EMAIL = os.environ.get("OPENDATA_CONTACT_EMAIL", "data@localhost")
    # Throttling (Flask-Limiter): counters in Redis when REDIS_URL is set, else in process.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_KEY_PREFIX = "linkmatch"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis down: count per process, do not fail
    # failed logins per email address (whether an account has it or not) and per client address
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per 15 minutes")
    PASSWORD_RESET_LIMIT_PER_ACCOUNT = os.environ.get(
        "PASSWORD_RESET_LIMIT_PER_ACCOUNT", "3 per hour"
    )
    PASSWORD_RESET_LIMIT_PER_ADDRESS = os.environ.get(
        "PASSWORD_RESET_LIMIT_PER_ADDRESS", "10 per 15 minutes"
    )
    REGISTRATION_LIMIT_PER_ADDRESS = os.environ.get("REGISTRATION_LIMIT_PER_ADDRESS", "30 per hour")
    VERIFICATION_RESEND_LIMIT = os.environ.get("VERIFICATION_RESEND_LIMIT", "3 per hour")
    REPORT_LIMIT_PER_ADDRESS = os.environ.get("REPORT_LIMIT_PER_ADDRESS", "10 per hour")
    # the public tracer and teacher-skills forms (one-time links, no account)
    INVITATION_FORM_LIMIT = os.environ.get("INVITATION_FORM_LIMIT", "20 per hour")
    INVITATION_MAX_DAYS = int(os.environ.get("INVITATION_MAX_DAYS", "60"))
    # the partner API (/api/v1): requests per token (per client address when no token is sent)
    # and per client address whatever the token; answers past them are 429 with Retry-After
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute")
    API_RATE_LIMIT_PER_ADDRESS = os.environ.get("API_RATE_LIMIT_PER_ADDRESS", "600 per minute")
    API_PAGE_MAX = 50  # vacancies on one page of an API search
    API_MATCH_MAX = 50  # vacancies one match request may ask for
    API_TITLE = "Link & Match API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    # how many reverse proxies in front of the app set X-Forwarded-For (0: none, trust nothing)
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
    # signed links sent by email (seconds)
    PASSWORD_RESET_MAX_AGE = 60 * 60
    EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 60 * 60
    # the administrators' outbox page (it shows password-reset links: development only)
    MAIL_OUTBOX_PAGE = True
    COMMON_PASSWORDS_FILE = str(BASE_DIR / "app" / "data" / "common_passwords.txt")


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite file under instance/."""

    DEBUG = False


class TestingConfig(Config):
    """Tests: a database URL given by the fixture, fast password hashing parameters."""

    TESTING = True
    DAILY_JOBS_IN_PROCESS = False
    JOBS_EAGER = True  # tests that need a queue or a thread say so
    JOBS_WORKER_NICE = 0  # a worker run inside the test process would slow the rest of it
    INDEX_REFRESH_SECONDS = 0.0  # every request sees the rows the test just wrote
    INDEX_SNAPSHOT_DIR = ""  # tests that use a snapshot give it a folder of their own
    SECRET_KEY = "testing-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    PASSWORD_HASH_FAST = True
    RATELIMIT_STORAGE_URI = "memory://"  # a fresh counter store for every test app


class ProductionConfig(Config):
    """Production: HTTPS only, secure cookies; refuses the default secret key and demo logins."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = True
    HSTS = True
    ALLOW_DEMO_DATA = False
    MAIL_OUTBOX_PAGE = False
    LOG_JSON = os.environ.get("LINKMATCH_LOG_JSON", "1") == "1"

    @staticmethod
    def validate(config: Mapping[str, Any]) -> None:
        """Raise RuntimeError, naming the fix, when a production setting is unsafe."""
        from app.config_checks import refuse_unsafe_production

        refuse_unsafe_production(config)


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the config class named by LINKMATCH_ENV (default: development, with a warning)."""
    name = os.environ.get("LINKMATCH_ENV")
    if not name:
        log.warning("LINKMATCH_ENV not set; assuming %s", DEFAULT_ENV)
        name = DEFAULT_ENV
    if name not in CONFIGS:
        raise RuntimeError(f"LINKMATCH_ENV={name!r} is not known: use one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
