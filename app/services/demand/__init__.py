"""The demand aggregate (skill x region x month; ``app.models.demand``): kept up to date on every
save (``tracking``), rebuilt in full by a job or ``flask demand rebuild`` (``cells``), and read by
the gap report instead of every vacancy (``read``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, text

from app.extensions import db
from app.models import SkillDemand, VacancyDemand
from app.services.demand.cells import (
    Cell,
    cells_of,
    cells_of_organisations,
    rebuild_all,
    refresh_cells,
)
from app.services.demand.read import aggregated_demand, skill_examples
from app.services.demand.tracking import register


def refresh_demand(
    vacancy_ids: Iterable[int] = (),
    cells: Iterable[Cell] = (),
    organisation_ids: Iterable[int] = (),
) -> int:
    """Recompute the cells of the given vacancies (where they are posted now), of every
    vacancy of the given organisations, and the given (region_id, month) cells, and commit.
    Returns how many cell sets were recomputed."""
    wanted = set(cells) | cells_of(vacancy_ids) | cells_of_organisations(organisation_ids)
    done = refresh_cells(wanted)
    db.session.commit()
    return done


def refresh_organisation_later(organisation_id: int) -> None:
    """After an organisation's verification or suspension changed (and was committed): its
    vacancies start or stop counting; a ``demand.refresh`` job recomputes their cells."""
    from app.jobs import enqueue

    enqueue("demand.refresh", subject=f"demand:organisation:{organisation_id}",
            organisation_ids=[organisation_id])  # fmt: skip


def rebuild_demand() -> dict[str, int]:
    """Recompute the whole aggregate from the vacancies, commit, and return its size (on
    PostgreSQL the tables' statistics are refreshed too, for the reports' query plans)."""
    rebuild_all()
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            text(
                "ANALYZE skill_demand, vacancy_demand, salary_demand, skill_demand_examples, "
                "skill_demand_employers"
            )
        )
        db.session.commit()
    return summary()


def summary() -> dict[str, int]:
    """How many rows the aggregate has and how many vacancies with skills it counts."""
    return {
        "cells": db.session.scalar(select(func.count()).select_from(SkillDemand)) or 0,
        "vacancies": db.session.scalar(
            select(func.coalesce(func.sum(VacancyDemand.vacancies), 0)).where(
                VacancyDemand.with_skills.is_(True)
            )
        )
        or 0,
    }


__all__ = [
    "aggregated_demand",
    "rebuild_demand",
    "refresh_demand",
    "refresh_organisation_later",
    "register",
    "skill_examples",
    "summary",
]
