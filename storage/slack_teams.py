"""``adapters.slack.oauth.TeamDirectory``: which Enterprise Grid org a workspace is in.

Learnt from requests (``remember``, one ``kv`` row per workspace) and from the installs
themselves (a Grid workspace install's ``slack_bots`` row names both), so a delivery
finds the org even for a workspace that has not sent a command since this was added.
"""

from __future__ import annotations

from sqlalchemy import desc, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.kv import get_value, set_value
from storage.schema import kv
from storage.slack_installations import bots

PREFIX = "slack-org:"


class SlackTeams:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def remember(self, team: str, enterprise: str) -> None:
        async with self._engine.begin() as connection:
            if await get_value(connection, PREFIX + team) != enterprise:
                await set_value(connection, PREFIX + team, enterprise)

    async def enterprise_of(self, team: str) -> str | None:
        async with self._engine.connect() as connection:
            known = await get_value(connection, PREFIX + team)
            if known:
                return known
            return await connection.scalar(
                select(bots.c.enterprise_id)
                .where(bots.c.team_id == team, bots.c.enterprise_id.is_not(None))
                .order_by(desc(bots.c.installed_at)).limit(1))

    async def teams_of(self, enterprise: str) -> list[str]:
        async with self._engine.connect() as connection:
            learnt = await connection.scalars(
                select(kv.c.key).where(kv.c.key.startswith(PREFIX, autoescape=True),
                                       kv.c.value == enterprise))
            installed = await connection.scalars(
                select(bots.c.team_id).where(bots.c.enterprise_id == enterprise,
                                             bots.c.team_id.is_not(None)))
            teams = {key.removeprefix(PREFIX) for key in learnt} | set(installed)
        return sorted(teams)
