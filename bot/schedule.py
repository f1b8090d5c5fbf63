"""When deliveries fall due, and the keys that make each one unique.

A reminder's key names the follow-up and its due instant, so a snooze makes a new
delivery while a retry or a second replica finds the same one. A digest's key names the
owner and the local ISO week, so each week's digest goes out once whatever the schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.domain import Delivery, DeliveryKind, DeliveryStatus, Followup, Owner, OwnerSettings
from bot.ports import DeliveryRepository
from bot.timefmt import zone

#: How far back rescheduling looks at weekly digest rows (besides every pending one):
#: the week it schedules for starts after ``now`` minus a week, so older rows cannot be
#: of that week. An owner's whole delivery history is never read.
DIGEST_HISTORY = timedelta(days=8)
#: A week whose digest row is in one of these has had its digest (or is sending it).
WEEK_TAKEN = (DeliveryStatus.SENT, DeliveryStatus.CLAIMED, DeliveryStatus.FAILED)


def reminder_key(followup: Followup) -> str:
    return f"reminder:{followup.id}:{int(followup.due_at.timestamp())}"


def reminder_delivery(owner: Owner, followup: Followup) -> Delivery:
    return Delivery(
        key=reminder_key(followup), owner=owner, kind=DeliveryKind.REMINDER,
        due_at=followup.due_at, followup_id=followup.id,
    )


def digest_key(owner: Owner, local_day: date) -> str:
    year, week, _ = local_day.isocalendar()
    return f"digest:{owner.key}:{year}-W{week:02d}"


def next_digest_at(settings: OwnerSettings, now: datetime) -> datetime:
    """The first digest instant strictly after ``now``, in the owner's local wall time.

    Computed on the wall clock and then converted, so 09:00 stays 09:00 across DST.
    """
    tz = zone(settings.zone_name)
    today = now.astimezone(tz).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if day.weekday() != settings.digest_day:
            continue
        at = datetime.combine(day, settings.digest_time, tzinfo=tz)
        if at > now:
            return at
    raise AssertionError("a weekday always recurs within 8 days")


def digest_delivery(settings: OwnerSettings, now: datetime) -> Delivery:
    at = next_digest_at(settings, now)
    local_day = at.astimezone(zone(settings.zone_name)).date()
    return Delivery(
        key=digest_key(settings.owner, local_day), owner=settings.owner,
        kind=DeliveryKind.DIGEST, due_at=at.astimezone(now.tzinfo),
    )


#: ``/vitalfew digest now`` makes one digest per owner in each window of this length.
DIGEST_NOW_WINDOW = timedelta(minutes=10)


def digest_now_window(now: datetime) -> datetime:
    """The start of the ``DIGEST_NOW_WINDOW`` that ``now`` falls in (UTC-aligned)."""
    return now - (now - datetime.min.replace(tzinfo=now.tzinfo)) % DIGEST_NOW_WINDOW


def digest_now_delivery(owner: Owner, now: datetime) -> Delivery:
    """An extra digest asked for with `/vitalfew digest now`, due at once. Its key names
    the owner and the window, so a second one in the window is refused by the key alone
    (a rate limit that reads nothing): one user cannot queue a flood of digests."""
    return Delivery(
        key=f"digest-now:{owner.key}:{digest_now_window(now).isoformat()}", owner=owner,
        kind=DeliveryKind.DIGEST, due_at=now,
    )


def fair_ranks(rows: Iterable[Delivery]) -> list[tuple[int, Delivery]]:
    """Rows in the order a claim takes them, each with its rank among its owner's rows:
    every owner's soonest row before anyone's second, the workspaces interleaved, so that
    one owner's backlog never goes before another owner's due message."""
    owner_rank: Counter[Owner] = Counter()
    workspace_rank: Counter[tuple[str, str]] = Counter()
    ranked = []
    for d in sorted(rows, key=lambda d: (d.due_at, d.key)):
        owner_rank[d.owner] += 1
        workspace_rank[d.owner.platform, d.owner.workspace] += 1
        order = (owner_rank[d.owner], workspace_rank[d.owner.platform, d.owner.workspace],
                 d.due_at, d.key)
        ranked.append((order, d))
    ranked.sort(key=lambda pair: pair[0])
    return [(order[0], d) for order, d in ranked]


def fair_order(rows: Iterable[Delivery]) -> list[Delivery]:
    """``rows`` in the order a claim takes them (``fair_ranks``)."""
    return [d for _, d in fair_ranks(rows)]


def is_weekly_digest(d: Delivery) -> bool:
    return d.kind is DeliveryKind.DIGEST and d.key.startswith("digest:")


def _of_week(rows: list[Delivery], base_key: str) -> list[Delivery]:
    return [d for d in rows if d.key == base_key or d.key.startswith(base_key + "#")]


async def reschedule_digest(
    repo: DeliveryRepository, settings: OwnerSettings, now: datetime
) -> Delivery | None:
    """Make the owner's pending weekly digest match their settings; the one pending.

    Called whenever settings change and after each weekly digest; reads only the
    pending weekly digest rows and those of the last ``DIGEST_HISTORY``. A week whose digest
    went out (or failed for good) is skipped, so moving the day never sends two in one
    week. Keys are insert-only and a cancelled row keeps its key, so a week whose row
    was cancelled (digest off then on, a moved day) gets a numbered key ``…-W49#2``
    instead of silently getting none. Nothing changes when the pending row already fits.
    """
    rows = await repo.weekly_digests(settings.owner, now - DIGEST_HISTORY)
    pending = [d for d in rows if d.status is DeliveryStatus.PENDING]
    if not settings.digest_enabled:
        if pending:
            await repo.cancel_pending(settings.owner, kind=DeliveryKind.DIGEST.value)
        return None
    want = digest_delivery(settings, now)
    if any(d.status in WEEK_TAKEN for d in _of_week(rows, want.key)):
        want = digest_delivery(settings, want.due_at)
    week = _of_week(rows, want.key)
    fits = [d for d in pending if d in week and d.due_at == want.due_at]
    if fits and len(pending) == 1:
        return fits[0]
    if pending:
        await repo.cancel_pending(settings.owner, kind=DeliveryKind.DIGEST.value)
    if week:
        want = replace(want, key=f"{want.key}#{len(week) + 1}")
    await repo.schedule(want)
    return want
