"""Feed tests read their feed files from a temporary directory: it is the app's local feed
directory (``FEED_LOCAL_DIR``) while the test runs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def feed_local_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """``tmp_path`` as the local feed directory of the test's app (when it has one)."""
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["FEED_LOCAL_DIR"] = str(tmp_path)
    return tmp_path
