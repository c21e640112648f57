"""API test helpers: a partner employer with a token, JSON requests with a bearer header."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from app.services import api_tokens
from tests.factories import EmployerFactory

VACANCY = {
    "external_id": "JOB-1",
    "title": "Web Developer (Laravel)",
    "description": "Membangun aplikasi web dengan PHP, Laravel dan MySQL.",
    "region": "Kota Serang",
    "employment_type": "full_time",
    "min_education": "s1",
    "salary_min": 5_000_000,
    "salary_max": 7_000_000,
    "closing_date": "2027-06-30",
}


class Partner:
    """An employer's member, its token's secret and a client that sends it."""

    def __init__(self, client: FlaskClient, user: Any, secret: str) -> None:
        self.client, self.user, self.secret = client, user, secret

    def headers(self, secret: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {secret or self.secret}"}

    def send(self, method: str, url: str, body: Any = None, secret: str | None = None) -> Any:
        return self.client.open(url, method=method, json=body, headers=self.headers(secret))


def make_partner(client: FlaskClient, scopes: tuple[str, ...] = ("vacancies:write",), **kw: Any):  # type: ignore[no-untyped-def]
    """A verified employer (or as ``kw`` says) with a token of ``scopes``."""
    user = EmployerFactory(**kw)
    _token, secret = api_tokens.create_token(user, list(scopes))
    return Partner(client, user, secret)


@pytest.fixture
def partner(client: FlaskClient) -> Partner:
    """A verified employer's member with a ``vacancies:write`` and ``vacancies:read`` token."""
    return make_partner(client, ("vacancies:write", "vacancies:read"))
