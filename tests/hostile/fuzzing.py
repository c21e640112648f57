"""Hypothesis settings of the fuzzing suite: bounded for CI, many more examples at night.

``LINKMATCH_FUZZ=ci`` (the default): a fixed seed (derandomised), few examples, no example
database, so the suite is repeatable and adds well under two minutes. ``LINKMATCH_FUZZ=nightly``
(``make fuzz``): random seeds and 50x the examples.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("LINKMATCH_FUZZ", "ci")
_COMMON: dict[str, Any] = {
    "deadline": None,  # the time budget is asserted by ``within_budget``, with a clear message
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
}
if PROFILE == "nightly":
    FUZZ = settings(max_examples=2500, derandomize=False, **_COMMON)
else:
    FUZZ = settings(max_examples=100, derandomize=True, database=None, **_COMMON)
# The time budget of one parse of a file within the upload limits.
BUDGET_SECONDS = 10.0


def within_budget(call: Callable[[], Any], budget: float = BUDGET_SECONDS) -> Any:
    """``call()``, failing when it takes longer than ``budget`` seconds."""
    start = time.perf_counter()
    try:
        return call()
    finally:
        took = time.perf_counter() - start
        assert took < budget, f"took {took:.1f}s, the budget is {budget}s"
