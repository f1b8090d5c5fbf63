"""Ids are never reused: AUTOINCREMENT on SQLite's people, touches and follow-ups.

Without it SQLite hands the id of a deleted last row to the next insert, so a button or
confirmation still showing the old id would act on the new row (issue 14). PostgreSQL's
serial columns never reuse a value: nothing to do there.

SQLite cannot add AUTOINCREMENT in place; each table is rebuilt (batch mode: copy, drop,
rename) with every row and id kept, and ``sqlite_sequence`` starts after the highest id.
Dropping ``people`` with foreign keys on would delete every touch and follow-up through
ON DELETE CASCADE, so ``storage.migrate.upgrade`` turns foreign keys off on SQLite for the
migration (outside the transaction, where SQLite honours it) and this revision checks the
keys afterwards.

Revision ID: 0005_ids_never_reused
Revises: 0004_people_strength_sum
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0005_ids_never_reused"
down_revision = "0004_people_strength_sum"
branch_labels = None
depends_on = None

TABLES = ("people", "touches", "followups")


def _rebuild(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("rebuilding people with foreign keys on would delete every touch")
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
