"""Autocomplete: the owner's known people, and IANA time zones.

Reading people goes through the storage port (``uow.people.list``), never SQL. An
autocomplete that fails shows no suggestions rather than an error: typing still works.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import cache
from typing import Any
from zoneinfo import available_timezones

import discord
import structlog
from discord import app_commands

from adapters.discord.identity import owner_of
from bot.domain import Person
from bot.ports import UnitOfWorkFactory
from bot.text import name_key

log = structlog.get_logger(__name__)

MAX_CHOICES = 25
CHOICE_LIMIT = 100
Choices = list[app_commands.Choice[str]]
Autocomplete = Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, Choices]]


def person_value(person: Person) -> str:
    """What choosing a person puts in the option: a mention for a Discord user."""
    return f"<@{person.platform_id}>" if person.platform_id else person.name[:CHOICE_LIMIT]


def people_choices(people: list[Person], current: str) -> Choices:
    typed = name_key(current)
    found = sorted((p for p in people if typed in name_key(p.name)),
                   key=lambda p: (not name_key(p.name).startswith(typed), name_key(p.name)))
    return [app_commands.Choice(name=p.name[:CHOICE_LIMIT], value=person_value(p))
            for p in found[:MAX_CHOICES]]


def known_people(uow: UnitOfWorkFactory, *, offer_me: bool = False) -> Autocomplete:
    """Suggest the owner's people; ``offer_me`` adds "me" (forget everything)."""

    async def complete(interaction: discord.Interaction, current: str) -> Choices:
        try:
            async with uow() as unit:
                people = await unit.people.list(owner_of(interaction.user))
        except Exception:
            log.warning("people_autocomplete_failed")
            return []
        choices = people_choices(people, current)
        if offer_me and name_key(current) in name_key("me"):
            choices = [app_commands.Choice(name="me (everything of yours)", value="me"),
                       *choices][:MAX_CHOICES]
        return choices

    return complete


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


async def time_zones(interaction: discord.Interaction, current: str) -> Choices:
    typed = current.strip().replace(" ", "_").casefold()
    found = [z for z in _zones() if typed in z.casefold()]
    found.sort(key=lambda z: not z.casefold().startswith(typed))
    return [app_commands.Choice(name=z, value=z) for z in found[:MAX_CHOICES]]


def suggestions(*values: str) -> Autocomplete:
    """Fixed suggestions that the user may also ignore and type over."""

    async def complete(interaction: discord.Interaction, current: str) -> Choices:
        typed = current.casefold()
        return [app_commands.Choice(name=v, value=v) for v in values if typed in v.casefold()]

    return complete
