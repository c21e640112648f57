"""Faults the load bench can cause in the middle of a run, and the check that no write the
client saw succeed was lost."""

from __future__ import annotations

import shlex
import subprocess
import time
from dataclasses import dataclass

FAULTS = ("postgres-restart", "redis-stop")
DEFAULT_COMMANDS = {
    "postgres-restart": ("pg_ctlcluster 15 main restart", ""),
    "redis-stop": ("service redis-server stop", "service redis-server start"),
}


@dataclass
class FaultWindow:
    """When the fault began and ended (seconds since the run began) and what the commands said."""

    start: float = float("nan")
    end: float = float("nan")
    output: str = ""


def _run(command: str) -> str:
    done = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=120)
    return f"$ {command} -> {done.returncode} {done.stdout.strip()} {done.stderr.strip()}".strip()


def cause(
    fault: str, first: str, then: str, hold: float, began: float, window: FaultWindow
) -> None:
    """Run the fault: ``first`` (restart, or stop), wait ``hold`` seconds, then ``then`` (start;
    none for a restart). The window closes when the last command returned."""
    window.start = time.perf_counter() - began
    outputs = [_run(first)]
    if then:
        time.sleep(hold)
        outputs.append(_run(then))
    window.end = time.perf_counter() - began
    window.output = "\n".join(outputs)


def lost_writes(database_url: str, posted: list[tuple[int, str]]) -> tuple[int, int]:
    """Of the vacancies the site said it saved (id, title), how many are in the database, and
    how many are missing."""
    import psycopg

    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    ids = [vid for vid, _ in posted]
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT id, title FROM vacancies WHERE id = ANY(%s)", (ids,)
        ).fetchall()
    stored = set(rows)
    found = sum(1 for item in posted if item in stored)
    return found, len(posted) - found
