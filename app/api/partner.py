"""Partner writes: an employer's or job board's system creates, updates and closes its
vacancies keyed by its own ``external_id`` (token with ``vacancies:write``), and reads them back
(``vacancies:read``). The checks are the bulk import's; the vacancy services are the site's."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import request, url_for
from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import fields

from app.api import present
from app.api.auth import SECURITY, api_user, token_required
from app.api.problems import problem
from app.api.schemas import VacancySchema
from app.services import api_vacancies

blp = Blueprint(
    "api_partner",
    __name__,
    url_prefix="/api/v1",
    description="Partner systems send their vacancies (token needed).",
)


class VacancyWriteSchema(ma.Schema):
    """A vacancy as a partner sends it: the columns of the CSV import plus ``external_id``.
    Checked by the import's rules (every bad field named in one answer)."""

    external_id = fields.String(metadata={"description": "your own id (POST: required)"})
    title = fields.String(required=True, metadata={"description": "at most 200 characters"})
    description = fields.String(required=True)
    region = fields.String(required=True, metadata={"description": "region code or name"})
    employment_type = fields.String(
        required=True,
        metadata={"description": "full_time, part_time, contract, internship, freelance"},
    )
    min_education = fields.String(
        required=True, metadata={"description": "sma_smk, d1, d3, d4, s1, s2"}
    )
    salary_min = fields.Integer(allow_none=True, metadata={"description": "rupiah per month"})
    salary_max = fields.Integer(allow_none=True)
    closing_date = fields.Date(allow_none=True)
    publish = fields.Boolean(
        metadata={"description": "open it at once (default true; needs a verified organisation)"}
    )


class PartnerVacancySchema(VacancySchema):
    """A partner's vacancy: its external id and status."""

    external_id = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": ["draft", "open", "closed"]})
    moderation_status = fields.String(
        required=True, metadata={"enum": ["clear", "held", "removed"], "description":
                                 "held: waiting for a moderator (scam signals)"}
    )  # fmt: skip


class PartnerListSchema(ma.Schema):
    """A page of the organisation's vacancies sent through the API."""

    items = fields.List(fields.Nested(PartnerVacancySchema), required=True)
    next_after = fields.Integer(allow_none=True, required=True)


class PartnerListQuerySchema(ma.Schema):
    """Paging by the last id seen."""

    class Meta:
        unknown = ma.RAISE

    after = fields.Integer(load_default=0, validate=ma.validate.Range(0, 2**31 - 1))
    limit = fields.Integer(load_default=50, validate=ma.validate.Range(1, 100))


BODY = {
    "required": True,
    "content": {"application/json": {"schema": VacancyWriteSchema}},
}
WRITE_DOC = {"security": SECURITY, "requestBody": BODY}


def _body() -> Any:
    body = request.get_json(silent=True)
    if body is None:
        return problem(
            415, _("Send the vacancy as a JSON object (Content-Type: application/json).")
        )
    return body


def _saved(created: bool, vacancy: Any) -> Any:
    headers = {"Location": url_for("vacancies.detail", vacancy_id=vacancy.id, _external=True)}
    return present.partner_vacancy(vacancy), 201 if created else 200, headers


@blp.route("/vacancies", methods=["POST"])
@token_required("vacancies:write")
@blp.doc(**WRITE_DOC)
@blp.response(200, PartnerVacancySchema, description="updated (same external_id sent before)")
@blp.alt_response(201, schema=PartnerVacancySchema, description="created")
def create() -> Any:
    """Create a vacancy, or update the one you sent before with the same ``external_id``.

    Its skills are read from the title and description, as on the site, and returned.
    """
    body = _body()
    if not isinstance(body, dict) and hasattr(body, "status_code"):
        return body
    return _saved(*reversed(api_vacancies.upsert(api_user(), body)))


@blp.route("/vacancies/<string:external_id>", methods=["PUT"])
@token_required("vacancies:write")
@blp.doc(**WRITE_DOC)
@blp.response(200, PartnerVacancySchema, description="updated")
@blp.alt_response(201, schema=PartnerVacancySchema, description="created")
def put(external_id: str) -> Any:
    """Create or replace your vacancy with this ``external_id`` (sending it twice is harmless)."""
    body = _body()
    if not isinstance(body, dict) and hasattr(body, "status_code"):
        return body
    return _saved(*reversed(api_vacancies.upsert(api_user(), body, external_id)))


@blp.route("/vacancies/<string:external_id>", methods=["DELETE"])
@token_required("vacancies:write")
@blp.doc(security=SECURITY)
@blp.response(200, PartnerVacancySchema, description="closed (closing again changes nothing)")
def close(external_id: str) -> Any:
    """Close your vacancy with this ``external_id`` (it stays on record, no longer open)."""
    return present.partner_vacancy(api_vacancies.close(api_user(), external_id))


@blp.route("/partner/vacancies")
@token_required("vacancies:read")
@blp.doc(security=SECURITY)
@blp.arguments(PartnerListQuerySchema, location="query")
@blp.response(200, PartnerListSchema)
def own(args: dict[str, Any]) -> Any:
    """Your organisation's vacancies sent through the API, by id, ``limit`` after ``after``."""
    found = api_vacancies.list_own(api_user(), args["limit"], args["after"])
    full = len(found) == args["limit"]
    return {
        "items": [present.partner_vacancy(v) for v in found],
        "next_after": found[-1].id if found and full else None,
    }


@blp.route("/partner/vacancies/<string:external_id>")
@token_required("vacancies:read")
@blp.doc(security=SECURITY)
@blp.response(200, PartnerVacancySchema)
def own_one(external_id: str) -> Any:
    """Your vacancy with this ``external_id``, in any status."""
    return present.partner_vacancy(api_vacancies.get(api_user(), external_id))
