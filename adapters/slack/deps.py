"""What every Slack handler needs, in one place: the core, the user directory, storage.

Also the translations every handler repeats: who the owner of a Slack request is, the
text of a command as the user typed it (Slack sends it escaped), and how a typed command
becomes a core ``Request`` with the user's zone, a name resolver for bare mentions and
the bot's own id.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.oauth import TeamDirectory
from adapters.slack.owners import PLATFORM, owner_in, workspace_in
from adapters.slack.users import ACK_BUDGET, Profile, UserDirectory, is_user_id
from bot.domain import Owner
from bot.ports import Clock, NameResolver, UnitOfWorkFactory
from bot.services import Request, VitalFewService

__all__ = ["PLATFORM", "Deps", "ack_now", "typed_text"]

#: The least time a name lookup gets once the command's time box is spent (a cached
#: name still answers in it).
MIN_LOOKUP = 0.05


@dataclass
class Deps:
    service: VitalFewService
    users: UserDirectory
    uow: UnitOfWorkFactory
    clock: Clock
    teams: TeamDirectory | None = None
    _learnt: set[str] = field(default_factory=set)

    async def owner(self, body: dict[str, Any], context: AsyncBoltContext,
                    client: AsyncWebClient) -> Owner:
        """The owner of any payload (``adapters.slack.owners``). A payload naming no
        workspace (an org-level App Home) is the user's own team, from users.info, so it
        is the owner their commands use. A workspace seen in an org is remembered."""
        team = workspace_in(body)
        if team is None and context.user_id:
            team = (await self.users.profile(client, context.enterprise_id or "",
                                             context.user_id)).team
        owner = owner_in(body, context, fallback=team)
        await self._learn(owner.workspace, context.enterprise_id)
        return owner

    async def _learn(self, team: str, enterprise: str | None) -> None:
        if self.teams is None or not enterprise or not team.startswith("T"):
            return
        if team not in self._learnt:
            await self.teams.remember(team, enterprise)
            self._learnt.add(team)

    async def zone_hint(self, client: AsyncWebClient, owner: Owner) -> str | None:
        """The owner's Slack profile zone (cached); the core prefers a zone they set.
        Time-boxed: a modal's submission is acknowledged inline, like a command."""
        return (await self.users.within(client, owner.workspace, owner.user)).tz

    async def zone_name(self, client: AsyncWebClient, owner: Owner,
                        profile: Profile | None = None) -> str:
        """The zone the core shows this owner's times in: set, else profile (``profile``
        when the caller has it, else asked for), else UTC."""
        hint = profile.tz if profile else await self.zone_hint(client, owner)
        async with self.uow() as uow:
            settings = await uow.owners.get(owner)
        if settings is not None and settings.tz:
            return settings.tz
        return hint or (settings.zone_name if settings else "UTC")

    def resolver(self, client: AsyncWebClient, team: str, deadline: float) -> NameResolver:
        """Names for bare mentions, each waited for only until the command's ``deadline``
        (loop time): past it the id stands in for the name."""
        async def resolve(user_id: str) -> str | None:
            budget = max(MIN_LOOKUP, deadline - asyncio.get_running_loop().time())
            return (await self.users.within(client, team, user_id, budget)).name
        return resolve

    async def request(self, client: AsyncWebClient, owner: Owner, command: str,
                      text: str, bot_id: str | None = None) -> Request:
        """``bot_id``: the bot's own user id (``context.bot_user_id``), which the core
        refuses as a person, as it refuses the owner. The Web API gets ``ACK_BUDGET``
        seconds in all: the command is answered inside Slack's 3-second ack whatever
        users.info does (a zone not known in time is UTC, and the reply says so)."""
        deadline = asyncio.get_running_loop().time() + ACK_BUDGET
        hint = (await self.users.within(client, owner.workspace, owner.user)).tz
        return Request(owner, command, text, tz_hint=hint,
                       resolve_name=self.resolver(client, owner.workspace, deadline),
                       bot_id=bot_id)


async def ack_now(ack: AsyncAck) -> None:
    """Acknowledge at once. Registered as ``ack=`` with the work as a Bolt lazy listener,
    so Slack's 3-second clock never waits on a Web API call (chat.update, views.publish)
    nor on a Retry-After the SDK sleeps through."""
    await ack()


#: A Slack-generated token in typed text: a user, channel or group mention, a special
#: mention (``<!here>``), a link. A ``<`` the user typed arrives as ``&lt;``, so every raw
#: ``<…>`` is one of these.
_TOKEN = re.compile(r"<[^<>]*>")
_USER_TOKEN = re.compile(r"<@([^|>]*)(?:\|[^>]*)?>")
#: Put between a typed ``<`` and ``@``: it draws nothing, and the grammar, which reads
#: ``<@id>`` as a mention, reads the typed text as the words it is.
_WORD_JOINER = "\u2060"


def typed_text(sent: str) -> str:
    """The text of a slash command as the user typed it.

    Slack escapes ``&``, ``<`` and ``>`` in it as in a message (``Tom &amp; Jerry``); its own
    tokens (``<@U2|ana>``, ``<#C1>``, ``<!here>``, links) arrive raw and stay as they are, for
    the grammar to read mentions. Everything between them is unescaped, ``&amp;`` last, so
    a typed ``&lt;`` comes back as ``&lt;``. Replies escape again on the way out.

    Only what Slack escaped is a mention: a typed ``<@U2|Totally The CEO>`` is text, and
    so is a raw user token whose id is not a Slack user id (Slack never sends one).
    """
    parts = []
    start = 0
    for token in _TOKEN.finditer(sent):
        raw = token.group(0)
        parts += [_as_typed(sent[start:token.start()]), raw if _genuine(raw) else _defused(raw)]
        start = token.end()
    parts.append(_as_typed(sent[start:]))
    return "".join(parts)


def _genuine(token: str) -> bool:
    user = _USER_TOKEN.fullmatch(token)
    return user is None or is_user_id(user.group(1))


def _as_typed(text: str) -> str:
    return _defused(_unescape(text))


def _defused(text: str) -> str:
    return text.replace("<@", "<" + _WORD_JOINER + "@")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
