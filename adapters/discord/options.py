"""Discord options → the core's typed commands (``bot.commands``), built directly.

Discord hands over each option on its own, so nothing is joined into a line for the
grammar to split again: a person option is a whole name, a note is a whole note. Values
are read with the core's public helpers (``parse_duration``, ``parse_clock``, ``named``);
a value they cannot read raises ``GrammarError``, which ``commands`` shows as the same
friendly error the chat grammar gives.

What only Discord can tell is decided here: a ``person`` given but showing nothing
(spaces, control or zero-width characters) is no one, never an absent option, so a note
cannot become the person and a blank person cannot turn a cadence into the default.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import discord

from bot.commands import (
    AddFollowup,
    Command,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestSchedule,
    Forget,
    Merge,
    PersonRef,
    Pin,
    Rename,
    SetBudget,
    SetCadence,
    SetSize,
    SetTimezone,
    Touch,
)
from bot.domain import DEFAULT_DIGEST_TIME, WEEKDAYS
from bot.durations import budget_minutes
from bot.grammar import (
    CIRCLE_DEFAULT_WORDS,
    DIGEST_USAGE,
    WHICH_ZONE,
    WHO,
    GrammarError,
    check_note,
    check_size,
    named,
    parse,
    parse_clock,
    parse_duration,
)
from bot.text import clean, visible

#: A user mention as Discord writes it (the autocomplete offers one for a Discord user).
USER_MENTION = re.compile(r"^<@!?(\d+)>$")

NAME_FIRST = "Name someone: type a name in `person` or pick a `user`."
BLANK_PERSON = ("The person is empty: type a name that shows in `person` (or pick a "
                "`user`).")
DIGEST_SWITCHES: dict[str, Callable[[], Command]] = {
    "on": DigestOn, "off": DigestOff, "now": DigestNow}


class NoOne(ValueError):
    """The options name no one; ``str(err)`` says what to fill in."""


def typed_person(person: str | None) -> str | None:
    """A ``person`` option as typed: None when left out; ``""`` when given but showing
    nothing, which is no one, not a name."""
    if person is None:
        return None
    person = " ".join(clean(person).split())
    return person if visible(person) else ""


def shown_name(user: discord.abc.User) -> str | None:
    """The user's display name, or their username when the display name shows nothing."""
    names = (user.display_name, getattr(user, "name", None))
    return next((n for n in names if n and visible(n)), None)


def person_ref(person: str | None, user: discord.abc.User | None) -> PersonRef:
    """Who the ``person`` and ``user`` options name; the User wins over a typed name.

    A User someone new is stored under the typed name when one is given, else under
    their display name. A typed name is name-only: the service finds it among the owner's
    people as chat does (full name, unique prefix, first name) or adds a new person.
    """
    typed = typed_person(person)
    if user is not None:
        return PersonRef(typed or shown_name(user) or "", platform_id=str(user.id))
    if typed is None:
        raise NoOne(NAME_FIRST)
    if not typed:
        raise NoOne(BLANK_PERSON)
    return typed_ref(typed)


def typed_ref(typed: str) -> PersonRef:
    """A typed name, or a user mention the autocomplete put there. ``named`` with no known
    people applies the core's name rules (visible, at most ``MAX_NAME`` characters)."""
    mention = USER_MENTION.match(typed)
    if mention:
        return PersonRef("", platform_id=mention.group(1))
    return PersonRef(named(typed, ()).name)


def known_ref(person: str, topic: str) -> PersonRef:
    """A required ``person`` option naming someone the owner already has (drop, forget)."""
    typed = typed_person(person)
    if not typed:
        raise GrammarError(WHO, topic=topic)
    return typed_ref(typed)


def note_text(note: str | None) -> str:
    """A note or what was promised, as typed (control characters dropped), within the
    core's ``MAX_NOTE``."""
    return check_note(clean(note or ""))


def touch(person: str | None, user: discord.abc.User | None, note: str | None,
          minutes: int | None = None, from_them: bool = False) -> Touch:
    """``minutes``: the option as given (the core checks it), else read from the note."""
    return Touch(person_ref(person, user), note_text(note), minutes, from_them)


def close_circle(size: int | None, every: str | None) -> Command:
    """``/vitalfew close``: the close circle's size or cadence (one at a time: the grammar's
    ``size close N`` and ``every close 1m``)."""
    if size is not None and every:
        raise GrammarError("Set the size or the cadence, one at a time.", topic="size")
    if every:
        return parse("vitalfew", f"every close {every}")
    return parse("vitalfew", f"size close {size if size is not None else ''}")


def budget(amount: str) -> SetBudget:
    return SetBudget(budget_minutes(amount))


def add_followup(person: str | None, user: discord.abc.User | None, when: str | None,
                 what: str | None) -> AddFollowup:
    """``when`` is its own option, read whole by the service; blank means the default."""
    return AddFollowup(person_ref(person, user), note_text(what), when=when or None)


def pin(person: str | None, user: discord.abc.User | None, pinned: bool) -> Pin:
    return Pin(person_ref(person, user), pinned)


def unpin(person: str) -> Pin:
    return Pin(known_ref(person, "vitalfew"), False)


def cadence(duration: str, person: str | None, user: discord.abc.User | None) -> SetCadence:
    """Without a person (nor a user): the vital few's default cadence."""
    if (person is not None or user is not None) and (
            duration.strip().lower() in CIRCLE_DEFAULT_WORDS):
        return SetCadence(person_ref(person, user), None, circle_default=True)
    days = parse_duration(duration.strip())
    if person is None and user is None:
        return SetCadence(None, days)
    return SetCadence(person_ref(person, user), days)


def rename(person: str, name: str) -> Rename:
    """The new name under the core's name rules (visible, a letter or digit, not too long)."""
    return Rename(known_ref(person, "rename"), named(name, ()).name)


def merge(person: str, into: str) -> Merge:
    """Two people the owner has; a name both share is asked about ("Which Bea?")."""
    return Merge(known_ref(person, "merge"), known_ref(into, "merge"))


def forget(person: str) -> Forget:
    """``me`` is everything of the owner's; anyone else must be someone they have."""
    if person.strip().lower() == "me":
        return Forget(None)
    return Forget(known_ref(person, "forget"))


def size(n: object) -> SetSize:
    """Discord's client sends only 1-15 here; a forged client's value is refused."""
    return SetSize(check_size(n if isinstance(n, int) else 0))


def digest(setting: str, at: str | None) -> Command:
    """A weekday (with ``at``, else the default time), or on, off, now (without ``at``)."""
    setting = setting.strip().lower()
    if setting in WEEKDAYS:
        clock = parse_clock(at) if at and at.strip() else DEFAULT_DIGEST_TIME
        return DigestSchedule(WEEKDAYS.index(setting), clock)
    switch = DIGEST_SWITCHES.get(setting)
    if switch is None or (at and at.strip()):
        raise GrammarError(DIGEST_USAGE, topic="digest")
    return switch()


def time_zone(zone: str) -> SetTimezone:
    """The zone whole; the service finds it among IANA's names or says it does not know it."""
    zone = clean(zone)
    if not zone:
        raise GrammarError(WHICH_ZONE, topic="tz")
    return SetTimezone(zone)
