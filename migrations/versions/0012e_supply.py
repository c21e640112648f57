"""job-seeker supply aggregate

Revision ID: 0012e_supply
Revises: 0012d_demand_dims
Create Date: 2026-12-06 03:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012e_supply"
down_revision = "0012d_demand_dims"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "seeker_supply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("education_level", sa.String(length=20), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=True),
        sa.Column("seekers", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_seeker_supply_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_seeker_supply_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seeker_supply")),
    )
    with op.batch_alter_table("seeker_supply", schema=None) as batch_op:
        batch_op.create_index(
            "ix_seeker_supply_cell", ["region_id", "education_level", "month"], unique=False
        )
        batch_op.create_index("ix_seeker_supply_skill", ["skill_id"], unique=False)
    # filled by `flask supply rebuild` (make run runs it) or the daily supply.rebuild job


def downgrade():
    with op.batch_alter_table("seeker_supply", schema=None) as batch_op:
        batch_op.drop_index("ix_seeker_supply_skill")
        batch_op.drop_index("ix_seeker_supply_cell")
    op.drop_table("seeker_supply")
