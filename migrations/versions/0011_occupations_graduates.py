"""KBJI occupation groups on vacancies; graduates per programme and year

Revision ID: 0011_occupations_graduates
Revises: 0010b_opendata
Create Date: 2026-12-06 03:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011_occupations_graduates"
down_revision = "0010b_opendata"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "occupation_groups",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("title_id", sa.String(length=250), nullable=False),
        sa.Column("title_en", sa.String(length=250), nullable=False),
        sa.Column("description_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_occupation_groups")),
    )
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occupation_code", sa.String(length=4), nullable=True))
        batch_op.add_column(
            sa.Column(
                "occupation_origin",
                sa.Enum(
                    "auto",
                    "employer",
                    name="occupation_origin",
                    native_enum=False,
                    create_constraint=True,
                    length=8,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("occupation_confidence", sa.Double(), nullable=True))
        batch_op.create_index(batch_op.f("ix_vacancies_occupation_code"), ["occupation_code"])
        batch_op.create_foreign_key(
            batch_op.f("fk_vacancies_occupation_code_occupation_groups"),
            "occupation_groups",
            ["occupation_code"],
            ["code"],
        )
    op.create_table(
        "programme_graduates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("curriculum_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("graduates", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["curriculum_id"],
            ["curricula.id"],
            name=op.f("fk_programme_graduates_curriculum_id_curricula"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_graduates")),
        sa.UniqueConstraint(
            "curriculum_id", "year", name=op.f("uq_programme_graduates_curriculum_id")
        ),
    )
    with op.batch_alter_table("programme_graduates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_graduates_curriculum_id"), ["curriculum_id"])


def downgrade():
    with op.batch_alter_table("programme_graduates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_graduates_curriculum_id"))
    op.drop_table("programme_graduates")
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_vacancies_occupation_code_occupation_groups"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_vacancies_occupation_code"))
        batch_op.drop_column("occupation_confidence")
        batch_op.drop_constraint(op.f("ck_vacancies_occupation_origin"), type_="check")
        batch_op.drop_column("occupation_origin")
        batch_op.drop_column("occupation_code")
    op.drop_table("occupation_groups")
