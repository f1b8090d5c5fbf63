"""The "Follow up on this" message shortcut: a modal, then a follow-up in the core.

The modal lets the owner confirm who (the message's author, preselected), when (a date,
today + 7 in their zone) and the note (the message's permalink). The chosen date means
09:00 in the owner's zone, as a date without a time does everywhere else.
A message by a bot gets no modal but a private refusal, and picking yourself, this bot or
another bot in "With" is an error on that field: none of them is a relationship.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    PlainTextInputElement,
    UserSelectElement,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.deps import Deps, ack_now
from adapters.slack.render import render
from bot import replies
from bot.context import DEFAULT_FOLLOWUP_DAYS
from bot.domain import NINE_AM, Owner
from bot.replies import Reply
from bot.text import MAX_NOTE
from bot.timefmt import zone
from bot.views import NOT_A_PERSON

log = structlog.get_logger(__name__)

CALLBACK_ID = "followup_message"
VIEW_ID = "followup_message_modal"
PERSON, DUE, NOTE = "person", "due", "note"


class FollowUpShortcut:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def register(self, app: AsyncApp) -> None:
        app.message_shortcut(CALLBACK_ID)(ack=ack_now, lazy=[self.open])
        app.view_submission(VIEW_ID)(self.submit)

    async def open(self, shortcut: dict[str, Any], client: AsyncWebClient,
                   context: AsyncBoltContext) -> None:
        """Open the modal (the trigger_id is good for 3 seconds; this runs right after ack)."""
        owner = await self.deps.owner(shortcut, context, client)
        message = shortcut.get("message") or {}
        channel = (shortcut.get("channel") or {}).get("id", "")
        if by_a_bot(message, context):
            await confirm(client, owner, channel, await self.refuse_bot(owner, message, context))
            return
        tz = zone(await self.deps.zone_name(client, owner))
        today = self.deps.clock.now().astimezone(tz).date()
        link = await permalink(client, channel, message.get("ts", ""))
        view = modal(message.get("user"), today + timedelta(days=DEFAULT_FOLLOWUP_DAYS), link,
                     {"channel": channel})
        await client.views_open(trigger_id=shortcut["trigger_id"], view=view.to_dict())

    async def submit(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any],
                     client: AsyncWebClient, context: AsyncBoltContext) -> None:
        owner = await self.deps.owner(body, context, client)
        form = submitted(view)
        if isinstance(form, str):
            log.warning("modal_state_unexpected")
            await ack(response_action="errors", errors={PERSON: form})
            return
        author, day, note, channel = form
        # Inside the ack, so both lookups share one time box (the author not known in
        # time, the core still refuses yourself and this bot).
        profile, mine = await asyncio.gather(
            self.deps.users.within(client, owner.workspace, author),
            self.deps.users.within(client, owner.workspace, owner.user))
        is_me = bool(context.bot_user_id) and author == context.bot_user_id
        if profile.is_bot and not is_me:
            await ack(response_action="errors", errors={PERSON: NOT_A_PERSON})
            return
        tz_name = await self.deps.zone_name(client, owner, mine)
        due = nine_am(day, ZoneInfo(tz_name))
        if due <= self.deps.clock.now():
            await ack(response_action="errors", errors={DUE: "Pick a later day: that one "
                                                        "has passed (reminders go at 09:00)."})
            return
        reply = await self.deps.service.follow_up_on_message(
            owner, author, profile.name, note, due_at=due,
            tz_hint=mine.tz, author_is_bot=is_me)
        if reply.error:
            # Yourself or the bot is a mistake in "With"; anything else, in the date.
            field = PERSON if is_me or author == owner.user else DUE
            await ack(response_action="errors", errors={field: reply.title[:150]})
            return
        await ack()
        await confirm(client, owner, channel, reply)


    async def refuse_bot(self, owner: Owner, message: dict[str, Any],
                         context: AsyncBoltContext) -> Reply:
        """Why a message by a bot gets no follow-up: this bot's, in the core's words."""
        if not is_mine(message, context):
            return replies.reply(NOT_A_PERSON, error=True)
        author = message.get("user") or context.bot_user_id or ""
        return await self.deps.service.follow_up_on_message(
            owner, author, None, "", author_is_bot=True)


#: The answer to a submission this modal cannot have made: one opened before a deploy that
#: changed it, or a forged one. It shows on the modal, which the user can close.
STALE_FORM = "This form is out of date: close it and use \"Follow up on this\" again."


def submitted(view: dict[str, Any]) -> tuple[str, date, str, str] | str:
    """(author, day, note, channel) from the modal's state and private_metadata, or the
    error to show when they are not what ``modal`` builds."""
    values: Any = (view.get("state") or {}).get("values")
    try:
        author = values[PERSON][PERSON].get("selected_user") or ""
        day = date.fromisoformat(values[DUE][DUE]["selected_date"])
        note = (values.get(NOTE) or {}).get(NOTE, {}).get("value") or ""
        meta = json.loads(view.get("private_metadata") or "{}")
        channel = meta.get("channel") or ""
    except (KeyError, TypeError, ValueError, AttributeError):
        return STALE_FORM
    if not all(isinstance(v, str) for v in (author, note, channel)):
        return STALE_FORM
    return author, day, note, channel


def by_a_bot(message: dict[str, Any], context: AsyncBoltContext) -> bool:
    """A message a bot posted (an app's ``bot_id``, a ``bot_message``, or this bot's user):
    a bot is not a person to follow up with."""
    return bool(message.get("bot_id") or message.get("subtype") == "bot_message"
                or is_mine(message, context))


def is_mine(message: dict[str, Any], context: AsyncBoltContext) -> bool:
    """A message this very bot posted."""
    user, bot = message.get("user"), message.get("bot_id")
    return bool((user and user == context.bot_user_id) or (bot and bot == context.bot_id))


def modal(author: str | None, day: date, link: str, meta: dict[str, str]) -> View:
    return View(
        type="modal", callback_id=VIEW_ID, title="Follow up", submit="Save", close="Cancel",
        private_metadata=json.dumps(meta),
        blocks=[
            InputBlock(block_id=PERSON, label="With", element=UserSelectElement(
                action_id=PERSON, initial_user=author or None)),
            InputBlock(block_id=DUE, label="Remind me on (09:00 your time)",
                       element=DatePickerElement(action_id=DUE, initial_date=day.isoformat())),
            InputBlock(block_id=NOTE, label="Note", optional=True, element=PlainTextInputElement(
                action_id=NOTE, multiline=True, initial_value=link or None,
                max_length=MAX_NOTE)),
        ])


def nine_am(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, NINE_AM, tzinfo=tz)


async def permalink(client: AsyncWebClient, channel: str, ts: str) -> str:
    """The message's link, or '' when Slack won't give one (the note is then empty)."""
    if not channel or not ts:
        return ""
    try:
        return (await client.chat_getPermalink(channel=channel, message_ts=ts))["permalink"]
    except SlackApiError as err:
        log.warning("permalink_failed", error=err.response.get("error"))
        return ""


async def confirm(client: AsyncWebClient, owner: Owner, channel: str, reply: Reply) -> None:
    """Ephemeral in the channel the shortcut came from; a DM when the bot can't post there."""
    message = render(reply)
    try:
        if not channel:
            raise LookupError("no channel")
        await client.chat_postEphemeral(channel=channel, user=owner.user, text=message.text,
                                        blocks=message.blocks)
    except (SlackApiError, LookupError):
        dm = (await client.conversations_open(users=owner.user))["channel"]["id"]
        await client.chat_postMessage(channel=dm, text=message.text, blocks=message.blocks)
