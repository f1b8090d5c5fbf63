"""When deliveries fall due, and the keys that make each one unique.

A reminder's key names the follow-up and its due instant, so a snooze makes a new
delivery while a retry or a second replica finds the same one. A digest's key names the
owner and the local ISO week, so each week's digest goes out once whatever the schedule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.domain import Delivery, DeliveryKind, Followup, Owner, OwnerSettings
from bot.timefmt import zone


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


def digest_now_delivery(owner: Owner, now: datetime) -> Delivery:
    """An extra digest asked for with `/vitalfew digest now`: its own key, due at once."""
    return Delivery(
        key=f"digest-now:{owner.key}:{now.isoformat()}", owner=owner,
        kind=DeliveryKind.DIGEST, due_at=now,
    )
