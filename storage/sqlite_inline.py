"""SQLite calls made right on the event loop instead of through aiosqlite's thread.

Why: a statement on this schema takes microseconds, but aiosqlite hands every call to
its worker thread and waits to be woken with the answer, which costs 0.1 to 1 ms a call
on a busy machine. A /touch makes several calls, so the hops were most of its time.
Here the calls run inline.

The one call that may wait long is taking the write lock (``BEGIN IMMEDIATE``) while
someone else holds it: another process, or a unit of work of this process that is
awaiting something. Inline, that wait would freeze the event loop, and with it the very
unit of work that holds the lock. So these connections run with ``busy_timeout`` 0 on the
loop, and a call that finds the database locked is run again on aiosqlite's thread with
the normal busy timeout, where waiting blocks nobody. A statement that returned
SQLITE_BUSY had no effect, so running it again is safe.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite

#: How often iterating a cursor fetches rows, as aiosqlite's own default.
ITER_CHUNK_SIZE = 64


def is_busy(err: sqlite3.OperationalError) -> bool:
    """Whether SQLite said the database is locked by another connection."""
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(err)


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's connection, with each call made inline unless it would have to wait.

    The sqlite3 connection is opened (and closed) on aiosqlite's thread as usual, so it
    is made with ``check_same_thread=False``; only one coroutine at a time uses a pooled
    connection, so it is never used from two threads at once.
    """

    def __init__(self, connector: Callable[[], sqlite3.Connection], busy_timeout_ms: int) -> None:
        super().__init__(connector, ITER_CHUNK_SIZE)
        self._busy_timeout_ms = busy_timeout_ms
        self.waits_in_thread = 0  # calls that found the lock taken: for tests and benches

    @property
    def sqlite(self) -> sqlite3.Connection:
        """The sqlite3 connection itself, for ``storage.statements.DirectStatements``."""
        return self._conn

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as err:
            if not is_busy(err):
                raise
        return await self._wait_in_thread(fn, *args, **kwargs)

    async def _wait_in_thread(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` again on the worker thread, waiting for the lock up to the timeout."""
        self.waits_in_thread += 1
        self._conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
        try:
            return await super()._execute(fn, *args, **kwargs)
        finally:
            if self._connection is not None:
                self._connection.execute("PRAGMA busy_timeout=0")


def inline_creator(path: str, busy_timeout_ms: int) -> Callable[[], Any]:
    """An ``async_creator`` for SQLAlchemy's aiosqlite dialect opening ``path`` inline."""

    async def connect() -> InlineConnection:
        def open_file() -> sqlite3.Connection:
            connection = sqlite3.connect(path, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout=0")
            return connection

        connection = InlineConnection(open_file, busy_timeout_ms)
        connection._thread.daemon = True  # as SQLAlchemy does: never hold up interpreter exit
        return await connection

    return connect
