"""free-text skills awaiting an administrator's mapping

Revision ID: 0013c_free_skills
Revises: 0014b_tracer
Create Date: 2026-12-06 07:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013c_free_skills"
down_revision = "0014b_tracer"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "free_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=True),
        sa.Column("vacancy_id", sa.Integer(), nullable=True),
        sa.Column("importance", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(profile_id IS NULL) <> (vacancy_id IS NULL)",
            name=op.f("ck_free_skills_free_skill_has_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["seeker_profiles.id"],
            name=op.f("fk_free_skills_profile_id_seeker_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancies.id"],
            name=op.f("fk_free_skills_vacancy_id_vacancies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_free_skills")),
        sa.UniqueConstraint("profile_id", "key", name=op.f("uq_free_skills_profile_id")),
        sa.UniqueConstraint("vacancy_id", "key", name=op.f("uq_free_skills_vacancy_id")),
    )
    with op.batch_alter_table("free_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_free_skills_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_free_skills_profile_id"), ["profile_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_free_skills_vacancy_id"), ["vacancy_id"], unique=False)


def downgrade():
    with op.batch_alter_table("free_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_free_skills_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_free_skills_profile_id"))
        batch_op.drop_index(batch_op.f("ix_free_skills_key"))
    op.drop_table("free_skills")
