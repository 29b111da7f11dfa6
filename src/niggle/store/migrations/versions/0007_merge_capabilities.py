"""Join the capability branches that were built side by side into one history.

Revision ID: 0007_merge_capabilities
Revises: 0002_plans, 0003_activities, 0004_triage, 0005_rehab, 0006_accounts
"""

from __future__ import annotations

revision = "0007_merge_capabilities"
down_revision = ("0002_plans", "0003_activities", "0004_triage", "0005_rehab", "0006_accounts")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only gives later migrations a single parent."""


def downgrade() -> None:
    """Nothing to undo."""
