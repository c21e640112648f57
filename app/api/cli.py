"""``flask api token create|list|revoke``: partner tokens from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.models import API_SCOPES
from app.services import api_tokens
from app.services.accounts import find_user
from app.services.errors import ServiceError, ValidationError

api_cli = AppGroup("api", help="The partner API (/api/v1).")
token_cli = AppGroup("token", help="API tokens of organisations.")
api_cli.add_command(token_cli)


@token_cli.command("create")
@click.option("--org", "email", required=True, help="Email of a member of the organisation.")
@click.option(
    "--scope", "scopes", multiple=True, required=True, type=click.Choice(API_SCOPES),
    help="What the token may do (repeat for several).",
)  # fmt: skip
@click.option("--expires", "days", type=int, default=None, help="Days until it expires.")
@click.option("--name", default="", help="A name to tell tokens apart.")
def create(email: str, scopes: tuple[str, ...], days: int | None, name: str) -> None:
    """Create a token acting for the member's organisation; its secret is printed once."""
    try:
        token, secret = api_tokens.create_for_email(email, list(scopes), days, name)
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    click.echo(
        f"Token {token.prefix}… ({token.scopes}) created. Keep this secret, it is not shown again:"
    )
    click.echo(secret)


@token_cli.command("list")
@click.option("--org", "email", required=True, help="Email of a member of the organisation.")
def list_tokens(email: str) -> None:
    """The organisation's tokens (prefix, scopes, expiry, last use, revoked)."""
    user = find_user(email)
    if user is None or user.organisation_id is None:
        raise click.ClickException("org: no member of an organisation has this email address")
    for token in api_tokens.list_tokens(user.organisation_id):
        state = "revoked" if token.revoked_at else "active"
        click.echo(
            f"{token.id}\t{token.prefix}…\t{token.scopes}\t{state}\t"
            f"expires {token.expires_at or '-'}\tlast used {token.last_used_at or '-'}"
        )


@token_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token by id (as the platform: recorded in the audit log without a person)."""
    try:
        token = api_tokens.revoke_as_platform(token_id)
    except ServiceError as error:
        raise click.ClickException(f"token {token_id} not found") from error
    click.echo(f"Token {token.prefix}… revoked.")
