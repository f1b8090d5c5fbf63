"""Uninstalls and revoked tokens: Slack's data-retention duties.

``app_uninstalled`` deletes the workspace's installation and bot rows and every owner's
data in that workspace; ``tokens_revoked`` deletes just the revoked tokens. Both events
arrive without a usable token, which Bolt knows: it skips auth.test for them.
"""

from __future__ import annotations

from typing import Any

import structlog
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from adapters.slack.deps import PLATFORM
from bot.ports import UnitOfWorkFactory

log = structlog.get_logger(__name__)


class Lifecycle:
    def __init__(self, uow: UnitOfWorkFactory,
                 store: AsyncInstallationStore | None = None) -> None:
        self.uow = uow
        self.store = store

    def register(self, app: AsyncApp) -> None:
        app.event("app_uninstalled")(self.uninstalled)
        app.event("tokens_revoked")(self.tokens_revoked)

    async def uninstalled(self, context: AsyncBoltContext) -> None:
        team, org = context.team_id, context.enterprise_id
        if self.store is not None:
            await self.store.async_delete_all(enterprise_id=org, team_id=team)
        workspace = team or org
        if not workspace:
            log.warning("uninstall_without_workspace")
            return
        async with self.uow() as uow:
            gone = await uow.owners.delete_workspace(PLATFORM, workspace)
            await uow.commit()
        log.info("workspace_deleted", workspace=workspace, rows=gone)

    async def tokens_revoked(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        """Forget revoked tokens; the owners' data stays until the app is uninstalled."""
        if self.store is None:
            return
        team, org = context.team_id, context.enterprise_id
        tokens = event.get("tokens") or {}
        for user_id in tokens.get("oauth") or []:
            await self.store.async_delete_installation(enterprise_id=org, team_id=team,
                                                       user_id=user_id)
        if tokens.get("bot"):
            await self.store.async_delete_bot(enterprise_id=org, team_id=team)
