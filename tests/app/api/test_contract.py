"""Contract test: schemathesis, driven by the OpenAPI document, sends generated requests over
real HTTP to the app served by a thread of this test (bounded: a few examples per operation,
under a minute) and no answer may be a 5xx."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app.services import api_tokens
from tests.factories import EmployerFactory, VacancyFactory

ST = Path(sys.executable).with_name("st")
MAX_SECONDS = 30


@pytest.fixture
def served(app: Flask, vocab: None) -> Iterator[str]:
    """The test app on a local port (its address), with a few vacancies."""
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    VacancyFactory()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_no_server_error_for_generated_requests(served: str, app: Flask, tmp_path: Path) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("one backend is enough for the contract")
    _token, secret = api_tokens.create_token(
        EmployerFactory(), ["vacancies:write", "vacancies:read"]
    )
    result = subprocess.run(  # noqa: S603 - our own command line
        [
            str(ST),
            "run",
            f"{served}/api/v1/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "3",
            "--phases",
            "examples,fuzzing",
            "--max-time",
            str(MAX_SECONDS),
            "--request-timeout",
            "20",
            "--seed",
            "16",
            "--workers",
            "1",
            "--header",
            f"Authorization: Bearer {secret}",
            "--generation-codec",
            "utf-8",
        ],  # fmt: skip
        capture_output=True,
        cwd=tmp_path,  # its cache and reports stay out of the repository
        text=True,
        timeout=MAX_SECONDS + 60,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Test cases:" in result.stdout and " generated" in result.stdout  # it ran
