"""Slack OAuth: installations, bots and one-time OAuth states (slack_sdk's tables).

The columns are those of slack_sdk 3.47's SQLAlchemy stores (``slack_installations``,
``slack_bots``, ``slack_oauth_states``), written out by hand and frozen like 0001: a later
slack_sdk that adds columns needs a new revision. tests/slack checks this file against
``storage.slack_installations``, which builds the tables with slack_sdk's own code.

Revision ID: 0002_slack_installations
Revises: 0001_initial
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_slack_installations"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _s(name: str, length: int, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable)


def _bot_columns() -> list[sa.Column]:
    return [
        _s("bot_token", 200), _s("bot_id", 32), _s("bot_user_id", 32), _s("bot_scopes", 1000),
        _s("bot_refresh_token", 200), sa.Column("bot_token_expires_at", sa.DateTime()),
    ]


def _head() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _s("client_id", 32, nullable=False), _s("app_id", 32, nullable=False),
        _s("enterprise_id", 32), _s("enterprise_name", 200),
    ]


def upgrade() -> None:
    op.create_table(
        "slack_installations",
        *_head(), _s("enterprise_url", 200), _s("team_id", 32), _s("team_name", 200),
        *_bot_columns(),
        _s("user_id", 32, nullable=False), _s("user_token", 200), _s("user_scopes", 1000),
        _s("user_refresh_token", 200), sa.Column("user_token_expires_at", sa.DateTime()),
        _s("incoming_webhook_url", 200), _s("incoming_webhook_channel", 200),
        _s("incoming_webhook_channel_id", 200), _s("incoming_webhook_configuration_url", 200),
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        _s("token_type", 32),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("slack_installations_idx", "slack_installations",
                    ["client_id", "enterprise_id", "team_id", "user_id", "installed_at"])
    op.create_table(
        "slack_bots",
        *_head(), _s("team_id", 32), _s("team_name", 200), *_bot_columns(),
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("slack_bots_idx", "slack_bots",
                    ["client_id", "enterprise_id", "team_id", "installed_at"])
    op.create_table(
        "slack_oauth_states",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _s("state", 200, nullable=False),
        sa.Column("expire_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("slack_oauth_states")
    op.drop_index("slack_bots_idx", table_name="slack_bots")
    op.drop_table("slack_bots")
    op.drop_index("slack_installations_idx", table_name="slack_installations")
    op.drop_table("slack_installations")
