"""``flask supply rebuild``: recompute the job-seeker supply aggregate (a thin wrapper)."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from app.services.seeker_supply import rebuild_supply

supply_cli = AppGroup(
    "supply", help="The job-seeker supply aggregate (district x education x skill)."
)


@supply_cli.command("rebuild")
def rebuild() -> None:
    """Recompute the whole aggregate from the profiles; prints its size and the time taken."""
    started = time.perf_counter()
    sizes = rebuild_supply()
    seconds = time.perf_counter() - started
    click.echo(f"{sizes['cells']} cells, {sizes['seekers']} job seekers counted, {seconds:.1f} s")
