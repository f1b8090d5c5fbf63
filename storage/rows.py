"""Rows to domain objects and back: the one place that knows each table's columns.

Every repository and the fan-out reader (``storage.bulk``) build ``bot.domain`` objects
with these functions, and write them with the ``*_values`` functions, so adding a column
means editing ``storage.schema``, a migration and this module (a test maps a row of each
table and fails when a column is not read or a field not filled).

Rows are read by column name, as ``Result.mappings()`` gives them (SQLAlchemy's public
dict-like rows: a key lookup there is several times cheaper than ``row.name``, which
counts when a /touch reads every person of its owners).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from bot.domain import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Followup,
    FollowupStatus,
    Initiative,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.text import name_key

#: A row by column name, as ``Result.mappings()`` gives it (or any mapping, in tests).
Row = Mapping[Any, Any]

_KINDS = {kind.value: kind for kind in Kind}


def utcnow() -> datetime:
    """Default for created_at when the caller left it unset."""
    return datetime.now(UTC)


# Owners ---------------------------------------------------------------------------------


def owner_from_row(row: Row) -> Owner:
    return Owner(platform=row["platform"], workspace=row["workspace"], user=row["user_id"])


def owner_key(row: Row) -> tuple[str, str, str]:
    """A row's owner as the tuple ``owner_values`` writes (to find the Owner asked for)."""
    return row["platform"], row["workspace"], row["user_id"]


def owner_values(owner: Owner) -> dict[str, str]:
    """The owner columns' values for an INSERT."""
    return {"platform": owner.platform, "workspace": owner.workspace, "user_id": owner.user}


def format_clock(value: time) -> str:
    """``owners.digest_time``: 'HH:MM', local to the owner."""
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


#: The owners columns an owner may change (``upsert`` updates these, never created_at).
SETTINGS_COLUMNS = ("tz", "platform_tz", "size", "cadence_days", "digest_day",
                    "digest_time", "digest_enabled", "close_size", "close_cadence_days",
                    "budget_minutes")


def settings_from_row(row: Row, owner: Owner | None = None) -> OwnerSettings:
    """An ``owners`` row; ``owner``: the Owner it belongs to, when the caller has it."""
    enabled = row["digest_enabled"]
    return OwnerSettings(
        owner=owner or owner_from_row(row),
        tz=row["tz"],
        platform_tz=row["platform_tz"],
        size=row["size"],
        cadence_days=row["cadence_days"],
        digest_day=row["digest_day"],
        digest_time=parse_clock(row["digest_time"]),
        digest_enabled=None if enabled is None else bool(enabled),
        created_at=row["created_at"],
        close_size=row["close_size"],
        close_cadence_days=row["close_cadence_days"],
        budget_minutes=row["budget_minutes"],
    )


def settings_values(settings: OwnerSettings) -> dict[str, Any]:
    return {
        **owner_values(settings.owner),
        "tz": settings.tz,
        "platform_tz": settings.platform_tz,
        "size": settings.size,
        "cadence_days": settings.cadence_days,
        "digest_day": settings.digest_day,
        "digest_time": format_clock(settings.digest_time),
        "digest_enabled": settings.digest_enabled,
        "created_at": settings.created_at or utcnow(),
        "close_size": settings.close_size,
        "close_cadence_days": settings.close_cadence_days,
        "budget_minutes": settings.budget_minutes,
    }


# People ---------------------------------------------------------------------------------


def person_from_row(row: Row, owner: Owner | None = None, prefix: str = "") -> Person:
    """A ``people`` row; ``owner``: the Owner it belongs to, when the caller has it;
    ``prefix``: what the people columns' labels start with in a join (``PERSON_PREFIX``)."""
    return Person(
        owner=owner or owner_from_row(row),
        name=row[prefix + "name"],
        platform_id=row[prefix + "platform_id"],
        pinned=bool(row[prefix + "pinned"]),
        cadence_days=row[prefix + "cadence_days"],
        snoozed_until=row[prefix + "snoozed_until"],
        created_at=row[prefix + "created_at"],
        id=row[prefix + "id"],
        strength_sum=row[prefix + "strength_sum"],
        last_touch_at=row[prefix + "last_touch_at"],
        aliases=tuple(a for a in (row[prefix + "aliases"] or "").split("\n") if a),
    )


def person_from_values(owner: Owner, person_id: int, name: str, platform_id: str | None,
                       pinned: bool, cadence_days: int | None, snoozed_until: datetime | None,
                       created_at: datetime, last_touch_at: datetime | None) -> Person:
    """``person_from_row`` for a row of just these columns, positionally: the fan-out
    reads some 80,000 people at once and shows none of their aliases or running sums."""
    return Person(owner, name, platform_id, bool(pinned), cadence_days, snoozed_until,
                  created_at, person_id, last_touch_at=last_touch_at)


#: Label prefix of the people columns where they are joined to another table's.
PERSON_PREFIX = "person_"


def person_editable_values(person: Person) -> dict[str, Any]:
    """What ``update`` saves. (``strength_sum`` and ``last_touch_at`` are the touches
    repository's to keep, ``storage.strength_sums``; id, owner and created_at never change.)"""
    return {
        "name": person.name,
        "name_key": name_key(person.name),
        "platform_id": person.platform_id,
        "pinned": person.pinned,
        "cadence_days": person.cadence_days,
        "snoozed_until": person.snoozed_until,
        "aliases": "\n".join(person.aliases) or None,
    }


def person_values(person: Person) -> dict[str, Any]:
    """A new person's row (without id, which the database assigns; the running sum
    starts at the column's default)."""
    return {**owner_values(person.owner), **person_editable_values(person),
            "created_at": person.created_at or utcnow()}


# Touches --------------------------------------------------------------------------------


_STARTERS = {who.value: who for who in Initiative}


def touch_from_row(row: Row) -> Touch:
    return Touch(person_id=row["person_id"], at=row["at"], kind=_KINDS[row["kind"]],
                 note=row["note"], id=row["id"], minutes=row["minutes"],
                 started_by=_STARTERS[row["started_by"]])


def touch_from_values(person_id: int, touch_id: int, at: datetime, kind: str,
                      minutes: int, started_by: str) -> Touch:
    """``touch_from_row`` for a row of just these columns, positionally and without the
    note: the fan-out reads a quarter of a million touches at once, and a row's mapping
    and the empty note cost a third of turning them into ``Touch``es."""
    return Touch(person_id, at, _KINDS[kind], "", touch_id, minutes, _STARTERS[started_by])


def touch_values(owner: Owner, touch: Touch) -> dict[str, Any]:
    return {**owner_values(owner), "person_id": touch.person_id, "at": touch.at,
            "kind": str(touch.kind), "note": touch.note, "minutes": touch.spent,
            "started_by": touch.started_by.value}


# Follow-ups -----------------------------------------------------------------------------


def followup_from_row(row: Row) -> Followup:
    return Followup(
        person_id=row["person_id"],
        due_at=row["due_at"],
        what=row["what"],
        status=FollowupStatus(row["status"]),
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        id=row["id"],
    )


def followup_editable_values(followup: Followup) -> dict[str, Any]:
    """What ``update`` saves; the person it is about never changes."""
    return {"due_at": followup.due_at, "what": followup.what,
            "status": str(followup.status), "closed_at": followup.closed_at}


def followup_values(owner: Owner, followup: Followup) -> dict[str, Any]:
    return {**owner_values(owner), "person_id": followup.person_id,
            **followup_editable_values(followup),
            "created_at": followup.created_at or utcnow()}


# Deliveries -----------------------------------------------------------------------------


def delivery_from_row(row: Row) -> Delivery:
    return Delivery(
        key=row["key"],
        owner=owner_from_row(row),
        kind=DeliveryKind(row["kind"]),
        due_at=row["due_at"],
        followup_id=row["followup_id"],
        status=DeliveryStatus(row["status"]),
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        lease_until=row["lease_until"],
        claimed_by=row["claimed_by"],
        last_error=row["last_error"],
        sent_at=row["sent_at"],
    )


def delivery_values(delivery: Delivery) -> dict[str, Any]:
    return {
        "key": delivery.key,
        **owner_values(delivery.owner),
        "kind": str(delivery.kind),
        "due_at": delivery.due_at,
        "followup_id": delivery.followup_id,
        "status": str(delivery.status),
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "lease_until": delivery.lease_until,
        "claimed_by": delivery.claimed_by,
        "last_error": delivery.last_error,
        "sent_at": delivery.sent_at,
    }
