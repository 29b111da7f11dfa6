"""Rehab programmes, their exercises and logged sessions.

Revision ID: 0005_rehab
Revises: 0001_athletes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_rehab"
down_revision = "0001_athletes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rehab_programmes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("replaced_on", sa.Date()),
        sa.Column("classification", sa.String(32), nullable=False),
        sa.Column("care_level", sa.String(16), nullable=False),
        sa.Column("provoked_by", sa.JSON(), nullable=False),
        sa.Column("ready_for_impact", sa.Boolean(), nullable=False),
        sa.Column("built_from", sa.String(200), nullable=False),
        sa.Column("triage_id", sa.Integer()),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("cross_training", sa.JSON(), nullable=False),
        sa.Column("includes_running", sa.Boolean(), nullable=False),
        sa.Column("running_advice", sa.Text(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_rehab_programmes"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_rehab_programmes_athlete_id_athletes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_rehab_programmes_athlete_id", "rehab_programmes", ["athlete_id"])
    op.create_table(
        "rehab_programme_exercises",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(50), nullable=False),
        sa.Column("start_level", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rehab_programme_exercises"),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["rehab_programmes.id"],
            name="fk_rehab_programme_exercises_programme_id_rehab_programmes",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "programme_id", "exercise_id", name="uq_rehab_programme_exercises_programme_id"
        ),
    )
    op.create_index(
        "ix_rehab_programme_exercises_programme_id",
        "rehab_programme_exercises",
        ["programme_id"],
    )
    op.create_table(
        "rehab_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("exercises", sa.JSON(), nullable=False),
        sa.Column("pain_during", sa.Integer()),
        sa.Column("settled_next_morning", sa.Boolean()),
        sa.Column("target_reached", sa.Boolean()),
        sa.Column("note", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_rehab_sessions"),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["rehab_programmes.id"],
            name="fk_rehab_sessions_programme_id_rehab_programmes",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("programme_id", "done_on", name="uq_rehab_sessions_programme_id"),
    )
    op.create_index("ix_rehab_sessions_programme_id", "rehab_sessions", ["programme_id"])


def downgrade() -> None:
    op.drop_index("ix_rehab_sessions_programme_id", table_name="rehab_sessions")
    op.drop_table("rehab_sessions")
    op.drop_index(
        "ix_rehab_programme_exercises_programme_id", table_name="rehab_programme_exercises"
    )
    op.drop_table("rehab_programme_exercises")
    op.drop_index("ix_rehab_programmes_athlete_id", table_name="rehab_programmes")
    op.drop_table("rehab_programmes")
