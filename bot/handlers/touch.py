"""/touch: log a real interaction and say where the person now stands."""

from __future__ import annotations

from datetime import timedelta

from bot.commands import Touch as TouchCommand
from bot.context import Context
from bot.domain import KIND_WEIGHTS, Kind, Touch
from bot.handlers.rename import full_name_offer
from bot.replies import Reply
from bot.scoring import (
    HALF_LIFE_DAYS,
    count_touch,
    effective_cadence,
    strengths_from_sums,
    vital_few,
)
from bot.views import circle as views


async def log_touch(ctx: Context, command: TouchCommand) -> Reply:
    ref = command.person
    person = await ctx.person(ref)
    new_name = ref.person_id is None and ref.platform_id is None
    touch = Touch(person.id or 0, ctx.now, Kind.of(command.note), command.note)
    ctx.log_touch(touch)
    count_touch(person, touch)  # as storage will do to the stored running sum
    strengths = strengths_from_sums(ctx.people, ctx.now)
    if strengths is None:  # a touch dated after now (another replica's clock): exact sum
        await ctx.store_touches()
        weights = {kind.value: float(weight) for kind, weight in KIND_WEIGHTS.items()}
        found = await ctx.uow.touches.strengths([ctx.owner], ctx.now, HALF_LIFE_DAYS, weights)
        strengths = {p.id: found.get(ctx.owner, {}).get(p.id or 0, 0.0) for p in ctx.people}
    order, vital = vital_few(ctx.people, strengths, ctx.settings.size)
    vital_ids = [p.id for p in vital]
    in_vital = person.id in vital_ids
    cadence = effective_cadence(person, ctx.settings, in_vital_few=in_vital)
    return views.touch_logged(
        touch, person,
        vital_rank=vital_ids.index(person.id) + 1 if in_vital else None,
        rank=[p.id for p in order].index(person.id) + 1,
        next_due=ctx.now + timedelta(days=cadence) if cadence else None,
        now=ctx.now, tz=ctx.tz, own_cadence=person.cadence_days is not None,
        digest=bool(ctx.settings.digest_enabled),
        fix=full_name_offer(person, command.note) if new_name else None)
