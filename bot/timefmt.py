"""Local time at the edges: zone lookup and the way times are written to people."""

from __future__ import annotations

from datetime import datetime
from difflib import get_close_matches
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


#: The old aliases IANA keeps for compatibility: never suggested when a region/city is.
_LEGACY = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")


@cache
def _zones_by_city() -> dict[str, list[str]]:
    """Region/city zones by their folded last part ("new_york": ["America/New_York"])."""
    cities: dict[str, list[str]] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(_LEGACY):
            cities.setdefault(name.rsplit("/", 1)[1].casefold(), []).append(name)
    return cities


def suggest_zones(text: str, limit: int = 3) -> list[str]:
    """IANA names close to what the owner typed: those whose city is it ("new york",
    "Berlin"), else whose city is spelled nearly so ("Berln"); at most ``limit``."""
    typed = "_".join(text.split()).casefold()
    if not typed or len(typed) > 60:
        return []
    city = typed.rsplit("/", 1)[-1]
    cities = _zones_by_city()
    names = [city] if city in cities else get_close_matches(city, cities, n=limit, cutoff=0.8)
    return [zone for name in names for zone in cities[name]][:limit]


def local(at: datetime, tz: ZoneInfo) -> str:
    """'Fri 27 Nov 2026, 09:00' in the owner's zone."""
    return at.astimezone(tz).strftime("%a %-d %b %Y, %H:%M")


def day(at: datetime, tz: ZoneInfo) -> str:
    """'Fri 18 Dec 2026' in the owner's zone: a date without a minute, for what is due on
    a day rather than at a time."""
    return at.astimezone(tz).strftime("%a %-d %b %Y")


def relative(at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """'in 3 days', '1 hour 30 minutes ago', 'now': the distance a person reads at a glance.

    A day or more away counts calendar days in the owner's zone (Friday 09:00 seen on
    Tuesday 18:00 is "in 3 days", as the calendar says); less than a day counts hours and
    minutes, to the nearest minute.
    """
    ahead = at >= now
    minutes = round(abs((at - now).total_seconds()) / 60)
    if minutes == 0:
        return "now"
    if minutes < 24 * 60:
        hours, minutes = divmod(minutes, 60)
        text = " ".join(_count(n, unit) for n, unit in ((hours, "hour"), (minutes, "minute"))
                        if n)
    else:
        text = _count(abs((at.astimezone(tz).date() - now.astimezone(tz).date()).days), "day")
    return f"in {text}" if ahead else f"{text} ago"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


def when(at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """'Fri 27 Nov 2026, 09:00 Europe/Berlin (in 4 days)'."""
    return f"{local(at, tz)} {tz.key} ({relative(at, now, tz)})"
