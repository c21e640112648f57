"""ORM rows and service results as the plain dicts the API's schemas dump."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from app.models import Region, Skill, Vacancy
from app.services.matching import Recommendation
from app.services.search import SearchHit
from app.services.skill_lookup import FoundSkill


def skill(item: Skill) -> dict[str, Any]:
    """A vocabulary skill."""
    return {
        "id": item.id,
        "uri": item.uri,
        "label_id": item.label_id,
        "label_en": item.label_en,
        "type": item.type,
        "aliases": sorted({a.text for a in item.aliases}),
    }


def place(region: Region) -> dict[str, str]:
    """A region as a vacancy names it."""
    return {"code": region.code, "name": region.name}


def vacancy(item: Vacancy) -> dict[str, Any]:
    """A vacancy with the skills it asks for (removed ones left out)."""
    return {
        "id": item.id,
        "title": item.title,
        "description": item.description,
        "organisation": item.organisation.name,
        "region": place(item.region),
        "employment_type": item.employment_type,
        "min_education": item.min_education,
        "salary_min": item.salary_min,
        "salary_max": item.salary_max,
        "posted_at": item.posted_at.isoformat(timespec="seconds") + "Z" if item.posted_at else None,
        "closing_date": item.closing_date.isoformat() if item.closing_date else None,
        "occupation_code": item.occupation_code,
        "url": url_for("vacancies.detail", vacancy_id=item.id, _external=True),
        "skills": [
            {
                "skill": skill(link.skill),
                "importance": link.importance,
                "origin": link.origin,
                "confidence": link.confidence,
                "evidence": link.evidence,
            }
            for link in sorted(item.skills, key=lambda s: (s.importance != "required", s.id or 0))
            if not link.rejected
        ],
    }


def partner_vacancy(item: Vacancy) -> dict[str, Any]:
    """A partner's own vacancy: its external id and where it stands."""
    return {
        **vacancy(item),
        "external_id": item.external_id,
        "status": item.status,
        "moderation_status": item.moderation_status,
    }


def hit(item: SearchHit) -> dict[str, Any]:
    """A search result with its scores."""
    return {
        **vacancy(item.vacancy),
        "keyword": round(item.keyword, 4),
        "meaning": round(item.meaning, 4),
        "relevance": round(item.relevance, 4),
    }


def mention(found: FoundSkill) -> dict[str, Any]:
    """A skill read from a text."""
    s = found.suggestion
    return {
        "skill": skill(found.skill),
        "confidence": s.confidence,
        "start": s.start,
        "end": s.end,
        "evidence": s.evidence,
        "method": s.method,
    }


def match(item: Recommendation) -> dict[str, Any]:
    """A ranked vacancy with the site's explanation."""
    m, v = item.match, item.vacancy
    return {
        "vacancy_id": v.id,
        "title": v.title,
        "organisation": v.organisation.name,
        "region": place(v.region),
        "url": url_for("vacancies.detail", vacancy_id=v.id, _external=True),
        "score": round(m.score or 0.0, 4),
        "required_total": m.required_total,
        "required_matched": list(m.required_matched),
        "required_near": [p.skill for p in m.required_partial],
        "required_missing": list(m.required_missing),
        "preferred_matched": list(m.preferred_matched),
        "preferred_missing": list(m.preferred_missing),
        "summary": _(
            "%(x)d of %(y)d required skills", x=m.required_matched_count, y=m.required_total
        ),
    }
