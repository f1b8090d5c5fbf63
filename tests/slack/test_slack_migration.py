"""Migration 0002 creates exactly the tables slack_sdk's SQLAlchemy stores use."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage import slack_installations


async def test_migrated_slack_tables_match_slack_sdks_definitions(store):
    def diff(sync_connection):
        names = set(inspect(sync_connection).get_table_names())
        context = MigrationContext.configure(sync_connection, opts={
            "include_name": lambda name, kind, parent: kind != "table"
            or name in slack_installations.TABLES})
        return names, compare_metadata(context, slack_installations.metadata)

    async with store.engine.connect() as connection:
        names, differences = await connection.run_sync(diff)
    assert set(slack_installations.TABLES) <= names
    assert differences == []
