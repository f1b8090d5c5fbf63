"""/vitalfew and its people: the ranking, pins, sizes, cadences; the digest's buttons."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bot import stamps
from bot.commands import ListPeople, Pin, SetCadence, SetSize, ShowVitalFew
from bot.context import Context, Refusal
from bot.domain import Kind, Person, Touch
from bot.replies import Reply
from bot.scoring import Ranking, rank
from bot.views import circle as views
from bot.views.common import STALE_BUTTON


async def ranking(ctx: Context) -> Ranking:
    return rank(ctx.people, await ctx.touches(), ctx.settings, ctx.now)


async def show_vital_few(ctx: Context, command: ShowVitalFew) -> Reply:
    ranked = await ranking(ctx)
    open_by_person = Counter(f.person_id for f in await ctx.uow.followups.list_open(ctx.owner))
    return views.vital_few(ranked, ctx.settings.size, ctx.now, ctx.tz, dict(open_by_person))


async def list_people(ctx: Context, command: ListPeople) -> Reply:
    return views.people(await ranking(ctx), ctx.now, ctx.tz)


async def pin(ctx: Context, command: Pin) -> Reply:
    person = await ctx.person(command.person, create=command.pinned)
    if not command.pinned and not person.pinned:
        return views.not_pinned(person)  # nothing to change
    person.pinned = command.pinned
    await ctx.uow.people.update(person)
    return views.pinned(person) if command.pinned else views.unpinned(person)


async def set_size(ctx: Context, command: SetSize) -> Reply:
    await ctx.save_settings(size=command.size)
    return views.size_set(command.size)


async def set_cadence(ctx: Context, command: SetCadence) -> Reply:
    if command.person is None:
        if command.days is None:
            raise Refusal(views.CADENCE_NEEDS_DURATION, "every")
        await ctx.save_settings(cadence_days=command.days)
        return views.default_cadence_set(command.days)
    person = await ctx.person(command.person)
    person.cadence_days = command.days or 0
    await ctx.uow.people.update(person)
    return views.cadence_set(person, command.days)


# --- the digest's suggestion buttons; the value names the person (bot.stamps) ---------


def _named_person(ctx: Context, value: str) -> Person:
    """The person a button names; one gone, or a value edited or made up, is out of date."""
    person_id = stamps.read_person(value)
    person = next((p for p in ctx.people if p.id == person_id), None)
    if person is None or not stamps.names_person(value, person):
        raise Refusal(STALE_BUTTON)
    return person


async def touched(ctx: Context, value: str) -> Reply:
    """"Touched": a message touch logged from the digest."""
    person = _named_person(ctx, value)
    ctx.log_touch(Touch(person.id or 0, ctx.now, Kind.MESSAGE, ""))
    return views.touched_by_button(person)


async def snooze_person(ctx: Context, value: str) -> Reply:
    """Leave the person out of suggestions for a week."""
    person = _named_person(ctx, value)
    person.snoozed_until = ctx.now + timedelta(days=7)
    await ctx.uow.people.update(person)
    return views.person_snoozed(person, person.snoozed_until, ctx.tz)
