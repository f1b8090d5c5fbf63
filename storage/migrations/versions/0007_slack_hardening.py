"""Slack OAuth states: indexed by state and by expiry (issue 15).

A state is looked up by its value on every OAuth redirect and expired states are deleted
by ``expire_at`` on every install visit (``storage.slack_states``): both need an index,
or a flood of install visits slows every query that shares the database.

Revision ID: 0007_slack_hardening
Revises: 0006_people_aliases
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0007_slack_hardening"
down_revision = "0006_people_aliases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("slack_oauth_states_state_idx", "slack_oauth_states", ["state"])
    op.create_index("slack_oauth_states_expire_at_idx", "slack_oauth_states", ["expire_at"])


def downgrade() -> None:
    op.drop_index("slack_oauth_states_expire_at_idx", table_name="slack_oauth_states")
    op.drop_index("slack_oauth_states_state_idx", table_name="slack_oauth_states")
