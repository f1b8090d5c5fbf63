"""Reply builders: how each answer reads, in plain words, for every platform at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import Followup, Person
from bot.replies import (
    FOLLOWUP_DONE,
    FOLLOWUP_DROP,
    FOLLOWUP_SNOOZE_1D,
    FOLLOWUP_SNOOZE_1W,
    Action,
    Reply,
    Section,
)
from bot.scoring import PersonStats, Ranking, Status
from bot.timefmt import local, relative, when

USAGE = {
    "touch": ("/touch PERSON [note]", "/touch Ana coffee", '/touch "Sam Lee" call about the move'),
    "followup": ("/followup PERSON [WHEN] [what]", "/followup Ana next friday send the intro",
                 "/followup Ana in 3 days", "/followup  (lists what you promised)"),
    "vitalfew": ("/vitalfew", "/vitalfew add Ana  ·  /vitalfew drop Ana",
                 "/vitalfew size 5  ·  /vitalfew every Ana 10d  ·  /vitalfew every 2w",
                 "/vitalfew digest monday 09:00  ·  digest off  ·  digest now",
                 "/vitalfew tz Europe/Berlin  ·  /vitalfew people  ·  /vitalfew export",
                 "/vitalfew forget Ana  ·  /vitalfew forget me"),
}
TOPIC_COMMAND = {"every": "vitalfew", "size": "vitalfew", "digest": "vitalfew", "tz": "vitalfew",
                 "forget": "vitalfew", "add": "vitalfew", "drop": "vitalfew"}


def usage(topic: str | None = None) -> Section:
    command = TOPIC_COMMAND.get(topic or "", topic)
    commands = [command] if command in USAGE else list(USAGE)
    lines = [f"  {line}" for c in commands for line in USAGE[c]]
    return Section(("Usage:", *lines))


def error(message: str, topic: str | None = None) -> Reply:
    sections = (usage(topic),) if topic is not None or message.startswith("I don't know") else ()
    return Reply(title=message, sections=sections, error=True)


def help_reply(unknown: str | None) -> Reply:
    title = f"I don't know '{unknown}'." if unknown else "Vital Few keeps your few ties warm."
    return Reply(title=title, sections=(usage(),), error=unknown is not None)


def followup_actions(f: Followup) -> tuple[Action, ...]:
    value = str(f.id)
    return (
        Action(FOLLOWUP_DONE, "Done", value, "primary"),
        Action(FOLLOWUP_SNOOZE_1D, "Snooze 1 day", value),
        Action(FOLLOWUP_SNOOZE_1W, "Snooze 1 week", value),
        Action(FOLLOWUP_DROP, "Drop", value, "danger"),
    )


def followup_line(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> str:
    what = f.what or "follow up"
    overdue = "OVERDUE " if f.due_at <= now else ""
    return f"{overdue}{person.name}: {what} · due {local(f.due_at, tz)} ({relative(f.due_at, now)})"


def followup_list(
    items: Sequence[tuple[Followup, Person]], now: datetime, tz: ZoneInfo
) -> Reply:
    if not items:
        return Reply("No open follow-ups.", (Section(("Promise one: /followup Ana friday "
                                                      "send the intro",)),))
    overdue = sum(f.due_at <= now for f, _ in items)
    title = f"Open follow-ups: {len(items)}" + (f" ({overdue} overdue)" if overdue else "")
    sections = tuple(
        Section((followup_line(f, p, now, tz),), followup_actions(f)) for f, p in items
    )
    return Reply(title, sections)


def reminder(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> Reply:
    lines = (f.what or "You promised to follow up.", f"Due {when(f.due_at, now, tz)}")
    return Reply(f"Reminder: follow up with {person.name}", (Section(lines, followup_actions(f)),))


def status_text(s: PersonStats) -> str:
    if s.status is None:
        return ""
    if s.status is Status.SNOOZED and s.person.snoozed_until:
        return "snoozed"
    if s.status in (Status.DUE, Status.COLD):
        return f"{s.status.value}: {s.why}"
    return s.status.value


def last_touch_text(s: PersonStats, now: datetime) -> str:
    t = s.last_touch
    return f"last touch {relative(t.at, now)} ({t.kind.value})" if t else "no touch yet"


def vital_line(s: PersonStats, now: datetime, open_followups: int) -> str:
    pin = " (pinned)" if s.pinned else ""
    parts = [f"{s.rank}. {s.person.name}{pin}", f"strength {s.strength:.1f}",
             last_touch_text(s, now)]
    if status := status_text(s):
        parts.append(status)
    if open_followups:
        parts.append(f"{open_followups} open follow-up" + ("s" if open_followups > 1 else ""))
    return " · ".join(parts)


def vital_few(ranking: Ranking, size: int, now: datetime, open_by_person: dict[int, int]) -> Reply:
    if not ranking.vital:
        return Reply("Your vital few is empty.", (Section((
            "Log a real interaction and it starts to fill: /touch Ana coffee",
            "Or pin someone who matters: /vitalfew add Ana")),))
    lines = tuple(vital_line(s, now, open_by_person.get(s.person.id or 0, 0))
                  for s in ranking.vital)
    sections = [Section(lines)]
    if ranking.rising:
        names = ", ".join(f"{s.person.name} ({s.strength:.1f})" for s in ranking.rising)
        sections.append(Section((f"Rising outside it: {names}",)))
    sections.append(Section((focus_text(ranking.focus),)))
    return Reply(f"Your vital few ({len(ranking.vital)} of {size})", tuple(sections))


def focus_text(focus: int | None, last_week: int | None = None) -> str:
    if focus is None:
        return "Focus: no touches in the last 30 days."
    text = f"Focus: {focus}% of your touches in the last 30 days went to your vital few"
    if last_week is not None:
        text += f" (last week: {last_week}%)"
    return text + "."


def people(ranking: Ranking, now: datetime) -> Reply:
    everyone = ranking.everyone
    if not everyone:
        return Reply("You haven't logged anyone yet.", (Section(("Try: /touch Ana coffee",)),))
    lines = tuple(
        f"{i}. {s.person.name}{' (vital few)' if s.rank else ''} · strength {s.strength:.1f} · "
        f"{len(s.touches)} touch{'es' if len(s.touches) != 1 else ''} · {last_touch_text(s, now)}"
        for i, s in enumerate(everyone, 1)
    )
    return Reply(f"Everyone you keep up with ({len(everyone)})", (Section(lines),))
