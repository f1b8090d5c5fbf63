"""/vitalfew and its people: the ranking, pins, sizes, cadences; the digest's buttons."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bot import stamps
from bot.commands import (
    ListPeople,
    Pin,
    SetBudget,
    SetCadence,
    SetCloseSize,
    SetSize,
    ShowCircles,
    ShowVitalFew,
)
from bot.context import Context, Refusal
from bot.domain import Kind, Person, Touch
from bot.replies import Reply
from bot.scoring import Ranking, owner_time, rank
from bot.views import circle as views
from bot.views.common import STALE_BUTTON


async def ranking(ctx: Context) -> Ranking:
    return rank(ctx.people, await ctx.touches(), ctx.settings, ctx.now)


async def show_vital_few(ctx: Context, command: ShowVitalFew) -> Reply:
    touches = await ctx.touches()
    ranked = rank(ctx.people, touches, ctx.settings, ctx.now)
    open_by_person = Counter(f.person_id for f in await ctx.uow.followups.list_open(ctx.owner))
    figures = owner_time(touches, {s.person.id for s in ranked.vital}, ctx.now)
    return views.vital_few(ranked, ctx.settings.size, ctx.now, ctx.tz, dict(open_by_person),
                           figures, ctx.settings.budget_minutes)


async def show_circles(ctx: Context, command: ShowCircles) -> Reply:
    return views.circles(await ranking(ctx), ctx.settings)


async def set_close_size(ctx: Context, command: SetCloseSize) -> Reply:
    await ctx.save_settings(close_size=command.size)
    return views.close_size_set(command.size)


async def set_budget(ctx: Context, command: SetBudget) -> Reply:
    await ctx.save_settings(budget_minutes=command.minutes)
    return views.budget_set(command.minutes)


async def list_people(ctx: Context, command: ListPeople) -> Reply:
    return views.people(await ranking(ctx), ctx.now, ctx.tz)


async def pin(ctx: Context, command: Pin) -> Reply:
    known = len(ctx.people)
    person = await ctx.person(command.person, create=command.pinned)
    if not command.pinned and not person.pinned:
        return views.not_pinned(person)  # nothing to change
    if command.pinned and person.pinned:
        return views.already_pinned(person)
    person.pinned = command.pinned
    await ctx.uow.people.update(person)
    if not command.pinned:
        return views.unpinned(person)
    return views.with_new_person(views.pinned(person), person, len(ctx.people) > known)


async def set_size(ctx: Context, command: SetSize) -> Reply:
    await ctx.save_settings(size=command.size)
    return views.size_set(command.size)


async def set_cadence(ctx: Context, command: SetCadence) -> Reply:
    if command.close and command.days is not None:
        await ctx.save_settings(close_cadence_days=command.days)
        return views.close_cadence_set(command.days)
    if command.person is None:
        if command.days is None:
            raise Refusal(views.CADENCE_NEEDS_DURATION, "every")
        await ctx.save_settings(cadence_days=command.days)
        return views.default_cadence_set(command.days)
    known = len(ctx.people)
    person = await ctx.person(command.person)
    person.cadence_days = None if command.circle_default else command.days or 0
    await ctx.uow.people.update(person)
    shown = (views.circle_cadence_again(person, ctx.settings) if command.circle_default
             else views.cadence_set(person, command.days))
    return views.with_new_person(shown, person, len(ctx.people) > known)


# --- the digest's suggestion buttons; the value names the person (bot.stamps) ---------


def _named_person(ctx: Context, value: str) -> Person:
    """The person a button names; one gone, or a value edited or made up, is out of date."""
    person_id = stamps.read_person(value)
    person = next((p for p in ctx.people if p.id == person_id), None)
    if person is None or not stamps.names_person(value, person):
        raise Refusal(STALE_BUTTON)
    return person


#: A second press of "Logged a touch" this soon after a touch logs nothing.
DOUBLE_PRESS = timedelta(minutes=1)


async def touched(ctx: Context, value: str) -> Reply:
    """"Touched": a message touch logged from the digest. Pressed again at once (a double
    click), it logs nothing more: the touch of a moment ago is the one it meant."""
    person = _named_person(ctx, value)
    if await _just_pressed(ctx, person):
        return views.touch_already_logged(person)
    ctx.log_touch(Touch(person.id or 0, ctx.now, Kind.MESSAGE, ""))
    return views.touched_by_button(person)


async def _just_pressed(ctx: Context, person: Person) -> bool:
    """Whether this button logged its touch (a message, no note) a moment ago; a touch
    typed with /touch is not the button's and leaves it free."""
    last = person.last_touch_at
    if last is None or not timedelta(0) <= ctx.now - last < DOUBLE_PRESS:
        return False
    recent = await ctx.uow.touches.list(ctx.owner, since=ctx.now - DOUBLE_PRESS)
    return any(t.person_id == person.id and t.kind is Kind.MESSAGE and not t.note
               for t in recent)


async def snooze_person(ctx: Context, value: str) -> Reply:
    """Leave the person out of suggestions for a week."""
    person = _named_person(ctx, value)
    person.snoozed_until = ctx.now + timedelta(days=7)
    await ctx.uow.people.update(person)
    return views.person_snoozed(person, person.snoozed_until, ctx.tz)
