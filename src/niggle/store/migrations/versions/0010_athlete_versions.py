"""A data version per athlete, moved on by triggers on every table holding their data.

Revision ID: 0010_athlete_versions
Revises: 0009_source_files

Each row of an athlete's data names its athlete directly (``athlete_id``) or through a
parent (a plan's workouts through the plan). Triggers after every insert, update and delete
give that athlete's version a fresh random value (64 bits on SQLite, 53 on PostgreSQL), in
the same transaction as the write, so a reader who sees the version unchanged knows nothing
of the athlete's has changed since. Random rather than counting up: a database restored
from a backup (or an athlete id reused after a deletion) then never shows a version that a
running server has already seen for other data, so "same version" means "same data" even
across a restore. Only equality is ever compared. The version row is created by a trigger
on ``athletes`` and goes with the athlete (ON DELETE CASCADE); a cascaded child delete then
finds no row to update, which is what we want.

Not versioned, on purpose: the audit log (written by reading), sessions, API tokens, login
attempts and stored original files, none of which the athlete's pages show.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_athlete_versions"
down_revision = "0009_source_files"
branch_labels = None
depends_on = None

# table -> SQL giving the athlete of row {row} (NEW or OLD). Frozen here, as migrations are.
OWNERS: dict[str, str] = {
    "athletes": "{row}.id",
    "athlete_owners": "{row}.athlete_id",
    "race_results": "{row}.athlete_id",
    "activities": "{row}.athlete_id",
    "pain_reports": "{row}.athlete_id",
    "import_sources": "{row}.athlete_id",
    "plans": "{row}.athlete_id",
    "triage_results": "{row}.athlete_id",
    "rehab_programmes": "{row}.athlete_id",
    "adaptation_sets": "{row}.athlete_id",
    "checkins": "{row}.athlete_id",
    "shares": "{row}.athlete_id",
    "share_invites": "{row}.athlete_id",
    "activity_streams": "(SELECT athlete_id FROM activities WHERE id = {row}.activity_id)",
    "plan_workouts": "(SELECT athlete_id FROM plans WHERE id = {row}.plan_id)",
    "adaptation_changes": "(SELECT athlete_id FROM adaptation_sets WHERE id = {row}.set_id)",
    "rehab_programme_exercises": (
        "(SELECT athlete_id FROM rehab_programmes WHERE id = {row}.programme_id)"
    ),
    "rehab_sessions": "(SELECT athlete_id FROM rehab_programmes WHERE id = {row}.programme_id)",
    # The user's name and role show on every page of theirs.
    "users": "(SELECT athlete_id FROM athlete_owners WHERE user_id = {row}.id)",
}

# A fresh value from the database's own generator: SQLite's random() is a 64-bit integer;
# PostgreSQL's random() a double, scaled to 53 bits (collisions: about one in 10**15).
SQLITE_FRESH = "random()"
POSTGRES_FRESH = "floor(random() * 9007199254740991)::bigint"
BUMP = "UPDATE athlete_versions SET version = {fresh} WHERE athlete_id = {owner}"


def _sqlite_upgrade() -> None:
    op.execute(
        "CREATE TRIGGER niggle_version_new_athlete AFTER INSERT ON athletes BEGIN "
        f"INSERT INTO athlete_versions (athlete_id, version) VALUES (NEW.id, {SQLITE_FRESH}); "
        "END"
    )
    for table, owner in OWNERS.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            if table == "athletes" and event != "UPDATE":
                continue  # the row is made above and goes with the athlete
            body = " ".join(
                BUMP.format(fresh=SQLITE_FRESH, owner=owner.format(row=row)) + ";" for row in rows
            )
            op.execute(
                f"CREATE TRIGGER niggle_version_{table}_{event.lower()} AFTER {event} "
                f"ON {table} BEGIN {body} END"
            )


def _postgresql_upgrade() -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION niggle_version_new_athlete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO athlete_versions (athlete_id, version) VALUES (NEW.id, {POSTGRES_FRESH}); "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER niggle_version_new_athlete AFTER INSERT ON athletes "
        "FOR EACH ROW EXECUTE FUNCTION niggle_version_new_athlete()"
    )
    for table, owner in OWNERS.items():
        events = "UPDATE" if table == "athletes" else "INSERT OR UPDATE OR DELETE"

        def bump(row: str, owner: str = owner) -> str:
            return BUMP.format(fresh=POSTGRES_FRESH, owner=owner.format(row=row))

        op.execute(
            f"CREATE OR REPLACE FUNCTION niggle_version_{table}() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {bump('OLD')}; END IF; "
            f"IF TG_OP <> 'DELETE' THEN {bump('NEW')}; END IF; "
            "RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER niggle_version_{table} AFTER {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION niggle_version_{table}()"
        )


def upgrade() -> None:
    op.create_table(
        "athlete_versions",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_athlete_versions_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name="pk_athlete_versions"),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    fresh = POSTGRES_FRESH if postgresql else SQLITE_FRESH
    op.execute(
        f"INSERT INTO athlete_versions (athlete_id, version) SELECT id, {fresh} FROM athletes"
    )
    if postgresql:
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS niggle_version_new_athlete ON athletes")
        op.execute("DROP FUNCTION IF EXISTS niggle_version_new_athlete()")
        for table in OWNERS:
            op.execute(f"DROP TRIGGER IF EXISTS niggle_version_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS niggle_version_{table}()")
    else:
        op.execute("DROP TRIGGER IF EXISTS niggle_version_new_athlete")
        for table in OWNERS:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS niggle_version_{table}_{event}")
    op.drop_table("athlete_versions")
