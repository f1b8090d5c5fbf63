"""/touch: log a real interaction and say where the person now stands; and who reached out."""

from __future__ import annotations

from datetime import timedelta

from bot import stamps
from bot.commands import Touch as TouchCommand
from bot.context import Context, Refusal, TouchLog
from bot.domain import Initiative, Kind, Touch
from bot.durations import check_minutes, minutes_in
from bot.handlers.rename import full_name_offer
from bot.replies import Reply
from bot.scoring import (
    HALF_LIFE_DAYS,
    close_circle,
    count_touch,
    effective_cadence,
    strengths_from_sums,
    vital_few,
)
from bot.views import circle as views
from bot.views.common import STALE_BUTTON


async def log_touch(ctx: Context, command: TouchCommand) -> Reply:
    minutes = (minutes_in(command.note) if command.minutes is None
               else check_minutes(command.minutes))  # a form's option (Discord)
    ref = command.person
    person = await ctx.person(ref)
    new_name = ref.person_id is None and ref.platform_id is None
    who = Initiative.THEM if command.from_them else Initiative.ME
    touch = Touch(person.id or 0, ctx.now, Kind.of(command.note), command.note,
                  minutes=minutes, started_by=who)
    logged = ctx.log_touch(touch)
    count_touch(person, touch)  # as storage will do to the stored running sum
    strengths = strengths_from_sums(ctx.people, ctx.now)
    if strengths is None:  # a touch dated after now (another replica's clock): exact sum
        await ctx.store_touches()
        found = await ctx.uow.touches.strengths([ctx.owner], ctx.now, HALF_LIFE_DAYS)
        strengths = {p.id: found.get(ctx.owner, {}).get(p.id or 0, 0.0) for p in ctx.people}
    order, vital = vital_few(ctx.people, strengths, ctx.settings.size)
    vital_ids = [p.id for p in vital]
    in_vital = person.id in vital_ids
    in_close = not in_vital and person.id in {
        p.id for p in close_circle(order, vital_ids, strengths, ctx.settings.close_size)}
    cadence = effective_cadence(person, ctx.settings, in_vital_few=in_vital, in_close=in_close)
    other = Initiative.ME if command.from_them else Initiative.THEM
    return views.touch_logged(
        touch, person,
        vital_rank=vital_ids.index(person.id) + 1 if in_vital else None,
        rank=[p.id for p in order].index(person.id) + 1,
        next_due=ctx.now + timedelta(days=cadence) if cadence else None,
        now=ctx.now, tz=ctx.tz, own_cadence=person.cadence_days is not None,
        digest=bool(ctx.settings.digest_enabled), in_close=in_close,
        initiative_button=views.initiative_action(other, TouchLog.value(logged, other)),
        fix=full_name_offer(person, command.note) if new_name else None)


async def from_them(ctx: Context, value: str) -> Reply:
    """"They reached out" (or, pressed again, "I reached out"): who started the touch
    the button was made for. Pressing it twice marks it once."""
    stamp = stamps.read_touch(value)
    touch = await ctx.uow.touches.get(ctx.owner, stamp.id) if stamp else None
    if stamp is None or touch is None or not stamp.names(touch):
        raise Refusal(STALE_BUTTON)
    person = ctx.person_by_id(touch.person_id)
    if touch.started_by is not stamp.target:
        await ctx.uow.touches.set_started_by(ctx.owner, stamp.id, stamp.target)
    other = Initiative.ME if stamp.target is Initiative.THEM else Initiative.THEM
    return views.initiative_marked(
        person, stamp.target,
        views.initiative_action(other, stamps.touch_value(touch, other)))
