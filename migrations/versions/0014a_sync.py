"""curriculum sync with industry: partners, plans, actions, invitations, comments

Revision ID: 0014a_sync
Revises: 0012e_supply
Create Date: 2026-12-06 06:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014a_sync"
down_revision = "0012e_supply"
branch_labels = None
depends_on = None

KINDS_BEFORE = ("application_received", "application_moved", "application_reopened", "organisation")
KINDS_AFTER = KINDS_BEFORE + ("curriculum_sync",)


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def _kinds(values):
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_notifications_notification_kind"), type_="check")
        batch_op.create_check_constraint("notification_kind", sa.column("kind").in_(values))


def upgrade():
    op.create_table(
        "industry_partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["organisations.id"],
            name=op.f("fk_industry_partners_employer_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_industry_partners_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_industry_partners")),
        sa.UniqueConstraint(
            "organisation_id", "name", name=op.f("uq_industry_partners_organisation_id")
        ),
    )
    with op.batch_alter_table("industry_partners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_industry_partners_employer_id"), ["employer_id"])
        batch_op.create_index(
            batch_op.f("ix_industry_partners_organisation_id"), ["organisation_id"]
        )

    op.create_table(
        "sync_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("curriculum_id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("status", _enum("sync_plan_status", "open", "closed"), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("meeting_place", sa.String(length=200), nullable=False),
        sa.Column("other_attendees", sa.Text(), nullable=False),
        sa.Column("agreed", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_sync_plans_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["curriculum_id"],
            ["curricula.id"],
            name=op.f("fk_sync_plans_curriculum_id_curricula"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["curricula.id"],
            name=op.f("fk_sync_plans_draft_id_curricula"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_sync_plans_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["gap_report_snapshots.id"],
            name=op.f("fk_sync_plans_snapshot_id_gap_report_snapshots"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_plans")),
    )
    with op.batch_alter_table("sync_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_plans_curriculum_id"), ["curriculum_id"])
        batch_op.create_index(batch_op.f("ix_sync_plans_organisation_id"), ["organisation_id"])

    op.create_table(
        "sync_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            _enum("sync_action_kind", "add", "strengthen", "elective", "pkl", "certification"),
            nullable=False,
        ),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("outcome_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("target_semester", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            _enum("sync_action_status", "planned", "in_progress", "done", "dropped"),
            nullable=False,
        ),
        sa.Column("demand_share", sa.Double(), nullable=False),
        sa.Column("coverage", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["learning_outcomes.id"],
            name=op.f("fk_sync_actions_outcome_id_learning_outcomes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["sync_plans.id"],
            name=op.f("fk_sync_actions_plan_id_sync_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_sync_actions_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["curriculum_units.id"],
            name=op.f("fk_sync_actions_unit_id_curriculum_units"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_actions")),
        sa.UniqueConstraint("plan_id", "skill_id", name=op.f("uq_sync_actions_plan_id")),
    )
    with op.batch_alter_table("sync_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_actions_plan_id"), ["plan_id"])

    op.create_table(
        "sync_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            _enum("sync_invitation_status", "invited", "endorsed", "not_endorsed"),
            nullable=False,
        ),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("representative", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("invited_at", sa.DateTime(), nullable=False),
        sa.Column("responded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["organisations.id"],
            name=op.f("fk_sync_invitations_employer_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["industry_partners.id"],
            name=op.f("fk_sync_invitations_partner_id_industry_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["sync_plans.id"],
            name=op.f("fk_sync_invitations_plan_id_sync_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_invitations")),
        sa.UniqueConstraint("plan_id", "partner_id", name=op.f("uq_sync_invitations_plan_id")),
    )
    with op.batch_alter_table("sync_invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_invitations_employer_id"), ["employer_id"])
        batch_op.create_index(batch_op.f("ix_sync_invitations_plan_id"), ["plan_id"])

    op.create_table(
        "sync_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["sync_actions.id"],
            name=op.f("fk_sync_comments_action_id_sync_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_sync_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["sync_invitations.id"],
            name=op.f("fk_sync_comments_invitation_id_sync_invitations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_comments")),
    )
    with op.batch_alter_table("sync_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_comments_action_id"), ["action_id"])
        batch_op.create_index(batch_op.f("ix_sync_comments_invitation_id"), ["invitation_id"])

    _kinds(KINDS_AFTER)


def downgrade():
    op.execute("DELETE FROM notifications WHERE kind = 'curriculum_sync'")
    _kinds(KINDS_BEFORE)
    for table in (
        "sync_comments",
        "sync_invitations",
        "sync_actions",
        "sync_plans",
        "industry_partners",
    ):
        op.drop_table(table)
