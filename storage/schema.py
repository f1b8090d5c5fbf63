"""The database schema as SQLAlchemy Core tables.

Every table except ``kv`` carries the owner's three columns (platform, workspace,
user_id) so that every query can be scoped to one owner and a whole workspace can be
deleted with one statement per table. ``migrations/versions`` must create exactly this;
a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from storage.types import UTCDateTime

#: Deterministic constraint names, so Alembic (batch mode on SQLite) can find them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 128  # platform, workspace and user ids; Slack's and Discord's are far shorter
KEY_LENGTH = 255

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def owner_columns(*, primary_key: bool = False) -> list[Column]:
    """The three columns naming an owner; Discord's workspace is ''."""
    return [
        Column("platform", String(ID_LENGTH), primary_key=primary_key, nullable=False),
        Column("workspace", String(ID_LENGTH), primary_key=primary_key, nullable=False),
        Column("user_id", String(ID_LENGTH), primary_key=primary_key, nullable=False),
    ]


owners = Table(
    "owners",
    metadata,
    *owner_columns(primary_key=True),
    Column("tz", String(64), nullable=True),
    Column("platform_tz", String(64), nullable=True),
    Column("size", Integer, nullable=False),
    Column("cadence_days", Integer, nullable=False),
    Column("digest_day", Integer, nullable=False),
    Column("digest_time", String(5), nullable=False),  # 'HH:MM', local to the owner
    Column("digest_enabled", Boolean, nullable=True),  # None: never asked
    Column("created_at", UTCDateTime, nullable=False),
    # The close circle (migration 0008): its size and default cadence; the weekly budget.
    Column("close_size", Integer, nullable=False, server_default=text("15")),
    Column("close_cadence_days", Integer, nullable=False, server_default=text("30")),
    Column("budget_minutes", Integer, nullable=True),  # None: no budget
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *owner_columns(),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # casefolded, accents stripped
    Column("platform_id", String(ID_LENGTH), nullable=True),
    Column("pinned", Boolean, nullable=False),
    Column("cadence_days", Integer, nullable=True),
    Column("snoozed_until", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # Running strength sum and latest touch, kept by the touches repository as touches
    # are added (bot.scoring.touch_mass): a /touch ranks people without their history.
    Column("strength_sum", Float, nullable=False, server_default=text("0")),
    Column("last_touch_at", UTCDateTime, nullable=True),
    # Former names (/vitalfew rename), one per line: typed, they still find the person.
    Column("aliases", Text, nullable=True),  # None: no former names
    Index(
        "uq_people_owner_platform_id",
        "platform",
        "workspace",
        "user_id",
        "platform_id",
        unique=True,
    ),
    Index("ix_people_owner_name_key", "platform", "workspace", "user_id", "name_key"),
    sqlite_autoincrement=True,  # ids never reused (issue 14; serial on PostgreSQL)
)

touches = Table(
    "touches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *owner_columns(),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("note", Text, nullable=False),
    # Time invested and who reached out (migration 0008).
    Column("minutes", Integer, nullable=False, server_default=text("5")),
    Column("started_by", String(8), nullable=False, server_default=text("'me'")),
    # Covers the minutes: the fan-out sums each owner's time in a window from it alone.
    Index("ix_touches_owner_at", "platform", "workspace", "user_id", "at", "minutes"),
    # Covering, in person order: the fan-out reads the vital few's touches from it alone
    # (storage.bulk); its leading column serves lookups by person.
    Index("ix_touches_person_at_kind", "person_id", "at", "kind", "minutes", "started_by"),
    sqlite_autoincrement=True,  # ids never reused (issue 14; serial on PostgreSQL)
)

followups = Table(
    "followups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *owner_columns(),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("due_at", UTCDateTime, nullable=False),
    Column("what", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime, nullable=True),
    Index("ix_followups_owner_status_due", "platform", "workspace", "user_id", "status", "due_at"),
    sqlite_autoincrement=True,  # ids never reused (issue 14; serial on PostgreSQL)
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    *owner_columns(),
    Column("kind", String(16), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column(
        "followup_id",
        Integer,
        ForeignKey("followups.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=True),
    Column("lease_until", UTCDateTime, nullable=True),
    Column("claimed_by", String(KEY_LENGTH), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    Index("ix_deliveries_status_due_at", "status", "due_at"),
    Index("ix_deliveries_status_lease_until", "status", "lease_until"),
    Index("ix_deliveries_owner", "platform", "workspace", "user_id"),
)

#: Small app-level state (e.g. the Discord command-sync hash); belongs to no owner.
kv = Table(
    "kv",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: Owner-scoped tables, children first: the order to delete an owner's rows in.
OWNED_TABLES = (deliveries, followups, touches, people, owners)
