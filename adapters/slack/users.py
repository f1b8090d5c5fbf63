"""Who a Slack user is (display name, time zone, own team), from ``users.info``, cached.

A command needs the owner's profile zone (used until they set one) and, for a
bare ``<@U123>`` mention, a display name; the shortcut needs to know whether a user is a
bot. Asking Slack on every command would cost a
round trip each time and burn the users.info rate limit (Tier 4), so answers are kept for
an hour in a bounded LRU: profiles change rarely and a stale zone only lasts that long.

A command is answered inside Slack's 3-second acknowledgement, so it never waits on
``users.info`` longer than a short time box (``within``): past it the command goes on
without the profile (the zone is then UTC and the reply says so; a name is the id) and
the lookup finishes in the background, filling the cache for the next command. Only
well-formed user ids are asked about at all.
"""

from __future__ import annotations

import asyncio
import re
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
    team: str | None = None


NOBODY = Profile(None, None)
#: Slack's answer "no such user" (or any other refusal) is kept ten minutes: asking again
#: sooner would only spend the rate limit on the same answer.
FAILURE_TTL = 600.0
#: A lookup that could not be made (rate limited, timed out) is retried after a minute.
TRANSIENT_TTL = 60.0
#: Seconds a command waits for users.info before it goes on without the profile.
ACK_BUDGET = 1.0
#: A Slack user id: U or W and upper-case letters and digits (Slack's are 9 to 11 long).
USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}")


def is_user_id(user: str) -> bool:
    return USER_ID.fullmatch(user) is not None


class UserDirectory:
    """``users.info`` per (team, user), cached for ``ttl`` seconds, at most ``size`` kept."""

    def __init__(self, ttl: float = 3600.0, size: int = 5000,
                 now: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._size = size
        self._now = now
        self._cache: OrderedDict[tuple[str, str], tuple[float, Profile]] = OrderedDict()
        self._asking: dict[tuple[str, str], asyncio.Task[Profile]] = {}

    async def profile(self, client: AsyncWebClient, team: str, user: str) -> Profile:
        """The user's name and zone; NOBODY when Slack will not say (never raises)."""
        if not is_user_id(user):
            return NOBODY
        cached = self.cached(team, user)
        if cached is not None:
            return cached
        key = (team, user)
        task = self._asking.get(key)
        if task is None:
            task = asyncio.ensure_future(self._lookup(client, key))
            self._asking[key] = task
            task.add_done_callback(lambda _: self._asking.pop(key, None))
        return await asyncio.shield(task)

    def cached(self, team: str, user: str) -> Profile | None:
        """The user's profile if a fresh answer is cached, else None."""
        key = (team, user)
        hit = self._cache.get(key)
        if hit is None or hit[0] <= self._now():
            return None
        self._cache.move_to_end(key)
        return hit[1]

    async def within(self, client: AsyncWebClient, team: str, user: str,
                     budget: float = ACK_BUDGET) -> Profile:
        """``profile`` if it comes within ``budget`` seconds, else NOBODY at once while
        the lookup goes on in the background and fills the cache. A cached answer comes
        straight back: no task and no timer for the time box (most commands)."""
        if is_user_id(user) and (cached := self.cached(team, user)) is not None:
            return cached
        try:
            return await asyncio.wait_for(self.profile(client, team, user), budget)
        except TimeoutError:
            log.info("users_info_deferred", budget=budget)
            return NOBODY

    async def _lookup(self, client: AsyncWebClient, key: tuple[str, str]) -> Profile:
        found, ttl = await self._ask(client, key[1])
        self._cache[key] = (self._now() + min(self._ttl, ttl), found)
        self._cache.move_to_end(key)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found

    async def _ask(self, client: AsyncWebClient, user: str) -> tuple[Profile, float]:
        try:
            response = await client.users_info(user=user)
        except SlackApiError as err:
            log.warning("users_info_failed", error=type(err).__name__)
            status = getattr(err.response, "status_code", 200)
            return NOBODY, TRANSIENT_TTL if status == 429 or status >= 500 else FAILURE_TTL
        except (OSError, TimeoutError) as err:
            log.warning("users_info_failed", error=type(err).__name__)
            return NOBODY, TRANSIENT_TTL
        info = response.get("user") or {}
        profile = info.get("profile") or {}
        names = (profile.get("display_name"), profile.get("real_name"), info.get("real_name"),
                 info.get("name"))
        name = next((n for n in names if n and visible(n)), None)  # never an invisible one
        return (Profile(name or None, info.get("tz") or None, bool(info.get("is_bot")),
                        info.get("team_id") or None), self._ttl)
