"""when each learning outcome's skills were read, and every skill the linker mentioned in it

Revision ID: 0015a_outcome_read
Revises: 0013a_api
Create Date: 2026-12-06 13:50:00

An outcome that teaches no skill of the vocabulary was read again by every gap report (it has
no skill rows to show it was read). Outcomes that have skill rows count as read; the others
(an outcome that teaches no skill, a demo curriculum's, one whose job was lost) are read once
more, by the curriculum's job that the next gap report starts, and marked then. The
mentioned skills (before the document filter) are stored from now on; an outcome read before
has none stored and the unit choice counts its stored skills only.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015a_outcome_read"
down_revision = "0013a_api"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("learning_outcomes") as batch:
        batch.add_column(sa.Column("skills_read_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("mentioned_skills", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE learning_outcomes SET skills_read_at = CURRENT_TIMESTAMP"
        " WHERE id IN (SELECT outcome_id FROM outcome_skills)"
    )


def downgrade():
    with op.batch_alter_table("learning_outcomes") as batch:
        batch.drop_column("mentioned_skills")
        batch.drop_column("skills_read_at")
