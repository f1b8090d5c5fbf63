"""Fan-out: the weekly digest of every owner at once, from summaries read in bulk.

The delivery engine composes one digest per delivery through the unit of work (three
reads per owner and ``build_digest``). A job that needs every owner's digest at once
(the weekly fan-out, a preview, a benchmark) cannot afford to load and rank every touch
of every owner in Python, so it asks a ``DigestSource`` (``storage.bulk``) for less:

1. per owner, their settings, who their people are (ids) and who is pinned, whether
   anyone's latest touch is later than ``now``, their open follow-ups and how many of
   their touches fall in each focus window; per person with touches, the running
   strength sum that storage keeps in step with every touch (``Person.strength_sum``);
   and a bound on anyone's number of touches (the terms of a sum);
2. the core turns each sum into a strength with ``strength_from_sum``'s rule (one
   multiplication: no touch is read, let alone summed) and picks the vital few from
   those (``bot.estimates``: ``contenders``, then ``vital_few_from_estimates`` with the
   bound, which bounds the rounding). That only needs the strengths' order, and it
   takes them only where no rounding could change that order: a running sum and
   ``strength`` add the same terms in other roundings;
3. then the source reads the few people it needs (the contenders, and those the
   follow-ups are about) and the touches of the vital few alone, from which the
   digest's figures (days since, usual gap, status, focus) are computed exactly as
   ``rank`` does, and the same ``compose_digest`` writes the digest.

An owner the sums cannot rank gets everyone's touches read and the plain
``build_digest``: someone's estimates too close to call (two people with the same
touches, say), or someone with a touch later than ``now`` (it counts fully, which no sum
can express), or a sum outside a float's normal range. So every digest is the one the
delivery engine would send for the same data: tests/delivery/test_fanout.py checks that
on random data, and the benchmark (bench/bench_digest_fanout.py) on a sample of a big
database. As in ``DeliveryEngine._compose``, an owner with nobody to keep up with gets
no digest.
"""

from __future__ import annotations

import asyncio
import gc
import math
import sys
from collections.abc import AsyncIterator, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar, cast

from bot.digest import build_digest, compose_digest
from bot.domain import Followup, Owner, OwnerSettings, Person, Touch
from bot.estimates import (
    by_estimate,
    close_contenders,
    close_from_estimates,
    contenders,
    rank_vital,
    vital_few_from_estimates,
)
from bot.replies import Reply
from bot.scoring import (
    FOCUS_WINDOW,
    TREND_WEEKS,
    WEEK,
    TimeFigures,
    close_status,
    focus_share,
    sum_factor,
)
from bot.timefmt import zone

#: Owners built between two yields to the event loop: a fan-out of thousands of owners
#: must not stall the bot.
T = TypeVar("T")
_OWNERS_PER_YIELD = 32
_MIN_NORMAL = sys.float_info.min
_MAX = sys.float_info.max


@dataclass(frozen=True)
class DigestQuery:
    """What the fan-out asks the source for: whose latest touch is later than ``now``,
    and per owner, the minutes of their touches ``start <= at <= end`` in each of
    ``windows``."""

    now: datetime
    windows: tuple[tuple[datetime, datetime], ...]


class OwnerSummary(Protocol):
    """One owner, as the source reads them for the fan-out (read-only, so that a source
    may hold them in any sequence or collection type)."""

    @property
    def settings(self) -> OwnerSettings: ...
    @property
    def person_ids(self) -> Sequence[int]:
        """Everyone the owner keeps up with, by id (``people`` reads them on demand)."""
    @property
    def pinned(self) -> Collection[int]:
        """Of those, the pinned."""
    @property
    def touched_after_now(self) -> bool:
        """Whether any of them has a touch later than ``DigestQuery.now``."""
    @property
    def in_windows(self) -> Sequence[int]:
        """The owner's minutes of touches in each of ``DigestQuery.windows``."""
    @property
    def followups(self) -> Sequence[Followup]:
        """Open follow-ups, soonest first, as ``FollowupRepository.list_open`` returns them."""


class SummaryBatch(Protocol):
    """A batch of owners; their people and touches are read on demand."""

    @property
    def owners(self) -> Sequence[OwnerSummary]: ...
    @property
    def sums(self) -> Mapping[int, float]:
        """Person id → ``Person.strength_sum``, for every person of these owners who has
        touches (and for nobody else: the keys say who has touches)."""
    @property
    def late(self) -> Collection[int]:
        """Of those, who may be going cold in a close circle: a cadence of their own, or
        a latest touch older than twice the shortest close-circle cadence of these
        owners (a superset: the core decides)."""
    @property
    def most_touches(self) -> int:
        """A bound on the number of touches of any of these people (the terms of their
        running sums, which bound its rounding): the exact number is not needed, and
        reading it per person cost a statement per 900 contenders."""

    async def people(self, person_ids: Collection[int]) -> Mapping[int, Person]:
        """These people, by id, as ``PersonRepository`` returns them (the aliases and
        the running sum may be left unset: the digest never reads them)."""
        ...

    async def touches(self, person_ids: Collection[int]) -> Mapping[int, Sequence[Touch]]:
        """These people's touches, by person id, in time order (then id); notes may be
        left empty (the digest never shows one)."""
        ...




class DigestSource(Protocol):
    #: Bound on |``strength_from_sum`` − ``strength``| / estimate for a person, beyond
    #: the rounding per touch that ``vital_few_from_estimates`` adds itself.
    strength_tolerance: float

    def batches(self, query: DigestQuery,
                owners: Collection[Owner] | None = None) -> AsyncIterator[SummaryBatch]:
        """Every owner, or only ``owners`` (those that exist), in batches (in a stable
        order, read consistently: the sums, the bound and the touches from one
        snapshot)."""
        ...


def digest_query(now: datetime) -> DigestQuery:
    """The weekly digest's question: the focus windows of ``focus`` now and a week ago
    (``build_digest``'s two figures), this week's (the time with people), and which sums
    hold at ``now``."""
    return DigestQuery(now, (*((end - FOCUS_WINDOW, end) for end in (now, now - WEEK)),
                             (now - WEEK, now)))


def estimated_strengths(sums: Mapping[int, float], now: datetime) -> dict[int, float]:
    """Each person's strength at ``now`` from their running sum; left out, those whose
    sum or strength is not a normal finite float (a mass overflowed or underflowed:
    the relative rounding bound does not hold), so their owner is ranked exactly."""
    factor = sum_factor(now)  # as strength_from_sum: bit for bit its strengths
    estimates = dict(zip(sums.keys(), map(factor.__mul__, sums.values()), strict=True))
    values = sums.values()
    if not estimates or (min(values) >= _MIN_NORMAL and max(values) <= _MAX
                         and max(estimates.values()) <= _MAX
                         and not any(map(math.isnan, values))):
        return estimates  # (one pass each, in C: a pass holds 50,000 people)
    return {i: e for i, e in estimates.items() if _MIN_NORMAL <= sums[i] <= _MAX and e <= _MAX}


def ranks_by_estimates(o: OwnerSummary, sums: Mapping[int, float],
                       estimates: Mapping[int, float]) -> bool:
    """Whether the owner's vital few may be picked from the estimates: nobody has a
    touch later than now, and every estimate of a person with touches is usable."""
    if o.touched_after_now:
        return False
    return len(estimates) == len(sums) or all(
        i in estimates for i in o.person_ids if i in sums)


async def digests_for(
    source: DigestSource, owners: Collection[Owner], now: datetime
) -> dict[Owner, Reply]:
    """The digests of these owners, for the delivery engine's due digests: an owner left
    out gets none (unknown, or nobody to keep up with), as ``DeliveryEngine._compose``
    would decide one by one."""
    return {owner: digest async for owner, digest in weekly_digests(source, now, owners)}


async def weekly_digests(
    source: DigestSource, now: datetime, only: Collection[Owner] | None = None
) -> AsyncIterator[tuple[Owner, Reply]]:
    """(owner, digest) for every owner that gets one (or every one of ``only`` that
    does), in the order the source reads them."""
    query = digest_query(now)
    async for batch in source.batches(query, only):
        async for item in _pass_digests(batch, query, source.strength_tolerance):
            yield item
        # Let go of this pass before the source reads the next: two passes alive at once
        # double what each collection of the cycle collector walks through.
        del batch


async def _pass_digests(batch: SummaryBatch, query: DigestQuery,
                        tolerance: float) -> AsyncIterator[tuple[Owner, Reply]]:
    """The digests of one batch's owners (``weekly_digests``)."""
    owners = [o for o in batch.owners if o.person_ids]
    people, plans, estimates = await _vital_few(batch, owners, query.now, tolerance)
    wanted = [i for o, plan in zip(owners, plans, strict=True)
              for i in (o.person_ids if plan is None else [p.id or 0 for p in plan[0]])
              if i in batch.sums]
    touches = await batch.touches(wanted) if wanted else {}
    for i in range(0, len(owners), _OWNERS_PER_YIELD):
        with paused_gc():
            built = [(o.settings.owner, _digest(o, plan, people, touches, estimates, query))
                     for o, plan in zip(owners[i: i + _OWNERS_PER_YIELD],
                                        plans[i: i + _OWNERS_PER_YIELD], strict=True)]
        for item in built:
            yield item
        await asyncio.sleep(0)


#: An owner's vital few, in order, and those of their close circle who may be going cold.
Plan = tuple[list[Person], list[Person]]


async def _vital_few(
    batch: SummaryBatch, owners: Sequence[OwnerSummary], now: datetime, tolerance: float
) -> tuple[dict[int, Person], list[Plan | None], dict[int, float]]:
    """Each owner's vital few and close circle, picked from the running sums, or None
    where the sums cannot decide them (the exact path); the people read on the way:
    the contenders, those the follow-ups are about, and everyone of an owner on the
    exact path; and the estimated strengths. Of the close circles only those who may
    be going cold are read (``SummaryBatch.late``): the digest says nothing of the
    others."""
    sums = batch.sums
    with paused_gc():
        estimates = estimated_strengths(sums, now)
        ranked = [ranks_by_estimates(o, sums, estimates) for o in owners]
        others = [by_estimate(o.person_ids, o.pinned, estimates) if r else None
                  for o, r in zip(owners, ranked, strict=True)]
        candidates = [None if ot is None else contenders(ot, o.pinned, estimates,
                                                         o.settings.size)
                      for o, ot in zip(owners, others, strict=True)]
        closes = [[] if ot is None else close_contenders(ot, o.pinned, o.settings.size,
                                                         o.settings.close_size)
                  for o, ot in zip(owners, others, strict=True)]
        del others
        late = batch.late
        late_close = {i for cl in closes for i in cl if i in late}
    people = dict(await batch.people(late_close | {
        i for o, c in zip(owners, candidates, strict=True)
        for i in (o.person_ids if c is None else c | {f.person_id for f in o.followups})}))
    most = batch.most_touches
    with paused_gc():
        circles = [None if c is None else _circles([people[i] for i in sorted(c)], cl,
                                                   estimates, most, o.settings, tolerance)
                   for o, c, cl in zip(owners, candidates, closes, strict=True)]
    unsure = [i for o, found in zip(owners, circles, strict=True) if found is None
              for i in o.person_ids if i not in people]
    if unsure:  # estimates too close to call: decided exactly, from everyone's touches
        people.update(await batch.people(unsure))
    return people, [None if found is None else
                    (found[0], [people[i] for i in found[1] if i in late_close])
                    for found in circles], estimates


def _circles(people: list[Person], close: list[int], estimates: Mapping[int, float],
             most_touches: int, settings: OwnerSettings,
             tolerance: float) -> tuple[list[Person], list[int]] | None:
    """The vital few and the close circle's ids from the estimates, or None when the
    estimates cannot decide one of them."""
    vital = vital_few_from_estimates(people, _by_id(estimates), most_touches,
                                     settings.size, tolerance)
    if vital is None:
        return None
    members = close_from_estimates(close, estimates, most_touches, settings.close_size,
                                   tolerance)
    return None if members is None else (vital, members)


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
    o: OwnerSummary, plan: Plan | None, people: Mapping[int, Person],
    touches: Mapping[int, Sequence[Touch]], estimates: Mapping[int, float],
    query: DigestQuery,
) -> Reply:
    settings, now = o.settings, query.now
    tz = zone(settings.zone_name)
    if plan is None:  # the sums cannot rank this owner's people: the plain path
        everyone = [people[i] for i in o.person_ids]
        everything = sorted((t for i in o.person_ids for t in touches.get(i, ())),
                            key=lambda t: (t.at, t.id or 0))
        return build_digest(settings, everyone, everything, o.followups, now, tz)
    vital, close = plan
    mine = {p.id: touches.get(p.id or 0, ()) for p in vital}
    to_vital, trend = _vital_time(mine.values(), query)
    shares = [focus_share(minutes, total)
              for minutes, total in zip(to_vital, o.in_windows[:2], strict=True)]
    named = [people[f.person_id] for f in o.followups if f.person_id in people]
    figures = TimeFigures(o.in_windows[2], trend)
    return compose_digest(rank_vital(vital, mine, settings, now, estimates), shares[0],
                          shares[1], named, o.followups, now, tz, figures=figures,
                          close=[close_status(p, settings, now) for p in close],
                          budget=settings.budget_minutes)


def _vital_time(mine: Iterable[Sequence[Touch]],
                query: DigestQuery) -> tuple[list[int], tuple[int, ...]]:
    """The vital few's minutes in each focus window (``focus``'s sums) and in each of
    the trend's weeks (``time_figures``': a touch 0 to under 7 days old is this week's,
    and so on), in one pass over their touches newest first, which stops at the first
    older than all of them: most of a history is."""
    now = query.now
    windows = query.windows[:2]
    trend_start = now - TREND_WEEKS * WEEK
    oldest = min(trend_start, *(start for start, _ in windows))
    in_windows = [0] * len(windows)
    trend = [0] * TREND_WEEKS
    for ts in mine:
        for t in reversed(ts):  # each list is in time order
            at = t.at
            if at < oldest:
                break
            if at > now:
                continue
            spent = t.spent
            for i, (start, end) in enumerate(windows):
                if start <= at <= end:
                    in_windows[i] += spent
            if at > trend_start:  # whole weeks ago, exactly (integer microseconds)
                trend[TREND_WEEKS - 1 - (now - at) // WEEK] += spent
    return in_windows, tuple(trend)


def _by_id(values: Mapping[int, T]) -> Mapping[int | None, T]:
    """Values by a stored person's id, as the scoring functions look them up from
    ``Person.id`` (None only for a person not yet stored, who has no value)."""
    return cast("Mapping[int | None, T]", values)
