"""Tracer study: a programme's graduates listed by the school, invited through one-time links
(``graduates``), their answers (``responses``), the school's summary (``summary``) and the
planners' aggregates (``app.services.planner.tracer``)."""

from app.services.tracer.graduates import (
    GraduateInput,
    add_graduate,
    delete_graduate,
    get_graduate,
    invite,
    list_for,
    update_graduate,
)
from app.services.tracer.responses import Answer, graduate_for_token, skill_choices, submit
from app.services.tracer.summary import OUTCOMES, by_year, outcome, platform_hires, skills_used

__all__ = [
    "OUTCOMES",
    "Answer",
    "GraduateInput",
    "add_graduate",
    "by_year",
    "delete_graduate",
    "get_graduate",
    "graduate_for_token",
    "invite",
    "list_for",
    "outcome",
    "platform_hires",
    "skill_choices",
    "skills_used",
    "submit",
    "update_graduate",
]
