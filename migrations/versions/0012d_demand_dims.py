"""demand aggregate by occupation and education asked; vacancies without skills counted apart;
salaries and application outcomes per cell; vacancies by posting time

Revision ID: 0012d_demand_dims
Revises: 0011_occupations_graduates
Create Date: 2026-12-06 03:45:00

The new columns of existing cells are empty (occupation and education unknown) until the next
``flask demand rebuild`` (``make run`` and the daily job rebuild it); every existing
``vacancy_demand`` row counted vacancies with skills, hence ``with_skills`` true.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012d_demand_dims"
down_revision = "0011_occupations_graduates"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("skill_demand", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occupation_code", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("min_education", sa.String(length=10), nullable=True))
    with op.batch_alter_table("vacancy_demand", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occupation_code", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("min_education", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("with_skills", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "salary_demand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("closed_month", sa.Date(), nullable=True),
        sa.Column("occupation_code", sa.String(length=4), nullable=True),
        sa.Column("min_education", sa.String(length=10), nullable=True),
        sa.Column("salary", sa.Double(), nullable=False),
        sa.Column("vacancies", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_salary_demand_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salary_demand")),
    )
    with op.batch_alter_table("salary_demand", schema=None) as batch_op:
        batch_op.create_index("ix_salary_demand_region_month", ["region_id", "month"])
    op.create_table(
        "application_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("occupation_code", sa.String(length=4), nullable=True),
        sa.Column("min_education", sa.String(length=10), nullable=True),
        sa.Column("applicant_education", sa.String(length=10), nullable=True),
        sa.Column("applied_month", sa.Date(), nullable=False),
        sa.Column("applications", sa.Integer(), nullable=False),
        sa.Column("interviews", sa.Integer(), nullable=False),
        sa.Column("offers", sa.Integer(), nullable=False),
        sa.Column("hires", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_application_outcomes_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_outcomes")),
    )
    with op.batch_alter_table("application_outcomes", schema=None) as batch_op:
        batch_op.create_index("ix_application_outcomes_region_month", ["region_id", "month"])
    op.create_table(
        "first_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("closed_month", sa.Date(), nullable=True),
        sa.Column("occupation_code", sa.String(length=4), nullable=True),
        sa.Column("min_education", sa.String(length=10), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("vacancies", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_first_applications_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_first_applications")),
    )
    with op.batch_alter_table("first_applications", schema=None) as batch_op:
        batch_op.create_index("ix_first_applications_region_month", ["region_id", "month"])
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.create_index("ix_vacancies_posted_at", ["posted_at"])


def downgrade():
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_index("ix_vacancies_posted_at")
    op.drop_table("first_applications")
    op.drop_table("application_outcomes")
    op.drop_table("salary_demand")
    with op.batch_alter_table("vacancy_demand", schema=None) as batch_op:
        batch_op.drop_column("with_skills")
        batch_op.drop_column("min_education")
        batch_op.drop_column("occupation_code")
    with op.batch_alter_table("skill_demand", schema=None) as batch_op:
        batch_op.drop_column("min_education")
        batch_op.drop_column("occupation_code")
