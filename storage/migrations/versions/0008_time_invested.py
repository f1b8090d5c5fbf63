"""Time invested: touches carry minutes and who reached out; owners a close circle and a budget.

Strength became decayed hours, so every person's running strength sum is recomputed
here (``storage.strength_sums.recompute``) once the existing touches have their kind's
default minutes (meet 60, call 20, message 5). Existing touches count as started by the
owner. The fan-out's two covering indexes gain the new columns, so the vital few's
touches and each owner's time in a window are still read from an index alone.

Revision ID: 0008_time_invested
Revises: 0007_slack_hardening
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.strength_sums import recompute

revision = "0008_time_invested"
down_revision = "0007_slack_hardening"
branch_labels = None
depends_on = None

_INDEX = "ix_touches_person_at_kind"
_OWNER_AT = "ix_touches_owner_at"
_OWNER = ["platform", "workspace", "user_id"]


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild (see 0004): a rebuild of people or touches
    # would drop a table that others reference.
    op.add_column("touches", sa.Column("minutes", sa.Integer(), nullable=False,
                                       server_default=sa.text("5")))
    op.add_column("touches", sa.Column("started_by", sa.String(8), nullable=False,
                                       server_default=sa.text("'me'")))
    op.execute("UPDATE touches SET minutes = CASE kind WHEN 'meet' THEN 60 "
               "WHEN 'call' THEN 20 ELSE 5 END")
    op.add_column("owners", sa.Column("close_size", sa.Integer(), nullable=False,
                                      server_default=sa.text("15")))
    op.add_column("owners", sa.Column("close_cadence_days", sa.Integer(), nullable=False,
                                      server_default=sa.text("30")))
    op.add_column("owners", sa.Column("budget_minutes", sa.Integer(), nullable=True))
    op.drop_index(_INDEX, table_name="touches")
    op.create_index(_INDEX, "touches", ["person_id", "at", "kind", "minutes", "started_by"])
    op.drop_index(_OWNER_AT, table_name="touches")
    op.create_index(_OWNER_AT, "touches", [*_OWNER, "at", "minutes"])
    recompute(op.get_bind())


def downgrade() -> None:
    op.drop_index(_OWNER_AT, table_name="touches")
    op.create_index(_OWNER_AT, "touches", [*_OWNER, "at"])
    op.drop_index(_INDEX, table_name="touches")
    op.create_index(_INDEX, "touches", ["person_id", "at", "kind"])
    op.drop_column("owners", "budget_minutes")
    op.drop_column("owners", "close_cadence_days")
    op.drop_column("owners", "close_size")
    op.drop_column("touches", "started_by")
    op.drop_column("touches", "minutes")
    recompute(op.get_bind(), with_minutes=False)
