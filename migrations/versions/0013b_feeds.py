"""vacancy feeds, their postings, BKK vacancies

Revision ID: 0013b_feeds
Revises: 0014a_sync
Create Date: 2026-12-06 06:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013b_feeds"
down_revision = "0014a_sync"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "jsonld",
                "csv",
                "json",
                name="feed_format",
                native_enum=False,
                create_constraint=True,
                length=6,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_pulled_at", sa.DateTime(), nullable=True),
        sa.Column("last_report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_feeds_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("name", name=op.f("uq_feeds_name")),
    )
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feeds_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "feed_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=500), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "created",
                "merged",
                name="feed_link_kind",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("employer_name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["feeds.id"],
            name=op.f("fk_feed_postings_feed_id_feeds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancies.id"],
            name=op.f("fk_feed_postings_vacancy_id_vacancies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_postings")),
        sa.UniqueConstraint("feed_id", "source_key", name=op.f("uq_feed_postings_feed_id")),
    )
    with op.batch_alter_table("feed_postings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feed_postings_vacancy_id"), ["vacancy_id"], unique=False
        )
    op.create_table(
        "bkk_vacancies",
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("partner_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["organisations.id"],
            name=op.f("fk_bkk_vacancies_school_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancies.id"],
            name=op.f("fk_bkk_vacancies_vacancy_id_vacancies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("vacancy_id", name=op.f("pk_bkk_vacancies")),
    )
    with op.batch_alter_table("bkk_vacancies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bkk_vacancies_school_id"), ["school_id"], unique=False)


def downgrade():
    with op.batch_alter_table("bkk_vacancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bkk_vacancies_school_id"))
    op.drop_table("bkk_vacancies")
    with op.batch_alter_table("feed_postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_postings_vacancy_id"))
    op.drop_table("feed_postings")
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feeds_owner_id"))
    op.drop_table("feeds")
