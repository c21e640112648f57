"""Row shapes of the scale generator: the columns written per table and the tuples in them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    OutcomeSkill,
    SeekerProfile,
    SeekerSkill,
    TextVector,
    User,
    Vacancy,
    VacancySkill,
)
from app.services.scale_data import bulk


class Writers:
    """Column lists and row builders (JSON written as text for COPY, as a value elsewhere)."""

    ORGANISATION = (
        "id",
        "kind",
        "name",
        "region_id",
        "address",
        "registration_number",
        "verification_status",
        "verification_note",
        "verified_at",
        "suspended",
        "created_at",
    )
    USER = (
        "id",
        "email",
        "password_hash",
        "name",
        "role",
        "locale",
        "active",
        "organisation_id",
        "created_at",
        "updated_at",
        "email_verified_at",
        "session_version",
    )
    VACANCY = (
        "id",
        "organisation_id",
        "created_by_id",
        "title",
        "description",
        "region_id",
        "employment_type",
        "min_education",
        "salary_min",
        "salary_max",
        "status",
        "posted_at",
        "closing_date",
        "moderation_status",
        "moderation_flags",
        "closed_reason",
        "search_terms",
        "occupation_code",
        "occupation_origin",
        "created_at",
        "updated_at",
    )
    LINK = ("id", "skill_id", "origin", "confidence", "evidence", "rejected")
    VACANCY_SKILL = (*LINK, "vacancy_id", "importance")
    PROFILE = (
        "id",
        "user_id",
        "region_id",
        "education_level",
        "field_of_study",
        "graduation_year",
        "headline",
        "summary",
        "visibility",
        "consent_at",
        "phone",
        "whatsapp",
        "share_contact",
        "updated_at",
    )
    SEEKER_SKILL = (*LINK, "profile_id", "confirmed")
    VECTOR = ("id", "subject", "object_id", "model", "text_hash", "vector", "updated_at")
    CURRICULUM_TABLES = (
        (
            "id",
            "organisation_id",
            "programme",
            "concentration",
            "level",
            "version_year",
            "status",
            "created_at",
        ),
        (
            "id",
            "curriculum_id",
            "position",
            "code",
            "name",
            "phase",
            "semester",
            "hours",
            "credits",
        ),
        ("id", "unit_id", "position", "text", "skills_read_at"),
        (*LINK, "outcome_id"),
    )

    def __init__(self) -> None:
        self.no_flags: Any = "[]" if bulk.is_postgresql() else []

    @staticmethod
    def models() -> tuple[Any, ...]:
        """Every model the generator writes (their id sequences are moved past the rows)."""
        return (
            Organisation,
            User,
            Vacancy,
            VacancySkill,
            SeekerProfile,
            SeekerSkill,
            TextVector,
            Curriculum,
            CurriculumUnit,
            LearningOutcome,
            OutcomeSkill,
        )

    @staticmethod
    def user(
        uid: int, email: str, password: str, name: str, role: str, org: int | None, now: datetime
    ) -> tuple:
        """A verified, active account."""
        return (uid, email, password, name, role, "id", True, org, now, now, now, 0)

    def vacancy(
        self,
        vid: int,
        org: int,
        author: int,
        tpl: Any,
        region: int,
        pay: tuple[int | None, int | None],
        posted: datetime,
        closing: date,
        status: str,
        reason: str,
        occupation: str | None = None,
        updated: datetime | None = None,
    ) -> tuple:
        """A vacancy with the template's text, terms and occupation (``occupation``: the
        template's KBJI code when its group is loaded, else None), last changed at ``updated``
        (when it was posted unless given: a closed one counts as open until then)."""
        return (
            vid,
            org,
            author,
            tpl.title,
            tpl.description,
            region,
            tpl.employment_type,
            tpl.min_education,
            pay[0],
            pay[1],
            status,
            posted,
            closing,
            "clear",
            self.no_flags,
            reason,
            tpl.search_terms,
            occupation,
            "employer" if occupation else None,
            posted,
            updated or posted,
        )

    @staticmethod
    def vacancy_skills(
        first: int, first_vacancy: int, templates: Sequence[Any], picks: Sequence[int]
    ) -> Iterator[tuple]:
        """The template's skills of every vacancy (declared ones required or preferred)."""
        link = first
        for i, pick in enumerate(picks):
            tpl = templates[pick]
            for skill_id in tpl.required:
                yield (link, skill_id, "declared", None, "", False, first_vacancy + i, "required")
                link += 1
            for skill_id in tpl.preferred:
                yield (link, skill_id, "declared", None, "", False, first_vacancy + i, "preferred")
                link += 1

    @staticmethod
    def profile(
        pid: int,
        uid: int,
        region: int,
        tpl: Any,
        graduated: int,
        visible: bool,
        phone: str,
        edited: datetime,
    ) -> tuple:
        """A profile with the template's text, last edited at ``edited`` (visible ones consented
        then)."""
        return (
            pid,
            uid,
            region,
            tpl.education,
            tpl.field_of_study,
            graduated,
            tpl.headline,
            tpl.summary,
            "visible" if visible else "hidden",
            edited if visible else None,
            phone,
            True,
            False,
            edited,
        )

    @staticmethod
    def seeker_skills(
        first: int, first_profile: int, templates: Sequence[Any], picks: Sequence[int]
    ) -> Iterator[tuple]:
        """The template's skills of every profile, in the template's order, confirmed."""
        link = first
        for i, pick in enumerate(picks):
            for skill_id in templates[pick].skills:
                yield (link, skill_id, "declared", None, "", False, first_profile + i, True)
                link += 1

    @staticmethod
    def curricula(
        firsts: list[int], orgs: list[int], plans: Sequence[Any], now: datetime
    ) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
        """One published curriculum per school copied from a template, with outcome skills."""
        cid, uid, oid, sid = firsts
        curricula, units, outcomes, skills = [], [], [], []
        for org, plan in zip(orgs, plans, strict=True):
            entry = plan.entry
            curricula.append(
                (
                    cid,
                    org,
                    entry["programme"],
                    entry.get("concentration", ""),
                    entry["level"],
                    entry["version_year"],
                    "published",
                    now,
                )
            )
            found = iter(plan.outcome_skills)
            for position, unit in enumerate(entry["units"]):
                units.append(
                    (
                        uid,
                        cid,
                        position,
                        unit.get("code") or "",
                        unit["name"],
                        unit.get("phase"),
                        unit.get("semester"),
                        unit.get("hours"),
                        unit.get("credits"),
                    )
                )
                for index, text in enumerate(unit["outcomes"]):
                    outcomes.append((oid, uid, index, text, now))  # skills read (the template's)
                    for skill_id, confidence, evidence in next(found):
                        skills.append(
                            (sid, skill_id, "extracted", confidence, evidence, False, oid)
                        )
                        sid += 1
                    oid += 1
                uid += 1
            cid += 1
        return curricula, units, outcomes, skills
