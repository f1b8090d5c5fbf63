"""Typed commands: what the user asked for, whichever way they asked (README: Commands).

The text grammar (``bot.grammar``) builds these from a typed line; an adapter with
structured input (Discord's options) builds them directly. The services run them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class PersonRef:
    """Who a command is about: a known person, a mention, or a new free-text name."""

    name: str
    platform_id: str | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class Touch:
    """A touch: ``minutes`` as a form gave them (Discord's option), else read from the
    note or the kind's default; ``from_them``: they reached out, not the owner."""

    person: PersonRef
    note: str
    minutes: int | None = None
    from_them: bool = False


@dataclass(frozen=True)
class AddFollowup:
    """A promise. Typed on one line (chat, the terminal), a WHEN may begin ``what``
    (``when_leads``); from a form with a WHEN field of its own (Discord's options),
    ``when`` is that field, read whole, and ``what`` is only what was promised."""

    person: PersonRef
    what: str
    when: str | None = None
    when_leads: bool = False


@dataclass(frozen=True)
class ListFollowups:
    pass


@dataclass(frozen=True)
class ShowVitalFew:
    pass


@dataclass(frozen=True)
class Pin:
    person: PersonRef
    pinned: bool


@dataclass(frozen=True)
class SetSize:
    size: int


@dataclass(frozen=True)
class SetCadence:
    person: PersonRef | None  # None: the vital few's default (or the close circle's)
    days: int | None  # None: off
    close: bool = False  # ``every close 1m``: the close circle's default
    #: ``every Ana default``: the person follows their circle's default again.
    circle_default: bool = False


@dataclass(frozen=True)
class SetCloseSize:
    """``/vitalfew size close N``: how many the close circle holds (0-50)."""

    size: int


@dataclass(frozen=True)
class ShowCircles:
    """``/vitalfew circles``: every circle, who is in it, its cadence, who is due."""


@dataclass(frozen=True)
class SetBudget:
    """``/vitalfew budget 5h`` / ``budget off``: a weekly time budget for people."""

    minutes: int | None  # None: off


@dataclass(frozen=True)
class DigestSchedule:
    day: int  # Monday = 0
    at: time


@dataclass(frozen=True)
class DigestOff:
    pass


@dataclass(frozen=True)
class DigestOn:
    pass


@dataclass(frozen=True)
class DigestNow:
    pass


@dataclass(frozen=True)
class DigestShow:
    pass


@dataclass(frozen=True)
class SetTimezone:
    zone: str


@dataclass(frozen=True)
class ShowSettings:
    """/vitalfew settings: zone, digest, size and cadence, as they stand."""


@dataclass(frozen=True)
class ListPeople:
    pass


@dataclass(frozen=True)
class Export:
    pass


@dataclass(frozen=True)
class Forget:
    person: PersonRef | None  # None: forget me


@dataclass(frozen=True)
class Merge:
    """/vitalfew merge SOURCE into TARGET: one human who became two people."""

    source: PersonRef
    target: PersonRef


@dataclass(frozen=True)
class Rename:
    """``/vitalfew rename PERSON to NAME``: the old name stays an alias."""

    person: PersonRef
    name: str


@dataclass(frozen=True)
class Help:
    topic: str | None = None
    unknown: str | None = None


Command = (
    Touch | AddFollowup | ListFollowups | ShowVitalFew | Pin | SetSize | SetCadence
    | DigestSchedule | DigestOff | DigestOn | DigestNow | DigestShow | SetTimezone
    | ListPeople | Export | Forget | Merge | Rename | Help | ShowSettings
    | SetCloseSize | ShowCircles | SetBudget
)
