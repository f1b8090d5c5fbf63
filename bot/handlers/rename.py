"""/vitalfew rename PERSON to NAME: a new name everywhere, the old one kept as an alias."""

from __future__ import annotations

from bot.commands import Rename
from bot.context import Context, Refusal
from bot.replies import Reply
from bot.text import name_key
from bot.views import people as views


async def rename(ctx: Context, command: Rename) -> Reply:
    person = await ctx.person(command.person, create=False)
    old, new = person.name, command.name
    if new == old:
        raise Refusal(views.already_named(person))
    key = name_key(new)
    taken = next((p for p in ctx.people if p.id != person.id
                  and any(name_key(n) == key for n in (p.name, *p.aliases))), None)
    if taken is not None:
        raise Refusal(views.name_taken(person, taken, new))
    kept = [a for a in (*person.aliases, old) if name_key(a) != key]
    person.name, person.aliases = new, tuple(dict.fromkeys(kept))
    await ctx.uow.people.update(person)
    return views.renamed(old, person)
