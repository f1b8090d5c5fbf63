"""``storage.rows`` is the one mapping between each table and its domain object: a row of
every table reads every column and fills every field, and writing the object back gives
the same row. Adding a column to ``storage.schema`` fails here until the mapper (and the
sample row below) know it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Table

from bot.text import name_key
from storage import rows, schema

T0 = datetime(2026, 3, 4, 5, 6, 7, 890_000, tzinfo=UTC)
OWNER = {"platform": "slack", "workspace": "T1", "user_id": "U1"}


class Recording(dict[str, Any]):
    """A row that remembers which columns were read."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


# Every column of each table, none with its field's default value.
SAMPLES: dict[str, dict[str, Any]] = {
    "owners": {**OWNER, "tz": "Europe/Paris", "platform_tz": "America/New_York", "size": 7,
               "cadence_days": 21, "digest_day": 3, "digest_time": "08:30",
               "digest_enabled": True, "created_at": T0, "close_size": 9,
               "close_cadence_days": 40, "budget_minutes": 300},
    "people": {"id": 11, **OWNER, "name": "Ána Lima", "name_key": name_key("Ána Lima"),
               "platform_id": "U2", "pinned": True, "cadence_days": 10,
               "snoozed_until": T0 + timedelta(days=3), "created_at": T0,
               "strength_sum": 2.5, "last_touch_at": T0 + timedelta(days=1),
               "aliases": "Ana\nÁninha"},
    "touches": {"id": 12, **OWNER, "person_id": 11, "at": T0, "kind": "call",
                "note": "coffee", "minutes": 45, "started_by": "them"},
    "followups": {"id": 13, **OWNER, "person_id": 11, "due_at": T0 + timedelta(days=7),
                  "what": "send the deck", "status": "done", "created_at": T0,
                  "closed_at": T0 + timedelta(days=2)},
    "deliveries": {"key": "reminder:13", **OWNER, "kind": "reminder", "due_at": T0,
                   "followup_id": 13, "status": "claimed", "attempts": 2,
                   "next_attempt_at": T0 + timedelta(minutes=5),
                   "lease_until": T0 + timedelta(minutes=1), "claimed_by": "w1",
                   "last_error": "timeout", "sent_at": T0 + timedelta(minutes=9)},
}

OWNER_COLUMNS = set(OWNER)


def _owner(row: Mapping[str, Any]) -> Any:
    return rows.owner_from_row(row)


#: table: (from_row, to_values(obj, row), columns not read, columns not written)
MAPPERS: dict[str, tuple[Callable[[Any], Any], Callable[[Any, Any], dict[str, Any]],
                         set[str], set[str]]] = {
    "owners": (rows.settings_from_row, lambda obj, _: rows.settings_values(obj), set(), set()),
    # name_key is derived from the name; the running sum is the touches repository's.
    "people": (rows.person_from_row, lambda obj, _: rows.person_values(obj), {"name_key"},
               {"id", "strength_sum", "last_touch_at"}),
    # A touch's or follow-up's owner is the repository's scope, not a field of its own.
    "touches": (rows.touch_from_row, lambda obj, row: rows.touch_values(_owner(row), obj),
                OWNER_COLUMNS, {"id"}),
    "followups": (rows.followup_from_row,
                  lambda obj, row: rows.followup_values(_owner(row), obj),
                  OWNER_COLUMNS, {"id"}),
    "deliveries": (rows.delivery_from_row, lambda obj, _: rows.delivery_values(obj),
                   set(), set()),
}


def test_every_table_with_a_domain_object_has_a_mapper_and_a_sample():
    tables = {t.name for t in schema.metadata.sorted_tables} - {"kv"}
    assert tables == MAPPERS.keys() == SAMPLES.keys()


@pytest.mark.parametrize("name", sorted(MAPPERS))
def test_a_row_is_read_column_by_column_into_every_field(name: str):
    table: Table = schema.metadata.tables[name]
    from_row, _, not_read, _ = MAPPERS[name]
    assert set(SAMPLES[name]) == set(table.c.keys()), "the sample must have every column"
    row = Recording(SAMPLES[name])

    obj = from_row(row)

    assert row.read == set(table.c.keys()) - not_read
    for f in dataclasses.fields(obj):
        default = f.default if f.default is not dataclasses.MISSING else object()
        assert getattr(obj, f.name) != default, f"{name}: {f.name} was left at its default"


@pytest.mark.parametrize("name", sorted(MAPPERS))
def test_writing_the_object_back_gives_the_row(name: str):
    table: Table = schema.metadata.tables[name]
    from_row, to_values, _, not_written = MAPPERS[name]
    row = SAMPLES[name]

    values = to_values(from_row(Recording(row)), row)

    assert values == {k: v for k, v in row.items() if k not in not_written}
    assert set(values) == set(table.c.keys()) - not_written
