"""/vitalfew rename PERSON to NAME: a new name everywhere, the old one kept as an alias;
and the "Meant Sam Lee?" button that fixes a two-word name read as one."""

from __future__ import annotations

from bot import stamps
from bot.commands import Rename
from bot.context import Context, Refusal
from bot.domain import Kind, Person
from bot.durations import minutes_in
from bot.replies import Action, Reply
from bot.text import name_key
from bot.views import people as views
from bot.views.common import STALE_BUTTON


async def rename(ctx: Context, command: Rename) -> Reply:
    person = await ctx.person(command.person, create=False)
    old = person.name
    await _rename(ctx, person, command.name, keep_alias=True)
    return views.renamed(old, person)


async def _rename(ctx: Context, person: Person, new: str, *, keep_alias: bool) -> None:
    """Give ``person`` the name ``new``, refused when it is theirs already or another's."""
    old = person.name
    if new == old:
        raise Refusal(views.already_named(person))
    key = name_key(new)
    taken = next((p for p in ctx.people if p.id != person.id
                  and any(name_key(n) == key for n in (p.name, *p.aliases))), None)
    if taken is not None:
        raise Refusal(views.name_taken(person, taken, new))
    kept = [a for a in (*person.aliases, *([old] if keep_alias else [])) if name_key(a) != key]
    person.name, person.aliases = new, tuple(dict.fromkeys(kept))
    await ctx.uow.people.update(person)


def full_name_offer(person: Person, note: str) -> Action | None:
    """``/touch Sam Lee coffee`` logs "Sam" with the note "Lee coffee" (a new name is its
    first word). When a new one-word name is followed by a capitalised word, the reply
    offers one press that makes it "Sam Lee" and the note "coffee"."""
    word = note.split(" ", 1)[0]
    if " " in person.name or not (word[:1].isupper() and word.isalpha() and len(word) <= 40):
        return None
    return views.full_name_offer(person, word, f"{stamps.person_value(person)}-{word}")


async def full_name(ctx: Context, value: str) -> Reply:
    """The "Meant Sam Lee?" button: rename and move the word out of the latest touch's note
    that begins with it. Pressed twice, or after a rename, it changes nothing."""
    stamp, _, word = value.rpartition("-")
    person_id = stamps.read_person(stamp)
    person = next((p for p in ctx.people if p.id == person_id), None)
    if person is None or not stamps.names_person(stamp, person) or not word.isalpha():
        raise Refusal(STALE_BUTTON)
    if " " in person.name:
        raise Refusal(views.already_named(person))
    touch = next((t for t in reversed(await ctx.uow.touches.list(ctx.owner))
                  if t.person_id == person.id and t.note.split(" ", 1)[0] == word), None)
    old = person.name
    await _rename(ctx, person, f"{old} {word}", keep_alias=False)
    note = ""
    if touch is not None and touch.id is not None:
        note = touch.note[len(word):].strip()
        said = touch.minutes if touch.minutes != touch.kind.minutes else None  # not a default
        await ctx.uow.touches.retell(ctx.owner, touch, note, Kind.of(note),
                                     minutes_in(note) or said)
    return views.full_name_fixed(old, person, note)
