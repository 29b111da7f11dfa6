"""The original files runners import, kept in chunks, and which activities each gave.

Revision ID: 0009_source_files
Revises: 0008_adaptations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_source_files"
down_revision = "0008_adaptations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("media_type", sa.String(80), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_source_files"),
        sa.UniqueConstraint("athlete_id", "sha256", name="uq_source_files_content"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_source_files_athlete_id_athletes",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "source_file_chunks",
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("source_file_id", "seq", name="pk_source_file_chunks"),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_files.id"],
            name="fk_source_file_chunks_source_file_id_source_files",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "source_file_activities",
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("source_file_id", "activity_id", name="pk_source_file_activities"),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_files.id"],
            name="fk_source_file_activities_source_file_id_source_files",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name="fk_source_file_activities_activity_id_activities",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_source_file_activities_activity_id", "source_file_activities", ["activity_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_source_file_activities_activity_id", table_name="source_file_activities")
    op.drop_table("source_file_activities")
    op.drop_table("source_file_chunks")
    op.drop_table("source_files")
