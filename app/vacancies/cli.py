"""``flask vacancies classify-occupations``: the KBJI occupation of vacancies without one."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click


@click.command("classify-occupations")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Classify again every vacancy the system classified before (an employer's choice stays).",
)
def classify_occupations(everything: bool) -> None:
    """Give vacancies without an occupation their KBJI 2014 group, read by the matcher from the
    title and the skills (after seeding or importing by SQL); prints how many."""
    from app.services import occupation_groups, occupations

    if not occupation_groups.all_groups():
        raise click.ClickException("no occupation groups loaded: run `flask seed reference`")

    def progress(chunks: list[list[int]]) -> Iterable[list[int]]:
        with click.progressbar(chunks, label="Classifying", file=sys.stderr) as bar:
            yield from bar

    given, read = occupations.classify_missing(everything, progress=progress)
    click.echo(
        f"{given} of {read} vacancies given an occupation"
        + (
            f" ({read - given} below the confidence threshold left without one)."
            if read > given
            else "."
        )
    )
