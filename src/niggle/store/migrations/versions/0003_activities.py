"""Activities, their stream blobs, pain reports and the files imported.

Revision ID: 0003_activities
Revises: 0001_athletes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_activities"
down_revision = "0001_athletes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("sport", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("moving_s", sa.Float()),
        sa.Column("distance_m", sa.Float()),
        sa.Column("elevation_gain_m", sa.Float()),
        sa.Column("avg_hr", sa.Float()),
        sa.Column("max_hr", sa.Float()),
        sa.Column("avg_cadence", sa.Float()),
        sa.Column("rpe", sa.Float()),
        sa.Column("title", sa.String(200)),
        sa.Column("note", sa.Text()),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("device", sa.String(80)),
        sa.Column("external_id", sa.String(40)),
        sa.Column("laps", sa.JSON(), nullable=False),
        sa.Column("source_hash", sa.String(64)),
        sa.Column("source_index", sa.Integer(), nullable=False),
        sa.Column("source_path", sa.Text()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_activities_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "athlete_id", "source_hash", "source_index", name="uq_activities_source_file"
        ),
    )
    op.create_index("ix_activities_athlete_start", "activities", ["athlete_id", "start"])
    op.create_table(
        "activity_streams",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("samples", sa.Integer(), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("activity_id", name="pk_activity_streams"),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name="fk_activity_streams_activity_id_activities",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "pain_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer()),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("nrs", sa.Integer(), nullable=False),
        sa.Column("timing", sa.String(16), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pain_reports"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_pain_reports_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name="fk_pain_reports_activity_id_activities",
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_pain_reports_athlete_reported_on", "pain_reports", ["athlete_id", "reported_on"]
    )
    op.create_index("ix_pain_reports_activity_id", "pain_reports", ["activity_id"])
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("path", sa.Text()),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_import_sources"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_import_sources_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("athlete_id", "content_hash", name="uq_import_sources_content"),
    )


def downgrade() -> None:
    op.drop_table("import_sources")
    op.drop_index("ix_pain_reports_activity_id", table_name="pain_reports")
    op.drop_index("ix_pain_reports_athlete_reported_on", table_name="pain_reports")
    op.drop_table("pain_reports")
    op.drop_table("activity_streams")
    op.drop_index("ix_activities_athlete_start", table_name="activities")
    op.drop_table("activities")
