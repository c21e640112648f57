"""A clock the tests move forward: the limiter's counters and the signed links read it."""

from __future__ import annotations

import time


class Clock:
    """``time()`` is the real time plus ``offset`` seconds."""

    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        """The moved time."""
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Move forward."""
        self.offset += seconds
