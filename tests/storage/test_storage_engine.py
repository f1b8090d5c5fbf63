"""DATABASE_URL mapping and SQLite connection setup."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage import Storage, create_engine, database_url_for_sqlalchemy
from storage.engine import SQLITE_BUSY_TIMEOUT_MS


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///vitalfew.db", "sqlite+aiosqlite:///vitalfew.db"),
        ("sqlite:////var/lib/vf/db.sqlite", "sqlite+aiosqlite:////var/lib/vf/db.sqlite"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("sqlite:///:memory:", "sqlite+aiosqlite://"),
        ("postgres://u:p@db:5432/vf", "postgresql+asyncpg://u:p@db:5432/vf"),
        ("postgresql://u:p@db/vf", "postgresql+asyncpg://u:p@db/vf"),
        ("postgresql+asyncpg://u:p@db/vf", "postgresql+asyncpg://u:p@db/vf"),
        ("postgres://u:p@db/vf?sslmode=require", "postgresql+asyncpg://u:p@db/vf?ssl=require"),
    ],
)
def test_urls_map_to_async_drivers(given: str, expected: str) -> None:
    assert database_url_for_sqlalchemy(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "mysql://root:s3cr3t-pw@db/vf",
        "s3cr3t-pw",
        "",
        "http://user:s3cr3t-pw@example.com",
        "sqlite:relative-s3cr3t-pw.db",
    ],
)
def test_unsupported_urls_are_refused_without_echoing_secrets(bad: str) -> None:
    with pytest.raises(ValueError, match="DATABASE_URL") as raised:
        database_url_for_sqlalchemy(bad)
    assert "s3cr3t-pw" not in str(raised.value)


def test_storage_construction_does_not_touch_the_disk(tmp_path) -> None:
    target = tmp_path / "not" / "yet" / "vf.db"
    Storage(f"sqlite:///{target}")
    assert not target.parent.exists()


async def test_sqlite_parent_directory_is_created_and_pragmas_applied(tmp_path) -> None:
    target = tmp_path / "nested" / "dir" / "vf.db"
    engine = create_engine(f"sqlite:///{target}")
    try:
        assert target.parent.is_dir()
        async with engine.connect() as connection:
            pragmas = {
                name: await connection.scalar(text(f"PRAGMA {name}"))
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            }
    finally:
        await engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,  # waited out on aiosqlite's thread
        "foreign_keys": 1,
        "synchronous": 1,
    }


async def test_ping_reports_reachability(storage: Storage, tmp_path) -> None:
    assert await storage.ping() is True
    (tmp_path / "blocker").write_text("a file where a directory should be")
    unreachable = Storage(f"sqlite:///{tmp_path / 'blocker' / 'vf.db'}")
    try:
        assert await unreachable.ping() is False
    except OSError:  # creating the parent directory already fails: also "unreachable"
        pass
    finally:
        await unreachable.dispose()


async def test_in_memory_database_works_end_to_end() -> None:
    storage = Storage("sqlite://")
    try:
        await storage.migrate()
        await storage.set_kv("k", "v")
        assert await storage.get_kv("k") == "v"
    finally:
        await storage.dispose()


async def test_a_connection_back_in_the_pool_holds_no_transaction(tmp_path) -> None:
    """The pool rolls back only what is still open (a committed unit of work costs no
    rollback), and what is still open is rolled back: the write lock goes with it."""
    url = f"sqlite:///{tmp_path / 'vf.db'}"
    first, second = Storage(url), Storage(url)
    try:
        await first.migrate()
        async with first.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            await raw.driver_connection.execute("BEGIN IMMEDIATE")  # unknown to SQLAlchemy
            assert raw.driver_connection.in_transaction
        async with first.engine.connect() as connection:  # the same pooled connection
            raw = await connection.get_raw_connection()
            assert not raw.driver_connection.in_transaction
        await second.set_kv("k", "v")  # the write lock was let go
        assert await first.get_kv("k") == "v"
    finally:
        await first.dispose()
        await second.dispose()
