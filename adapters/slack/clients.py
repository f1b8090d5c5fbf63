"""Web API clients: where they point, how they retry, and whose token they carry.

Two retry policies, on purpose. Interactive calls (a user is waiting on a command or a
button) retry a 429 once after its Retry-After, a 5xx once, a dropped connection once,
through the SDK's retry handlers. Delivery calls retry nothing themselves: a rate limit
or a 5xx surfaces as ``RetryableDeliveryError`` so the delivery engine backs off with
the row in the database and checks ``already_sent`` first (a 5xx may follow a post that
went through, and a blind resend would DM twice).
"""

from __future__ import annotations

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.oauth import TeamDirectory
from bot.ports import PermanentDeliveryError

#: Seconds before a Web API call counts as timed out (Slack answers in well under one).
TIMEOUT = 10


def interactive_retries() -> list[AsyncRetryHandler]:
    return [AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=1),
            AsyncServerErrorRetryHandler(max_retry_count=1)]


def web_client(base_url: str, token: str | None = None,
               retries: list[AsyncRetryHandler] | None = None) -> AsyncWebClient:
    """A client on ``SLACK_API_URL``; ``retries=None`` means the interactive policy."""
    return AsyncWebClient(token=token, base_url=base_url, timeout=TIMEOUT,
                          retry_handlers=interactive_retries() if retries is None else retries)


def configure(client: AsyncWebClient, base_url: str) -> AsyncWebClient:
    """Give a client made elsewhere (Bolt's own) the settings ``web_client`` gives."""
    client.base_url = base_url
    client.timeout = TIMEOUT
    client.retry_handlers = interactive_retries()
    return client


class BotTokens:
    """The bot token for a workspace: the one configured token, or the installation's.

    Single-workspace apps have SLACK_BOT_TOKEN; OAuth apps look the team's bot up in the
    installation store, so a delivery to a workspace that uninstalled fails permanently.
    The store keys a bot by (org, team): ``enterprise_id=None`` means "no org" there, not
    "any org", so a workspace of an Enterprise Grid org is looked up under its org (from
    ``teams``), as a workspace install first, then as part of an org-wide install.
    """

    def __init__(self, token: str | None = None,
                 store: AsyncInstallationStore | None = None,
                 teams: TeamDirectory | None = None) -> None:
        if token is None and store is None:
            raise ValueError("BotTokens needs a token or an installation store")
        self._token = token
        self._store = store
        self._teams = teams

    async def for_team(self, team_id: str) -> str:
        if self._token is not None:
            return self._token
        assert self._store is not None
        org = await self._teams.enterprise_of(team_id) if self._teams else None
        bot = await self._store.async_find_bot(enterprise_id=org, team_id=team_id)
        if bot is None and org:
            bot = await self._store.async_find_bot(enterprise_id=org, team_id=None,
                                                   is_enterprise_install=True)
        if bot is None or not bot.bot_token:
            raise PermanentDeliveryError("the app is not installed in that workspace")
        return bot.bot_token
