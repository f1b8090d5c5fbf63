"""Answering an interaction: ephemeral, within Discord's 3 seconds, files to the DM;
and a pressed button, whose reply replaces its message when it closes it.

Discord drops an interaction that is not answered within 3 seconds. ``answer`` starts
the work and, if it is not done within ``DEFER_AFTER``, defers ("thinking…") and sends
the reply as a follow-up once it is ready, so a slow database never loses an answer.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable
from dataclasses import replace

import discord

from adapters.discord.identity import owner_of
from adapters.discord.render import escape, render
from bot.replies import Attachment, Reply, Section
from bot.services import VitalFewService
from bot.views import with_sections

DEFER_AFTER = 2.0  # seconds; Discord's limit is 3
#: The largest file a bot may upload without a boosted server (10 MiB).
UPLOAD_LIMIT = 10 * 1024 * 1024


async def answer(interaction: discord.Interaction, work: Awaitable[Reply], *,
                 defer_first: bool = False) -> Reply:
    """Run ``work`` and show its reply to the user only; defer when it takes a while."""
    task = asyncio.ensure_future(work)
    deferred = False
    if defer_first or not await _done_within(task, DEFER_AFTER):
        await interaction.response.defer(ephemeral=True, thinking=True)
        deferred = True
    reply = await task
    await send_reply(interaction, reply, deferred=deferred)
    return reply


async def press(service: VitalFewService, interaction: discord.Interaction, action: str,
                value: str) -> None:
    """Run a button for whoever pressed it; replace the message when the reply closes it,
    so that its buttons cannot act twice."""
    reply = await service.act(owner_of(interaction.user), action, value)
    if reply.replaces_original:
        await interaction.response.edit_message(**render(reply, buttons=False).edit_kwargs())
    else:
        await interaction.response.send_message(ephemeral=True, **render(reply).message_kwargs())


async def _done_within(task: asyncio.Future[Reply], seconds: float) -> bool:
    done, _ = await asyncio.wait({task}, timeout=seconds)
    return bool(done)


async def send_reply(interaction: discord.Interaction, reply: Reply, *, deferred: bool) -> None:
    """An ephemeral reply; an attachment goes to the user's DMs (an export)."""
    file = None
    if reply.attachment is not None:
        reply, file = await _send_attachment(interaction, reply, reply.attachment)
    kwargs = render(reply).message_kwargs()
    if file is not None:
        kwargs["file"] = file
    if deferred:
        await interaction.followup.send(ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=True, **kwargs)


async def _send_attachment(interaction: discord.Interaction, reply: Reply,
                           attachment: Attachment) -> tuple[Reply, discord.File | None]:
    """DM the file; if the DMs are closed, hand it over in the ephemeral reply instead.
    A file over Discord's upload limit is not tried at all: the reply says why."""
    if len(attachment.content) > UPLOAD_LIMIT:
        return too_big(len(attachment.content)), None
    try:
        await interaction.user.send(content=f"**{escape(reply.title)}**",
                                    file=to_file(attachment),
                                    allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        note = "Your DMs with me are closed, so here is the file, visible only to you."
        return _with_line(reply, note), to_file(attachment)
    return _with_line(reply, "I sent the file to your DMs."), None


def too_big(size: int) -> Reply:
    return Reply(
        f"Your export is {size / 1024 / 1024:.1f} MB, more than the "
        f"{UPLOAD_LIMIT // 1024 // 1024} MB Discord lets me upload, so I can't send it here.",
        (Section(("Forgetting people you no longer keep up with makes it smaller: "
                  "/vitalfew forget person:NAME",)),), error=True)


def to_file(attachment: Attachment) -> discord.File:
    return discord.File(io.BytesIO(attachment.content), filename=attachment.filename)


def _with_line(reply: Reply, line: str) -> Reply:
    """The reply with a line about where its file went, and without the file."""
    return replace(with_sections(reply, Section((line,))), attachment=None)
