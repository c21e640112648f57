"""the demand aggregate's example vacancies and employers by occupation too

Revision ID: 0017a_demand_examples_occupation
Revises: 0016a_vector_model
Create Date: 2026-12-06 22:00:00

A gap report of a programme's field counted the field's vacancies but took its example
sentences and industry partners from every occupation's (an RPL report quoted a DKV
internship; a partner's count exceeded the skill's). ``skill_demand_examples`` and
``skill_demand_employers`` now keep the vacancy's KBJI group as ``skill_demand`` does. The
examples are filled here from their vacancies; an employer row counts vacancies of every
occupation, so its new column stays empty (and a field's report shows no industry partners)
until the next ``flask demand rebuild`` (``make run`` and the daily job rebuild it; run it after
upgrading, docs/operations.md).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017a_demand_examples_occupation"
down_revision = "0016a_vector_model"
branch_labels = None
depends_on = None

TABLES = ("skill_demand_examples", "skill_demand_employers")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("occupation_code", sa.String(length=4), nullable=True))
    # an example row names its vacancy: its occupation is known now
    op.execute(
        "UPDATE skill_demand_examples SET occupation_code = (SELECT vacancies.occupation_code"
        " FROM vacancies WHERE vacancies.id = skill_demand_examples.vacancy_id)"
    )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("occupation_code")
