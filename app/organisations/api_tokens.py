"""API tokens on the site: an employer creates (the secret shown once), lists (prefix only) and
revokes its organisation's tokens; an administrator lists and revokes anyone's."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.decorators import capability_required
from app.form_errors import show_under_field
from app.models import ApiToken
from app.organisations.token_forms import ApiTokenForm, RevokeForm
from app.services import api_tokens
from app.services.errors import ValidationError

bp = Blueprint("api_tokens", __name__)


def _page(
    tokens: list[ApiToken],
    revoke_endpoint: str,
    form: ApiTokenForm | None = None,
    secret: str | None = None,
) -> str:
    return render_template(
        "organisations/api_tokens.html",
        form=form,
        secret=secret,
        tokens=tokens,
        revoke_form=RevokeForm(),
        revoke_endpoint=revoke_endpoint,
    )


def _revoke(token_id: int, back: str) -> Response:
    """Revoke the token (the service checks whose it is) and go back to ``back``."""
    if RevokeForm().validate_on_submit():
        api_tokens.revoke(token_id, current_user)
        flash(_("The token is revoked: requests with it are refused from now on."), "success")
    return redirect(url_for(back))


@bp.route("/organisation/api-tokens", methods=["GET", "POST"])
@capability_required(policy.can_hold_api_tokens)
def mine() -> str | Response:
    """The organisation's tokens and the form for a new one (its secret is shown once)."""
    form = ApiTokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            _token, secret = api_tokens.create_token(
                current_user, form.scopes.data, form.expires.data, form.name.data or ""
            )
        except ValidationError as error:
            show_under_field(form, error, fallback="scopes")
    tokens = api_tokens.list_tokens(current_user.organisation_id)
    return _page(tokens, "api_tokens.revoke", form, secret)


@bp.route("/organisation/api-tokens/<int:token_id>/revoke", methods=["POST"])
@capability_required(policy.can_hold_api_tokens)
def revoke(token_id: int) -> Response:
    """Revoke one of the organisation's tokens."""
    return _revoke(token_id, "api_tokens.mine")


@bp.route("/admin/api-tokens")
@capability_required(policy.can_manage_accounts)
def every() -> str:
    """Every organisation's tokens (prefix only), for an administrator."""
    return _page(api_tokens.all_tokens(), "api_tokens.admin_revoke")


@bp.route("/admin/api-tokens/<int:token_id>/revoke", methods=["POST"])
@capability_required(policy.can_manage_accounts)
def admin_revoke(token_id: int) -> Response:
    """Revoke any organisation's token (audited)."""
    return _revoke(token_id, "api_tokens.every")
