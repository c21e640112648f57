"""API tokens: stored hashed, shown once, scoped, listed by prefix, revoked (site, admin, CLI),
last use recorded."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import ApiToken, AuditEntry
from app.services import api_tokens
from tests.app.api.conftest import VACANCY
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, UserFactory


def test_secret_is_hashed_and_last_use_recorded(client) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    token, secret = api_tokens.create_token(user, ["vacancies:read"])
    assert secret.startswith("lm_") and secret not in (token.token_hash, token.prefix)
    assert token.token_hash == api_tokens.hash_secret(secret) and secret.startswith(token.prefix)
    assert token.last_used_at is None
    assert api_tokens.authenticate(secret) is token and token.last_used_at is not None
    assert api_tokens.authenticate(secret + "x") is None


def test_only_employer_members_hold_tokens_with_known_scopes(app) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from app.services.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        api_tokens.create_token(UserFactory(), ["vacancies:write"])
    assert refused.value.field == "org"
    with pytest.raises(ValidationError) as scope:
        api_tokens.create_token(EmployerFactory(), ["everything"])
    assert scope.value.field == "scopes"


def test_deactivated_member_token_stops_working(client) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    _token, secret = api_tokens.create_token(user, ["vacancies:write"])
    user.active = False
    db.session.commit()
    assert api_tokens.authenticate(secret) is None


def test_employer_creates_sees_prefix_and_revokes_on_the_site(client) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    login_as(client, user)
    page = "/organisation/api-tokens"
    created = post_form(client, page, page, {"name": "HRIS", "scopes": ["vacancies:write"]})
    html = created.get_data(as_text=True)
    token = db.session.scalar(select(ApiToken))
    assert 'data-testid="token-secret"' in html and token.prefix in html
    secret = html.split('<code class="user-select-all">')[1].split("</code>")[0]
    assert api_tokens.hash_secret(secret) == token.token_hash
    listing = client.get(page).get_data(as_text=True)
    assert secret not in listing and token.prefix in listing
    other = EmployerFactory()
    other_token, _secret = api_tokens.create_token(other, ["vacancies:write"])
    denied = post_form(client, page, f"/organisation/api-tokens/{other_token.id}/revoke", {})
    assert denied.status_code == 403 and other_token.revoked_at is None
    post_form(client, page, f"/organisation/api-tokens/{token.id}/revoke", {})
    db.session.refresh(token)
    assert token.revoked_at is not None
    answer = client.post(
        "/api/v1/vacancies", json=VACANCY, headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 401
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"api_token.create", "api_token.revoke"} <= actions


def test_admin_lists_and_revokes_any_token(client) -> None:  # type: ignore[no-untyped-def]
    token, _secret = api_tokens.create_token(EmployerFactory(), ["vacancies:write"])
    login_as(client, UserFactory(role="admin"))
    assert token.prefix in client.get("/admin/api-tokens").get_data(as_text=True)
    post_form(client, "/admin/api-tokens", f"/admin/api-tokens/{token.id}/revoke", {})
    db.session.refresh(token)
    assert token.revoked_at is not None


def test_cli_creates_lists_and_revokes(runner) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    args = ["api", "token", "create", "--org", user.email, "--scope", "vacancies:write"]
    result = runner.invoke(args=[*args, "--expires", "30"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    token = api_tokens.authenticate(secret)
    assert token is not None and token.expires_at is not None
    listed = runner.invoke(args=["api", "token", "list", "--org", user.email]).output
    assert token.prefix in listed and secret not in listed
    assert runner.invoke(args=["api", "token", "revoke", str(token.id)]).exit_code == 0
    assert api_tokens.authenticate(secret) is None
    unknown = runner.invoke(
        args=["api", "token", "create", "--org", "no@x.id", "--scope", "vacancies:read"]
    )
    assert unknown.exit_code != 0 and "org" in unknown.output


def test_api_secrets_and_one_time_links_are_hashed_by_one_rule() -> None:
    from app.services.hashing import hash_secret
    from app.services.tracer import tokens

    assert api_tokens.hash_secret is tokens.hash_token is hash_secret
    assert hash_secret("lm_\udc80") == hash_secret("lm_?")  # no UnicodeEncodeError
