"""The minutes of a curriculum sync (berita acara sinkronisasi kurikulum) as an A4 PDF in
Indonesian: the plan, who attended, each partner's answer and comments, what was agreed."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from app.labels import label
from app.models import SyncPlan
from app.services.pdf import PdfDocument, percent
from app.services.sync.equipment import equipment_for
from app.services.sync.plans import draft_coverage


def _attendees(plan: SyncPlan) -> list[list[str]]:
    rows = [[plan.school.name, _("School"), plan.created_by.name if plan.created_by else ""]]
    rows += [
        [i.partner.name, _("Industry partner"), i.representative]
        for i in plan.invitations
        if i.attended
    ]
    rows += [[line.strip(), "", ""] for line in plan.other_attendees.splitlines() if line.strip()]
    return rows


def _actions(plan: SyncPlan) -> list[list[object]]:
    return [
        [
            n,
            a.skill.label_id if a.skill else a.skill_id,
            label("sync_action_kind", a.kind),
            a.unit.name if a.unit else "—",
            a.owner or "—",
            a.target_semester or "—",
            label("sync_action_status", a.status),
            ", ".join(equipment_for(a.skill_id, "id")) or "—",
        ]
        for n, a in enumerate(plan.actions, start=1)
    ]


def _story(plan: SyncPlan, styles: Any, table: Any, p: Any) -> list[Any]:
    return [
        *_opening(plan, styles, table, p),
        *_actions_and_answers(plan, styles, table, p),
        *_closing(plan, styles, table, p),
    ]


def _opening(plan: SyncPlan, styles: Any, table: Any, p: Any) -> list[Any]:
    """Title, curriculum, meeting, attendees and the demand coverage of both versions."""
    from reportlab.platypus import Spacer

    cur, draft = plan.curriculum, plan.draft
    snapshot = plan.snapshot.result if plan.snapshot else None
    story: list[Any] = [
        p(_("Minutes of the curriculum sync with industry"), styles["Title"]),
        p(
            f"{plan.school.name} · {cur.programme} {cur.concentration} · "
            f"{_('Curriculum')} {cur.version_year}"
            + (f" → {_('draft')} {draft.version_year}" if draft else "")
        ),
        p(
            f"{_('Meeting date')}: {plan.meeting_date.isoformat() if plan.meeting_date else '—'}"
            f" · {_('Place')}: {plan.meeting_place or '—'}"
        ),
        Spacer(1, 6),
        p(_("Attendees"), styles["Heading2"]),
        table([_("Name"), _("As"), _("Represented by")], _attendees(plan), [7, 4, 7]),
    ]
    if snapshot is not None:
        story.append(
            p(
                f"{_('Demand coverage')}: {_('current version')} "
                f"{percent(snapshot.get('coverage'))} · {_('draft')} "
                f"{percent(draft_coverage(snapshot, draft))}",
                styles["Heading3"],
            )
        )
    return story


def _actions_and_answers(plan: SyncPlan, styles: Any, table: Any, p: Any) -> list[Any]:
    """The plan's actions, each partner's answer, and the comments per action."""
    story: list[Any] = [
        p(_("Actions of the plan"), styles["Heading2"]),
        table(
            [
                _("No."),
                _("Skill"),
                _("Action"),
                _("Unit"),
                _("Owner"),
                _("Semester"),
                _("Status"),
                _("Equipment"),
            ],
            _actions(plan),
            [0.8, 2.8, 2.2, 2.8, 2.0, 1.4, 1.6, 4.4],
        ),
        p(_("Partners' answers"), styles["Heading2"]),
        table(
            [_("Partner"), _("Answer"), _("Represented by"), _("Note")],
            [
                [
                    i.partner.name,
                    label("sync_invitation_status", i.status),
                    i.representative,
                    i.note,
                ]
                for i in plan.invitations
            ],
            [4.5, 3, 3.5, 7],
        ),
    ]
    comments = [
        [c.invitation.partner.name, a.skill.label_id if a.skill else a.skill_id, c.body]
        for a in plan.actions
        for c in a.comments
    ]
    if comments:
        story += [
            p(_("Comments per action"), styles["Heading2"]),
            table([_("Partner"), _("Skill"), _("Comment")], comments, [4.5, 4, 9.5]),
        ]
    return story


def _closing(plan: SyncPlan, styles: Any, table: Any, p: Any) -> list[Any]:
    """What was agreed, and the signatures of the school and the endorsing partners."""
    from reportlab.platypus import Spacer

    return [
        p(_("What was agreed"), styles["Heading2"]),
        *[p(line) for line in (plan.agreed or "—").splitlines() if line.strip()],
        Spacer(1, 24),
        table(
            [_("Signed for the school"), _("Signed for the industry partners")],
            [
                [
                    "\n\n\n" + plan.school.name,
                    "\n\n\n"
                    + ", ".join(e.partner.name for e in plan.invitations if e.status == "endorsed"),
                ]
            ],
            [9, 9],
        ),
    ]


def minutes_pdf(plan: SyncPlan) -> bytes:
    """The minutes as an A4 PDF, in Indonesian whatever the reader's language."""
    doc = PdfDocument(line_breaks=True)
    with force_locale("id"):
        story = _story(plan, doc.styles, doc.table, doc.p)
        title = _("Minutes of the curriculum sync with industry")
    return doc.render(story, title)
