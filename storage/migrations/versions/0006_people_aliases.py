"""People: former names (/vitalfew rename), one per line, that still find the person.

Revision ID: 0006_people_aliases
Revises: 0005_ids_never_reused
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_people_aliases"
down_revision = "0005_ids_never_reused"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild (see 0004): a rebuild drops the people table.
    op.add_column("people", sa.Column("aliases", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("people", "aliases")
