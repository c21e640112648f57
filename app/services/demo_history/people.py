"""The job seekers of the demo history: education, district and the role they aim at (supply
follows demand late, so rising skills are scarcer among them), declared skills and skills read
from a CV that are not all confirmed yet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from app.models import SeekerProfile, SeekerSkill, User
from app.services.demo_history import EMAIL_DOMAIN
from app.services.demo_history import plan as p
from app.services.demo_history.outcomes import Applicant
from app.services.scale_data import bulk
from app.services.scale_data import texts as t
from app.services.scale_data.templates import profile_templates

if TYPE_CHECKING:
    from app.services.demo_history.generator import History

SEEKER_EDUCATION = {"sma_smk": 0.5, "d3": 0.2, "s1": 0.3}
VISIBLE_SHARE = 0.55
CV_SHARE = 0.4  # seekers whose skills were read from a CV (some not confirmed yet)


def _pick(history: History, levels: list[str]) -> tuple[str, int, str]:
    """A seeker's education, profile template (level x role) and district code."""
    education = p.weighted(history.rng, list(SEEKER_EDUCATION), list(SEEKER_EDUCATION.values()))
    ladder = p.LADDER

    def affinity(role: dict[str, Any]) -> float:
        gap = abs(ladder.index(role["min_education"]) - ladder.index(education))
        supply = p.role_weight(role["trend"], 0.2, role.get("share", 1.0))  # supply lags
        return supply * (1.0, 0.35, 0.08)[gap]

    role = p.weighted(history.rng, range(len(history.roles)), [affinity(r) for r in history.roles])
    code = p.weighted(
        history.rng,
        list(history.plan["districts"]),
        [d["seekers"] for d in history.plan["districts"].values()],
    )
    return education, levels.index(education) * len(history.roles) + role, code


def write_seekers(history: History, count: int) -> list[Applicant]:
    """``count`` seekers with their profiles, skills and text vectors; what applications need."""
    templates = profile_templates(
        {"seekers": [], "vacancies": history.roles}, 3 * len(history.roles)
    )
    levels = [level for level, _, _ in t.LEVELS]
    first_user = bulk.next_id(bulk.table_of(User))
    first = bulk.next_id(bulk.table_of(SeekerProfile))
    users, profiles, picks, made = [], [], [], []
    for i in range(count):
        education, pick, code = _pick(history, levels)
        joined = history.now - timedelta(days=history.rng.uniform(1, p.MONTHS * 31 + 60))
        edited = joined + (history.now - joined) * history.rng.random()
        graduated = max(2012, history.today.year - int(history.rng.expovariate(1 / 2.5)))
        visible = history.rng.random() < VISIBLE_SHARE
        phone = f"+62857{history.rng.randrange(10**8):08d}"
        users.append(
            history.out.user(
                first_user + i, f"pencari{i + 1}@{EMAIL_DOMAIN}", history.password,
                history.name(), "seeker", None, joined,
            )
        )  # fmt: skip
        profiles.append(
            history.out.profile(
                first + i, first_user + i, history.regions[code], templates[pick], graduated,
                visible, phone, edited,
            )
        )  # fmt: skip
        picks.append(pick)
        made.append(
            Applicant(first + i, first_user + i, pick % len(history.roles), history.regions[code],
                      education, joined)
        )  # fmt: skip
    history.write(User, history.out.USER, iter(users))
    history.write(SeekerProfile, history.out.PROFILE, iter(profiles))
    link = bulk.next_id(bulk.table_of(SeekerSkill))  # not inside the rows: COPY holds the line
    history.write(
        SeekerSkill, history.out.SEEKER_SKILL, _skills(history, link, first, templates, picks)
    )
    history.vectors("seeker", first, [templates[i] for i in picks])
    return made


def _skills(
    history: History, link: int, first: int, templates: list[Any], picks: list[int]
) -> Iterator[tuple]:
    """Declared skills are confirmed; skills read from a CV are confirmed about half the time."""
    for i, pick in enumerate(picks):
        from_cv = history.rng.random() < CV_SHARE
        for skill_id in templates[pick].skills:
            if from_cv:
                confidence = round(history.rng.uniform(0.6, 0.95), 2)
                row = (skill_id, "extracted", confidence, "", False, first + i,
                       history.rng.random() < 0.5)  # fmt: skip
            else:
                row = (skill_id, "declared", None, "", False, first + i, True)
            yield (link, *row)
            link += 1
