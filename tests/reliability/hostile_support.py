"""What the hostile-input tests of every adapter share: a snapshot of the whole database.

Comparing every row of every table (not just one owner's) also catches a bad input that
stores something under someone else: the person it mentions, another workspace.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from storage import Storage


async def database_rows(store: Storage) -> dict[str, list[str]]:
    """Every row of every table, as sorted reprs: equal snapshots mean nothing was stored."""
    async with store.engine.connect() as connection:
        names = await connection.run_sync(lambda c: inspect(c).get_table_names())
        rows = {}
        for name in sorted(names):
            result = await connection.execute(text(f'SELECT * FROM "{name}"'))
            rows[name] = sorted(repr(tuple(row)) for row in result)
        return rows
