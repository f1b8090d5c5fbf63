"""Storage: the SQL adapter behind ``bot.ports`` (SQLAlchemy 2 async Core, no ORM).

``Storage`` is the entry point the app wires in: ``Storage(url).uow`` is the core's
``UnitOfWorkFactory``. Nothing here connects to a database at import or construction.
"""

from storage.engine import create_engine, database_url_for_sqlalchemy
from storage.migrate import migrate, migrate_sync
from storage.uow import SqlUnitOfWork, Storage

__all__ = [
    "SqlUnitOfWork",
    "Storage",
    "create_engine",
    "database_url_for_sqlalchemy",
    "migrate",
    "migrate_sync",
]
