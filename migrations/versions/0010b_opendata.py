"""open data releases

Revision ID: 0010b_opendata
Revises: 0009b_skill_demand
Create Date: 2026-12-06 01:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010b_opendata'
down_revision = "0010_planner"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opendata_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset', sa.String(length=60), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('rows_json', sa.Text(), nullable=False),
    sa.Column('csv_text', sa.Text(), nullable=False),
    sa.Column('changes_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opendata_releases')),
    sa.UniqueConstraint('dataset', 'month', name=op.f('uq_opendata_releases_dataset'))
    )
    with op.batch_alter_table('opendata_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opendata_releases_dataset'), ['dataset'], unique=False)


def downgrade():
    with op.batch_alter_table('opendata_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opendata_releases_dataset'))
    op.drop_table('opendata_releases')
