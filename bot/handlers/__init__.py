"""Which function handles which command and which button.

A handler takes the command's ``Context`` and the typed command (or, for a button, the
value it carries) and returns the ``Reply``. Adding a subcommand means a command type in
``bot.commands``, its grammar in ``bot.grammar``, a handler here and its words in
``bot.views``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot import commands as c
from bot import grammar
from bot import replies as r
from bot.context import Context
from bot.handlers import circle, data, followups, pick, rename, settings, touch
from bot.replies import Reply
from bot.views.common import help_reply

CommandHandler = Callable[[Context, Any], Awaitable[Reply]]
ActionHandler = Callable[[Context, str], Awaitable[Reply]]


async def show_help(ctx: Context, command: c.Help) -> Reply:
    return help_reply(command.topic, command.unknown)


COMMAND_HANDLERS: dict[type, CommandHandler] = {
    c.Touch: touch.log_touch,
    c.AddFollowup: followups.add_followup,
    c.ListFollowups: followups.list_followups,
    c.ShowVitalFew: circle.show_vital_few,
    c.ListPeople: circle.list_people,
    c.Pin: circle.pin,
    c.SetSize: circle.set_size,
    c.SetCadence: circle.set_cadence,
    c.SetCloseSize: circle.set_close_size,
    c.ShowCircles: circle.show_circles,
    c.SetBudget: circle.set_budget,
    c.DigestNow: settings.digest_now,
    c.DigestOff: settings.digest_off,
    c.DigestOn: settings.digest_on,
    c.DigestSchedule: settings.digest_schedule,
    c.DigestShow: settings.digest_show,
    c.SetTimezone: settings.set_timezone,
    c.ShowSettings: settings.show_settings,
    c.Export: data.export,
    c.Forget: data.forget,
    c.Merge: data.merge,
    c.Rename: rename.rename,
    c.Help: show_help,
}

async def run_command(ctx: Context, command: str | c.Command, text: str = "") -> Reply:
    """Parse (typed text) and run the command's handler. A name that could mean several
    people asks which, with a button each (``bot.handlers.pick``)."""
    try:
        parsed = grammar.parse(command, text, ctx.known()) if isinstance(command, str) \
            else command
        return await COMMAND_HANDLERS[type(parsed)](ctx, parsed)
    except grammar.AmbiguousPerson as err:
        return await pick.ask(ctx, command, text, err)


async def person_picked(ctx: Context, value: str) -> Reply:
    return await pick.picked(ctx, value, run_command)


ACTION_HANDLERS: dict[str, ActionHandler] = {
    r.FOLLOWUP_DONE: followups.done,
    r.FOLLOWUP_DROP: followups.drop,
    r.FOLLOWUP_SNOOZE_1D: followups.snooze_day,
    r.FOLLOWUP_SNOOZE_1W: followups.snooze_week,
    r.PERSON_TOUCH: circle.touched,
    r.PERSON_SNOOZE_1W: circle.snooze_person,
    r.FORGET_CONFIRM: data.confirmed,
    r.FORGET_CANCEL: data.cancelled,
    r.MERGE_CONFIRM: data.merge_confirmed,
    r.PERSON_PICK: person_picked,
    r.TOUCH_FULL_NAME: rename.full_name,
    r.DIGEST_OPT_IN: settings.opt_in,
    r.DIGEST_OPT_OUT: settings.opt_out,
    r.TOUCH_FROM_THEM: touch.from_them,
}
