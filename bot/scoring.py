"""Scoring: strength, the circles, cadence statuses, rising people, focus, initiative and
the weekly trend.

Pure functions over people and touches at a given instant, so that every figure the
bot shows can be tested with exact numbers and a fixed clock.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from bot.domain import Initiative, OwnerSettings, Person, Touch

HALF_LIFE_DAYS = 45.0
FOCUS_WINDOW = timedelta(days=30)
RISING_WINDOW = timedelta(days=30)
WEEK = timedelta(days=7)
TREND_WEEKS = 8
#: Initiative is read from a person's last 10 touches, once they have 3.
INITIATIVE_TOUCHES = 10
INITIATIVE_MIN_TOUCHES = 3
ONE_SIDED_BELOW, ONE_SIDED_ABOVE = 0.2, 0.8
DAY = 86400.0


class Status(StrEnum):
    OK = "ok"
    DUE = "due"
    COLD = "going cold"
    NEW = "no touch yet"
    SNOOZED = "snoozed"


def decay(days: float) -> float:
    """What a touch ``days`` old still counts for: halved every ``HALF_LIFE_DAYS``. The one
    place the strength formula lives; the running sums below are this rule rearranged."""
    return math.pow(0.5, days / HALF_LIFE_DAYS)


def age_days(at: datetime, now: datetime) -> float:
    return max((now - at).total_seconds() / DAY, 0.0)


def hours(touch: Touch) -> float:
    """The time a touch invested, in hours: what strength is made of."""
    return touch.spent / 60


def strength(touches: Iterable[Touch], now: datetime) -> float:
    """Decayed hours: sum of hours × 0.5^(age in days / 45) over the touches (future ones
    count fully). A tie is as strong as the time invested in it."""
    return sum(hours(t) * decay(age_days(t.at, now)) for t in touches)


#: The instant a person's running strength sum is measured from (``touch_mass``).
MASS_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def touch_mass(touch: Touch) -> float:
    """A touch's share of its person's running sum, ``Person.strength_sum``.

    Why: a /touch reply ranks the owner's people, and summing each one's whole history
    for that grows slower with every touch ever logged. Since 0.5^((now-t)/H) equals
    2^((t-E)/H) × 2^(-(now-E)/H) for a fixed epoch E, the first factor can be summed once
    per touch, when it is stored, and the strength at any later ``now`` is that sum times
    the second factor (``strength_from_sum``). The sum stays within a float's range for
    touches up to about a century after the epoch.
    """
    days = (touch.at - MASS_EPOCH).total_seconds() / DAY
    return hours(touch) * decay(-days)


def strength_from_sum(person: Person, now: datetime,
                      factor: float | None = None) -> float | None:
    """``strength`` of the person's touches from their running sum, or None when the
    sum cannot say: a touch later than ``now`` counts fully, which no sum can express.
    ``factor``: ``sum_factor(now)``, when the caller has it (one for a whole list)."""
    if person.last_touch_at is not None and person.last_touch_at > now:
        return None
    return person.strength_sum * (sum_factor(now) if factor is None else factor)


def count_touch(person: Person, touch: Touch) -> None:
    """Add a just-stored touch to the person's running sum in memory, as the touches
    repository adds it to the stored one, so a reply can rank without reading back."""
    person.strength_sum += touch_mass(touch)
    person.last_touch_at = max(person.last_touch_at or touch.at, touch.at)


def strengths_from_sums(people: Iterable[Person], now: datetime) -> dict[int | None, float] | None:
    """Each person's strength from their running sum; None if any sum cannot say."""
    found: dict[int | None, float] = {}
    factor = sum_factor(now)
    for person in people:
        strength = strength_from_sum(person, now, factor)
        if strength is None:
            return None
        found[person.id] = strength
    return found


def sum_factor(now: datetime) -> float:
    """What a running sum is multiplied by to give the strength at ``now``."""
    days = (now - MASS_EPOCH).total_seconds() / DAY
    return decay(days)


def usual_gap_days(touches: Sequence[Touch]) -> float | None:
    """Median gap between consecutive touches, once there are at least three."""
    if len(touches) < 3:
        return None
    times = sorted([t.at for t in touches])
    gaps = sorted([(b - a).total_seconds() / DAY for a, b in pairwise(times)])
    middle = len(gaps) // 2  # statistics.median's rule, without its checks and copies
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


@dataclass(frozen=True)
class PersonStats:
    """Everything the bot says about one person at one instant."""

    person: Person
    strength: float
    touches: tuple[Touch, ...]
    cadence_days: int | None
    status: Status | None
    days_since: float | None
    usual_gap: float | None
    pinned: bool
    rank: int | None = None  # 1-based within the vital few; None outside it
    in_close: bool = False  # in the close circle (the next strongest after the vital few)

    @property
    def last_touch(self) -> Touch | None:
        return self.touches[-1] if self.touches else None

    @property
    def one_sided(self) -> tuple[int, int] | None:
        """(touches the owner started, of how many) when the tie is one-sided."""
        return one_sided(self.touches)

    @property
    def overdue_days(self) -> float:
        """How far past the cadence the last touch is (negative: not yet due)."""
        if self.days_since is None or not self.cadence_days:
            return float("-inf")
        return self.days_since - self.cadence_days

    @property
    def why(self) -> str:
        """The status in numbers: '41 days since your last touch; you usually talk …'."""
        if self.days_since is None:
            return "no touch logged yet"
        since = f"{_days(self.days_since)} since your last touch"
        if self.usual_gap is not None and round(self.usual_gap) >= 1:  # not "every 0 days"
            return f"{since}; you usually talk every {_days(self.usual_gap)}"
        if self.cadence_days:  # whose, as the reply to /touch says it
            whose = ("their" if self.person.cadence_days else
                     "your close circle's" if self.in_close else "your")
            return f"{since}; {whose} cadence is every {_days(self.cadence_days)}"
        return since


def _days(d: float) -> str:
    n = int(round(d))
    return "1 day" if n == 1 else f"{n} days"


@dataclass(frozen=True)
class Ranking:
    vital: tuple[PersonStats, ...]
    others: tuple[PersonStats, ...]
    rising: tuple[PersonStats, ...]
    focus: int | None  # percent of the last 30 days' time that went to the vital few
    close: tuple[PersonStats, ...] = ()  # the close circle, by strength

    @property
    def everyone(self) -> tuple[PersonStats, ...]:
        return tuple(sorted((*self.vital, *self.others), key=lambda s: -s.strength))


def rank(
    people: Sequence[Person],
    touches: Sequence[Touch],
    settings: OwnerSettings,
    now: datetime,
) -> Ranking:
    """Rank the owner's people: pinned plus strongest others, up to the owner's size."""
    by_person: dict[int | None, list[Touch]] = defaultdict(list)
    for t in sorted(touches, key=lambda t: t.at):
        by_person[t.person_id].append(t)
    strengths = {p.id: strength(by_person[p.id], now) for p in people}
    order, vital_order = vital_few(people, strengths, settings.size)
    vital_ids = {p.id for p in vital_order}
    close_ids = {p.id for p in close_circle(order, vital_ids, strengths, settings.close_size)}

    def stats(p: Person, r: int | None) -> PersonStats:
        return person_stats(p, by_person[p.id], strengths[p.id], settings, now, r,
                      in_close=p.id in close_ids)

    vital = tuple(stats(p, i + 1) for i, p in enumerate(vital_order))
    others = tuple(stats(p, None) for p in order if p.id not in vital_ids)
    close = tuple(s for s in others if s.in_close)
    return Ranking(vital, others, _rising(others, now), focus(touches, vital_ids, now), close)


def close_circle(order: Sequence[Person], vital_ids: Collection[int | None],
                 strengths: Mapping[int | None, float], size: int) -> list[Person]:
    """The close circle: after the vital few, the strongest with any strength, up to
    ``size``, from everyone in strength order (``vital_few``'s first list)."""
    rest = [p for p in order if p.id not in vital_ids and strengths.get(p.id, 0.0) > 0]
    return rest[:size]


def vital_few(
    people: Sequence[Person], strengths: Mapping[int | None, float], size: int
) -> tuple[list[Person], list[Person]]:
    """Everyone by strength (ties by name), and the vital few among them in that order:
    the pinned, plus the strongest others with any strength, up to ``size``."""
    order = sorted(people, key=lambda p: (-strengths.get(p.id, 0.0), p.name.casefold()))
    pinned = [p for p in order if p.pinned]
    room = max(size - len(pinned), 0)
    strongest = [p for p in order if not p.pinned and strengths.get(p.id, 0.0) > 0][:room]
    vital_ids = {p.id for p in (*pinned, *strongest)}
    return order, [p for p in order if p.id in vital_ids]


def person_stats(
    p: Person, ts: list[Touch], s: float, settings: OwnerSettings, now: datetime,
    r: int | None, *, in_close: bool = False,
) -> PersonStats:
    """A person's ``PersonStats`` from their touches (time order) and strength ``s``;
    ``r`` their rank in the vital few (None outside it)."""
    cadence = effective_cadence(p, settings, in_vital_few=r is not None, in_close=in_close)
    days_since = age_days(ts[-1].at, now) if ts else None
    return PersonStats(
        person=p, strength=s, touches=tuple(ts), cadence_days=cadence,
        status=_status(p, cadence, days_since, now), days_since=days_since,
        usual_gap=usual_gap_days(ts), pinned=p.pinned, rank=r, in_close=in_close,
    )


def effective_cadence(p: Person, settings: OwnerSettings, in_vital_few: bool,
                      in_close: bool = False) -> int | None:
    """A person's own cadence (0 means off), else their circle's default for them."""
    if p.cadence_days is not None:
        return p.cadence_days or None
    if in_vital_few:
        return settings.cadence_days
    return settings.close_cadence_days if in_close else None


def close_status(p: Person, settings: OwnerSettings, now: datetime) -> PersonStats:
    """A close-circle member as the digest sees them, from their latest touch alone
    (``Person.last_touch_at``, kept by storage): their status by the close cadence."""
    cadence = effective_cadence(p, settings, in_vital_few=False, in_close=True)
    last = p.last_touch_at
    days_since = age_days(last, now) if last is not None else None
    return PersonStats(
        person=p, strength=0.0, touches=(), cadence_days=cadence,
        status=_status(p, cadence, days_since, now), days_since=days_since,
        usual_gap=None, pinned=p.pinned, in_close=True)


def _status(
    p: Person, cadence: int | None, days_since: float | None, now: datetime
) -> Status | None:
    if p.snoozed_until and p.snoozed_until > now:
        return Status.SNOOZED
    if cadence is None:
        return None
    if days_since is None:
        return Status.NEW
    if days_since > 2 * cadence:
        return Status.COLD
    return Status.DUE if days_since > cadence else Status.OK


def _rising(others: Sequence[PersonStats], now: datetime) -> tuple[PersonStats, ...]:
    """Outside the vital few, the people whose recent touches add the most strength."""
    since = now - RISING_WINDOW
    gains = {s.person.id: strength([t for t in s.touches if t.at >= since], now) for s in others}
    rising = [s for s in others if gains[s.person.id] > 0]
    return tuple(sorted(rising, key=lambda s: -gains[s.person.id])[:3])


def focus(touches: Iterable[Touch], vital_ids: set[int | None], now: datetime) -> int | None:
    """Percent of the time (touch minutes) in the 30 days before ``now`` that went to the
    vital few."""
    recent = [t for t in touches if now - FOCUS_WINDOW <= t.at <= now]
    return focus_share(sum(t.spent for t in recent if t.person_id in vital_ids),
                       sum(t.spent for t in recent))


def initiative(touches: Sequence[Touch]) -> tuple[int, int] | None:
    """Of a person's last 10 touches (time order), how many the owner started, and of
    how many; None below 3 touches."""
    if len(touches) < INITIATIVE_MIN_TOUCHES:
        return None
    last = touches[-INITIATIVE_TOUCHES:]
    return sum(t.started_by is Initiative.ME for t in last), len(last)


def one_sided(touches: Sequence[Touch]) -> tuple[int, int] | None:
    """``initiative`` when the owner started under 20% or over 80% of those touches."""
    found = initiative(touches)
    if found is None:
        return None
    mine, n = found
    return found if not ONE_SIDED_BELOW <= mine / n <= ONE_SIDED_ABOVE else None


def minutes_between(touches: Iterable[Touch], start: datetime, end: datetime) -> int:
    return sum(t.spent for t in touches if start <= t.at <= end)


@dataclass(frozen=True)
class TimeFigures:
    """Time with people: ``week`` minutes with anyone in the last seven days; ``trend``
    the minutes with the vital few in each of the last 8 weeks (this week last)."""

    week: int
    trend: tuple[int, ...]

    @property
    def week_vital(self) -> int:
        return self.trend[-1] if self.trend else 0


def time_figures(week: int, vital_touches: Iterable[Touch], now: datetime) -> TimeFigures:
    """``TimeFigures`` from the week's minutes with anyone and the vital few's touches.
    The trend's weeks are seven-day stretches back from ``now``, oldest first: a touch
    0 to under 7 days old is this week's, 7 to under 14 last week's, and so on."""
    trend = [0] * TREND_WEEKS
    span = WEEK.total_seconds()
    for t in vital_touches:
        weeks_ago = int((now - t.at).total_seconds() // span)
        if 0 <= weeks_ago < TREND_WEEKS and t.at <= now:
            trend[TREND_WEEKS - 1 - weeks_ago] += t.spent
    return TimeFigures(week, tuple(trend))


def owner_time(touches: Sequence[Touch], vital_ids: set[int | None],
               now: datetime) -> TimeFigures:
    """``time_figures`` from all of an owner's touches."""
    return time_figures(minutes_between(touches, now - WEEK, now),
                        [t for t in touches if t.person_id in vital_ids], now)


def focus_share(to_vital: int, total: int) -> int | None:
    """``focus`` from counts: of ``total`` touches in the window, ``to_vital`` went to
    the vital few."""
    if not total:
        return None
    return round(100 * to_vital / total)
