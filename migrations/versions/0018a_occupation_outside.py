"""a vacancy the occupation classifier judged outside the ICT table: occupation_origin 'outside'

Revision ID: 0018a_occupation_outside
Revises: 0017a_demand_examples_occupation
Create Date: 2026-12-07 04:40:00

The classifier's "outside the table" class (titles of other work, ``docs/occupations.md``)
leaves a warehouse or nursing vacancy without an ICT group; ``occupation_origin = 'outside'``
records that the system judged it so (the code stays empty), so the employer's page can say
why instead of "not sure enough". Existing rows are unchanged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018a_occupation_outside"
down_revision = "0017a_demand_examples_occupation"
branch_labels = None
depends_on = None

BEFORE = ("auto", "employer")
AFTER = BEFORE + ("outside",)


def _origins(values):
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_vacancies_occupation_origin"), type_="check")
        batch_op.create_check_constraint(
            "occupation_origin", sa.column("occupation_origin").in_(values)
        )


def upgrade():
    _origins(AFTER)


def downgrade():
    op.execute("UPDATE vacancies SET occupation_origin = NULL WHERE occupation_origin = 'outside'")
    _origins(BEFORE)
