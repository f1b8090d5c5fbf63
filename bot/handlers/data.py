"""/vitalfew export and forget: the owner's data leaving, as a file or for good."""

from __future__ import annotations

from bot.commands import Export, Forget
from bot.confirmations import target_of, token
from bot.context import Context
from bot.exporting import export_document
from bot.handlers.followups import button_id
from bot.replies import Attachment, Reply
from bot.views import data as views
from bot.views.common import error


async def export(ctx: Context, command: Export) -> Reply:
    doc = export_document(
        ctx.owner, ctx.settings, ctx.people, await ctx.touches(),
        await ctx.uow.followups.list_all(ctx.owner), ctx.now)
    stamp = ctx.now.strftime("%Y%m%d-%H%M%S")
    return views.export(len(ctx.people), Attachment(f"vitalfew-export-{stamp}.json", doc))


async def forget(ctx: Context, command: Forget) -> Reply:
    """Ask first: nothing is deleted until the owner presses Delete."""
    if command.person is None:
        return views.forget_question(None, token(ctx.settings, views.EVERYTHING, ctx.now))
    person = await ctx.person(command.person, create=False)
    return views.forget_question(person, token(ctx.settings, f"person:{person.id}", ctx.now))


async def confirmed(ctx: Context, value: str) -> Reply:
    target = target_of(ctx.settings, value, ctx.now)
    if target is None:  # not the answer to a question asked moments ago
        return error(views.CONFIRMATION_OUT_OF_DATE)
    value = target
    await ctx.store_touches()  # a touch logged before is deleted with the rest
    if value == views.EVERYTHING:
        await ctx.uow.owners.delete_everything(ctx.owner)
        return views.forgot_everything()
    person = ctx.person_by_id(button_id(value.removeprefix("person:")))
    await ctx.uow.people.delete(ctx.owner, person.id or 0)
    return views.forgot(person)


async def cancelled(ctx: Context, value: str) -> Reply:
    return views.kept()
