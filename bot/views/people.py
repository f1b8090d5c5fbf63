"""How renaming a person reads (/vitalfew rename, and the "Meant Sam Lee?" fix)."""

from __future__ import annotations

from bot.domain import Person
from bot.replies import TOUCH_FULL_NAME, Action, Reply, reply
from bot.text import name_key


def renamed(old: str, person: Person) -> Reply:
    if name_key(old) == name_key(person.name):
        return reply(f"Renamed {old} to {person.name}.")
    return reply(f"Renamed {old} to {person.name}.",
                 f'"{old}" still finds them: /touch {old} coffee logs a touch with '
                 f"{person.name}.")


def full_name_offer(person: Person, word: str, value: str) -> Action:
    """The one-press fix under a /touch that read a two-word name's first word only."""
    return Action(TOUCH_FULL_NAME, f"Meant {person.name} {word}?", value)


def full_name_fixed(old: str, person: Person, note: str) -> Reply:
    return reply(f"Renamed {old} to {person.name}.",
                 f"The touch's note is now: {note}" if note else "The touch has no note now.")


def already_named(person: Person) -> str:
    return f"{person.name} already has that name; nothing changed."


def name_taken(person: Person, other: Person, new: str) -> str:
    known_as = "" if new == other.name else f" ({other.name})"  # "ana": Ana Silva
    return (f"You already know someone named {new}{known_as}. If they are one person: "
            f"/vitalfew merge {person.name} into {other.name}")
