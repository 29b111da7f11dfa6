"""Applied plan adaptations, their changes, and check-in flags.

Revision ID: 0008_adaptations
Revises: 0007_merge_capabilities
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_adaptations"
down_revision = "0007_merge_capabilities"
branch_labels = None
depends_on = None

STATUS_CHECK = "status in ('continue', 'modify', 'pause_running', 'stop_and_seek_care')"


def upgrade() -> None:
    op.create_table(
        "adaptation_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("undone_on", sa.Date()),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_adaptation_sets"),
        sa.CheckConstraint(STATUS_CHECK, name="ck_adaptation_sets_status"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_adaptation_sets_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_adaptation_sets_plan_id_plans", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_adaptation_sets_athlete_id", "adaptation_sets", ["athlete_id"])
    op.create_index("ix_adaptation_sets_plan_id", "adaptation_sets", ["plan_id"])
    op.create_table(
        "adaptation_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("because", sa.Text(), nullable=False),
        sa.Column("before", sa.JSON()),
        sa.Column("after", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_adaptation_changes"),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["adaptation_sets.id"],
            name="fk_adaptation_changes_set_id_adaptation_sets",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["plan_workouts.id"],
            name="fk_adaptation_changes_workout_id_plan_workouts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_adaptation_changes_set_id", "adaptation_changes", ["set_id"])
    op.create_index("ix_adaptation_changes_workout_id", "adaptation_changes", ["workout_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("pain_report_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("plan_workout_id", sa.Integer()),
        sa.Column("band", sa.String(8), nullable=False),
        sa.Column("limping", sa.Boolean()),
        sa.Column("new_leg_symptoms", sa.Boolean()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.UniqueConstraint("pain_report_id", name="uq_checkins_pain_report_id"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_checkins_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pain_report_id"],
            ["pain_reports.id"],
            name="fk_checkins_pain_report_id_pain_reports",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_workout_id"],
            ["plan_workouts.id"],
            name="fk_checkins_plan_workout_id_plan_workouts",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_checkins_athlete_id", "checkins", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_checkins_athlete_id", table_name="checkins")
    op.drop_table("checkins")
    op.drop_index("ix_adaptation_changes_workout_id", table_name="adaptation_changes")
    op.drop_index("ix_adaptation_changes_set_id", table_name="adaptation_changes")
    op.drop_table("adaptation_changes")
    op.drop_index("ix_adaptation_sets_plan_id", table_name="adaptation_sets")
    op.drop_index("ix_adaptation_sets_athlete_id", table_name="adaptation_sets")
    op.drop_table("adaptation_sets")
