"""OAuth installs for many workspaces: the install pages, the scopes, the stores they use.

The stores are passed in (``OAuthStores``), never built here: the wiring builds
slack_sdk's async SQLAlchemy stores on the app's own database, so installs live next to
the data they authorize and go with it, and this adapter never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.settings import Settings

#: Bot scopes; the manifest in slack/manifest.yml asks for exactly these.
BOT_SCOPES = ("commands", "chat:write", "im:write", "im:history", "users:read", "files:write")
#: A state is good for one install attempt of at most ten minutes, and only once.
STATE_SECONDS = 600


class TeamDirectory(Protocol):
    """Which Enterprise Grid org each workspace belongs to, kept where installs are.

    A delivery names only the owner's workspace; a Grid workspace install is stored under
    its org too, and an org-wide install under the org alone, so finding the bot token
    needs the org. Uninstalling an org-wide install must delete every workspace of it.
    """

    async def remember(self, team: str, enterprise: str) -> None: ...
    async def enterprise_of(self, team: str) -> str | None: ...
    async def teams_of(self, enterprise: str) -> list[str]: ...


@dataclass(frozen=True)
class OAuthStores:
    """Where installations (bot tokens per workspace) and one-time OAuth states are kept.

    The state store is a stored one rather than the stateless signed one: a state can be
    used once, so a captured redirect cannot be replayed. It should expire states after
    ``STATE_SECONDS``.
    """

    installations: AsyncInstallationStore
    states: AsyncOAuthStateStore
    teams: TeamDirectory | None = None


def oauth_settings(settings: Settings, stores: OAuthStores) -> AsyncOAuthSettings:
    """``/slack/install`` and ``/slack/oauth_redirect``, bot scopes only, one-time states."""
    if settings.slack_client_secret is None:
        raise ValueError("OAuth needs SLACK_CLIENT_SECRET")
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        installation_store=stores.installations,
        installation_store_bot_only=True,
        state_store=stores.states,
        state_expiration_seconds=STATE_SECONDS,
    )
