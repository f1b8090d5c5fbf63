"""Fan-out: the weekly digest of every owner at once, from summaries read in bulk.

The delivery engine composes one digest per delivery through the unit of work (three
reads per owner and ``build_digest``). A job that needs every owner's digest at once
(the weekly fan-out, a preview, a benchmark) cannot afford to load and rank every touch
of every owner in Python, so it asks a ``DigestSource`` (``storage.bulk``) for less:

1. per owner, their settings, who their people are (ids) and who is pinned, their open
   follow-ups, each person's number of touches and strength as the database sums it
   (an estimate: other rounding, another order of summation), and how many of the
   owner's touches fall in each focus window;
2. from those, the core picks the vital few (``contenders``, then
   ``vital_few_from_estimates``), which only needs the strengths' order, and it takes
   the estimates only where no rounding could change that order;
3. then the source reads the few people it needs (the contenders, and those the
   follow-ups are about) and the touches of the vital few alone, from which the
   digest's figures (days since, usual gap, status, focus) are computed exactly as
   ``rank`` does, and the same ``compose_digest`` writes the digest.

An owner whose estimates are too close to call (two people with the same touches, say)
gets everyone's touches read and the plain ``build_digest``. So every digest is the one
the delivery engine would send for the same data: tests/delivery/test_fanout.py checks
that on random data, and the benchmark (bench/bench_digest_fanout.py) on a sample of a
big database. As in ``DeliveryEngine._compose``, an owner with nobody to keep up with
gets no digest.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.digest import WEEK, build_digest, compose_digest
from bot.domain import KIND_WEIGHTS, Followup, Owner, OwnerSettings, Person, Touch
from bot.replies import Reply
from bot.scoring import (
    FOCUS_WINDOW,
    HALF_LIFE_DAYS,
    contenders,
    focus_share,
    rank_vital,
    vital_few_from_estimates,
)
from bot.timefmt import zone

#: Owners built between two yields to the event loop: a fan-out of thousands of owners
#: must not stall the bot.
_OWNERS_PER_YIELD = 32


@dataclass(frozen=True)
class DigestQuery:
    """What the fan-out asks the source for. The rules' numbers are the core's: strength
    is Σ weights[kind] × 0.5^(age in days / half_life_days), a future touch counting
    fully (age 0); each window counts the owner's touches with ``start <= at <= end``."""

    now: datetime
    half_life_days: float
    weights: Mapping[str, int]
    windows: tuple[tuple[datetime, datetime], ...]


class OwnerSummary(Protocol):
    """One owner, as the source reads them for the fan-out."""

    settings: OwnerSettings
    #: Everyone the owner keeps up with, by id (``people`` reads them on demand).
    person_ids: Sequence[int]
    #: Of those, the pinned.
    pinned: Collection[int]
    #: Person id → number of touches, for the people with touches (it may hold other
    #: owners' people too: it is looked up by the owner's ids only).
    touch_counts: Mapping[int, int]
    #: Person id → strength estimated by the source (within ``strength_tolerance``), for
    #: the same people.
    strengths: Mapping[int, float]
    #: The owner's number of touches in each of ``DigestQuery.windows``.
    in_windows: Sequence[int]
    #: Open follow-ups, soonest first, as ``FollowupRepository.list_open`` returns them.
    followups: Sequence[Followup]


class SummaryBatch(Protocol):
    """A batch of owners; their people and touches are read on demand."""

    owners: Sequence[OwnerSummary]

    async def people(self, person_ids: Collection[int]) -> Mapping[int, Person]:
        """These people, by id, as ``PersonRepository`` returns them (``created_at`` may
        be left unset: the digest never reads it)."""
        ...

    async def touches(self, person_ids: Collection[int]) -> Mapping[int, Sequence[Touch]]:
        """These people's touches, by person id, in time order (then id); notes may be
        left empty (the digest never shows one). The batch's last read: the source may
        start on the next batch once it is done."""
        ...


class DigestSource(Protocol):
    #: Bound on |estimate − strength computed by ``bot.scoring.strength``| / estimate.
    strength_tolerance: float

    def batches(self, query: DigestQuery) -> AsyncIterator[SummaryBatch]:
        """Every owner, in batches (in a stable order, read consistently)."""
        ...


def digest_query(now: datetime) -> DigestQuery:
    """The weekly digest's question: strengths at ``now``, and the focus windows of
    ``focus`` now and a week ago (``build_digest``'s two figures)."""
    windows = tuple((end - FOCUS_WINDOW, end) for end in (now, now - WEEK))
    return DigestQuery(now, HALF_LIFE_DAYS, {k.value: w for k, w in KIND_WEIGHTS.items()},
                       windows)


async def weekly_digests(
    source: DigestSource, now: datetime
) -> AsyncIterator[tuple[Owner, Reply]]:
    """(owner, digest) for every owner that gets one, in the order the source reads them."""
    query = digest_query(now)
    tolerance = source.strength_tolerance
    async for batch in source.batches(query):
        owners = [o for o in batch.owners if o.person_ids]
        with paused_gc():
            seen = [sorted(contenders(o.person_ids, o.pinned, o.strengths, o.settings.size)
                           | {f.person_id for f in o.followups}) for o in owners]
        people = dict(await batch.people({i for ids in seen for i in ids}))
        with paused_gc():
            plans = [vital_few_from_estimates([people[i] for i in ids], o.strengths,
                                              o.touch_counts, o.settings.size, tolerance)
                     for o, ids in zip(owners, seen, strict=True)]
        unsure = [i for o, vital in zip(owners, plans, strict=True) if vital is None
                  for i in o.person_ids if i not in people]
        if unsure:  # decided exactly, from everyone's touches
            people.update(await batch.people(unsure))
        wanted = [i for o, vital in zip(owners, plans, strict=True)
                  for i in (o.person_ids if vital is None else [p.id for p in vital])
                  if i in o.touch_counts]
        touches = await batch.touches(wanted) if wanted else {}
        for i in range(0, len(owners), _OWNERS_PER_YIELD):
            with paused_gc():
                built = [(o.settings.owner, _digest(o, vital, people, touches, query))
                         for o, vital in zip(owners[i: i + _OWNERS_PER_YIELD],
                                             plans[i: i + _OWNERS_PER_YIELD], strict=True)]
            for item in built:
                yield item
            await asyncio.sleep(0)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for a stretch of synchronous bulk work.

    Building a pass's objects triggers a collection every few hundred allocations, and
    the ones that reach the oldest generation traverse every live object: they took a
    third of the fan-out's time. Nothing built here forms cycles (reference counting
    frees it all), so the collector waits until the stretch is over; it is never left
    off across an ``await`` or a ``yield``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _digest(
    o: OwnerSummary, vital: list[Person] | None, people: Mapping[int, Person],
    touches: Mapping[int, Sequence[Touch]], query: DigestQuery,
) -> Reply:
    settings, now = o.settings, query.now
    tz = zone(settings.zone_name)
    if vital is None:  # too close to call from the estimates: the plain path
        everyone = [people[i] for i in o.person_ids]
        everything = sorted((t for i in o.person_ids for t in touches.get(i, ())),
                            key=lambda t: (t.at, t.id or 0))
        return build_digest(settings, everyone, everything, o.followups, now, tz)
    mine = {p.id: touches.get(p.id or 0, ()) for p in vital}
    shares = [
        focus_share(sum(start <= t.at <= end for ts in mine.values() for t in ts), total)
        for (start, end), total in zip(query.windows, o.in_windows, strict=True)
    ]
    named = [people[f.person_id] for f in o.followups if f.person_id in people]
    return compose_digest(rank_vital(vital, mine, settings, now), shares[0], shares[1],
                          named, o.followups, now, tz)
