"""Training plans and their workouts.

Revision ID: 0002_plans
Revises: 0001_athletes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_plans"
down_revision = "0001_athletes"
branch_labels = None
depends_on = None

ACTIVE_WHERE = sa.text("status = 'active'")


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("template_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("race_name", sa.String(200), nullable=False),
        sa.Column("race_date", sa.Date(), nullable=False),
        sa.Column("race_distance_m", sa.Float(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("length_weeks", sa.Integer(), nullable=False),
        sa.Column("first_week", sa.Integer(), nullable=False),
        sa.Column("key_days", sa.String(40), nullable=False),
        sa.Column("five_k_s", sa.Float()),
        sa.Column("source", sa.Text()),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint("uid", name="uq_plans_uid"),
        sa.CheckConstraint("status in ('active', 'archived')", name="ck_plans_status"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_plans_athlete_id_athletes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_plans_athlete_id", "plans", ["athlete_id"])
    op.create_index(
        "uq_plans_active_athlete",
        "plans",
        ["athlete_id"],
        unique=True,
        sqlite_where=ACTIVE_WHERE,
        postgresql_where=ACTIVE_WHERE,
    )
    op.create_table(
        "plan_workouts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("distance_m", sa.Float()),
        sa.Column("duration_s", sa.Float()),
        sa.Column("target_pace_s_per_km", sa.Float()),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("activity_id", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_plan_workouts"),
        sa.CheckConstraint(
            "status in ('planned', 'done', 'skipped', 'changed')",
            name="ck_plan_workouts_status",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name="fk_plan_workouts_plan_id_plans",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_plan_workouts_plan_id_day", "plan_workouts", ["plan_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_plan_workouts_plan_id_day", table_name="plan_workouts")
    op.drop_table("plan_workouts")
    op.drop_index("uq_plans_active_athlete", table_name="plans")
    op.drop_index("ix_plans_athlete_id", table_name="plans")
    op.drop_table("plans")
