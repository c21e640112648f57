"""Marshmallow schemas of the API's requests and answers: the OpenAPI document is generated
from them (flask-smorest), and the query strings are read through them."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from app.models import API_SCOPES, EDUCATION_LEVELS, EMPLOYMENT_TYPES
from app.services.search import SORTS


class StrictSchema(ma.Schema):
    """Unknown fields are an error naming them."""

    class Meta:
        unknown = ma.RAISE


class ProblemSchema(ma.Schema):
    """An error (RFC 9457 problem details)."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.List(
        fields.Dict(keys=fields.String(), values=fields.String()),
        metadata={"description": "Every bad field: {field, message}."},
    )


class SkillSchema(ma.Schema):
    """A skill of the vocabulary."""

    id = fields.String(required=True)
    uri = fields.String(allow_none=True, metadata={"description": "ESCO URI where one exists"})
    label_id = fields.String(required=True, metadata={"description": "Indonesian label"})
    label_en = fields.String(required=True, metadata={"description": "English label"})
    type = fields.String(required=True)
    aliases = fields.List(fields.String())


class SkillListSchema(ma.Schema):
    """Skills found for a text."""

    skills = fields.List(fields.Nested(SkillSchema), required=True)


class SkillQuerySchema(StrictSchema):
    """Lookup of skills by text (Indonesian or English) or by ESCO URI."""

    q = fields.String(validate=validate.Length(max=100))
    uri = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(load_default=10, validate=validate.Range(1, 50))


class RegionSchema(ma.Schema):
    """A region (BPS/Kemendagri code)."""

    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    province = fields.String(required=True)


class RegionListSchema(ma.Schema):
    """Every region."""

    regions = fields.List(fields.Nested(RegionSchema), required=True)


class OccupationSchema(ma.Schema):
    """A KBJI 2014 unit group."""

    code = fields.String(required=True)
    title_id = fields.String(required=True)
    title_en = fields.String(required=True)


class OccupationListSchema(ma.Schema):
    """Every occupation group."""

    occupations = fields.List(fields.Nested(OccupationSchema), required=True)


class VacancySkillSchema(ma.Schema):
    """A skill a vacancy asks for."""

    skill = fields.Nested(SkillSchema, required=True)
    importance = fields.String(required=True, metadata={"enum": ["required", "preferred"]})
    origin = fields.String(required=True)
    confidence = fields.Float(allow_none=True)
    evidence = fields.String(allow_none=True)


class PlaceSchema(ma.Schema):
    """The region of a vacancy."""

    code = fields.String(required=True)
    name = fields.String(required=True)


class VacancySchema(ma.Schema):
    """An open vacancy."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    organisation = fields.String(required=True)
    region = fields.Nested(PlaceSchema, required=True)
    employment_type = fields.String(required=True)
    min_education = fields.String(required=True)
    salary_min = fields.Integer(allow_none=True)
    salary_max = fields.Integer(allow_none=True)
    posted_at = fields.String(allow_none=True)
    closing_date = fields.String(allow_none=True)
    occupation_code = fields.String(allow_none=True)
    url = fields.String(required=True)
    skills = fields.List(fields.Nested(VacancySkillSchema), required=True)


class SearchHitSchema(VacancySchema):
    """A vacancy found, with its scores."""

    keyword = fields.Float(required=True)
    meaning = fields.Float(required=True)
    relevance = fields.Float(required=True)


class SearchPageSchema(ma.Schema):
    """One page of a vacancy search."""

    total = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchHitSchema), required=True)
    next_page_token = fields.String(allow_none=True, required=True)


class SearchQuerySchema(StrictSchema):
    """The site's vacancy search: keywords and meaning together, with its filters."""

    q = fields.String(load_default="", validate=validate.Length(max=200))
    region = fields.String(metadata={"description": "region code (BPS) or name"})
    employment_type = fields.String(validate=validate.OneOf(EMPLOYMENT_TYPES))
    education = fields.String(validate=validate.OneOf(EDUCATION_LEVELS))
    salary_min = fields.Integer(validate=validate.Range(0, 10**12))
    posted_within_days = fields.Integer(validate=validate.Range(1, 366))
    sort = fields.String(
        load_default="relevance", validate=validate.OneOf([s for s in SORTS if s != "match"])
    )
    per_page = fields.Integer(load_default=10, validate=validate.Range(1, 50))
    page_token = fields.String(validate=validate.Length(max=500))


class ExtractRequestSchema(StrictSchema):
    """A text to read skills from."""

    text = fields.String(required=True, validate=validate.Length(min=1, max=20_000))


class MentionSchema(ma.Schema):
    """A skill found in the text, where, and how sure."""

    skill = fields.Nested(SkillSchema, required=True)
    confidence = fields.Float(required=True)
    start = fields.Integer(required=True, metadata={"description": "offset of the mention"})
    end = fields.Integer(required=True)
    evidence = fields.String(required=True, metadata={"description": "the sentence around it"})
    method = fields.String(required=True)


class ExtractResponseSchema(ma.Schema):
    """Skills of the text, best first."""

    skills = fields.List(fields.Nested(MentionSchema), required=True)
    truncated = fields.Boolean(required=True)


class MatchRequestSchema(StrictSchema):
    """Skills (ids or ESCO URIs) to rank open vacancies by."""

    skills = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        required=True,
        validate=validate.Length(min=1, max=100),
    )
    region = fields.String(metadata={"description": "region code (BPS) or name"})
    education = fields.String(validate=validate.OneOf(EDUCATION_LEVELS))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 50))


class MatchSchema(ma.Schema):
    """One vacancy ranked for the skills, explained as on the site."""

    vacancy_id = fields.Integer(required=True)
    title = fields.String(required=True)
    organisation = fields.String(required=True)
    region = fields.Nested(PlaceSchema, required=True)
    url = fields.String(required=True)
    score = fields.Float(required=True)
    required_total = fields.Integer(required=True)
    required_matched = fields.List(fields.String(), required=True)
    required_near = fields.List(fields.String(), required=True)
    required_missing = fields.List(fields.String(), required=True)
    preferred_matched = fields.List(fields.String(), required=True)
    preferred_missing = fields.List(fields.String(), required=True)
    summary = fields.String(required=True, metadata={"description": "x of y required skills"})


class MatchResponseSchema(ma.Schema):
    """Ranked vacancies."""

    unknown_skills = fields.List(fields.String(), required=True)
    matches = fields.List(fields.Nested(MatchSchema), required=True)


class DatasetSchema(ma.Schema):
    """An open dataset and its latest release."""

    slug = fields.String(required=True)
    title = fields.String(required=True)
    latest_month = fields.String(allow_none=True, required=True)
    csv_url = fields.String(allow_none=True, required=True)
    json_url = fields.String(allow_none=True, required=True)


class DatasetListSchema(ma.Schema):
    """The open-data aggregates (also at /data)."""

    datasets = fields.List(fields.Nested(DatasetSchema), required=True)


class DatasetReleaseSchema(ma.Schema):
    """A dataset's latest release: columns and rows."""

    dataset = fields.String(required=True)
    month = fields.String(required=True)
    released_at = fields.String(required=True)
    columns = fields.List(fields.String(), required=True)
    rows = fields.List(fields.Dict(), required=True)


SCOPES_TEXT = ", ".join(API_SCOPES)
