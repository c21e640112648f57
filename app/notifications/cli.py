"""``flask notify digest``: the daily email of new vacancies for saved searches."""

from __future__ import annotations

import click
from flask.cli import AppGroup

notify_cli = AppGroup("notify", help="Notifications: the saved-search digest.")


@notify_cli.command("digest")
def digest() -> None:
    """Email each seeker the vacancies posted since their last digest (at most once a day)."""
    from app.services.digests import send_digests

    report = send_digests()
    click.echo(
        f"{report.emailed} digest emails sent ({report.vacancies} vacancies); "
        f"{report.already_sent_today} users already emailed today, "
        f"{report.nothing_new} with nothing new."
    )
