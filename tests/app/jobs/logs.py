"""Warnings of one logger, heard directly: an earlier test in the process may have left the
logger disabled or not propagating, which pytest's ``caplog`` does not undo."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def heard_warnings(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records of logger ``name`` at WARNING and above while the block runs (the logger's
    level and disabled flag put back after)."""
    logger = logging.getLogger(name)
    heard: list[logging.LogRecord] = []
    listener = logging.Handler(logging.WARNING)
    listener.emit = heard.append  # type: ignore[method-assign]
    level, disabled = logger.level, logger.disabled
    logger.addHandler(listener)
    logger.setLevel(logging.WARNING)
    logger.disabled = False
    try:
        yield heard
    finally:
        logger.removeHandler(listener)
        logger.setLevel(level)
        logger.disabled = disabled
