"""One-time OAuth states that cannot pile up: indexed, expired, bounded.

``/slack/install`` needs no login and issues a state per visit. slack_sdk's SQLAlchemy
store inserts a row per visit and never deletes an expired one, and looks states up
without an index, so a flood of visits grew the table and slowed every other query.
This store (slack_sdk's public ``AsyncOAuthStateStore`` interface, on the same table,
indexed by migration 0007) deletes expired states whenever it issues one, keeps at most
``limit`` live states (the oldest go first: a flood can only cost an installer a retry),
and consumes a state with one DELETE, so the same state is never accepted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from sqlalchemy import delete, insert, or_
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.slack_installations import oauth_states

#: Live states kept at most: far more installs than can be under way at once.
MAX_STATES = 1000


class BoundedOAuthStateStore(AsyncOAuthStateStore):
    def __init__(self, engine: AsyncEngine, expiration_seconds: int,
                 limit: int | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._engine = engine
        self._ttl = timedelta(seconds=expiration_seconds)
        self._limit = MAX_STATES if limit is None else limit
        self._now = now

    @property
    def logger(self) -> logging.Logger:
        return logging.getLogger(__name__)

    def _utc_now(self) -> datetime:
        """Naive UTC, as slack_sdk stores ``expire_at`` (a column without a zone)."""
        return self._now().astimezone(UTC).replace(tzinfo=None)

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        """A new state; in the same transaction, the expired ones and all but the newest
        ``limit`` are deleted (ids grow, so that is one range on the primary key)."""
        state = str(uuid4())  # random (uuid4 is from os.urandom), as slack_sdk issues them
        now = self._utc_now()
        c = oauth_states.c
        async with self._engine.begin() as connection:
            added = await connection.execute(insert(oauth_states).values(
                state=state, expire_at=now + self._ttl))
            key = added.inserted_primary_key
            assert key is not None
            newest = key[0]
            await connection.execute(delete(oauth_states).where(
                or_(c.expire_at <= now, c.id <= newest - self._limit)))
        return state

    async def async_consume(self, state: str) -> bool:
        c = oauth_states.c
        async with self._engine.begin() as connection:
            gone = await connection.execute(delete(oauth_states).where(
                c.state == state, c.expire_at > self._utc_now()))
        return gone.rowcount == 1
