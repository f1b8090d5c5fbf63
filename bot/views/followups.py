"""How promises read: recorded, listed, reminded of, closed and snoozed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import stamps
from bot.domain import Followup, Person
from bot.replies import (
    FOLLOWUP_DONE,
    FOLLOWUP_DROP,
    FOLLOWUP_SNOOZE_1D,
    FOLLOWUP_SNOOZE_1W,
    Action,
    Reply,
    Section,
    reply,
)
from bot.text import plural
from bot.timefmt import local, relative, when
from bot.views.common import closing, more_line


def followup_actions(f: Followup) -> tuple[Action, ...]:
    value = stamps.followup_value(f)
    return (
        Action(FOLLOWUP_DONE, "Done", value, "primary"),
        Action(FOLLOWUP_SNOOZE_1D, "Snooze 1 day", value),
        Action(FOLLOWUP_SNOOZE_1W, "Snooze 1 week", value),
        Action(FOLLOWUP_DROP, "Drop", value, "danger"),
    )


def recorded(f: Followup, person: Person, now: datetime, tz: ZoneInfo,
             default_days: int | None) -> Reply:
    """``default_days``: set when no WHEN was given, to say the due date was chosen."""
    title = f"Follow-up with {person.name}" + (f": {f.what}" if f.what else "")
    due_line = f"Due {when(f.due_at, now, tz)}"
    if default_days is not None:
        due_line += f"; no date given, so in {plural(default_days, 'day')}"
    answer = reply(title, due_line + ".", "I'll DM you a reminder then.")
    return replace(answer, meta={"followup_id": stamps.followup_value(f)})  # a typed hint


def already_promised(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> str:
    what = f": {f.what}" if f.what else ""
    return (f"You already have this follow-up with {person.name}{what}, due "
            f"{when(f.due_at, now, tz)}. Nothing new was stored; /followup lists them.")


def when_before_person(said: str) -> str:
    """``/followup tomorrow Ana call``: the WHEN came first and no one known follows it."""
    return (f"Who is it for? '{said}' reads as a date: name the person first, like "
            f"/followup Ana {said}. Someone called that? Write the name with a capital.")


def when_at_the_end(person: str, what: str, said: str) -> str:
    """``/followup Ana call her tomorrow``: is the WHEN that ends the note the due date?"""
    return (f"Is '{said}' when it is due? Then write it first: /followup {person} {said} "
            f"{what}. To keep it in the note, give the date first, like /followup {person} "
            f"in 7 days {what} {said}.")


def followup_line(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> str:
    what = f.what or "follow up"
    overdue = "OVERDUE " if f.due_at <= now else ""
    due = f"{local(f.due_at, tz)} ({relative(f.due_at, now, tz)})"
    return f"{overdue}{person.name}: {what} · due {due}"


#: Follow-ups a list shows (with their buttons, all a Slack message's 50 blocks hold);
#: only these are built, however many are open.
LISTED = 20


def followup_list(
    items: Sequence[tuple[Followup, Person]], now: datetime, tz: ZoneInfo
) -> Reply:
    if not items:
        return Reply("No open follow-ups.", (Section(("Promise one: /followup Ana friday "
                                                      "send the intro",)),))
    overdue = sum(f.due_at <= now for f, _ in items)
    title = f"Open follow-ups: {len(items)}" + (f" ({overdue} overdue)" if overdue else "")
    sections = tuple(
        Section((followup_line(f, p, now, tz),), followup_actions(f)) for f, p in items[:LISTED]
    )
    if len(items) > LISTED:
        sections += (Section((more_line(len(items) - LISTED, "follow-up"),)),)
    return Reply(title, sections)



def reminder(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> Reply:
    lines = (f.what or "You promised to follow up.", f"Due {when(f.due_at, now, tz)}")
    return Reply(f"Reminder: follow up with {person.name}", (Section(lines, followup_actions(f)),))


def already(f: Followup) -> str:
    return f"That follow-up is already {f.status.value}."


def already_snoozed(f: Followup, now: datetime, tz: ZoneInfo) -> str:
    """A snooze button pressed again: the promise moved on the first press."""
    return f"Already snoozed to {when(f.due_at, now, tz)}."


def _what(f: Followup, person: Person) -> str:
    return f"{f.what or 'follow-up'} ({person.name})"


def done(f: Followup, person: Person) -> Reply:
    return closing(f"Done: {_what(f, person)}.", "Logged as a message touch.")


def dropped(f: Followup, person: Person) -> Reply:
    return closing(f"Dropped: {_what(f, person)}.")


def snoozed(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> Reply:
    return closing(f"Snoozed: {_what(f, person)}.",
                   f"I'll remind you {when(f.due_at, now, tz)}.")
