"""Triage results kept with each athlete.

Revision ID: 0004_triage
Revises: 0001_athletes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_triage"
down_revision = "0001_athletes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "triage_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("care_level", sa.String(16), nullable=False),
        sa.Column("running_status", sa.String(16), nullable=False),
        sa.Column("classification", sa.String(32), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("source_text", sa.Text()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_triage_results"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_triage_results_athlete_id_athletes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_triage_results_athlete_id", "triage_results", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_triage_results_athlete_id", table_name="triage_results")
    op.drop_table("triage_results")
