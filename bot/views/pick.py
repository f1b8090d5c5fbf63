""""Which Bea?": the people a name could mean, told apart, one button each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import Person
from bot.replies import PERSON_PICK, Action, Reply, Section
from bot.text import name_key, plural
from bot.timefmt import relative

#: A button whose question was asked again since, or long ago (bot.confirmations).
PICK_OUT_OF_DATE = ("That question was answered already or is out of date; this press did "
                    "nothing. Type the command again if it is still to do.")


@dataclass(frozen=True)
class Candidate:
    person: Person
    touches: int
    value: str  # the button's token


def who(p: Person) -> str:
    return f"chat user {p.platform_id}" if p.platform_id else "typed by name"


def which_person(typed: str, candidates: list[Candidate], now: datetime,
                 tz: ZoneInfo) -> Reply:
    lines = []
    for n, c in enumerate(candidates, 1):
        last = c.person.last_touch_at
        ago = relative(last, now, tz) if last else ""
        when = f", the last {'just now' if ago == 'now' else ago}" if last else ""
        lines.append(f"{n}. {c.person.name} ({who(c.person)}): "
                     f"{plural(c.touches, 'touch', 'touches')}{when}")
    actions = tuple(Action(PERSON_PICK, f"{n}. {c.person.name}", c.value)
                    for n, c in enumerate(candidates, 1))
    sections = [Section(tuple(lines), actions)]
    names = [name_key(c.person.name) for c in candidates]
    shared = next((c.person.name for c in candidates if names.count(name_key(c.person.name)) > 1),
                  None)
    if shared:
        sections.append(Section((
            f"If two of them are one person: /vitalfew merge {shared} into {shared}",)))
    return Reply(f"Which {typed}? Pick one and I'll do it for them.", tuple(sections))
