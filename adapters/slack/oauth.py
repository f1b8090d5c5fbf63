"""OAuth installs for many workspaces, with installations kept in our own database.

slack_sdk ships async SQLAlchemy stores (``AsyncSQLAlchemyInstallationStore``,
``AsyncSQLAlchemyOAuthStateStore``); they run on the app's own ``AsyncEngine`` (aiosqlite
or asyncpg), so installs live next to the data they authorize and go with it. Their
tables are created by migration 0002, never by ``create_tables()`` at runtime.
"""

from __future__ import annotations

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings

#: Bot scopes; the manifest in slack/manifest.yml asks for exactly these.
BOT_SCOPES = ("commands", "chat:write", "im:write", "im:history", "users:read", "files:write")
#: A state is good for one install attempt of at most ten minutes, and only once.
STATE_SECONDS = 600


def installation_store(engine: AsyncEngine, client_id: str) -> AsyncSQLAlchemyInstallationStore:
    return AsyncSQLAlchemyInstallationStore(client_id=client_id, engine=engine)


def oauth_settings(settings: Settings, engine: AsyncEngine,
                   store: AsyncSQLAlchemyInstallationStore) -> AsyncOAuthSettings:
    """``/slack/install`` and ``/slack/oauth_redirect``, bot scopes only, one-time states.

    The state store is the database one rather than the stateless signed one: a state
    can be used once, so a captured redirect cannot be replayed.
    """
    assert settings.slack_client_secret is not None
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS,
                                                   engine=engine),
        state_expiration_seconds=STATE_SECONDS,
    )
