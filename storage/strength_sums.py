"""People's running strength sums: ``people.strength_sum`` and ``people.last_touch_at``.

The core ranks a person by the decayed sum of their touches (``bot.scoring``). Summing a
person's whole history on every /touch grows slower with every touch ever logged, so
each person keeps a running sum of ``bot.scoring.touch_mass`` instead, which the core
turns into today's strength with one multiplication (``strength_from_sum``).

The sums are kept here, in step with the touches table: the touches repository adds a
batch's touches to them in the same transaction as it inserts the touches, as an
increment in SQL (``strength_sum + :mass``), so that two replicas touching one person at
once both count. ``recompute`` rebuilds every sum from the touches, for the migration that
added the columns and for any later one that changes the scoring rule (0008: strength
became decayed hours).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Update,
    bindparam,
    case,
    func,
    null,
    or_,
    select,
    update,
)

from bot.domain import Kind, Owner, Touch
from bot.scoring import touch_mass
from storage.schema import people, touches
from storage.types import UTCDateTime

#: People whose touches are read at a time while recomputing.
RECOMPUTE_PEOPLE = 2_000


def increments(batch: Iterable[tuple[Owner, Touch]]) -> list[dict[str, Any]]:
    """One parameter set per (owner, person) of the batch: the mass its touches add and
    the latest of them (a person touched twice in one batch is one row)."""
    found: dict[tuple[Owner, int], tuple[float, datetime]] = {}
    for owner, touch in batch:
        mass, latest = found.get((owner, touch.person_id), (0.0, touch.at))
        if touch.at.tzinfo is not None:  # a naive time is refused by the UPDATE's type
            mass += touch_mass(touch)
        found[(owner, touch.person_id)] = (mass, max(latest, touch.at))
    return [{"b_person": person_id, "b_platform": owner.platform,
             "b_workspace": owner.workspace, "b_user": owner.user,
             "b_mass": mass, "b_at": latest}
            for (owner, person_id), (mass, latest) in found.items()]


@cache
def add_to_person() -> Update:
    """UPDATE one person's sum and latest touch, only if they are the given owner's."""
    return _increment(people.c.platform == bindparam("b_platform"),
                      people.c.workspace == bindparam("b_workspace"),
                      people.c.user_id == bindparam("b_user"))


def _increment(*conditions: Any) -> Update:
    """Add ``b_mass`` to person ``b_person``'s sum; their latest touch becomes ``b_at``
    if that is later."""
    at = bindparam("b_at", type_=UTCDateTime)
    later = or_(people.c.last_touch_at.is_(None), people.c.last_touch_at < at)
    return (
        update(people)
        .where(people.c.id == bindparam("b_person"), *conditions)
        .values(strength_sum=people.c.strength_sum + bindparam("b_mass", type_=Float),
                last_touch_at=case((later, at), else_=people.c.last_touch_at))
    )


def recompute(connection: Connection, *, with_minutes: bool = True) -> None:
    """Set every person's sum and latest touch from their touches (a sync connection,
    as migrations have). People without touches get 0 and no latest touch.
    ``with_minutes=False``: for a database from before touches had minutes (migration
    0004), each touch counts for its kind's default."""
    connection.execute(update(people).values(strength_sum=0.0, last_touch_at=None))
    minutes = touches.c.minutes if with_minutes else null()
    lowest, highest = connection.execute(
        select(func.min(touches.c.person_id), func.max(touches.c.person_id))).one()
    if lowest is None:
        return
    # Ranges of person ids, each read whole: no server-side cursor, which on PostgreSQL
    # would stay open to the end of the transaction and block a later migration's ALTER.
    for start in range(lowest, highest + 1, RECOMPUTE_PEOPLE):
        rows = connection.execute(
            select(touches.c.person_id, touches.c.at, touches.c.kind, minutes)
            .where(touches.c.person_id.between(start, start + RECOMPUTE_PEOPLE - 1))).all()
        if rows:
            connection.execute(_set_person(), _totals(rows))


def _totals(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Per person in ``rows``: the sum of masses and the latest touch, as increments."""
    found: dict[int, tuple[float, datetime]] = {}
    for person_id, at, kind, minutes in rows:
        mass, latest = found.get(person_id, (0.0, at))
        touch = Touch(person_id, at, Kind(kind), minutes=minutes)
        found[person_id] = (mass + touch_mass(touch), max(latest, at))
    return [{"b_person": p, "b_mass": mass, "b_at": latest}
            for p, (mass, latest) in found.items()]


@cache
def _set_person() -> Update:
    return _increment()
