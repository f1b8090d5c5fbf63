"""/vitalfew digest and tz, and the first-use digest question's buttons."""

from __future__ import annotations

from bot.commands import (
    DigestNow,
    DigestOff,
    DigestOn,
    DigestSchedule,
    DigestShow,
    SetTimezone,
    ShowSettings,
)
from bot.context import Context, Refusal
from bot.replies import Reply, reply
from bot.schedule import (
    DIGEST_NOW_WINDOW,
    digest_delivery,
    digest_now_delivery,
    digest_now_window,
)
from bot.timefmt import find_zone, suggest_zones
from bot.views import settings as views


async def digest_now(ctx: Context, command: DigestNow) -> Reply:
    if not await ctx.schedule(digest_now_delivery(ctx.owner, ctx.now)):
        minutes = int(DIGEST_NOW_WINDOW.total_seconds() // 60)
        next_at = digest_now_window(ctx.now) + DIGEST_NOW_WINDOW
        raise Refusal(views.digest_now_again(minutes, next_at, ctx.now, ctx.tz), "digest")
    return reply(views.DIGEST_ON_ITS_WAY)


async def digest_off(ctx: Context, command: DigestOff) -> Reply:
    await ctx.save_settings(digest_enabled=False)
    return views.digest_off()


async def digest_on(ctx: Context, command: DigestOn) -> Reply:
    await ctx.save_settings(digest_enabled=True)
    return await _schedule(ctx)


async def digest_schedule(ctx: Context, command: DigestSchedule) -> Reply:
    await ctx.save_settings(digest_enabled=True, digest_day=command.day, digest_time=command.at)
    return await _schedule(ctx)


async def digest_show(ctx: Context, command: DigestShow) -> Reply:
    if not ctx.settings.digest_enabled:
        return views.digest_is_off()
    return await _schedule(ctx)


async def _schedule(ctx: Context) -> Reply:
    """The schedule and the pending digest's time (this week's may have gone out)."""
    pending = await ctx.reschedule_digest()
    next_at = pending.due_at if pending else digest_delivery(ctx.settings, ctx.now).due_at
    return views.digest_schedule(ctx.settings, next_at, ctx.now, ctx.tz)


async def set_timezone(ctx: Context, command: SetTimezone) -> Reply:
    found = find_zone(command.zone)
    if found is None:
        raise Refusal(views.unknown_zone(command.zone, suggest_zones(command.zone)), "tz")
    await ctx.save_settings(tz=found)
    return views.zone_set(found, ctx.now, ctx.tz)


async def show_settings(ctx: Context, command: ShowSettings) -> Reply:
    return views.settings_shown(ctx.settings, ctx.now, ctx.tz,
                                in_terminal=ctx.owner.platform == "console")


async def opt_in(ctx: Context, value: str) -> Reply:
    await ctx.save_settings(digest_enabled=True)
    ctx.deliveries_changed = True
    return views.digest_opted(True, ctx.settings)


async def opt_out(ctx: Context, value: str) -> Reply:
    await ctx.save_settings(digest_enabled=False)
    return views.digest_opted(False, ctx.settings)
