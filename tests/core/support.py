"""What a user can read back, for the service tests: their people and promises as the
bot lists them, not rows."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import User


async def people_listed(user: User) -> list[str]:
    """The lines of /vitalfew people (none when nobody is logged yet)."""
    reply = await user("/vitalfew people")
    if not reply.title.startswith("Everyone"):  # "You haven't logged anyone yet."
        return []
    return [line for s in reply.sections for line in s.lines]


async def open_followups(user: User) -> list[str]:
    """The lines of /followup: one per open promise, soonest first."""
    reply = await user("/followup")
    return [line for s in reply.sections if s.actions for line in s.lines]


async def exported(user: User) -> dict[str, Any]:
    """Everything the user has stored here, as /vitalfew export hands it to them."""
    reply = await user("/vitalfew export")
    assert reply.attachment is not None
    doc: dict[str, Any] = json.loads(reply.attachment.content)
    return doc


async def followup_due(user: User, typed: str, due: str, title: str) -> None:
    """`/followup <typed>` is stored, with this title, due at this local time."""
    r = await user(f"/followup {typed}")
    assert not r.error, r.title
    assert r.title == title
    assert f"Due {due} Europe/Berlin" in r.text


async def followup_asked(user: User, typed: str, says: str) -> None:
    """`/followup <typed>` is answered with a question or refusal saying `says`, and nothing
    is stored."""
    r = await user(f"/followup {typed}")
    assert r.error and says in r.title, r.title
    assert await open_followups(user) == []
