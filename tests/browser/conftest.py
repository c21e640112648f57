"""Browser tests: the real site served on a loopback port, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.services.regions import load_regions

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (skipped where Chromium is not installed)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("LINKMATCH_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


class LiveServer:
    """The app on a free loopback port in a background thread."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


def serve(path: Path, demo: bool) -> Iterator[LiveServer]:
    """A fresh SQLite file database with regions (and the demo scene), served over HTTP."""
    from app.services.demo import seed_demo
    from app.services.vocabulary import load_vocabulary
    from matching.vocab import load_vocabulary as shipped

    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}",
        MAIL_FILE_PATH=str(path.parent / "outbox"),
    )
    with app.app_context():
        db.create_all()
        load_regions(app.config["REGIONS_FILE"])
        if demo:
            load_vocabulary(shipped())
            seed_demo()
    server = LiveServer(app)
    app.config["SITE_URL"] = server.url  # links in emails lead back to this server
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """An empty site (regions only)."""
    yield from serve(tmp_path / "live.sqlite", demo=False)


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The demo scene (vocabulary, employers, vacancies, trainings, seekers)."""
    yield from serve(tmp_path / "demo.sqlite", demo=True)


def log_out(page: Any) -> None:
    """Log out with the navigation bar button."""
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new browser page; a screenshot of its last state is kept in test-artifacts/."""
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def verify_from_outbox(page: Any, server: LiveServer, email: str) -> None:
    """Open the verification link emailed to ``email`` (read from the outbox folder) and
    press its button, as the new user would from their inbox."""
    from tests.conftest import emailed_link

    page.goto(server.url + emailed_link(server.app, email, "/auth/verify/"))
    page.get_by_role("button", name="Verifikasi alamat email saya").click()
    page.wait_for_load_state()
