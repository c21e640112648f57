"""The background job that reads the skills of a vacancy, training or curriculum: starting it,
and finding the one still running on a row (one rule for the three kinds)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.models import BackgroundJob


class _Row(Protocol):
    id: int


@dataclass(frozen=True)
class SkillsReading:
    """The skills job of one kind of row: its job kind (``vacancies.extract``) and the name of
    the row in the job's subject (``vacancy:12``) and parameter (``vacancy_id=12``)."""

    job: str
    name: str

    def subject(self, row: _Row) -> str:
        """The job subject of reading this row's skills."""
        return f"{self.name}:{row.id}"

    def start(self, row: _Row, owner_id: int | None) -> None:
        """Start the job that reads the row's skills."""
        from app.jobs import enqueue

        params = {f"{self.name}_id": row.id}
        enqueue(self.job, owner_id=owner_id, subject=self.subject(row), **params)

    def pending(self, row: _Row) -> BackgroundJob | None:
        """The job still reading this row's skills, if any."""
        from app.jobs import pending

        return pending(self.subject(row))
