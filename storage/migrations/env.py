"""Alembic environment: runs only through ``storage.migrate``, on the connection it passes.

``render_as_batch`` is on for SQLite so that future ALTERs become copy-and-move table
rebuilds. Caution for such revisions: connections here have ``PRAGMA foreign_keys=ON``,
and dropping a parent table during a rebuild would cascade; rebuild children first or
switch the pragma off around the migration.
"""

from __future__ import annotations

from alembic import context

from storage.migrate import target_metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if context.is_offline_mode() or connection is None:
        raise RuntimeError("run migrations with storage.migrate.migrate(url) or `vitalfew migrate`")
    context.configure(
        connection=connection,
        target_metadata=list(target_metadata()),
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
