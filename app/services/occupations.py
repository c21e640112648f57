"""The KBJI 2014 occupation of each vacancy: classified by the matcher from its title and
skills (origin ``auto``), or chosen by its employer (origin ``employer``, never overwritten).

``matching.occupations`` does the work; this module holds the process-wide classifier (the
group names are embedded once per process and per group table) and turns rows into its inputs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import OccupationGroup, User, Vacancy
from app.models.base import utcnow
from app.services import audit
from app.services.errors import ValidationError
from app.services.occupation_groups import all_groups
from matching.occupations import (
    GroupText,
    OccupationClassifier,
    VacancyText,
    build_profiles,
    esco_occupations,
    load_params,
    outside_titles,
)

_LOCK = threading.Lock()
_CLASSIFIERS: dict[tuple, OccupationClassifier] = {}
BACKFILL_CHUNK = 200  # vacancies classified per commit


def classifier(groups: Sequence[OccupationGroup] | None = None) -> OccupationClassifier | None:
    """The process-wide classifier over the stored groups (None while no group is loaded)."""
    groups = list(groups) if groups is not None else all_groups()
    if not groups:
        return None
    key = (
        str(current_app.config["EMBEDDING_MODEL"]),
        tuple((g.code, g.title_id, g.title_en, g.description_id) for g in groups),
    )
    with _LOCK:
        if key not in _CLASSIFIERS:
            from matching.linking.runtime import load_embedder

            texts = [GroupText(g.code, g.title_id, g.title_en, g.description_id) for g in groups]
            profiles = build_profiles(texts, esco_occupations())
            embedder = load_embedder(key[0])  # the linker's model and disk cache, not its index
            _CLASSIFIERS[key] = OccupationClassifier(
                embedder, profiles, load_params(), outside_titles()
            )
        return _CLASSIFIERS[key]


def vacancy_text(vacancy: Vacancy) -> VacancyText:
    """What the classifier reads of a vacancy: its title and its (not removed) skills."""
    kept = [link for link in vacancy.skills if not link.rejected]
    return VacancyText(
        vacancy.title,
        tuple(link.skill_id for link in kept if link.importance == "required"),
        tuple(link.skill_id for link in kept if link.importance != "required"),
    )


def classify_vacancies(vacancies: Sequence[Vacancy]) -> int:
    """Give each vacancy whose employer has not chosen an occupation the classifier's best
    group when it is sure enough (else none, with origin ``outside`` when the title reads as
    work outside the table); not committed. Returns how many got one."""
    todo = [v for v in vacancies if v.occupation_origin != "employer"]
    model = classifier() if todo else None
    if model is None:
        return 0
    given = 0
    for vacancy, decision in zip(
        todo, model.decide_many([vacancy_text(v) for v in todo]), strict=True
    ):
        best = decision.guess
        vacancy.occupation_code = best.code if best else None
        vacancy.occupation_confidence = best.confidence if best else None
        vacancy.occupation_origin = "auto" if best else ("outside" if decision.outside else None)
        given += best is not None
    return given


def classify_missing(
    everything: bool = False,
    progress: Callable[[Iterable[list[int]]], Iterable[list[int]]] = lambda chunks: chunks,
) -> tuple[int, int]:
    """Classify the vacancies without an occupation (``everything``: also those the system
    classified before; an employer's choice is never touched), committing per chunk.
    Returns (vacancies given an occupation, vacancies read)."""
    stmt = select(Vacancy.id).where(
        or_(Vacancy.occupation_origin.is_(None), Vacancy.occupation_origin != "employer")
    )
    if not everything:
        stmt = stmt.where(Vacancy.occupation_code.is_(None))
    ids = list(db.session.scalars(stmt.order_by(Vacancy.id)))
    if not ids or classifier() is None:
        return 0, 0
    chunks = [ids[i : i + BACKFILL_CHUNK] for i in range(0, len(ids), BACKFILL_CHUNK)]
    given = 0
    for chunk in progress(chunks):
        rows = db.session.scalars(
            select(Vacancy).where(Vacancy.id.in_(chunk)).options(selectinload(Vacancy.skills))
        ).all()
        given += classify_vacancies(rows)
        db.session.commit()
    return given, len(ids)


def group_choices() -> list[tuple[str, str]]:
    """(code, "code · title") of every group, for a select, in the UI language."""
    from app.labels import occupation_title

    return [(g.code, occupation_title(g)) for g in all_groups()]


def apply_choice(vacancy: Vacancy, code: str | None, user: User | None) -> bool:
    """The employer's choice on a vacancy, in the caller's transaction (audited when it changes
    anything): a group code sets it with origin ``employer``; ``""`` gives the choice back to the
    system; None leaves everything as it is. Returns True when the system must classify again."""
    if code is None:
        return False
    if code:
        if db.session.get(OccupationGroup, code) is None:
            raise ValidationError("occupation", code)
        if (vacancy.occupation_code, vacancy.occupation_origin) == (code, "employer"):
            return False
        before = vacancy.occupation_code
        vacancy.occupation_code, vacancy.occupation_origin = code, "employer"
        vacancy.occupation_confidence = None
        _record(vacancy, user, before, code)
        return False
    if vacancy.occupation_origin != "employer":
        return False
    before = vacancy.occupation_code
    vacancy.occupation_code = vacancy.occupation_origin = vacancy.occupation_confidence = None
    _record(vacancy, user, before, None)
    return True


def choose(vacancy: Vacancy, code: str, user: User) -> None:
    """The employer corrects (or gives back to the system, ``""``) a vacancy's occupation; a
    vacancy given back is classified again by the background job."""
    again = apply_choice(vacancy, code, user)
    vacancy.updated_at = utcnow()
    db.session.commit()
    if again:
        from app.services.vacancies import read_skills_later

        read_skills_later(vacancy, user)


def _record(vacancy: Vacancy, user: User | None, before: str | None, after: str | None) -> None:
    if vacancy.id is None:  # a new vacancy: its first choice is not a correction
        return
    audit.record(
        user, "vacancy.occupation", "vacancy", vacancy.id, vacancy.title, before=before, after=after
    )
