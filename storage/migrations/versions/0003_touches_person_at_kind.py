"""Touches: a covering index in person order, (person_id, at, kind), for the fan-out.

Reading every owner's digest needs each person's touches. Touches are written in time
order, so one person's lie scattered over the table; through this index they are one
contiguous run, in time order, that the database can aggregate without visiting the
table at all (``storage.bulk``). It replaces ``ix_touches_person_id``, which it covers:
its leading column serves the same lookups (a person's touches, ON DELETE CASCADE).

Revision ID: 0003_touches_person_at_kind
Revises: 0002_slack_installations
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003_touches_person_at_kind"
down_revision = "0002_slack_installations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_touches_person_at_kind", "touches", ["person_id", "at", "kind"])
    op.drop_index("ix_touches_person_id", table_name="touches")


def downgrade() -> None:
    op.create_index("ix_touches_person_id", "touches", ["person_id"])
    op.drop_index("ix_touches_person_at_kind", table_name="touches")
