"""What the gap report page shows of curriculum sync: the advice to accept into a plan, the
current and draft coverage side by side, and the suggested partners to add in one click."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.auth import policy
from app.models import GapReportSnapshot, IndustryPartner, SyncPlan, User
from app.services.sync.equipment import equipment_for
from app.services.sync.partners import list_partners, partner_names
from app.services.sync.plans import Advice, advice_from_report, draft_coverage, open_plan


@dataclass(frozen=True)
class SuggestedPartner:
    """An employer the report names for missing skills, and whether it is already a partner."""

    name: str
    vacancies: int
    skills: tuple[str, ...]
    added: bool


@dataclass(frozen=True)
class GapPanel:
    """The sync part of one gap report page."""

    can_plan: bool
    saved: bool
    plan: SyncPlan | None = None
    current_coverage: float | None = None
    draft_coverage: float | None = None
    advice: list[Advice] = field(default_factory=list)
    planned: frozenset[str] = frozenset()
    partners: list[SuggestedPartner] = field(default_factory=list)


def _suggested(advice: list[Advice], known: set[str]) -> list[SuggestedPartner]:
    found: dict[str, tuple[int, list[str]]] = {}
    for item in advice:
        for partner in item.partners:
            vacancies, skills = found.setdefault(partner.employer, (0, []))
            skills.append(item.skill)
            found[partner.employer] = (vacancies + partner.vacancies, skills)
    rows = [
        SuggestedPartner(name, n, tuple(skills), name.lower() in known)
        for name, (n, skills) in found.items()
    ]
    return sorted(rows, key=lambda r: (-r.vacancies, r.name))


def _coverages(
    snapshot: GapReportSnapshot, plan: SyncPlan | None
) -> tuple[float | None, float | None]:
    """Current and draft coverage. On the current version's report the draft's is projected
    (``draft_coverage``); on the draft's own report it is exact, and the current version's
    comes from the plan's report when that was computed with the same request."""
    result = snapshot.result
    if plan is None or plan.draft_id != snapshot.curriculum_id:
        return result.get("coverage"), draft_coverage(result, plan.draft if plan else None)
    base = plan.snapshot.result if plan.snapshot else {}
    same = _request_key(base) == _request_key(result)
    return (base.get("coverage") if same else None), result.get("coverage")


def _request_key(result: dict) -> tuple:
    req = result.get("request") or {}
    return tuple(req.get(k) for k in ("region", "region_ids", "months", "as_of", "related_only"))


def gap_panel(snapshot: GapReportSnapshot | None, user: User) -> GapPanel | None:
    """The panel for a report (None when there is no report with data)."""
    if snapshot is None or not snapshot.result.get("enough_data"):
        return None
    curriculum = snapshot.curriculum
    can_plan = policy.can_plan_curriculum_sync(user, curriculum.organisation_id)
    plan = open_plan(curriculum)
    advice = advice_from_report(snapshot.result)
    current, draft = _coverages(snapshot, plan)
    return GapPanel(
        can_plan=can_plan,
        saved=snapshot.id is not None,
        plan=plan,
        current_coverage=current,
        draft_coverage=draft,
        advice=advice,
        planned=frozenset(a.skill_id for a in plan.actions) if plan else frozenset(),
        partners=_suggested(advice, partner_names(user) if can_plan else set()),
    )


@dataclass(frozen=True)
class PlanPage:
    """What a plan's page shows beside the plan itself."""

    plan: SyncPlan
    current_coverage: float | None
    draft_coverage: float | None
    equipment: dict[int, list[str]]
    units: list[tuple[int, str]]
    invitable: list[IndustryPartner]
    not_on_platform: list[IndustryPartner]


def plan_page(plan: SyncPlan, user: User | None, locale: str = "id") -> PlanPage:
    """The plan's coverage (current version and draft, against the report it came from), the
    equipment of each action, the draft's units and, for the school's ``user``, the partners
    that can be invited (none when ``user`` is None: a partner's view)."""
    result = plan.snapshot.result if plan.snapshot else {}
    invited = {i.partner_id for i in plan.invitations}
    mine = list_partners(user) if user is not None else []
    partners = [p for p in mine if p.id not in invited]
    return PlanPage(
        plan=plan,
        current_coverage=result.get("coverage"),
        draft_coverage=draft_coverage(result, plan.draft) if result else None,
        equipment={a.id: equipment_for(a.skill_id, locale) for a in plan.actions},
        units=[
            (u.id, f"{u.code} {u.name}".strip()) for u in (plan.draft.units if plan.draft else [])
        ],
        invitable=[p for p in partners if p.employer is not None and p.employer.is_verified],
        not_on_platform=[p for p in partners if p.employer is None or not p.employer.is_verified],
    )
