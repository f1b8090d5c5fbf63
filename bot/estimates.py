"""Estimates: the vital few and the close circle decided from estimated strengths.

Why this exists: the weekly fan-out (``bot.fanout``) builds every owner's digest at once
and cannot afford to sum every touch of every owner. Storage keeps a running strength
sum per person; times a factor it estimates ``strength`` to within a rounding. These
functions pick the circles from such estimates only when no rounding could change the
answer (otherwise they say None and the caller ranks exactly with ``bot.scoring``), and
rank the chosen vital few from their own touches alone, as ``rank`` would.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from itertools import pairwise

from bot.domain import OwnerSettings, Person, Touch
from bot.scoring import PersonStats, person_stats, strength, vital_few

#: Below this an estimated strength may be a sum of underflowed terms (touches over a
#: century old), where relative error bounds stop holding: such an estimate decides nothing.
_TINY_STRENGTH = 1e-290
_EPSILON = 2.0**-52


def by_estimate(person_ids: Iterable[int], pinned: Collection[int],
                estimates: Mapping[int, float]) -> list[int]:
    """An owner's people who are not pinned and have touches (those in ``estimates``),
    highest estimate first (equal ones in ``person_ids`` order): what ``contenders`` and
    ``close_contenders`` take, sorted once for both."""
    return sorted((i for i in person_ids if i in estimates and i not in pinned),
                  key=estimates.__getitem__, reverse=True)


def contenders(
    others: Sequence[int], pinned: Collection[int], estimates: Mapping[int, float],
    size: int,
) -> set[int]:
    """Whom ``vital_few_from_estimates`` needs to see of an owner's people: the pinned,
    and of the others with touches (``by_estimate``), the ``size`` + 1 with the highest
    estimates. Nobody else can be in the vital few, whatever the exact strengths of near
    ties (which ``vital_few_from_estimates`` refuses to decide)."""
    room = max(size - len(pinned), 0)
    if len(others) > room + 1:
        if not all(map(_TINY_STRENGTH.__le__, map(estimates.__getitem__, others))):
            return {*pinned, *others}  # estimates that decide nothing: show them all
        others = others[: room + 1]
    return {*pinned, *others}


def vital_few_from_estimates(
    people: Sequence[Person],
    estimates: Mapping[int | None, float],
    most_touches: int,
    size: int,
    tolerance: float,
) -> list[Person] | None:
    """The vital few, in order, exactly as ``vital_few`` picks them from the strengths
    ``rank`` computes, but decided from estimates; None when the estimates cannot decide.

    ``people`` (in id order) holds at least the ``contenders``. ``estimates`` covers
    the people with touches (anyone else has none, and a strength of exactly 0): their
    strength as, say, a database summed it, within ``tolerance`` × itself of what
    ``strength`` computes (the two differ in the last digits: other rounding, another
    order of summation). ``most_touches`` bounds anyone's number of touches (the terms
    either sum adds). Each estimate is widened by that much, plus a rounding per touch
    (a bound well above the real count costs next to nothing: 2.5 million touches widen
    by 2.2e-9, against a tolerance of 1e-8), and the answer stands
    only when it does not depend on where in its range each strength lies: every two
    neighbours in the vital few, and the last chosen and the first left out, are ranges
    apart. Otherwise (near ties, such as two people with the same touches) the caller
    computes exactly.
    """
    pinned = [p for p in people if p.pinned]
    room = max(size - len(pinned), 0)
    candidates = [p for p in people if not p.pinned and p.id in estimates]
    if len(candidates) > room + 1:  # the others cannot be chosen, even by a near tie
        candidates = heapq.nlargest(room + 1, candidates, key=lambda p: estimates[p.id])
    chosen = [*pinned, *candidates]
    values = [estimates[p.id] for p in chosen if p.id in estimates]
    if not all(map(_TINY_STRENGTH.__le__, values)):  # also NaN
        return None
    widen = widening(tolerance, most_touches)

    def apart(a: Person, b: Person) -> bool:
        """Whether a's strength is surely above b's, or both are exactly 0 (a tie that
        ``vital_few`` breaks by name, whatever the estimates)."""
        sa, sb = estimates.get(a.id, 0.0), estimates.get(b.id, 0.0)
        return (sa == 0.0 and sb == 0.0) or sa * (1 - widen) > sb * (1 + widen)

    order, vital = vital_few(chosen, estimates, size)
    if not all(apart(a, b) for a, b in pairwise(vital)):
        return None
    ranked = [p for p in order if not p.pinned]
    if 0 < room < len(ranked) and not apart(ranked[room - 1], ranked[room]):
        return None
    return vital


def widening(tolerance: float, most_touches: int) -> float:
    """How far either side of an estimate the exact strength may lie, relative to it:
    the tolerance, plus a rounding per term of sums of at most ``most_touches`` terms
    (the running sum's and ``strength``'s), and of each product."""
    return tolerance + 4 * (most_touches + 1) * _EPSILON


def close_contenders(others: Sequence[int], pinned: Collection[int], size: int,
                     close_size: int) -> list[int]:
    """Who can be in the close circle, by estimate, highest first: after the ``size`` -
    pinned strongest others (``by_estimate``: the vital few's, when the estimates decide
    it), the next ``close_size`` + 1: the close circle and the first left out, whose gap
    ``close_from_estimates`` checks."""
    room = max(size - len(pinned), 0)
    return list(others[room: room + close_size + 1])


def close_from_estimates(
    ranked: Sequence[int], estimates: Mapping[int, float], most_touches: int,
    size: int, tolerance: float,
) -> list[int] | None:
    """The close circle as ``close_circle`` picks it, from ``close_contenders`` (after a
    vital few ``vital_few_from_estimates`` decided); None when the estimates cannot tell
    its last member from the first left out. Its order is the estimates': whoever uses it
    must not depend on the order within it."""
    if len(ranked) <= size:
        return list(ranked)
    if size <= 0:
        return []
    a, b = ranked[size - 1], ranked[size]
    widen = widening(tolerance, most_touches)
    if not estimates[a] * (1 - widen) > estimates[b] * (1 + widen):
        return None
    return list(ranked[:size])


def rank_vital(
    vital: Sequence[Person],
    touches: Mapping[int | None, Sequence[Touch]],
    settings: OwnerSettings,
    now: datetime,
    strengths: Mapping[int, float] | None = None,
) -> tuple[PersonStats, ...]:
    """``rank(...).vital`` for a vital few already chosen (``vital_few`` or
    ``vital_few_from_estimates``), from those people's touches alone: by person id, each
    list in time order, then id (as the repositories return them; ``rank`` sorts the
    owner's touches by time, keeping that order between touches at the same instant).
    ``strengths``: the strengths the vital few was chosen by, when the caller has them
    (estimates, 0 for those left out), instead of summing every touch's decay again;
    what a digest says does not depend on them."""
    ranked = []
    for i, p in enumerate(vital):
        ts = list(touches.get(p.id, ()))
        s = strength(ts, now) if strengths is None else strengths.get(p.id or 0, 0.0)
        ranked.append(person_stats(p, ts, s, settings, now, i + 1))
    return tuple(ranked)
