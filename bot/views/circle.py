"""How the owner's people read: a logged touch, the vital few, everyone, pins, cadences."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import Initiative, OwnerSettings, Person, Touch
from bot.durations import shown
from bot.replies import TOUCH_FROM_THEM, Action, Reply, Section, reply
from bot.scoring import PersonStats, Ranking, Status, TimeFigures
from bot.text import plural
from bot.timefmt import day, local, relative
from bot.views.common import more_line, unlike, with_sections


def touch_logged(touch: Touch, person: Person, *, vital_rank: int | None, rank: int,
                 next_due: datetime | None, now: datetime, tz: ZoneInfo,
                 own_cadence: bool = False, digest: bool = True, in_close: bool = False,
                 initiative_button: Action | None = None, fix: Action | None = None) -> Reply:
    """'Logged a meet with Ana', where Ana now stands, and when they fall due again.

    ``vital_rank``: 1-based place in the vital few, None outside it; ``rank``: the place
    by strength among everyone; ``next_due``: when the cadence falls due, None without one;
    ``own_cadence``: the cadence is the person's, not the vital few's; ``digest``: the
    weekly digest is on. Nothing is sent at ``next_due``: a person due shows in the digest
    and in /vitalfew, so that is what the reply says. ``in_close``: in the close circle;
    ``initiative_button``: "They reached out"; ``fix``: "Meant Sam Lee?".
    """
    title = (f"Logged a {touch.kind.value} with {person.name}"
             + (f": {touch.note}" if touch.note else "") + f" · {shown(touch.spent)}")
    if vital_rank is not None:
        place = f"{person.name} is #{vital_rank} of your vital few."
    elif in_close:
        place = f"{person.name} is #{rank} by strength, in your close circle."
    else:
        place = (f"{person.name} is #{rank} by strength, outside your vital few; "
                 f"/vitalfew add {person.name} pins them.")
    if next_due is not None:
        next_line = _due_again(next_due, now, tz, own_cadence, digest, vital_rank is not None,
                               in_close)
    else:
        next_line = f"No cadence, so no nudges: /vitalfew every {person.name} 2w sets one."
    if touch.started_by is Initiative.THEM:
        next_line += f"\n{person.name} reached out this time."
    answer = reply(title, place, next_line)
    buttons = tuple(b for b in (initiative_button, fix) if b is not None)
    if not buttons:
        return answer
    return replace(answer, sections=(Section(answer.sections[0].lines, buttons),))


def initiative_action(target: Initiative, value: str) -> Action:
    """The button that marks a touch as started by them (or, to undo it, by the owner)."""
    label = "They reached out" if target is Initiative.THEM else "I reached out"
    return Action(TOUCH_FROM_THEM, label, value)


def initiative_marked(person: Person, who: Initiative, undo: Action) -> Reply:
    """The answer to the initiative button: it replaces the /touch reply, with the
    button that undoes it."""
    title = (f"Marked: {person.name} reached out this time." if who is Initiative.THEM
             else f"Marked: you reached out to {person.name} this time.")
    return Reply(title, (Section(("When one of you starts most of your touches (from three "
                                  "on), /vitalfew says so.",), (undo,)),),
                 replaces_original=True)


def _due_again(due: datetime, now: datetime, tz: ZoneInfo, own_cadence: bool, digest: bool,
               in_vital_few: bool, in_close: bool = False) -> str:
    days = round((due - now).total_seconds() / 86400)
    whose = "their" if own_cadence else ("your close circle's" if in_close else "your")
    line = f"Due by {whose} {days}-day cadence on {day(due, tz)}"
    if in_close and not own_cadence:  # with the digest off, no digest suggests anyone
        return line + ("; /vitalfew circles shows who is due, and the digest may suggest "
                       "them." if digest else "; /vitalfew circles shows who is due.")
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


def initiative_text(s: PersonStats) -> str:
    """'you started 9 of the last 10' when the tie is one-sided, else ''."""
    found = s.one_sided
    if found is None:
        return ""
    mine, n = found
    if mine * 2 > n:
        return f"you started {mine} of the last {n}"
    return f"they started {n - mine} of the last {n}"


def vital_line(s: PersonStats, now: datetime, tz: ZoneInfo, open_followups: int) -> str:
    pin = " (pinned)" if s.pinned else ""
    parts = [f"{s.rank}. {s.person.name}{pin}", f"strength {s.strength:.1f}",
             last_touch_text(s, now, tz)]
    if (status := status_text(s)) and s.status is not Status.NEW:  # said by last_touch_text
        parts.append(status)
    if initiative := initiative_text(s):
        parts.append(initiative)
    if open_followups:
        parts.append(plural(open_followups, "open follow-up"))
    return " · ".join(parts)


def vital_few(ranking: Ranking, size: int, now: datetime, tz: ZoneInfo,
              open_by_person: dict[int, int], figures: TimeFigures | None = None,
              budget: int | None = None) -> Reply:
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
    if figures is not None:
        sections.append(Section((time_text(figures, budget), trend_text(figures))))
    return Reply(f"Your vital few ({len(ranking.vital)} of {size})", tuple(sections))


#: Eight heights, lowest first: a trend that renders as text on every platform.
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: tuple[int, ...]) -> str:
    """One bar per value, the highest full; all-zero values are all lowest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(v / top * (len(SPARKS) - 1))] for v in values)


def trend_text(figures: TimeFigures) -> str:
    """'Trend (your vital few, 8 weeks): ▁▂▃▄▅▆▇█ 2 h 50 min this week'."""
    return (f"Trend (your vital few, {len(figures.trend)} weeks): "
            f"{sparkline(figures.trend)} {shown(figures.week_vital)} this week")


def time_text(figures: TimeFigures, budget: int | None) -> str:
    """This week's time with people and with the vital few, against the budget."""
    if figures.week:
        share = round(100 * figures.week_vital / figures.week)
        text = (f"Time: {shown(figures.week)} with people this week (last 7 days), "
                f"{shown(figures.week_vital)} ({share}%) with your vital few")
    else:
        text = "Time: none logged this week (last 7 days)"
    if budget is None:
        return text + "."
    if figures.week > budget:
        return text + f"; budget {shown(budget)}, over by {shown(figures.week - budget)}."
    return text + f"; budget {shown(budget)}, {shown(budget - figures.week)} left."


def circles(ranking: Ranking, settings: OwnerSettings) -> Reply:
    """/vitalfew circles: each circle, who is in it, its cadence, who is due."""

    def block(title: str, members: tuple[PersonStats, ...], size: int, days: int) -> Section:
        if not size:  # "(0 of 0, every 30 days; 0 due): nobody yet" did not say it is off
            return Section((f"{title}: off; /vitalfew size close 15 turns it back on.",))
        due = sum(s.status in (Status.DUE, Status.COLD) for s in members)
        head = (f"{title} ({len(members)} of {size}, every {plural(days, 'day')}; "
                f"{due} due):")
        lines = [f"  {s.person.name}" + (f" · {st}" if (st := status_text(s)) else "")
                 for s in members]
        return Section((head, *(lines or ["  nobody yet"])))

    rest = len(ranking.others) - len(ranking.close)
    return Reply("Your circles", (
        block("Vital few", ranking.vital, settings.size, settings.cadence_days),
        block("Close circle", ranking.close, settings.close_size, settings.close_cadence_days),
        Section((f"Everyone else: {plural(rest, 'person', 'people')}, no cadence unless "
                 "you set one.",
                 f"Change them: /vitalfew size {unlike(settings.size, 5, 7)} · /vitalfew size "
                 f"close {unlike(settings.close_size, 15, 20)} · /vitalfew every close "
                 f"{unlike(settings.close_cadence_days, 30, 60, '1m', '2m')}")),
    ))


def close_size_set(size: int) -> Reply:
    if not size:  # "0 people. It holds the strongest after your vital few" said nothing
        return reply("Your close circle is now off (0 people).",
                     "Only your vital few and the people you give a cadence are nudged; "
                     "/vitalfew size close 15 turns it back on.")
    return reply(f"Your close circle is now {plural(size, 'person', 'people')}.",
                 "It holds the strongest after your vital few: /vitalfew circles shows it.")


def close_cadence_set(days: int) -> Reply:
    return reply(f"Your close circle's cadence is now every {plural(days, 'day')}.")


def budget_set(minutes: int | None) -> Reply:
    if minutes is None:
        return reply("Weekly time budget off.", "Set one: /vitalfew budget 5h")
    return reply(f"Weekly time budget: {shown(minutes)}.",
                 "/vitalfew and the weekly digest show your time against it.")


def focus_text(focus: int | None, last_week: int | None = None) -> str:
    if focus is None:
        return "Focus: no time logged in the last 30 days."
    text = f"Focus: {focus}% of your time with people in the last 30 days went to your vital few"
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


def with_new_person(answer: Reply, person: Person, new: bool) -> Reply:
    """The answer, and, when the command added the person (a typo of a name makes someone
    new), a line that says so and how to undo it."""
    if not new:
        return answer
    return with_sections(answer, Section((
        f"{person.name} is new to your list (no touch yet); /vitalfew people shows everyone, "
        f"/vitalfew forget {person.name} removes them.",)))


def already_pinned(person: Person) -> Reply:
    return reply(f"{person.name} is already pinned; nothing changed.",
                 "Pinned people stay in it whatever their strength.")


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


def circle_cadence_again(person: Person, settings: OwnerSettings) -> Reply:
    return reply(f"Cadence for {person.name}: their circle's again.",
                 f"Vital few: {_every(settings.cadence_days)}; close circle: "
                 f"{_every(settings.close_cadence_days)}; everyone else: none.")


def touched_by_button(person: Person) -> Reply:
    return reply(f"Logged a message with {person.name}.")


def touch_already_logged(person: Person) -> Reply:
    return reply(f"Already logged: you touched base with {person.name} a moment ago.",
                 "Nothing more was logged.")


def person_snoozed(person: Person, until: datetime, tz: ZoneInfo) -> Reply:
    return reply(f"Snoozed {person.name} until {local(until, tz)}.")
