"""planner role, agency organisations, labour statistics (BPS context figures)

Revision ID: 0010_planner
Revises: 0009
Create Date: 2026-12-06 01:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010_planner"
down_revision = "0009b_skill_demand"
branch_labels = None
depends_on = None

OLD_ROLES = ("seeker", "employer", "school", "admin")
NEW_ROLES = (*OLD_ROLES, "planner")
OLD_KINDS = ("employer", "school", "training_provider")
NEW_KINDS = (*OLD_KINDS, "agency")


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name=name, native_enum=False, create_constraint=True, length=max(map(len, values))
    )


def _retype(table: str, column: str, name: str, old: tuple, new: tuple) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        # alembic drops the old CHECK constraint of ``existing_type`` and adds the new one
        batch_op.alter_column(
            column, existing_type=_enum(name, old), type_=_enum(name, new), existing_nullable=False
        )


def upgrade():
    _retype("users", "role", "user_role", OLD_ROLES, NEW_ROLES)
    _retype("organisations", "kind", "organisation_kind", OLD_KINDS, NEW_KINDS)
    op.create_table(
        "labour_statistics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("area_code", sa.String(length=10), nullable=False),
        sa.Column("area_name", sa.String(length=120), nullable=False),
        sa.Column("breakdown", sa.String(length=60), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labour_statistics")),
        sa.UniqueConstraint(
            "period", "area_code", "breakdown", "indicator", name="uq_labour_statistics_key"
        ),
    )
    with op.batch_alter_table("labour_statistics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_labour_statistics_period"), ["period"], unique=False)


def downgrade():
    with op.batch_alter_table("labour_statistics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_labour_statistics_period"))
    op.drop_table("labour_statistics")
    # the older schema has no place for planners and agencies
    op.execute("DELETE FROM users WHERE role = 'planner'")
    op.execute("DELETE FROM organisations WHERE kind = 'agency'")
    _retype("organisations", "kind", "organisation_kind", NEW_KINDS, OLD_KINDS)
    _retype("users", "role", "user_role", NEW_ROLES, OLD_ROLES)
