"""Uninstalls and revoked tokens: Slack's data-retention duties.

``app_uninstalled`` deletes the install's installation and bot rows and every owner's
data in its workspaces: one workspace, or for an org-wide install every workspace of the
org (``TeamDirectory.teams_of``). ``tokens_revoked`` deletes just the revoked tokens: a
revoked bot token goes from the bot rows and from the installation rows, which hold a
copy of it. Both events arrive without a usable token, which Bolt knows: it skips
auth.test for them.
"""

from __future__ import annotations

from typing import Any

import structlog
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from adapters.slack.oauth import TeamDirectory
from adapters.slack.owners import PLATFORM, install_key, workspace_in
from bot.ports import UnitOfWorkFactory

log = structlog.get_logger(__name__)


class Lifecycle:
    def __init__(self, uow: UnitOfWorkFactory,
                 store: AsyncInstallationStore | None = None,
                 teams: TeamDirectory | None = None) -> None:
        self.uow = uow
        self.store = store
        self.teams = teams

    def register(self, app: AsyncApp) -> None:
        app.event("app_uninstalled")(self.uninstalled)
        app.event("tokens_revoked")(self.tokens_revoked)

    async def uninstalled(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        org, team = install_key(context)
        if self.store is not None:
            await self.store.async_delete_all(enterprise_id=org, team_id=team)
        workspaces = await self.workspaces(body, context)
        if not workspaces:
            log.warning("uninstall_without_workspace")
            return
        async with self.uow() as uow:
            gone = 0
            for workspace in workspaces:
                gone += await uow.owners.delete_workspace(PLATFORM, workspace)
            await uow.commit()
        log.info("workspace_deleted", workspaces=len(workspaces), rows=gone)

    async def workspaces(self, body: dict[str, Any], context: AsyncBoltContext) -> list[str]:
        """The workspaces whose owners go with this install: an org-wide install's are
        every workspace of the org (and the org id itself, under which owners were kept
        before owners were read from the payload); otherwise the one workspace."""
        org, team = install_key(context)
        if team is None and org:
            found = await self.teams.teams_of(org) if self.teams is not None else []
            return [*found, org]
        workspace = team or workspace_in(body)
        return [workspace] if workspace else []

    async def tokens_revoked(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        """Forget revoked tokens; the owners' data stays until the app is uninstalled."""
        if self.store is None:
            return
        org, team = install_key(context)
        tokens = event.get("tokens") or {}
        for user_id in tokens.get("oauth") or []:
            await self.store.async_delete_installation(enterprise_id=org, team_id=team,
                                                       user_id=user_id)
        if tokens.get("bot"):
            await self.store.async_delete_bot(enterprise_id=org, team_id=team)
            # The installation rows carry the same bot token (this app installs as a bot
            # only, so they hold nothing else worth keeping).
            await self.store.async_delete_installation(enterprise_id=org, team_id=team)
