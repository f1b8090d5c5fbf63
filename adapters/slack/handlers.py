"""Slash commands and buttons: Slack payloads in, core calls, Block Kit out.

Commands are answered inside ``ack()``: the core's answer takes milliseconds, so it goes
back as the HTTP response itself (ephemeral), with no second call to response_url.
Buttons are acknowledged at once and do their work as a Bolt lazy listener: run the core,
then update the message they sit on, so that a pressed Done/Snooze/Drop cannot be
pressed again to effect.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from typing import Any

import structlog
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.deps import Deps, ack_now, typed_text
from adapters.slack.home import HomeTab
from adapters.slack.render import render
from bot import replies
from bot.domain import Owner
from bot.replies import Attachment, Reply, Section
from bot.views import with_sections

log = structlog.get_logger(__name__)

COMMANDS = re.compile(r"^/(touch|followup|vitalfew)$")
#: Seconds the ack waits for an export's upload before saying it is on its way.
UPLOAD_BUDGET = 1.5
ACTIONS = re.compile("^(" + "|".join(map(re.escape, replies.ALL_ACTIONS)) + ")$")


def register(app: AsyncApp, deps: Deps, home: HomeTab) -> None:
    handlers = Handlers(deps, home)
    app.command(COMMANDS)(handlers.command)
    app.action(ACTIONS)(ack=ack_now, lazy=[handlers.button])


class Handlers:
    def __init__(self, deps: Deps, home: HomeTab) -> None:
        self.deps = deps
        self.home = home
        self._uploads: set[asyncio.Future[Reply]] = set()

    async def command(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient,
                      context: AsyncBoltContext) -> None:
        """``/touch``, ``/followup``, ``/vitalfew``: the core's reply, ephemeral, in the ack."""
        owner = await self.deps.owner(body, context, client)
        command = str(body.get("command", "")).lstrip("/")
        request = await self.deps.request(client, owner, command,
                                          typed_text(body.get("text") or ""),
                                          bot_id=context.bot_user_id)
        reply = await self.deps.service.handle(request)
        if reply.attachment is not None:
            reply = await self.sent_in_time(client, owner, reply, reply.attachment)
        message = render(reply)
        await ack(text=message.text, blocks=message.blocks, response_type="ephemeral")

    async def sent_in_time(self, client: AsyncWebClient, owner: Owner, reply: Reply,
                           attachment: Attachment) -> Reply:
        """The export's upload, waited for ``UPLOAD_BUDGET`` seconds: the answer goes in
        the ack, which Slack waits 3 s for. Past it the upload goes on, and the reply says
        the file is on its way."""
        upload = asyncio.ensure_future(self.send_file(client, owner, reply, attachment))
        self._uploads.add(upload)
        upload.add_done_callback(self._uploads.discard)
        try:
            return await asyncio.wait_for(asyncio.shield(upload), UPLOAD_BUDGET)
        except TimeoutError:
            note = Section((f"On its way to your DMs as {attachment.filename}.",))
            return replace(with_sections(reply, note), attachment=None)

    async def send_file(self, client: AsyncWebClient, owner: Owner, reply: Reply,
                        attachment: Attachment) -> Reply:
        """The export goes to the owner's DM as a file; the reply says where it went."""
        try:
            channel = (await client.conversations_open(users=owner.user))["channel"]["id"]
            await client.files_upload_v2(channel=channel, content=attachment.content,
                                         filename=attachment.filename, title=attachment.filename)
        except SlackApiError as err:
            log.warning("export_upload_failed", error=err.response.get("error"))
            return Reply("I couldn't send the export file to your DMs. Try again in a minute.",
                         error=True)
        note = Section((f"Sent to your DMs as {attachment.filename}.",))
        return replace(with_sections(reply, note), attachment=None)

    async def button(self, body: dict[str, Any], client: AsyncWebClient,
                     context: AsyncBoltContext, respond: AsyncRespond) -> None:
        """Run the pressed button in the core and show its outcome where it was pressed: on
        the Home tab, the republished tab; in a message, that message. A button in any
        other view (a modal) leaves the Home tab alone and answers privately."""
        owner = await self.deps.owner(body, context, client)
        action = (body.get("actions") or [{}])[0]
        reply = await self.deps.service.act(owner, action.get("action_id", ""),
                                            action.get("value") or "")
        container = body.get("container") or {}
        if container.get("type") == "view":
            if (body.get("view") or {}).get("type") == "home":
                await self.home.publish(client, owner, notice=reply)
            else:
                await self.in_modal(client, owner, reply)
            return
        message = render(reply)
        if not reply.replaces_original:
            await respond(text=message.text, blocks=message.blocks, response_type="ephemeral",
                          replace_original=False)
        elif container.get("is_ephemeral") or not container.get("message_ts"):
            await respond(text=message.text, blocks=message.blocks, replace_original=True)
        else:
            await client.chat_update(channel=container["channel_id"], ts=container["message_ts"],
                                     text=message.text, blocks=message.blocks)

    async def in_modal(self, client: AsyncWebClient, owner: Owner, reply: Reply) -> None:
        """A modal has no place for an answer and no response_url: the outcome goes to the
        owner's DM with the bot."""
        message = render(reply)
        channel = (await client.conversations_open(users=owner.user))["channel"]["id"]
        await client.chat_postMessage(channel=channel, text=message.text, blocks=message.blocks)
