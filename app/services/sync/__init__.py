"""Curriculum sync with industry: a school's partners (``partners``), plans that turn gap
advice into actions on a draft curriculum version (``plans``, ``drafts``), the gap report's
sync panel (``panel``), partners' review and endorsement (``review``), the equipment a skill
needs (``equipment``) and the minutes PDF (``minutes``)."""

from app.services.sync.equipment import equipment_for
from app.services.sync.minutes import minutes_pdf
from app.services.sync.panel import GapPanel, PlanPage, SuggestedPartner, gap_panel, plan_page
from app.services.sync.partners import (
    PartnerInput,
    add_partner,
    add_suggested_partner,
    delete_partner,
    get_partner,
    list_partners,
    verified_employers,
)
from app.services.sync.plans import (
    ActionInput,
    AddedSkill,
    Advice,
    accept_advice,
    advice_from_report,
    draft_coverage,
    get_plan,
    list_plans,
    open_plan,
    remove_action,
    skills_added_by_plan,
    update_action,
)
from app.services.sync.review import (
    Meeting,
    Response,
    close_plan,
    comment,
    endorsed_by,
    get_invitation,
    invitations_for,
    invite,
    record_meeting,
    respond,
)

__all__ = [
    "ActionInput",
    "AddedSkill",
    "Advice",
    "GapPanel",
    "Meeting",
    "PartnerInput",
    "PlanPage",
    "Response",
    "SuggestedPartner",
    "accept_advice",
    "add_partner",
    "add_suggested_partner",
    "advice_from_report",
    "close_plan",
    "comment",
    "delete_partner",
    "draft_coverage",
    "endorsed_by",
    "equipment_for",
    "gap_panel",
    "get_invitation",
    "get_partner",
    "get_plan",
    "invitations_for",
    "invite",
    "list_partners",
    "list_plans",
    "minutes_pdf",
    "open_plan",
    "plan_page",
    "record_meeting",
    "remove_action",
    "respond",
    "skills_added_by_plan",
    "update_action",
    "verified_employers",
]
