"""How the owner's settings read: the weekly digest, the time zone, first-use questions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import WEEKDAYS, OwnerSettings
from bot.durations import shown
from bot.replies import DIGEST_OPT_IN, DIGEST_OPT_OUT, Action, Reply, Section, reply
from bot.text import plural
from bot.timefmt import local, when
from bot.views.common import closing, unlike

DIGEST_ON_ITS_WAY = "Your digest is on its way to your DMs."


def digest_now_again(minutes: int, next_at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """``digest now`` asked for again within its window: one per window and owner."""
    return (f"You already asked for a digest in the last {minutes} minutes; one every "
            f"{minutes} minutes at most. Ask again {when(next_at, now, tz)}.")


def digest_off() -> Reply:
    return reply("Weekly digest off.", "Turn it back on: /vitalfew digest on")


def digest_is_off() -> Reply:
    return reply("Weekly digest is off.", "Turn it on: /vitalfew digest on")


def digest_schedule(s: OwnerSettings, next_at: datetime, now: datetime, tz: ZoneInfo) -> Reply:
    return reply(f"Weekly digest: {WEEKDAYS[s.digest_day].title()}s at "
                 f"{s.digest_time:%H:%M} {tz.key}.",
                 f"Next one: {when(next_at, now, tz)}.")


def digest_opted(enabled: bool, s: OwnerSettings) -> Reply:
    if enabled:
        return closing(f"Weekly digest on: {WEEKDAYS[s.digest_day].title()}s at "
                       f"{s.digest_time:%H:%M}.",
                       "Change it with /vitalfew digest friday 17:00.")
    return closing("No digest. Turn it on any time: /vitalfew digest on")


def unknown_zone(name: str, suggestions: Sequence[str] = ()) -> str:
    if suggestions:
        options = " or ".join(suggestions)
        return (f"I don't know the time zone '{name}'. Did you mean {options}? "
                f"/vitalfew tz {suggestions[0]} sets it.")
    return (f"I don't know the time zone '{name}'. Use an IANA name like "
            "Europe/Berlin, America/New_York or Asia/Tokyo.")


#: Abbreviations IANA keeps as zones of one offset all year, and the place people who
#: type them usually mean, whose clocks change for summer.
_ALL_YEAR = {"EST": "America/New_York", "MST": "America/Denver"}


def zone_set(name: str, now: datetime, tz: ZoneInfo) -> Reply:
    lines = [f"It is {local(now, tz)} there now."]
    if place := _ALL_YEAR.get(name):
        lines.append(f"{name} stays on one offset all year, with no summer time. If you live "
                     f"by {place.split('/')[1].replace('_', ' ')}'s clocks, set "
                     f"/vitalfew tz {place}.")
    return reply(f"Time zone set to {name}.", *lines)


def settings_shown(s: OwnerSettings, now: datetime, tz: ZoneInfo, *,
                   in_terminal: bool = False) -> Reply:
    """/vitalfew settings: each setting, where it came from and how to change it (the
    terminal reports the computer's zone, a chat its user's profile)."""
    source = "this computer's clock" if in_terminal else "your chat profile"
    if s.tz:
        zone = f"Time zone: {tz.key} (it is {local(now, tz)} there now)"
    elif s.platform_tz:
        zone = f"Time zone: {tz.key}, from {source} (it is {local(now, tz)} there now)"
    else:
        zone = "Time zone: UTC, not set"
    if s.digest_enabled:
        digest = f"Weekly digest: {WEEKDAYS[s.digest_day].title()}s at {s.digest_time:%H:%M}"
    else:
        digest = "Weekly digest: off"
    other_zone = "America/New_York" if tz.key == "Europe/Berlin" else "Europe/Berlin"
    return reply(
        "Your settings",
        f"{zone}; change it with /vitalfew tz {other_zone}.",
        f"{digest}; change it with /vitalfew digest friday 17:00 or digest off.",
        f"Vital few: {plural(s.size, 'person', 'people')}; change it with /vitalfew size "
        f"{unlike(s.size, 5, 7)}.",
        f"Default cadence: every {plural(s.cadence_days, 'day')}; change it with "
        f"/vitalfew every {unlike(s.cadence_days, 14, 10, '2 weeks', '10 days')}.",
        (f"Close circle: {plural(s.close_size, 'person', 'people')}, every "
         f"{plural(s.close_cadence_days, 'day')}; change it with /vitalfew size close "
         f"{unlike(s.close_size, 15, 20)} or /vitalfew every close "
         f"{unlike(s.close_cadence_days, 30, 60, '1m', '2m')}." if s.close_size else
         "Close circle: off (0 people); /vitalfew size close 15 turns it back on."),
        (f"Weekly time budget: {shown(s.budget_minutes)}; change it with /vitalfew budget "
         f"{unlike(s.budget_minutes, 300, 180, '5h', '3h')} or budget off."
         if s.budget_minutes is not None
         else "Weekly time budget: off; set one with /vitalfew budget 5h."),
    )


def first_use_questions(s: OwnerSettings) -> tuple[Section, ...]:
    """What a new owner is asked along with their first answer: their zone, when the
    platform did not say, and whether they want the weekly digest, when it is opt-in."""
    asked: list[Section] = []
    if s.tz is None and s.platform_tz is None:
        asked.append(Section((
            "Times are shown in UTC. Set your zone: /vitalfew tz Europe/Berlin",)))
    if s.digest_enabled is None:
        asked.append(Section(
            (f"Want a short weekly DM, {WEEKDAYS[s.digest_day].title()}s "
             f"{s.digest_time:%H:%M}, about who is going cold?",),
            (Action(DIGEST_OPT_IN, "Yes, send it", "1", "primary"),
             Action(DIGEST_OPT_OUT, "No thanks", "0")),
        ))
    return tuple(asked)
