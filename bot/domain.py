"""Domain types: who owns what, and what a touch, a person and a follow-up are.

These are plain dataclasses so that services, storage and tests share one vocabulary.
Every datetime here is timezone-aware UTC; local time exists only at the edges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any

from bot.durations import after_a_leading_duration
from bot.text import name_key


class Kind(StrEnum):
    """What sort of interaction a touch was; it says how long one took when the note
    does not (``minutes``)."""

    MEET = "meet"
    CALL = "call"
    MESSAGE = "message"

    @property
    def minutes(self) -> int:
        """The time a touch of this kind takes unless its note says otherwise."""
        return KIND_MINUTES[self]

    @classmethod
    def of(cls, note: str) -> Kind:
        """The kind the note's first word names ('coffee' is a meet), else a message; a
        length before it is passed over ('2h coffee', 'half an hour call')."""
        words = after_a_leading_duration(note).split(maxsplit=1)
        first = name_key(words[0]).strip(".,:;!?") if words else ""
        return KIND_WORDS.get(first, cls.MESSAGE)


#: Minutes a touch of each kind counts for when its note names no duration.
KIND_MINUTES = {Kind.MEET: 60, Kind.CALL: 20, Kind.MESSAGE: 5}


class Initiative(StrEnum):
    """Who reached out for a touch: the owner (the default) or the person."""

    ME = "me"
    THEM = "them"

#: First words of a note that name its kind.
KIND_WORDS: dict[str, Kind] = {
    **dict.fromkeys(["meet", "coffee", "lunch", "dinner", "drinks", "met", "visit",
                     "breakfast", "brunch", "meeting"], Kind.MEET),
    **dict.fromkeys(["call", "phone", "video", "zoom", "called", "phoned", "facetime", "skype"],
                    Kind.CALL),
    **dict.fromkeys(["message", "msg", "text", "email", "dm", "chat"], Kind.MESSAGE),
}


class FollowupStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Owner:
    """The chat user who uses the bot. On Discord the workspace is empty (ids are global)."""

    platform: str
    workspace: str
    user: str

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.user}"


@dataclass
class Person:
    """Someone the owner keeps up with: a chat user (platform_id set) or a free-text name."""

    owner: Owner
    name: str
    platform_id: str | None = None
    pinned: bool = False
    cadence_days: int | None = None
    snoozed_until: datetime | None = None
    created_at: datetime | None = None
    id: int | None = None
    #: Kept by storage as touches are added, never written from here: the sum of the
    #: person's ``scoring.touch_mass`` and their latest touch (see ``strength_from_sum``).
    strength_sum: float = 0.0
    last_touch_at: datetime | None = None
    #: Names the person had before ``/vitalfew rename``: typed, they still find them.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Touch:
    """One logged interaction with a person: when, what kind, the time it took
    (``minutes``; None: the kind's default, ``spent``) and who started it."""

    person_id: int
    at: datetime
    kind: Kind
    note: str = ""
    id: int | None = None
    minutes: int | None = None
    started_by: Initiative = Initiative.ME

    def __post_init__(self) -> None:
        if self.minutes is None:  # not said: the kind's default, as storage keeps it
            object.__setattr__(self, "minutes", self.kind.minutes)

    @property
    def spent(self) -> int:
        """Minutes invested: as logged, else the kind's default."""
        return self.kind.minutes if self.minutes is None else self.minutes


@dataclass
class Followup:
    """A promise to the owner's future self: do `what` for `person` by `due_at`."""

    person_id: int
    due_at: datetime
    what: str
    status: FollowupStatus = FollowupStatus.OPEN
    created_at: datetime | None = None
    closed_at: datetime | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is FollowupStatus.OPEN

    def close(self, status: FollowupStatus, now: datetime) -> None:
        """Done or dropped: a closed promise is never reminded of again."""
        if status is FollowupStatus.OPEN:
            raise ValueError("closing needs done or dropped")
        self.status, self.closed_at = status, now

    def snooze(self, by: timedelta, now: datetime) -> None:
        """Put the promise off by ``by``, counted from the later of its due time and now:
        a snooze never brings a promise forward (one due in 5 days, snoozed a day, is due
        in 6), and an overdue one is put off from now ("remind me tomorrow")."""
        self.due_at = max(self.due_at, now) + by


#: Weekday names, Monday first as in ``datetime.weekday()``.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DEFAULT_SIZE = 5
MAX_SIZE = 15
#: Per-owner limits, far above any real list of relationships, so that one account
#: cannot grow without bound and slow every command that loads it.
MAX_PEOPLE = 2_000
MAX_OPEN_FOLLOWUPS = 1_000
DEFAULT_CADENCE_DAYS = 14
#: The close circle: the next strongest after the vital few, touched less often.
DEFAULT_CLOSE_SIZE = 15
MAX_CLOSE_SIZE = 50
DEFAULT_CLOSE_CADENCE_DAYS = 30
DEFAULT_DIGEST_DAY = 0  # Monday, as in datetime.weekday()
#: The time of day a date without a time means, and the weekly digest's default.
NINE_AM = time(9, 0)
DEFAULT_DIGEST_TIME = NINE_AM


@dataclass
class OwnerSettings:
    """Per-owner preferences.

    ``tz`` is what the owner set; ``platform_tz`` the zone their chat profile last reported
    (Slack), used until they set one. ``digest_enabled`` None means never asked (Discord's
    digest is opt-in).
    """

    owner: Owner
    tz: str | None = None
    size: int = DEFAULT_SIZE
    cadence_days: int = DEFAULT_CADENCE_DAYS
    digest_day: int = DEFAULT_DIGEST_DAY
    digest_time: time = DEFAULT_DIGEST_TIME
    digest_enabled: bool | None = None
    platform_tz: str | None = None
    created_at: datetime | None = None
    close_size: int = DEFAULT_CLOSE_SIZE
    close_cadence_days: int = DEFAULT_CLOSE_CADENCE_DAYS
    #: Weekly time budget for people, in minutes; None: off.
    budget_minutes: int | None = None

    @property
    def zone_name(self) -> str:
        return self.tz or self.platform_tz or "UTC"

    def with_changes(self, **changes: Any) -> OwnerSettings:
        return replace(self, **changes)


class DeliveryKind(StrEnum):
    REMINDER = "reminder"
    DIGEST = "digest"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class Delivery:
    """One message the bot owes an owner, keyed so that it goes out exactly once.

    The deliveries table is the only timer: the scheduler's tick claims due rows.
    """

    key: str
    owner: Owner
    kind: DeliveryKind
    due_at: datetime
    followup_id: int | None = None
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    lease_until: datetime | None = None
    claimed_by: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
