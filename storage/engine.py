"""Turning DATABASE_URL into an async SQLAlchemy engine with the right per-connection setup."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, PoolResetState

SQLITE_ASYNC = "sqlite+aiosqlite"
POSTGRES_ASYNC = "postgresql+asyncpg"

#: Applied on every new SQLite connection. WAL lets readers run beside the writer,
#: busy_timeout (sqlite3's ``timeout``) makes a second writer wait instead of failing at
#: once, on aiosqlite's thread, so the event loop goes on meanwhile; foreign_keys makes
#: ON DELETE CASCADE work (SQLite leaves it off by default).
SQLITE_BUSY_TIMEOUT_MS = 15000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)

#: An execution option for a SQLite read that must not wait for, nor hold up, writers:
#: its transaction begins with a deferred ``BEGIN`` (in WAL mode, a snapshot taken at the
#: first read) instead of ``BEGIN IMMEDIATE``. ``storage.bulk`` reads that way.
READ_ONLY = "vitalfew_read_only"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,30})://")


def database_url_for_sqlalchemy(url: str) -> str:
    """Map DATABASE_URL's documented forms to SQLAlchemy's async driver URLs.

    ``sqlite:///PATH`` and ``sqlite://`` (in memory) get aiosqlite; ``postgres://`` and
    ``postgresql://`` get asyncpg (a libpq-style ``sslmode`` becomes asyncpg's ``ssl``).
    Anything else is a ValueError whose message names only the scheme, never the rest of
    the URL, because the rest may hold a password.
    """
    scheme_match = _SCHEME.match(url)
    scheme = scheme_match.group(1).lower() if scheme_match else None
    rest = url[scheme_match.end() :] if scheme_match else ""
    if scheme in ("sqlite", SQLITE_ASYNC):
        return _sqlite_url(rest)
    if scheme in ("postgres", "postgresql", POSTGRES_ASYNC):
        return f"{POSTGRES_ASYNC}://{_asyncpg_query(rest)}"
    shown = f"a URL with scheme {scheme!r}" if scheme else "a value that is not a URL"
    raise ValueError(
        f"DATABASE_URL must be sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB (got {shown})"
    )


def _sqlite_url(rest: str) -> str:
    if rest in ("", "/:memory:"):
        return f"{SQLITE_ASYNC}://"
    if not rest.startswith("/") or rest == "/":
        raise ValueError("DATABASE_URL for SQLite must be sqlite:///PATH (three slashes)")
    return f"{SQLITE_ASYNC}://{rest}"


def _asyncpg_query(rest: str) -> str:
    """asyncpg rejects libpq's ``sslmode`` keyword; it calls the same setting ``ssl``."""
    base, sep, query = rest.partition("?")
    if not sep:
        return rest
    pairs = [("ssl" if k == "sslmode" else k, v) for k, v in parse_qsl(query, True)]
    return f"{base}?{urlencode(pairs)}"


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for DATABASE_URL; SQLite connections get the pragmas above.

    Creating the engine does not connect. For a SQLite file the parent directory is
    created here, so ``sqlite:///data/vitalfew.db`` works on a fresh checkout.
    """
    sa_url = make_url(database_url_for_sqlalchemy(url))
    if sa_url.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(sa_url, **kwargs)
    if sa_url.database and sa_url.database != ":memory:":
        path = Path(sa_url.database).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        sa_url = sa_url.set(database=str(path))
        # A pool of open connections, as SQLAlchemy 2.0.38 and later choose for a file;
        # before, the default was NullPool: a new connection, its thread and its pragmas
        # for every unit of work (16 more trips to SQLite's thread on every /touch batch).
        kwargs.setdefault("poolclass", AsyncAdaptedQueuePool)
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    kwargs.setdefault("pool_reset_on_return", None)  # _configure_sqlite's on_reset instead
    engine = create_async_engine(sa_url, **kwargs)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Pragmas on connect, and transactions we begin ourselves (SQLAlchemy's documented
    recipe for SQLite transactions: the driver's own BEGIN switched off, ours emitted on
    the ``begin`` event).

    The sqlite3 module only opens a transaction before INSERT/UPDATE/DELETE, so reads and
    DDL (migrations) would run outside one. We emit ``BEGIN IMMEDIATE`` instead: every
    unit of work takes the write lock when it starts (waiting up to busy_timeout, on
    aiosqlite's thread), which serialises writers across processes and rules out the
    SQLITE_BUSY a deferred transaction gets when it upgrades from read to write after
    another process committed. The price, read-only units of work queueing behind a
    writer, is small because units of work are short. A connection with the
    ``READ_ONLY`` execution option begins a deferred transaction instead.

    A connection going back to the pool is rolled back only if SQLite says a transaction
    is still open (SQLAlchemy's custom "reset on return" recipe): a unit of work that
    committed leaves none, and the rollback SQLAlchemy would send anyway is one more
    round trip to aiosqlite's thread on every /touch.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "reset")
    def on_reset(dbapi_connection: Any, record: Any, state: PoolResetState) -> None:
        if (state.asyncio_safe and not state.terminate_only
                and record.driver_connection.in_transaction):
            dbapi_connection.rollback()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Connection) -> None:
        # Through the driver's own awaitable method (SQLAlchemy's documented run_async
        # for events): one trip to aiosqlite's thread instead of a cursor's three.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        statement = "BEGIN" if read_only else "BEGIN IMMEDIATE"
        adapted: Any = connection.connection.dbapi_connection
        adapted.run_async(lambda driver: driver.execute_fetchall(statement))
