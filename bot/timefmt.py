"""Local time at the edges: zone lookup and the way times are written to people."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def zone(name: str | None) -> ZoneInfo:
    """The ZoneInfo for a stored zone name, UTC when unset or no longer valid."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {z.casefold(): z for z in available_timezones()}


def find_zone(text: str) -> str | None:
    """The canonical IANA name for what the owner typed (case-insensitive), or None."""
    cleaned = text.strip().replace(" ", "_")
    if cleaned.upper() in ("UTC", "GMT", "Z"):
        return "UTC"
    return _zones_by_folded_name().get(cleaned.casefold())


def local(at: datetime, tz: ZoneInfo) -> str:
    """'Fri 27 Nov 2026, 09:00' in the owner's zone."""
    return at.astimezone(tz).strftime("%a %-d %b %Y, %H:%M")


def relative(at: datetime, now: datetime) -> str:
    """'in 3 days', '2 hours ago', 'now': the distance a person reads at a glance."""
    seconds = (at - now).total_seconds()
    ahead = seconds >= 0
    s = abs(seconds)
    if s < 60:
        return "now"
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if s >= size:
            n = int(s // size)
            text = f"{n} {unit}" + ("" if n == 1 else "s")
            return f"in {text}" if ahead else f"{text} ago"
    return "now"


def when(at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """'Fri 27 Nov 2026, 09:00 Europe/Berlin (in 4 days)'."""
    return f"{local(at, tz)} {tz.key} ({relative(at, now)})"
