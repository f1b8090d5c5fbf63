"""A button names its object (issue 14), so a press can tell when the object is gone.

A follow-up's buttons carry ``ID-DUE-SIG``: the follow-up's id, the due time the buttons
were made for (integer seconds) and a short hash of both with the follow-up's creation
time. A person's digest buttons carry ``ID-SIG``, hashed with the person's creation
time. A touch's "They reached out" button carries ``ID-WHO-SIG``: the touch's id, who
it marks as having started it (``me`` or ``them``: pressing it twice marks it once) and a
hash with the touch's time. A value naming an object that is gone, another object (an
edited id), or made up (a bare id, as buttons carried before) is refused as out of
date, and nothing changes. The due time lets a snooze tell a second press of the same
button (a double click) from a first one: the promise has already moved, so it is not
moved again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain import Followup, Initiative, Person, Touch

_SIG_LENGTH = 10
_DIGITS = re.compile(r"[0-9]{1,18}")


def _seconds(at: datetime | None) -> str:
    return str(int(at.timestamp())) if at else ""


def _sig(kind: str, *parts: str) -> str:
    return hashlib.sha256("\x1f".join((kind, *parts)).encode()).hexdigest()[:_SIG_LENGTH]


def followup_value(f: Followup) -> str:
    """The value a follow-up's buttons carry (letters, digits and ``-`` only)."""
    due = _seconds(f.due_at)
    return f"{f.id}-{due}-{_sig('followup', str(f.id), _seconds(f.created_at), due)}"


@dataclass(frozen=True)
class FollowupStamp:
    """What a follow-up button's value says: the id and the due time it was made for."""

    id: int
    due: int
    sig: str

    def names(self, f: Followup) -> bool:
        """Whether this value was made for ``f`` (the same id and creation time)."""
        return f.id == self.id and self.sig == _sig(
            "followup", str(self.id), _seconds(f.created_at), str(self.due))

    def made_for_due(self, f: Followup) -> bool:
        """Whether ``f`` is still due when it was when the button was made."""
        return _seconds(f.due_at) == str(self.due)


def read_followup(value: str) -> FollowupStamp | None:
    """The parts of a follow-up button's value, or None when it is not shaped like one."""
    parts = value.split("-")
    if len(parts) != 3 or not all(_DIGITS.fullmatch(part) for part in parts[:2]):
        return None
    return FollowupStamp(int(parts[0]), int(parts[1]), parts[2])


def person_value(p: Person) -> str:
    """The value a person's digest buttons carry."""
    return f"{p.id}-{_sig('person', str(p.id), _seconds(p.created_at))}"


def read_person(value: str) -> int | None:
    """The person id in ``value`` (checked against the person with ``names_person``)."""
    id_text, _, sig = value.partition("-")
    return int(id_text) if _DIGITS.fullmatch(id_text) and sig else None


def names_person(value: str, p: Person) -> bool:
    return value == person_value(p)


def touch_value(t: Touch, target: Initiative) -> str:
    """The value of a touch's initiative button: mark ``t`` as started by ``target``."""
    return f"{t.id}-{target.value}-{_sig('touch', str(t.id), _seconds(t.at), target.value)}"


@dataclass(frozen=True)
class TouchStamp:
    """What a touch button's value says: the touch and who it marks as starting it."""

    id: int
    target: Initiative
    sig: str

    def names(self, t: Touch) -> bool:
        """Whether this value was made for ``t`` (the same id and time)."""
        return t.id == self.id and self.sig == _sig(
            "touch", str(self.id), _seconds(t.at), self.target.value)


def read_touch(value: str) -> TouchStamp | None:
    """The parts of a touch button's value, or None when it is not shaped like one."""
    parts = value.split("-")
    if len(parts) != 3 or not _DIGITS.fullmatch(parts[0]) or parts[1] not in ("me", "them"):
        return None
    return TouchStamp(int(parts[0]), Initiative(parts[1]), parts[2])
