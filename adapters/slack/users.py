"""Who a Slack user is (display name, time zone), from ``users.info``, cached.

A command needs the owner's profile zone (used until they set one) and, for a
bare ``<@U123>`` mention, a display name; the shortcut needs to know whether a user is a
bot. Asking Slack on every command would cost a
round trip each time and burn the users.info rate limit (Tier 4), so answers are kept for
an hour in a bounded LRU: profiles change rarely and a stale zone only lasts that long.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.text import visible

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Profile:
    name: str | None
    tz: str | None
    is_bot: bool = False


NOBODY = Profile(None, None)
#: A failed lookup is retried after a minute rather than an hour.
FAILURE_TTL = 60.0


class UserDirectory:
    """``users.info`` per (team, user), cached for ``ttl`` seconds, at most ``size`` kept."""

    def __init__(self, ttl: float = 3600.0, size: int = 5000,
                 now: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._size = size
        self._now = now
        self._cache: OrderedDict[tuple[str, str], tuple[float, Profile]] = OrderedDict()

    async def profile(self, client: AsyncWebClient, team: str, user: str) -> Profile:
        """The user's name and zone; NOBODY when Slack will not say (never raises)."""
        key = (team, user)
        hit = self._cache.get(key)
        if hit and hit[0] > self._now():
            self._cache.move_to_end(key)
            return hit[1]
        found = await self._ask(client, user)
        ttl = self._ttl if found is not NOBODY else min(self._ttl, FAILURE_TTL)
        self._cache[key] = (self._now() + ttl, found)
        self._cache.move_to_end(key)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found

    async def _ask(self, client: AsyncWebClient, user: str) -> Profile:
        try:
            response = await client.users_info(user=user)
        except (SlackApiError, OSError, TimeoutError) as err:
            log.warning("users_info_failed", error=type(err).__name__)
            return NOBODY
        info = response.get("user") or {}
        profile = info.get("profile") or {}
        names = (profile.get("display_name"), profile.get("real_name"), info.get("real_name"),
                 info.get("name"))
        name = next((n for n in names if n and visible(n)), None)  # never an invisible one
        return Profile(name or None, info.get("tz") or None, bool(info.get("is_bot")))
