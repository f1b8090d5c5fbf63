""""Which Bea?" answered with a button (issue 14).

A name two or more people share stops a command before it does anything. Instead of a
dead end, the owner gets the candidates told apart and a button each. The command waits
server-side (``UnitOfWork.pending``, one per owner: the next such question replaces it);
each button carries a short token (``bot.confirmations``) for ``pick:PERSON_ID:CHECK``,
CHECK binding it to that one waiting command, so it fits Discord's 100-character ids.
Pressing one runs the command again with the other candidates set aside.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import fields
from typing import Any, cast

from bot import commands
from bot.commands import Command, PersonRef
from bot.confirmations import target_of, token
from bot.context import Context
from bot.grammar import AmbiguousPerson
from bot.handlers.followups import button_id
from bot.replies import Reply
from bot.views import pick as views
from bot.views.common import error

Run = Callable[[Context, "str | Command", str], Awaitable[Reply]]


def _check(stored: str) -> str:
    return hashlib.sha256(stored.encode()).hexdigest()[:8]


def _encode(command: str | Command) -> Any:
    if isinstance(command, str):
        return command
    values: dict[str, Any] = {"type": type(command).__name__}
    for f in fields(command):
        value = getattr(command, f.name)
        values[f.name] = ({"ref": [value.name, value.platform_id, value.person_id]}
                          if isinstance(value, PersonRef) else value)
    return values


def _decode(stored: Any) -> str | Command:
    if isinstance(stored, str):
        return stored
    values = dict(stored)
    cls: type = vars(commands)[values.pop("type")]
    args = {k: PersonRef(*v["ref"]) if isinstance(v, dict) else v for k, v in values.items()}
    return cast(Command, cls(**args))


async def ask(ctx: Context, command: str | Command, text: str,
              ambiguous: AmbiguousPerson) -> Reply:
    """Keep the command waiting and ask which person it meant."""
    ids = [k.id for k in ambiguous.candidates]
    stored = json.dumps({"command": _encode(command), "text": text, "ids": ids})
    await ctx.uow.pending.put(ctx.owner, stored)
    counts = Counter(t.person_id for t in await ctx.touches())
    check = _check(stored)
    candidates = [
        views.Candidate(ctx.person_by_id(i), counts[i],
                        token(ctx.settings, f"pick:{i}:{check}", ctx.now))
        for i in ids]
    typed = str(ambiguous).removeprefix("Which ").partition("?")[0]
    return views.which_person(typed, candidates, ctx.now, ctx.tz)


async def picked(ctx: Context, value: str, run: Run) -> Reply:
    """The waiting command, run for the person picked; once."""
    target = target_of(ctx.settings, value, ctx.now) or ""
    kind, _, rest = target.partition(":")
    person_text, _, check = rest.partition(":")
    stored = await ctx.uow.pending.get(ctx.owner)
    if kind != "pick" or stored is None or _check(stored) != check:
        return error(views.PICK_OUT_OF_DATE)
    waiting = json.loads(stored)
    person = ctx.person_by_id(button_id(person_text))
    await ctx.uow.pending.clear(ctx.owner)
    ctx.not_meant = {i for i in waiting["ids"] if i != person.id}
    try:
        return await run(ctx, _decode(waiting["command"]), waiting["text"])
    finally:
        ctx.not_meant = set()
