"""Fixtures of the account tests: a clock to move past throttling windows and link ages."""

from __future__ import annotations

import itsdangerous.timed
import limits.storage.memory
import pytest

from tests.app.auth.clock import Clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Moves the in-memory limiter storage's and itsdangerous' time (not the database's)."""
    moved = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", moved)
    monkeypatch.setattr(itsdangerous.timed, "time", moved)
    return moved
