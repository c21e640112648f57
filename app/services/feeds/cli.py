"""``flask feeds``: add a vacancy source, list the sources, pull them (thin wrappers)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.models import FEED_FORMATS
from app.services import feeds
from app.services.errors import NotFoundError, ValidationError

feeds_cli = AppGroup("feeds", help="Vacancy feeds: JobPosting JSON-LD, CSV or JSON sources.")


@feeds_cli.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--org", "email", required=True, help="Email of the account the vacancies go to.")
@click.option(
    "--format", "fmt", type=click.Choice(FEED_FORMATS), default="jsonld", show_default=True
)
def add(name: str, url: str, email: str, fmt: str) -> None:
    """Add a source: an http(s) URL or a local file, pulled by `flask feeds pull` and daily."""
    try:
        feed = feeds.add_feed(name, url, email, fmt)
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    click.echo(f"Feed {feed.name} added ({feed.format}, {feed.url}).")


@feeds_cli.command("list")
def list_() -> None:
    """The sources, their postings and their last pull."""
    for feed, postings in feeds.list_feeds():
        last = feed.last_report or {}
        when = feed.last_pulled_at.strftime("%Y-%m-%d %H:%M") if feed.last_pulled_at else "never"
        summary = last.get("error") or ", ".join(
            f"{last.get(k, 0)} {k}" for k in ("new", "updated", "merged", "rejected")
        )
        state = "" if feed.active else " (inactive)"
        click.echo(
            f"{feed.name}{state}\t{feed.format}\t{feed.url}\t{feed.owner.email}\t"
            f"{postings} postings\tlast pull {when}: {summary}"
        )


@feeds_cli.command("pull")
@click.argument("names", nargs=-1)
def pull(names: tuple[str, ...]) -> None:
    """Pull the named feeds (default: every active one); prints what each brought."""
    try:
        reports = feeds.pull_all(list(names) or None)
    except NotFoundError as error:
        raise click.ClickException(f"no feed named {error}") from error
    failed = False
    for report in reports:
        if report.error:
            failed = True
            click.echo(f"{report.feed}: not read: {report.error}", err=True)
            continue
        for position, field, message in report.rejected:
            click.echo(f"{report.feed}: posting {position}: {field}: {message}", err=True)
        rejected = ", ".join(str(p) for p in report.rejected_positions)
        click.echo(
            f"{report.feed}: {report.total} postings: {len(report.new)} new, "
            f"{len(report.updated)} updated, {len(report.merged)} merged, "
            f"{report.unchanged} unchanged, {len(report.rejected_positions)} rejected"
            + (f" (positions {rejected})" if rejected else "")
        )
    if failed:
        sys.exit(1)
