"""Gap report snapshots: stored with their parameters, listed, compared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import (
    Curriculum,
    GapReportSnapshot,
    User,
)
from app.models.base import utcnow
from app.services.curricula import (
    get_for_school,
    has_unread_outcomes,
    read_skills_later,
    skills_job,
)
from app.services.errors import NotFoundError
from app.services.gap_reports.demand import GapRequest, compute_report


def _snapshot(
    curriculum: Curriculum, request: GapRequest, user: User | None, locale: str
) -> GapReportSnapshot:
    result = compute_report(curriculum, request, locale)
    return GapReportSnapshot(
        curriculum=curriculum,
        created_at=utcnow(),
        created_by_id=user.id if user else None,
        parameters={**result["request"], **result["parameters"]},
        result=result,
        coverage=result["coverage"],
        vacancies_considered=result["vacancies_considered"],
    )


def create_snapshot(
    curriculum: Curriculum, request: GapRequest, user: User | None, locale: str = "id"
) -> GapReportSnapshot:
    """Compute a report and store it as a snapshot with its parameters."""
    snapshot = _snapshot(curriculum, request, user, locale)
    db.session.add(snapshot)
    db.session.commit()
    return snapshot


def preview_snapshot(
    curriculum: Curriculum, request: GapRequest, user: User | None, locale: str = "id"
) -> GapReportSnapshot:
    """Compute a report without storing it: an unsaved snapshot (``id`` None). Skills the
    computation read from outcomes never read before are discarded with the transaction; the
    curriculum's skills job is started instead (unless it is running), so they are read once
    and stored, not again by every preview."""
    unread = has_unread_outcomes(curriculum)
    snapshot = _snapshot(curriculum, request, user, locale)
    db.session.rollback()
    if unread and skills_job(curriculum) is None:
        read_skills_later(curriculum, user)
    return snapshot


def list_snapshots(curriculum: Curriculum) -> list[GapReportSnapshot]:
    """Snapshots of this curriculum and of the school's other versions of the programme."""
    return list(
        db.session.scalars(
            select(GapReportSnapshot)
            .join(Curriculum)
            .where(
                Curriculum.organisation_id == curriculum.organisation_id,
                Curriculum.programme == curriculum.programme,
            )
            .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
        )
    )


def latest_snapshot(curriculum: Curriculum) -> GapReportSnapshot | None:
    """The newest snapshot of this curriculum, if any."""
    return db.session.scalar(
        select(GapReportSnapshot)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
        .limit(1)
    )


def matching_snapshot(
    curriculum: Curriculum, wanted: GapRequest, explicit: bool
) -> GapReportSnapshot | None:
    """The newest snapshot computed with these parameters (any, when none were chosen)."""
    if not explicit:
        return latest_snapshot(curriculum)
    as_of = (wanted.as_of or date.today()).isoformat()
    for snapshot in db.session.scalars(
        select(GapReportSnapshot)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
    ):
        req = snapshot.result.get("request", {})
        if (
            req.get("region"),
            sorted(req.get("region_ids", [])),
            req.get("months"),
            req.get("as_of"),
            bool(req.get("related_only")),
            req.get("scope", "all"),
        ) == (
            wanted.region,
            sorted(wanted.region_ids),
            wanted.months,
            as_of,
            wanted.related_only,
            wanted.scope,
        ):
            return snapshot
    return None


def get_snapshot(snapshot_id: int, user: User) -> GapReportSnapshot:
    """A snapshot of one of the user's curricula (admins see all); raises otherwise."""
    snapshot = db.session.get(GapReportSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFoundError(snapshot_id)
    get_for_school(snapshot.curriculum_id, user)
    return snapshot


@dataclass(frozen=True)
class Comparison:
    """Two snapshots side by side: coverage and the skills that moved between the lists."""

    a: GapReportSnapshot
    b: GapReportSnapshot
    now_covered: list[str]
    now_missing: list[str]
    still_missing: list[str]

    @property
    def change(self) -> float | None:
        """Coverage of b minus coverage of a (None when either lacks data)."""
        if self.a.coverage is None or self.b.coverage is None:
            return None
        return self.b.coverage - self.a.coverage


def _skills(result: dict[str, Any], key: str) -> dict[str, str]:
    return {item["skill_id"]: item["skill"] for item in result.get(key, [])}


def compare(a: GapReportSnapshot, b: GapReportSnapshot) -> Comparison:
    """What changed from snapshot ``a`` to snapshot ``b``."""
    missing_a, missing_b = _skills(a.result, "missing"), _skills(b.result, "missing")
    covered_a, covered_b = _skills(a.result, "covered"), _skills(b.result, "covered")
    return Comparison(
        a,
        b,
        now_covered=sorted(covered_b[s] for s in missing_a.keys() & covered_b.keys()),
        now_missing=sorted(missing_b[s] for s in covered_a.keys() & missing_b.keys()),
        still_missing=sorted(missing_b[s] for s in missing_a.keys() & missing_b.keys()),
    )


# --- exports -------------------------------------------------------------------------------
