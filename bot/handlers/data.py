"""/vitalfew export and forget: the owner's data leaving, as a file or for good."""

from __future__ import annotations

from bot.commands import Export, Forget, Merge
from bot.confirmations import target_of, token
from bot.context import Context, Refusal
from bot.domain import Person
from bot.exporting import export_off_the_loop
from bot.handlers.followups import button_id
from bot.replies import Attachment, Reply
from bot.text import name_key
from bot.views import data as views
from bot.views.common import error


async def export(ctx: Context, command: Export) -> Reply:
    doc = await export_off_the_loop(
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
        await ctx.uow.pending.clear(ctx.owner)  # a command waiting for "which person?"
        return views.forgot_everything()
    person = ctx.person_by_id(button_id(value.removeprefix("person:")))
    await ctx.uow.people.delete(ctx.owner, person.id or 0)
    return views.forgot(person)


async def merge(ctx: Context, command: Merge) -> Reply:
    """Ask first: nothing changes until the owner presses Merge."""
    source = await ctx.person(command.source, create=False)
    target = await ctx.person(command.target, create=False)
    if source.id == target.id:
        raise Refusal(views.SAME_PERSON)
    return views.merge_question(
        source, target, token(ctx.settings, f"merge:{source.id}:{target.id}", ctx.now))


async def merge_confirmed(ctx: Context, value: str) -> Reply:
    confirmed = target_of(ctx.settings, value, ctx.now) or ""
    if not confirmed.startswith("merge:"):  # not the answer to a question asked moments ago
        return error(views.MERGE_OUT_OF_DATE)
    await ctx.store_touches()  # a touch logged before moves with the rest
    source_id, _, target_id = confirmed.removeprefix("merge:").partition(":")
    source = ctx.person_by_id(button_id(source_id))
    target = ctx.person_by_id(button_id(target_id))
    if source.id == target.id:
        raise Refusal(views.SAME_PERSON)
    await ctx.uow.people.merge(ctx.owner, source.id or 0, target.id or 0)
    ctx.people.remove(source)
    target.platform_id = target.platform_id or source.platform_id
    target.pinned = target.pinned or source.pinned
    target.cadence_days = target.cadence_days or source.cadence_days
    target.aliases = _names_kept(target, source)
    await ctx.uow.people.update(target)
    return views.merged(source, target)


def _names_kept(target: Person, source: Person) -> tuple[str, ...]:
    """The target's former names, then the source's names: each still finds the one
    person they now are (the target's own name is not repeated)."""
    key = name_key(target.name)
    names = (*target.aliases, source.name, *source.aliases)
    return tuple(dict.fromkeys(n for n in names if name_key(n) != key))


async def cancelled(ctx: Context, value: str) -> Reply:
    """Cancel on a forget or merge question: what it kept, or that it came too late."""
    target = target_of(ctx.settings, value, ctx.now)
    if target is None:
        return views.cancel_out_of_date()
    ids = [button_id(part) for part in target.split(":")[1:]]
    people = [p for i in ids for p in ctx.people if p.id == i]
    if len(people) < len(ids):  # a person it named is gone: Delete or Merge came first
        return views.cancelled_too_late(target.startswith("merge:"))
    if target.startswith("merge:"):
        return views.merge_cancelled(*people)
    return views.kept()
