"""Training advice: the trainings in the catalogue that close a seeker's skill gaps."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import SeekerProfile, Training, Vacancy, VacancySkill
from app.services.matching import active_skill_ids, explain, neighbours, open_vacancies_query
from app.services.visibility import trusted_organisation_ids
from matching.scoring import MatchExplanation, TrainingOffer, TrainingPlan, plan_trainings

REGION_TOP_SKILLS = 10
SEEKER_AUDIENCES = ("seekers", "all")
TEACHER_AUDIENCES = ("teachers", "all")


@dataclass(frozen=True)
class Advice:
    """A training plan with the trainings it names, and what it was computed for."""

    gaps: tuple[str, ...]
    plan: TrainingPlan
    trainings: dict[str, Training]
    match: MatchExplanation | None = None
    demand: dict[str, int] | None = None


def catalogue(
    audiences: tuple[str, ...] = SEEKER_AUDIENCES,
) -> tuple[list[TrainingOffer], dict[str, Training]]:
    """The trusted providers' trainings for these audiences, as offers and by id."""
    trainings = list(
        db.session.scalars(
            select(Training)
            .where(
                Training.organisation_id.in_(trusted_organisation_ids()),
                Training.audience.in_(audiences),
            )
            .options(
                selectinload(Training.skills),
                selectinload(Training.organisation),
                selectinload(Training.region),
            )
        )
    )
    offers = [
        TrainingOffer(
            training_id=str(t.id),
            title=t.title,
            skills=frozenset(s.skill_id for s in t.skills if not s.rejected),
            region=str(t.region_id) if t.region_id else None,
            online=t.mode == "online",
            cost=float(t.cost or 0),
            provider=t.organisation.name,
        )
        for t in trainings
    ]
    return offers, {str(t.id): t for t in trainings}


def plan_for(
    gaps: tuple[str, ...], region_id: int | None, audiences: tuple[str, ...] = SEEKER_AUDIENCES
) -> tuple[TrainingPlan, dict[str, Training]]:
    """The fewest trainings (for ``audiences``) closing ``gaps``, nearby or online first."""
    offers, by_id = catalogue(audiences)
    home = str(region_id) if region_id else None
    return plan_trainings(gaps, offers, home, neighbours()), by_id


def _plan(
    gaps: tuple[str, ...], profile: SeekerProfile
) -> tuple[TrainingPlan, dict[str, Training]]:
    return plan_for(gaps, profile.region_id)


def for_vacancy(profile: SeekerProfile, vacancy: Vacancy) -> Advice:
    """Trainings closing the gaps between the profile and one vacancy's required skills."""
    match = explain(profile, vacancy)
    gaps = tuple(match.required_gaps) + tuple(match.preferred_missing)
    plan, by_id = _plan(gaps, profile)
    return Advice(gaps, plan, by_id, match=match)


def regional_demand(region_id: int | None, top: int = REGION_TOP_SKILLS * 3) -> dict[str, int]:
    """Required skills of open vacancies in a region (all regions if None) -> vacancy count."""
    open_ids = open_vacancies_query().with_only_columns(Vacancy.id)
    if region_id is not None:
        open_ids = open_ids.where(Vacancy.region_id == region_id)
    rows = db.session.execute(
        select(VacancySkill.skill_id, func.count())
        .where(
            VacancySkill.vacancy_id.in_(open_ids),
            VacancySkill.importance == "required",
            VacancySkill.rejected.is_(False),
        )
        .group_by(VacancySkill.skill_id)
        .order_by(func.count().desc(), VacancySkill.skill_id)
        .limit(top)
    )
    return {skill_id: count for skill_id, count in rows}


def for_region(profile: SeekerProfile) -> Advice:
    """Trainings for the skills most demanded in the seeker's region that the seeker lacks."""
    demand = regional_demand(profile.region_id)
    have = active_skill_ids(profile)
    gaps = tuple([s for s in demand if s not in have][:REGION_TOP_SKILLS])
    plan, by_id = _plan(gaps, profile)
    return Advice(gaps, plan, by_id, demand=demand)
