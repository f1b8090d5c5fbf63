"""Initial schema: owners, people, touches, followups, deliveries, kv.

Written by hand and frozen: later changes to storage/schema.py need a new revision, not
an edit here. Plain SQLAlchemy types only (UTCDateTime is timestamptz underneath), so
this file keeps working whatever happens to the app's own types.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _owner(*, primary_key: bool = False) -> list[sa.Column]:
    return [
        sa.Column(name, sa.String(128), primary_key=primary_key, nullable=False)
        for name in ("platform", "workspace", "user_id")
    ]


def _when(name: str, *, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "owners",
        *_owner(primary_key=True),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("platform_tz", sa.String(64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("digest_day", sa.Integer(), nullable=False),
        sa.Column("digest_time", sa.String(5), nullable=False),
        sa.Column("digest_enabled", sa.Boolean(), nullable=True),
        _when("created_at", nullable=False),
        sa.PrimaryKeyConstraint("platform", "workspace", "user_id", name="pk_owners"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_owner(),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("platform_id", sa.String(128), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        _when("snoozed_until", nullable=True),
        _when("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_index(
        "uq_people_owner_platform_id",
        "people",
        ["platform", "workspace", "user_id", "platform_id"],
        unique=True,
    )
    op.create_index(
        "ix_people_owner_name_key", "people", ["platform", "workspace", "user_id", "name_key"]
    )
    op.create_table(
        "touches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_owner(),
        sa.Column("person_id", sa.Integer(), nullable=False),
        _when("at", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_touches_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_touches"),
    )
    op.create_index("ix_touches_person_id", "touches", ["person_id"])
    op.create_index("ix_touches_owner_at", "touches", ["platform", "workspace", "user_id", "at"])
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_owner(),
        sa.Column("person_id", sa.Integer(), nullable=False),
        _when("due_at", nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _when("created_at", nullable=False),
        _when("closed_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_followups_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_followups"),
    )
    op.create_index("ix_followups_person_id", "followups", ["person_id"])
    op.create_index(
        "ix_followups_owner_status_due",
        "followups",
        ["platform", "workspace", "user_id", "status", "due_at"],
    )
    op.create_table(
        "deliveries",
        sa.Column("key", sa.String(255), nullable=False),
        *_owner(),
        sa.Column("kind", sa.String(16), nullable=False),
        _when("due_at", nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at", nullable=True),
        _when("lease_until", nullable=True),
        sa.Column("claimed_by", sa.String(255), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _when("sent_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["followups.id"],
            name="fk_deliveries_followup_id_followups",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name="pk_deliveries"),
    )
    op.create_index("ix_deliveries_followup_id", "deliveries", ["followup_id"])
    op.create_index("ix_deliveries_status_due_at", "deliveries", ["status", "due_at"])
    op.create_index("ix_deliveries_status_lease_until", "deliveries", ["status", "lease_until"])
    op.create_index("ix_deliveries_owner", "deliveries", ["platform", "workspace", "user_id"])
    op.create_table(
        "kv",
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _when("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_kv"),
    )


def downgrade() -> None:
    for table in ("kv", "deliveries", "followups", "touches", "people", "owners"):
        op.drop_table(table)
