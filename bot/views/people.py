"""How renaming a person reads."""

from __future__ import annotations

from bot.domain import Person
from bot.replies import Reply, reply
from bot.text import name_key


def renamed(old: str, person: Person) -> Reply:
    if name_key(old) == name_key(person.name):
        return reply(f"Renamed {old} to {person.name}.")
    return reply(f"Renamed {old} to {person.name}.",
                 f'"{old}" still finds them: /touch {old} coffee logs a touch with '
                 f"{person.name}.")


def already_named(person: Person) -> str:
    return f"{person.name} already has that name; nothing changed."


def name_taken(person: Person, other: Person, new: str) -> str:
    return (f"You already know someone named {new} ({other.name}). If they are one person: "
            f"/vitalfew merge {person.name} into {other.name}")
