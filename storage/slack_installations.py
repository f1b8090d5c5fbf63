"""Slack's OAuth tables, as slack_sdk's async SQLAlchemy stores define them.

The stores (``AsyncSQLAlchemyInstallationStore``, ``AsyncSQLAlchemyOAuthStateStore``)
build their own Table objects; these are the same definitions, kept on a metadata of
their own so migration 0002 can be checked against them. They are not in
``storage.schema.metadata`` because their rows are not owned by an owner. The OAuth
states table has two indexes of ours (migration 0007, ``storage.slack_states``).
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Index, MetaData

INSTALLATIONS = SQLAlchemyInstallationStore.default_installations_table_name
BOTS = SQLAlchemyInstallationStore.default_bots_table_name
OAUTH_STATES = SQLAlchemyOAuthStateStore.default_table_name

metadata = MetaData()
installations = SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS)
bots = SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS)
oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, OAUTH_STATES)
# Ours, not slack_sdk's (migration 0007): states are looked up and expired by these.
Index("slack_oauth_states_state_idx", oauth_states.c.state)
Index("slack_oauth_states_expire_at_idx", oauth_states.c.expire_at)

TABLES = (INSTALLATIONS, BOTS, OAUTH_STATES)
