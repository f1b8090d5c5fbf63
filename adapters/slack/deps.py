"""What every Slack handler needs, in one place: the core, the user directory, storage.

Also the translations every handler repeats: who the owner of a Slack request is, the
text of a command as the user typed it (Slack sends it escaped), and how a typed command
becomes a core ``Request`` with the user's zone, a name resolver for bare mentions and
the bot's own id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.users import UserDirectory
from bot.domain import Owner
from bot.ports import Clock, NameResolver, UnitOfWorkFactory
from bot.services import Request, VitalFewService

PLATFORM = "slack"


@dataclass
class Deps:
    service: VitalFewService
    users: UserDirectory
    uow: UnitOfWorkFactory
    clock: Clock

    async def zone_hint(self, client: AsyncWebClient, owner: Owner) -> str | None:
        """The owner's Slack profile zone (cached); the core prefers a zone they set."""
        return (await self.users.profile(client, owner.workspace, owner.user)).tz

    async def zone_name(self, client: AsyncWebClient, owner: Owner) -> str:
        """The zone the core shows this owner's times in: set, else profile, else UTC."""
        hint = await self.zone_hint(client, owner)
        async with self.uow() as uow:
            settings = await uow.owners.get(owner)
        if settings is not None and settings.tz:
            return settings.tz
        return hint or (settings.zone_name if settings else "UTC")

    def resolver(self, client: AsyncWebClient, team: str) -> NameResolver:
        async def resolve(user_id: str) -> str | None:
            return (await self.users.profile(client, team, user_id)).name
        return resolve

    async def request(self, client: AsyncWebClient, owner: Owner, command: str,
                      text: str, bot_id: str | None = None) -> Request:
        """``bot_id``: the bot's own user id (``context.bot_user_id``), which the core
        refuses as a person, as it refuses the owner."""
        return Request(owner, command, text, tz_hint=await self.zone_hint(client, owner),
                       resolve_name=self.resolver(client, owner.workspace), bot_id=bot_id)


async def ack_now(ack: AsyncAck) -> None:
    """Acknowledge at once. Registered as ``ack=`` with the work as a Bolt lazy listener,
    so Slack's 3-second clock never waits on a Web API call (chat.update, views.publish)
    nor on a Retry-After the SDK sleeps through."""
    await ack()


#: A Slack-generated token in typed text: a user, channel or group mention, a special
#: mention (``<!here>``), a link. A ``<`` the user typed arrives as ``&lt;``, so every raw
#: ``<…>`` is one of these.
_TOKEN = re.compile(r"<[^<>]*>")


def typed_text(sent: str) -> str:
    """The text of a slash command as the user typed it.

    Slack escapes ``&``, ``<`` and ``>`` in it as in a message (``Tom &amp; Jerry``); its own
    tokens (``<@U2|ana>``, ``<#C1>``, ``<!here>``, links) arrive raw and stay as they are, for
    the grammar to read mentions. Everything between them is unescaped, ``&amp;`` last, so
    a typed ``&lt;`` comes back as ``&lt;``. Replies escape again on the way out.
    """
    parts = []
    start = 0
    for token in _TOKEN.finditer(sent):
        parts += [_unescape(sent[start:token.start()]), token.group(0)]
        start = token.end()
    parts.append(_unescape(sent[start:]))
    return "".join(parts)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def owner_of(context: AsyncBoltContext) -> Owner:
    """Owner("slack", team, user). Org-wide installs without a team fall back to the org."""
    team = context.team_id or context.enterprise_id or ""
    return Owner(PLATFORM, team, context.user_id or "")
