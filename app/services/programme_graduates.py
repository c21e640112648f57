"""Graduates per year of a school's programme (one curriculum), recorded by the school: the
one place their limits live (the form and any import ask ``check``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Curriculum, ProgrammeGraduates
from app.services.clock import today
from app.services.errors import NotFoundError, ValidationError

FIRST_YEAR = 2000
MAX_GRADUATES = 100_000


def last_year() -> int:
    """The latest year that may be recorded (next year: a cohort about to graduate)."""
    return today().year + 1


def list_for(curriculum: Curriculum) -> list[ProgrammeGraduates]:
    """The programme's recorded years, newest first."""
    return list(
        db.session.scalars(
            select(ProgrammeGraduates)
            .where(ProgrammeGraduates.curriculum_id == curriculum.id)
            .order_by(ProgrammeGraduates.year.desc())
        )
    )


def get_row(curriculum: Curriculum, row_id: int) -> ProgrammeGraduates:
    """One recorded year of this programme (NotFoundError for another programme's row)."""
    row = db.session.get(ProgrammeGraduates, row_id)
    if row is None or row.curriculum_id != curriculum.id:
        raise NotFoundError(row_id)
    return row


def problems(
    curriculum: Curriculum, year: int | None, graduates: int | None, row_id: int | None = None
) -> dict[str, str]:
    """Every broken rule, by field: the year or the number out of bounds, or the year recorded
    already (in another row). A value that is missing (None) is not checked here."""
    found: dict[str, str] = {}
    if year is not None and not FIRST_YEAR <= year <= last_year():
        found["year"] = str(
            _l("Enter a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=last_year())
        )
    if graduates is not None and not 0 <= graduates <= MAX_GRADUATES:
        found["graduates"] = str(_l("Enter a number from 0 to %(max)d.", max=MAX_GRADUATES))
    if year is not None and "year" not in found:
        taken = db.session.scalar(
            select(ProgrammeGraduates.id).where(
                ProgrammeGraduates.curriculum_id == curriculum.id, ProgrammeGraduates.year == year
            )
        )
        if taken is not None and taken != row_id:
            found["year"] = str(
                _l("%(year)d is recorded already: change that row instead.", year=year)
            )
    return found


def check(curriculum: Curriculum, year: int, graduates: int, row_id: int | None = None) -> None:
    """Raise ValidationError naming the (first) field whose rule is broken."""
    for field, message in problems(curriculum, year, graduates, row_id).items():
        raise ValidationError(field, message)


def record(
    curriculum: Curriculum, year: int, graduates: int, row: ProgrammeGraduates | None = None
) -> ProgrammeGraduates:
    """Add a year's graduates, or change a recorded row; commits (nothing is saved when a rule
    is broken)."""
    check(curriculum, year, graduates, row.id if row is not None else None)
    if row is None:
        row = ProgrammeGraduates(curriculum_id=curriculum.id)
        db.session.add(row)
    row.year, row.graduates = year, graduates
    try:
        db.session.commit()
    except IntegrityError as error:  # the same year saved at the same moment by someone else
        db.session.rollback()
        raise ValidationError(
            "year", str(_l("%(year)d is recorded already: change that row instead.", year=year))
        ) from error
    return row


def delete(row: ProgrammeGraduates) -> None:
    """Forget a recorded year; commits."""
    db.session.delete(row)
    db.session.commit()
