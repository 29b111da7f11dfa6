"""Athletes and their race results.

Revision ID: 0001_athletes
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_athletes"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("birth_year", sa.Integer()),
        sa.Column("sex", sa.String(10)),
        sa.Column("weekly_distance_m", sa.Float()),
        sa.Column("hr_max", sa.Integer()),
        sa.Column("hr_rest", sa.Integer()),
        sa.Column("region", sa.String(10), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_athletes"),
        sa.UniqueConstraint("name", name="uq_athletes_name"),
    )
    op.create_table(
        "race_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("time_s", sa.Float(), nullable=False),
        sa.Column("raced_on", sa.Date()),
        sa.PrimaryKeyConstraint("id", name="pk_race_results"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_race_results_athlete_id_athletes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_race_results_athlete_id", "race_results", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_race_results_athlete_id", table_name="race_results")
    op.drop_table("race_results")
    op.drop_table("athletes")
