"""``flask demand``: rebuild or refresh the demand aggregate (thin wrappers over the service)."""

from __future__ import annotations

import time
from datetime import date

import click
from flask.cli import AppGroup

from app.services import demand

demand_cli = AppGroup("demand", help="The demand aggregate (skill x region x month).")


@demand_cli.command("rebuild")
def rebuild() -> None:
    """Recompute the whole aggregate from the vacancies; prints its size and the time taken."""
    started = time.perf_counter()
    sizes = demand.rebuild_demand()
    seconds = time.perf_counter() - started
    click.echo(
        f"{sizes['cells']} skill cells, {sizes['vacancies']} vacancies counted, {seconds:.1f} s"
    )


@demand_cli.command("refresh")
@click.option("--vacancy", "vacancy_ids", type=int, multiple=True, help="A vacancy id (repeat).")
@click.option("--cell", "cells", multiple=True, help="REGION_ID:YYYY-MM (repeat).")
def refresh(vacancy_ids: tuple[int, ...], cells: tuple[str, ...]) -> None:
    """Recompute the cells of some vacancies or (region, month) cells."""
    wanted = []
    for cell in cells:
        try:
            region, month = cell.split(":")
            wanted.append((int(region), date.fromisoformat(month + "-01")))
        except ValueError as error:
            raise click.BadParameter(f"{cell!r}: expected REGION_ID:YYYY-MM") from error
    click.echo(f"{demand.refresh_demand(vacancy_ids, wanted)} cell sets recomputed.")
