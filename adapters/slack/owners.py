"""Whose request it is: one owner per person and workspace, whatever the payload.

Bolt's ``context.team_id`` depends on the payload: a slash command's team, an event's
``authorizations[0]`` (empty for an org-wide install), a modal's ``app_installed_team_id``
(an org id for an org-wide install). Keyed on it, one person in one workspace would be
several owners, and a follow-up saved from a modal would be invisible to ``/followup``.
So the owner is read here, from the payload itself, the same way for every payload: the
workspace the person acted in, as a slash command names it (``T…``), never an org id
(``E…``). Slack installs are keyed differently: ``install_key`` says how.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.domain import Owner

PLATFORM = "slack"


def workspace_in(body: dict[str, Any]) -> str | None:
    """The workspace (``T…``) the person acted in, from any payload; None when the
    payload names none (an org-level App Home opened in an org-wide install)."""
    return next((t for t in _teams(body) if isinstance(t, str) and t.startswith("T")), None)


def _teams(body: dict[str, Any]) -> Iterator[Any]:
    """Candidates, most specific first: a command's or event's ``team_id``, an
    interaction's ``team.id`` (null for org-wide installs), the user's own team, the
    view's team (App Home and modals)."""
    yield body.get("team_id")
    yield _get(body, "team", "id")
    yield _get(body, "user", "team_id")
    yield body.get("context_team_id")
    yield _get(body, "view", "team_id")
    event = body.get("event")
    if isinstance(event, dict):
        yield _get(event, "view", "team_id")
        yield event.get("team")
        yield event.get("user_team")


def _get(body: dict[str, Any], outer: str, inner: str) -> Any:
    value = body.get(outer)
    return value.get(inner) if isinstance(value, dict) else None


def owner_in(body: dict[str, Any], context: AsyncBoltContext,
             fallback: str | None = None) -> Owner:
    """Owner("slack", workspace, user) of any payload. ``fallback``: the workspace to use
    when the payload names none (the user's own team, from users.info); without one, the
    org id, so the request is still answered."""
    team = workspace_in(body) or fallback or context.enterprise_id or context.team_id or ""
    return Owner(PLATFORM, team, context.user_id or "")


def install_key(context: AsyncBoltContext) -> tuple[str | None, str | None]:
    """(enterprise_id, team_id) as the installation store keys this install: an org-wide
    install has no team."""
    if context.is_enterprise_install:
        return context.enterprise_id, None
    return context.enterprise_id, context.team_id
