"""Deliveries as DMs, each marked with its delivery key (exactly once).

Every message is sent with a nonce derived from the key, and discord.py always sets
``enforce_nonce``: Discord then returns the first message instead of posting a second
one when the same nonce comes again within a few minutes (a crash right after sending).

``already_sent`` does **not** rely on the nonce: Discord does not return nonces in
message history. It relies on the marker ``ref:<hash of key>`` in the embed footer of
every delivery, found by scanning the bot's recent messages in the DM channel.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import discord

from adapters.discord.render import render
from bot.domain import Owner
from bot.ports import PermanentDeliveryError, RetryableDeliveryError
from bot.replies import Reply

NONCE_LENGTH = 25  # Discord's limit
HISTORY_LIMIT = 50  # deliveries to one user are few; 50 covers weeks of them
NOT_READY_RETRY = 5.0
CANNOT_DM = 50007


def _digest(delivery_key: str) -> str:
    return hashlib.sha256(delivery_key.encode()).hexdigest()


def delivery_nonce(delivery_key: str) -> str:
    """A stable nonce of at most 25 characters for one delivery."""
    return ("vf" + _digest(delivery_key))[:NONCE_LENGTH]


def delivery_ref(delivery_key: str) -> str:
    """The footer marker that ``already_sent`` looks for."""
    return f"ref:{_digest(delivery_key)[:16]}"


class DiscordNotifier:
    """Sends the core's deliveries as DMs through a ``discord.Client``."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        kwargs = render(reply, ref=delivery_ref(delivery_key)).message_kwargs()
        async with delivery_errors():
            channel = await self._dm_channel(owner)
            await channel.send(nonce=delivery_nonce(delivery_key), **kwargs)

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        """Whether a recent bot message in the DM carries this key's footer marker."""
        ref = delivery_ref(delivery_key)
        async with delivery_errors():
            channel = await self._dm_channel(owner)
            me = self._client.user
            async for message in channel.history(limit=HISTORY_LIMIT):
                if (me is None or message.author.id == me.id) and _has_ref(message, ref):
                    return True
        return False

    async def _dm_channel(self, owner: Owner) -> Any:
        if not self._client.is_ready():
            raise RetryableDeliveryError("Discord is not connected yet", NOT_READY_RETRY)
        if not owner.user.isdigit():
            raise PermanentDeliveryError("not a Discord user id")
        user_id = int(owner.user)
        user = self._client.get_user(user_id) or await self._client.fetch_user(user_id)
        return user.dm_channel or await user.create_dm()


def _has_ref(message: discord.Message, ref: str) -> bool:
    return any(embed.footer and embed.footer.text == ref for embed in message.embeds)


@asynccontextmanager
async def delivery_errors() -> AsyncIterator[None]:
    """Discord's failures as the core's: permanent ones are recorded, others retried."""
    try:
        yield
    except discord.Forbidden as err:
        reason = "the user's DMs are closed" if err.code == CANNOT_DM else "not allowed"
        raise PermanentDeliveryError(f"{reason} ({err.status}, code {err.code})") from err
    except discord.NotFound as err:
        raise PermanentDeliveryError(f"unknown user or channel (code {err.code})") from err
    except discord.RateLimited as err:
        raise RetryableDeliveryError("rate limited", err.retry_after) from err
    except discord.HTTPException as err:
        if err.status == 429 or err.status >= 500:
            raise RetryableDeliveryError(f"Discord answered {err.status}",
                                         _retry_after(err)) from err
        raise PermanentDeliveryError(f"Discord refused it ({err.status}, code {err.code})"
                                     ) from err
    except (TimeoutError, aiohttp.ClientError) as err:
        raise RetryableDeliveryError(f"network: {type(err).__name__}") from err


def _retry_after(err: discord.HTTPException) -> float | None:
    headers = getattr(err.response, "headers", None) or {}
    try:
        return float(headers["Retry-After"])
    except (KeyError, TypeError, ValueError):
        return None
