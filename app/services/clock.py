"""The platform's calendar: dates are days in the platform's time zone (Asia/Jakarta), not the
server's (a UTC server would keep a vacancy open until 07:00 WIB after its closing date)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Jakarta"


def today() -> date:
    """Today's date where the platform's people are."""
    zone = DEFAULT_TIMEZONE
    if has_app_context():
        zone = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_TIMEZONE)
    return datetime.now(ZoneInfo(zone)).date()


def local_date(moment: datetime) -> date:
    """The platform's calendar day of a stored (naive UTC) time."""
    zone = DEFAULT_TIMEZONE
    if has_app_context():
        zone = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_TIMEZONE)
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
