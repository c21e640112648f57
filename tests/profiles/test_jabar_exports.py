"""Every export under the Jawa Barat profile, read as its reader reads it (PDF text through
pypdf, XLSX cells through openpyxl, CSV and JSON as text), and every email the site writes:
none says "Banten" (or a Banten district) unless a user typed it. The test fails when an export
route is added that it does not reach with a 200."""

from __future__ import annotations

import html
import re
from datetime import date

from flask import Flask, g
from flask.testing import FlaskClient

from app.extensions import db
from app.models import SyncPlan
from app.services import api_tokens, opendata
from app.services.context_figures import TABLES
from app.services.planner.registry import PAGES
from tests.conftest import login_as
from tests.profiles.conftest import BANTEN, FACTORY_TEXT, readable, without_user_text
from tests.test_get_is_safe import scene

MONTH = date(2026, 4, 1)
# a route is an export when its path ends in a file extension or a format argument
EXPORT_RULE = re.compile(r"\.(<[^>]+>|pdf|csv|json|xlsx)$")
EXPORT_ENDPOINTS = {"seekers.export"}
# jobs.status is a job's progress numbers (no text of the profile); it needs a running job
NOT_EXPORTS = {"jobs.status"}
LINK = re.compile(r'href="(/planner/[^"]+?\.(?:csv|xlsx)[^"]*)"')


def _export_scene() -> dict[str, object]:
    """The GET-safety scene plus a sync plan, a published open-data month and a partner's
    token, so that every export has something to export."""
    data = scene()
    values = data["values"]
    school = data["users"]["school"]
    from app.models import Curriculum, GapReportSnapshot, Vacancy

    curriculum = db.session.get(Curriculum, values["curriculum_id"])
    plan = SyncPlan(
        organisation_id=curriculum.organisation_id,
        curriculum=curriculum,
        snapshot_id=db.session.get(GapReportSnapshot, values["snapshot_id"]).id,
        created_by_id=school.id,
        meeting_place="Aula sekolah",
    )
    db.session.add(plan)
    db.session.get(Vacancy, values["vacancy_id"]).external_id = "JOB-1"
    db.session.commit()
    opendata.publish(MONTH)
    _token, secret = api_tokens.create_token(data["users"]["employer"], ["vacancies:read"])
    data["plan_id"], data["secret"] = plan.id, secret
    return data


def _client(app: Flask, user: object) -> FlaskClient:
    client = app.test_client()
    g.pop("csrf_token", None)
    if user is not None:
        assert login_as(client, user).status_code == 302
    return client


def _planner_links(client: FlaskClient) -> list[str]:
    """The CSV/XLSX links of every planners' page, as a planner follows them."""
    links: set[str] = set()
    for name in ["", *PAGES]:
        page = client.get(f"/planner/{name}").get_data(as_text=True)
        links |= {html.unescape(link) for link in LINK.findall(page)}
    return sorted(links)


def _exports(data: dict[str, object], client_for) -> list[tuple[str, FlaskClient, str, dict]]:  # type: ignore[no-untyped-def]
    """(role, client, url, headers) of every export."""
    values, users = data["values"], data["users"]
    anonymous, school = client_for("anonymous"), client_for("school")
    employer, admin = client_for("employer"), client_for("admin")
    bearer = {"Authorization": f"Bearer {data['secret']}"}
    month = MONTH.strftime("%Y-%m")
    found = [
        ("school", school, f"/school/gap-reports/{values['snapshot_id']}.{fmt}", {})
        for fmt in ("csv", "pdf")
    ]
    found += [("school", school, f"/school/sync/plans/{data['plan_id']}/minutes.pdf", {})]
    found += [("school", school, f"/school/curricula/example.{fmt}", {}) for fmt in ("csv", "json")]
    found += [
        ("employer", employer, f"/employer/vacancies/import/example.{fmt}", {})
        for fmt in ("csv", "json")
    ]
    found += [("seeker", client_for("seeker"), "/seeker/export", {})]
    found += [
        ("admin", admin, f"/planner/context/{name}.{fmt}", {})
        for name in TABLES
        for fmt in ("csv", "xlsx")
    ]
    found += [("admin", admin, link, {}) for link in _planner_links(admin)]
    found += [("anonymous", anonymous, "/data/catalog.json", {})]
    for dataset in opendata.DATASETS:
        found += [
            ("anonymous", anonymous, f"/data/{dataset.slug}/{month}.{fmt}", {})
            for fmt in ("csv", "json")
        ]
        found += [("anonymous", anonymous, f"/api/v1/datasets/{dataset.slug}", {})]
    found += [
        ("anonymous", anonymous, url, {})
        for url in ("/api/v1/openapi.json", "/api/v1/regions", "/api/v1/datasets")
    ]
    found += [
        ("partner", employer, url, bearer)
        for url in ("/api/v1/partner/vacancies", "/api/v1/partner/vacancies/JOB-1")
    ]
    assert users  # every role of the scene has a client above
    return found


def test_every_export_reached_and_free_of_banten(jabar_app: Flask) -> None:
    data = _export_scene()
    clients: dict[str, FlaskClient] = {}

    def client_for(role: str) -> FlaskClient:
        if role not in clients:
            clients[role] = _client(jabar_app, data["users"][role])
        return clients[role]

    adapter = jabar_app.url_map.bind("localhost")
    reached: set[str] = set()
    failed, found = [], []
    texts: dict[str, str] = {}
    for role, client, url, headers in _exports(data, client_for):
        answer = client.get(url, headers=headers)
        db.session.rollback()
        if answer.status_code != 200:
            failed.append((role, url, answer.status_code))
            continue
        reached.add(adapter.match(url.split("?")[0], method="GET")[0])
        text = readable(answer.get_data())
        texts[url] = text
        match = BANTEN.search(without_user_text(text, FACTORY_TEXT))
        if match:
            found.append((role, url, match.group(0)))
    assert failed == []
    assert found == []
    exports = {
        rule.endpoint
        for rule in jabar_app.url_map.iter_rules()
        if "GET" in rule.methods
        and (EXPORT_RULE.search(rule.rule) or rule.endpoint in EXPORT_ENDPOINTS)
    }
    assert exports - NOT_EXPORTS - reached == set()
    # the PDFs were read, not skipped: the gap report names the province it covers
    gap_pdf = texts[f"/school/gap-reports/{data['values']['snapshot_id']}.pdf"]
    assert "Jawa Barat" in gap_pdf
    assert "Aula sekolah" in texts[f"/school/sync/plans/{data['plan_id']}/minutes.pdf"]
    assert any(url.endswith(".xlsx") and "/planner/" in url for url in texts)
    assert "Jawa Barat" in texts["/data/catalog.json"]
