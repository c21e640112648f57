"""teachers, tracer study, training audience

Revision ID: 0014b_tracer
Revises: 0013b_feeds
Create Date: 2026-12-06 06:16:38.982956

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014b_tracer"
down_revision = "0013b_feeds"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "teachers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("curriculum_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subjects", sa.String(length=500), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_expires_at", sa.DateTime(), nullable=True),
        sa.Column("declared_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["curriculum_id"],
            ["curricula.id"],
            name=op.f("fk_teachers_curriculum_id_curricula"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teachers")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_teachers_token_hash")),
    )
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_teachers_curriculum_id"), ["curriculum_id"], unique=False
        )

    op.create_table(
        "tracer_graduates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("curriculum_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("invited_at", sa.DateTime(), nullable=True),
        sa.Column("token_expires_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["curriculum_id"],
            ["curricula.id"],
            name=op.f("fk_tracer_graduates_curriculum_id_curricula"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracer_graduates")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_tracer_graduates_token_hash")),
    )
    with op.batch_alter_table("tracer_graduates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracer_graduates_curriculum_id"), ["curriculum_id"], unique=False
        )
        batch_op.create_index(
            "ix_tracer_graduates_programme_year", ["curriculum_id", "year"], unique=False
        )

    op.create_table(
        "teacher_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "extracted",
                "declared",
                "verified",
                name="skill_origin",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("confidence", sa.Double(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("rejected", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_teacher_skills_skill_id_skills")
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_teacher_skills_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_skills")),
        sa.UniqueConstraint("teacher_id", "skill_id", name=op.f("uq_teacher_skills_teacher_id")),
    )
    with op.batch_alter_table("teacher_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teacher_skills_skill_id"), ["skill_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_teacher_skills_teacher_id"), ["teacher_id"], unique=False
        )

    op.create_table(
        "tracer_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "working",
                "studying",
                "entrepreneur",
                "looking",
                name="tracer_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("in_field", sa.Boolean(), nullable=True),
        sa.Column("responded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["tracer_graduates.id"],
            name=op.f("fk_tracer_responses_graduate_id_tracer_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_tracer_responses_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracer_responses")),
        sa.UniqueConstraint("graduate_id", name=op.f("uq_tracer_responses_graduate_id")),
    )
    op.create_table(
        "tracer_response_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["tracer_responses.id"],
            name=op.f("fk_tracer_response_skills_response_id_tracer_responses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_tracer_response_skills_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracer_response_skills")),
        sa.UniqueConstraint(
            "response_id", "skill_id", name=op.f("uq_tracer_response_skills_response_id")
        ),
    )
    with op.batch_alter_table("tracer_response_skills", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracer_response_skills_response_id"), ["response_id"], unique=False
        )

    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "audience",
                sa.Enum(
                    "seekers",
                    "teachers",
                    "all",
                    name="training_audience",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="seekers",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_trainings_training_audience"), type_="check")
        batch_op.drop_column("audience")

    with op.batch_alter_table("tracer_response_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracer_response_skills_response_id"))

    op.drop_table("tracer_response_skills")
    op.drop_table("tracer_responses")
    with op.batch_alter_table("teacher_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teacher_skills_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_teacher_skills_skill_id"))

    op.drop_table("teacher_skills")
    with op.batch_alter_table("tracer_graduates", schema=None) as batch_op:
        batch_op.drop_index("ix_tracer_graduates_programme_year")
        batch_op.drop_index(batch_op.f("ix_tracer_graduates_curriculum_id"))

    op.drop_table("tracer_graduates")
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teachers_curriculum_id"))

    op.drop_table("teachers")
