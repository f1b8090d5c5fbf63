"""How the owner's people read: a logged touch, the vital few, everyone, pins, cadences."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import Person, Touch
from bot.replies import Action, Reply, Section, reply
from bot.scoring import PersonStats, Ranking, Status
from bot.text import plural
from bot.timefmt import day, local, relative
from bot.views.common import more_line


def touch_logged(touch: Touch, person: Person, *, vital_rank: int | None, rank: int,
                 next_due: datetime | None, now: datetime, tz: ZoneInfo,
                 own_cadence: bool = False, digest: bool = True,
                 fix: Action | None = None) -> Reply:
    """'Logged a meet with Ana', where Ana now stands, and when they fall due again.

    ``vital_rank``: 1-based place in the vital few, None outside it; ``rank``: the place
    by strength among everyone; ``next_due``: when the cadence falls due, None without one;
    ``own_cadence``: the cadence is the person's, not the vital few's; ``digest``: the
    weekly digest is on. Nothing is sent at ``next_due``: a person due shows in the digest
    and in /vitalfew, so that is what the reply says. ``fix``: a button under it ("Meant
    Sam Lee?").
    """
    title = (f"Logged a {touch.kind.value} with {person.name}"
             + (f": {touch.note}" if touch.note else "."))
    if vital_rank is not None:
        place = f"{person.name} is #{vital_rank} of your vital few."
    else:
        place = (f"{person.name} is #{rank} by strength, outside your vital few; "
                 f"/vitalfew add {person.name} pins them.")
    if next_due is not None:
        next_line = _due_again(next_due, now, tz, own_cadence, digest, vital_rank is not None)
    else:
        next_line = f"No cadence, so no nudges: /vitalfew every {person.name} 2w sets one."
    if fix is None:
        return reply(title, place, next_line)
    return Reply(title, (Section((place, next_line), (fix,)),))


def _due_again(due: datetime, now: datetime, tz: ZoneInfo, own_cadence: bool, digest: bool,
               in_vital_few: bool) -> str:
    days = round((due - now).total_seconds() / 86400)
    whose = "their" if own_cadence else "your"
    line = f"Due by {whose} {days}-day cadence on {day(due, tz)}"
    if not in_vital_few:
        return line + "; /vitalfew and the weekly digest show only your vital few."
    if digest:
        return line + "; if you haven't talked by then, they'll show in your weekly digest."
    return line + "; if you haven't talked by then, /vitalfew shows them as due."


def status_text(s: PersonStats) -> str:
    if s.status is None:
        return ""
    if s.status is Status.SNOOZED and s.person.snoozed_until:
        return "snoozed"
    if s.status in (Status.DUE, Status.COLD):
        return f"{s.status.value}: {s.why}"
    return s.status.value


def last_touch_text(s: PersonStats, now: datetime, tz: ZoneInfo) -> str:
    t = s.last_touch
    return f"last touch {relative(t.at, now, tz)} ({t.kind.value})" if t else "no touch yet"


def vital_line(s: PersonStats, now: datetime, tz: ZoneInfo, open_followups: int) -> str:
    pin = " (pinned)" if s.pinned else ""
    parts = [f"{s.rank}. {s.person.name}{pin}", f"strength {s.strength:.1f}",
             last_touch_text(s, now, tz)]
    if status := status_text(s):
        parts.append(status)
    if open_followups:
        parts.append(plural(open_followups, "open follow-up"))
    return " · ".join(parts)


def vital_few(ranking: Ranking, size: int, now: datetime, tz: ZoneInfo,
              open_by_person: dict[int, int]) -> Reply:
    if not ranking.vital:
        return Reply("Your vital few is empty.", (Section((
            "Log a real interaction and it starts to fill: /touch Ana coffee",
            "Or pin someone who matters: /vitalfew add Ana")),))
    lines = tuple(vital_line(s, now, tz, open_by_person.get(s.person.id or 0, 0))
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


#: People ``/vitalfew people`` lists, strongest first; only these lines are built.
PEOPLE_LISTED = 50


def people(ranking: Ranking, now: datetime, tz: ZoneInfo) -> Reply:
    everyone = ranking.everyone
    if not everyone:
        return Reply("You haven't logged anyone yet.", (Section(("Try: /touch Ana coffee",)),))
    lines = tuple(
        f"{i}. {s.person.name}{' (vital few)' if s.rank else ''} · strength {s.strength:.1f} · "
        f"{plural(len(s.touches), 'touch', 'touches')} · {last_touch_text(s, now, tz)}"
        for i, s in enumerate(everyone[:PEOPLE_LISTED], 1)
    )
    if len(everyone) > PEOPLE_LISTED:
        lines += (more_line(len(everyone) - PEOPLE_LISTED, "person", "people"),)
    return Reply(f"Everyone you keep up with ({len(everyone)})", (Section(lines),))


def pinned(person: Person) -> Reply:
    return reply(f"Pinned {person.name} to your vital few.",
                 "Pinned people stay in it whatever their strength.")


def unpinned(person: Person) -> Reply:
    return reply(f"Unpinned {person.name}.",
                 "They stay in the vital few only while they are among your strongest.")


def not_pinned(person: Person) -> Reply:
    return reply(f"{person.name} was not pinned; nothing changed.",
                 "They are in the vital few only while they are among your strongest.")


def size_set(size: int) -> Reply:
    return reply(f"Your vital few is now {plural(size, 'person', 'people')}.")


CADENCE_NEEDS_DURATION = "The vital few's default cadence needs a duration, like 2w."


def _every(days: int | None) -> str:
    return f"every {plural(days, 'day')}" if days else "off"


def default_cadence_set(days: int | None) -> Reply:
    return reply(f"Your vital few's cadence is now {_every(days)}.")


def cadence_set(person: Person, days: int | None) -> Reply:
    return reply(f"Cadence for {person.name}: {_every(days)}.")


def touched_by_button(person: Person) -> Reply:
    return reply(f"Logged a message with {person.name}.")


def person_snoozed(person: Person, until: datetime, tz: ZoneInfo) -> Reply:
    return reply(f"Snoozed {person.name} until {local(until, tz)}.")
