"""stored text vectors and vacancy search terms

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 01:00:00

"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TERM = re.compile(r"[^\W_]+")  # matching.keywords.terms, frozen here


def _term_string(text: str) -> str:
    return " ".join(sorted({t for t in _TERM.findall(text.lower()) if len(t) > 1}))


def upgrade():
    op.create_table(
        "text_vectors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.BigInteger(), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_vectors")),
        sa.UniqueConstraint("subject", "object_id", "model", name=op.f("uq_text_vectors_subject")),
    )
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_terms", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_vacancies_updated_at"), ["updated_at"], unique=False)
    with op.batch_alter_table("seeker_profiles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seeker_profiles_updated_at"), ["updated_at"], unique=False
        )
    connection = op.get_bind()
    vacancies = sa.table(
        "vacancies",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("description", sa.Text),
        sa.column("search_terms", sa.Text),
    )
    rows = connection.execute(sa.select(vacancies.c.id, vacancies.c.title, vacancies.c.description))
    for vid, title, description in rows.all():
        connection.execute(
            vacancies.update()
            .where(vacancies.c.id == vid)
            .values(search_terms=_term_string(f"{title or ''}\n{description or ''}"))
        )


def downgrade():
    with op.batch_alter_table("seeker_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seeker_profiles_updated_at"))
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancies_updated_at"))
        batch_op.drop_column("search_terms")
    op.drop_table("text_vectors")
