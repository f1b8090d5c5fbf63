"""People: a running strength sum and latest touch, so /touch never sums a history.

``people.strength_sum`` is the sum of ``bot.scoring.touch_mass`` over the person's
touches and ``people.last_touch_at`` their latest; the touches repository keeps both in
step from now on (``storage.strength_sums``). Existing touches are summed here once. If
the scoring rule (half-life, weights, epoch) ever changes, a migration must call
``recompute`` again, since every stored sum follows the rule it was added under.

Revision ID: 0004_people_strength_sum
Revises: 0003_touches_person_at_kind
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.strength_sums import recompute

revision = "0004_people_strength_sum"
down_revision = "0003_touches_person_at_kind"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on every backend, never a batch rebuild: on SQLite a rebuild
    # drops the people table, and with foreign keys on that deletes every touch.
    op.add_column("people", sa.Column("strength_sum", sa.Float(), nullable=False,
                                      server_default=sa.text("0")))
    op.add_column("people", sa.Column("last_touch_at", sa.DateTime(timezone=True),
                                      nullable=True))
    recompute(op.get_bind(), with_minutes=False)  # touches get minutes in 0008


def downgrade() -> None:
    op.drop_column("people", "last_touch_at")
    op.drop_column("people", "strength_sum")
