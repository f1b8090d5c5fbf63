"""Fan-out: the weekly digest of every owner, from bulk-read snapshots.

The delivery engine composes one digest per delivery through the unit of work (three
reads per owner); a job that needs every owner's digest at once (the weekly fan-out, a
preview, a benchmark) reads owners in bulk instead (``storage.bulk.owner_snapshots``)
and builds each digest here with the same pure ``build_digest`` and the same rules as
``DeliveryEngine._compose``: an owner with nobody to keep up with gets no digest.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Sequence
from datetime import datetime
from typing import Protocol

from bot.digest import build_digest
from bot.domain import Followup, Owner, OwnerSettings, Person, Touch
from bot.replies import Reply
from bot.timefmt import zone


class OwnerData(Protocol):
    """One owner's data as the repositories return it (people, touches by time, open
    follow-ups soonest first)."""

    settings: OwnerSettings
    people: Sequence[Person]
    touches: Sequence[Touch]
    followups: Sequence[Followup]


def weekly_digest(data: OwnerData, now: datetime) -> Reply | None:
    """The owner's digest at ``now``; None when they keep up with nobody yet."""
    if not data.people:
        return None
    settings = data.settings
    return build_digest(settings, data.people, data.touches, data.followups, now,
                        zone(settings.zone_name))


async def weekly_digests(
    owners: AsyncIterable[OwnerData], now: datetime
) -> AsyncIterator[tuple[Owner, Reply]]:
    """(owner, digest) for every owner that gets one, in the order they come."""
    async for data in owners:
        digest = weekly_digest(data, now)
        if digest is not None:
            yield data.settings.owner, digest
