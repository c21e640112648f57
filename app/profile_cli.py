"""``flask profile show``: which deployment profile this installation runs."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.profile import current_profile
from app.services.regions import read_regions

profile_cli = AppGroup("profile", help="The deployment profile (LINKMATCH_PROFILE).")


@profile_cli.command("show")
def show() -> None:
    """Print the active profile: platform, province, regions, context file, logo, local terms
    (their skills checked against the vocabulary) and database."""
    from app.services.local_terms import local_terms, profile_vocabulary

    profile = current_profile()
    regions = read_regions(profile.regions_file)
    click.echo(f"Profile: {profile.name} ({profile.folder})")
    click.echo(f"Platform: {profile.platform_name}")
    click.echo(f"Province: {profile.province_name} (BPS {profile.province_code})")
    click.echo(f"Regions: {len(regions)} kabupaten/kota in {profile.regions_file}")
    click.echo(f"Context file: {profile.context_file or 'none'}")
    click.echo(f"Logo: {profile.logo_file or 'none'}; colour: {profile.primary_colour or 'none'}")
    terms = local_terms(profile)
    profile_vocabulary(profile)  # a skill id the vocabulary lacks stops here
    unknown = sorted(set(terms.places) - {r["code"] for r in regions})
    click.echo(
        f"Local terms: {sum(map(len, terms.places.values()))} place names, "
        f"{sum(map(len, terms.skills.values()))} skill aliases"
        + (f"; codes not in the regions file: {', '.join(unknown)}" if unknown else "")
    )
    click.echo(f"Open-data publisher: {current_app.config['OPENDATA_PUBLISHER']}")
    click.echo(f"Database: {current_app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")
