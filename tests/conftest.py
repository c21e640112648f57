"""Shared fixtures: the app on a fresh database (SQLite, and PostgreSQL when TEST_DATABASE_URL
is set), a test client, a CLI runner and an ``auth`` helper that logs in through the real form."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from sqlalchemy import text

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.services import indexes, matching, skill_search
from app.services.regions import load_regions

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each worker gets its own PostgreSQL database and Redis database, so
    two workers never drop each other's tables or read each other's queues."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    index = int(worker.removeprefix("gw"))
    os.environ["TEST_REDIS_URL"] = f"redis://127.0.0.1:6379/{15 - index}"
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        os.environ["TEST_DATABASE_URL"] = worker_database(base, worker)


def worker_database(base: str, worker: str) -> str:
    """A fresh PostgreSQL database ``<base name>_<worker>`` beside the base one; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"{url.database}_{worker}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def share_url_builders() -> None:
    """Compile each route's URL builder once a process instead of once an app.

    Werkzeug compiles two Python functions for every route when an app is created (half of
    ``create_app``'s time, and the tests create an app for almost every test). A builder's code
    depends only on the rule's text, its parts, its defaults and whether unknown arguments are
    appended, so builders with the same key are the same code: the first one is reused (bound
    to each rule as before)."""
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    builders: dict[tuple, Callable] = {}

    def shared(self: Rule, append_unknown: bool = True) -> Callable:
        defaults = self.defaults or {}
        key = (
            self.rule,
            append_unknown,
            tuple(self._trace),
            tuple(str(name) for name in defaults),
            tuple(
                (name, self._converters[name].to_url(value))
                for name, value in defaults.items()
                if name in self._converters
            ),
        )
        if key not in builders:
            builders[key] = compile_builder(self, append_unknown)
        return builders[key]

    Rule._compile_builder = shared  # type: ignore[method-assign]


share_url_builders()


class SharedBytecode(BytecodeCache):
    """Compiled templates kept in memory for every app of the process (Jinja checks each one
    against its template's source checksum before using it)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def share_compiled_templates() -> None:
    """Compile each template once a process instead of once an app: every test app got a new
    Jinja environment that compiled every page it rendered again (a third of a page test's
    time). All test apps share one environment configuration, so they share one cache."""
    create_environment = Flask.create_jinja_environment
    cache = SharedBytecode()

    def with_cache(self: Flask) -> Environment:
        environment = create_environment(self)
        environment.bytecode_cache = cache
        return environment

    Flask.create_jinja_environment = with_cache  # type: ignore[method-assign]


share_compiled_templates()

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


FAST_DIR = Path("/dev/shm") if Path("/dev/shm").is_dir() else None


def database_url(backend: str, tmp_path: Path) -> str:
    """A fresh SQLite file (in RAM-backed /dev/shm where there is one), or the PostgreSQL test
    database."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(dir=FAST_DIR)) if FAST_DIR else tmp_path
        return f"sqlite:///{folder / 'test.sqlite'}"
    return os.environ["TEST_DATABASE_URL"]


# SQLite files with the schema and one profile's regions, built once per process and copied for
# each test (a copy is what ``create_all`` and ``load_regions`` would write, in a millisecond)
SQLITE_TEMPLATES: dict[str, Path] = {}
# PostgreSQL URLs whose tables this process created: their rows are emptied between tests instead
# of dropping and creating every table again (most of a PostgreSQL test's time before)
POSTGRES_SCHEMAS: set[str] = set()


def sqlite_template(regions_file: str) -> Path:
    """The SQLite file with the schema and the regions of ``regions_file`` (built on first use)."""
    if regions_file not in SQLITE_TEMPLATES:
        folder = Path(tempfile.mkdtemp(dir=FAST_DIR, prefix="template-"))
        path = folder / "template.sqlite"
        builder = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
        with builder.app_context():
            db.create_all()
            load_regions(regions_file)
            db.session.remove()
            db.engine.dispose()
        SQLITE_TEMPLATES[regions_file] = path
    return SQLITE_TEMPLATES[regions_file]


def fresh_schema(application: Flask) -> None:
    """Give the app's database exactly the schema of the models and no rows but the regions.

    SQLite: the test's file is a copy of the template (when the template's regions are this
    app's). PostgreSQL: when the tables are the models' ones, created by this process, every row
    is deleted and the id sequences restart (what a new table has); otherwise (first use,
    another test dropped or migrated them) every table is dropped and created again."""
    url = application.config["SQLALCHEMY_DATABASE_URI"]
    regions_file = application.config["REGIONS_FILE"]
    if url.startswith("sqlite:///"):
        target = Path(url.removeprefix("sqlite:///"))
        if not target.exists():  # nothing has connected yet
            shutil.copyfile(sqlite_template(regions_file), target)
            return
        db.drop_all()
        db.create_all()
        load_regions(regions_file)
        return
    if url in POSTGRES_SCHEMAS and postgres_tables() == set(db.metadata.tables):
        with db.engine.begin() as connection:  # children first; DELETE is far faster than TRUNCATE
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
            connection.execute(RESTART_SEQUENCES)
    else:
        db.drop_all()
        db.create_all()
        POSTGRES_SCHEMAS.add(url)
    load_regions(regions_file)


RESTART_SEQUENCES = text(
    "SELECT setval(c.oid, 1, false) FROM pg_class c"
    " WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace"
)


def postgres_tables() -> set[str]:
    """The names of the tables in the PostgreSQL database's current schema."""
    query = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    with db.engine.connect() as connection:
        return set(connection.scalars(query))


@pytest.fixture(params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """The app on an empty database with the regions loaded."""
    url = database_url(request.param, tmp_path)
    application = create_app(
        TestingConfig, SQLALCHEMY_DATABASE_URI=url, MAIL_FILE_PATH=str(tmp_path / "outbox")
    )
    with application.app_context():
        fresh_schema(application)
        indexes.reset()  # PostgreSQL: the same database URL, new tables
        matching.forget_neighbours()  # the near-skill rule of the last test's vocabulary
        skill_search._FORMS.clear()  # the autocomplete forms of the last test's vocabulary
        yield application
        db.session.remove()
        db.engine.dispose()
    if url.startswith("sqlite:///") and FAST_DIR:
        shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the SQLite templates."""
    for path in SQLITE_TEMPLATES.values():
        shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (CSRF protection stays on)."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for ``flask`` commands."""
    return app.test_cli_runner()


def skip_or_fail(reason: str) -> None:
    """Skip a test whose model or input is missing, except in CI (``CI`` set, as ``.ci/run``
    does), where a missing model is a broken set-up and fails the run."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def csrf_token(client: FlaskClient, url: str) -> str:
    """Open a page and return the CSRF token of its form."""
    page = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str, password: str = "rahasia123"):  # type: ignore[no-untyped-def]
        token = csrf_token(self._client, "/auth/login")
        return self._client.post(
            "/auth/login", data={"email": email, "password": password, "csrf_token": token}
        )

    def logout(self):  # type: ignore[no-untyped-def]
        token = csrf_token(self._client, "/")
        return self._client.post("/auth/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """The ``auth`` helper."""
    return AuthActions(client)


@pytest.fixture
def vocab(app: Flask) -> None:
    """The shipped skill vocabulary loaded into the test database."""
    from app.services.vocabulary import load_vocabulary
    from matching.vocab import load_vocabulary as shipped

    load_vocabulary(shipped())


def login_as(client: FlaskClient, user, password: str = "rahasia123"):  # type: ignore[no-untyped-def]
    """Log a factory user in through the real form."""
    return AuthActions(client).login(user.email, password)


def outbox(app: Flask) -> list:
    """The messages the app has sent in this test (the outbox folder), oldest first."""
    from app.services.mail import outbox as read_outbox

    with app.app_context():
        return list(reversed(read_outbox()))


def post_form(client: FlaskClient, page: str, url: str, data: dict, **kwargs):  # type: ignore[no-untyped-def]
    """Open ``page``, take its CSRF token and post ``data`` to ``url``."""
    return client.post(url, data={**data, "csrf_token": csrf_token(client, page)}, **kwargs)


LINK_RE = re.compile(r"https?://[^\s]+")


def emailed_link(app: Flask, to: str, path: str) -> str:
    """The path of the newest link containing ``path`` in the messages sent to ``to``."""
    for message in reversed(outbox(app)):
        if message.to == to:
            for link in LINK_RE.findall(message.body):
                if path in link:
                    return "/" + link.split("/", 3)[3]
    raise AssertionError(f"no {path} link emailed to {to}")


def verify_email(app: Flask, client: FlaskClient, to: str):  # type: ignore[no-untyped-def]
    """Open the verification link emailed to ``to`` and press its button."""
    link = emailed_link(app, to, "/auth/verify/")
    return post_form(client, link, link, {}, follow_redirects=True)
