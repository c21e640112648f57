"""The production server for real: gunicorn (``gunicorn.conf.py``, as ``make serve`` runs it)
on a free port against PostgreSQL and Redis; ready once the model is loaded, then an employer
logs in and posts a vacancy that the public search shows."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.services.regions import load_regions

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """gunicorn serving wsgi:app on PostgreSQL (schema, regions, vocabulary, one employer)."""
    url = os.environ["TEST_DATABASE_URL"]
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        from app.services.vocabulary import load_vocabulary
        from matching.vocab import load_vocabulary as shipped
        from tests.factories import EmployerFactory

        db.drop_all()
        db.create_all()
        load_regions(app.config["REGIONS_FILE"])
        load_vocabulary(shipped())
        EmployerFactory(email="hrd@server-test.example.com")  # password rahasia123, verified
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "server-test-" + "x" * 32,
        "LINKMATCH_ENV": "development",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "MAIL_FILE_PATH": str(tmp_path / "outbox"),
        "LINKMATCH_JOBS_QUEUE": f"server-test-{port}",  # jobs it starts are not left for others
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "wb"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, tmp_path / "gunicorn.log")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def wait_ready(base: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("gunicorn exited:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=5) as response:  # noqa: S310
                report = json.load(response)
                assert report == {
                    "status": "ok", "db": "ok", "redis": "ok", "model": "ok",
                    "indexes": "ok"
                }  # fmt: skip
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise AssertionError("gunicorn not ready in time:\n" + log.read_text()[-3000:])


def test_gunicorn_serves_a_flow_on_postgresql_and_redis(server: str) -> None:
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path: str) -> str:
        with browser.open(server + path, timeout=30) as response:
            return response.read().decode()

    def post(path: str, data: dict[str, str], page: str) -> tuple[int, str]:
        token = CSRF.search(get(page)).group(1)  # type: ignore[union-attr]
        body = urllib.parse.urlencode({**data, "csrf_token": token}).encode()
        with browser.open(server + path, body, timeout=60) as response:
            return response.status, response.geturl()

    status, where = post(
        "/auth/login", {"email": "hrd@server-test.example.com", "password": "rahasia123"},
        "/auth/login",
    )  # fmt: skip
    assert status == 200 and not where.endswith("/auth/login")
    form = get("/employer/vacancies/new")
    region = re.search(r'<option value="(\d+)"', form).group(1)  # type: ignore[union-attr]
    status, where = post(
        "/employer/vacancies/new",
        {
            "title": "Teknisi Jaringan Gunicorn",
            "description": "Konfigurasi router MikroTik dan switch. Tidak dipungut biaya.",
            "region_id": region,
            "employment_type": "full_time",
            "min_education": "sma_smk",
            "publish": "1",
        },
        "/employer/vacancies/new",
    )
    assert re.search(r"/employer/vacancies/\d+$", where), where
    assert "Dibuka" in get(urllib.parse.urlparse(where).path)
    # every worker's index learns of it within its refresh interval (INDEX_REFRESH_SECONDS, 2 s)
    deadline = time.monotonic() + 20
    while "Teknisi Jaringan Gunicorn" not in get("/vacancies/?q=mikrotik"):
        assert time.monotonic() < deadline, "the new vacancy never reached the search"
        time.sleep(0.5)
    for _ in range(6):  # whichever worker answers
        assert "Teknisi Jaringan Gunicorn" in get("/vacancies/?q=mikrotik")
