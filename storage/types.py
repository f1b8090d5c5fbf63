"""Column types shared by the schema."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class NaiveDatetimeError(ValueError):
    """A datetime without tzinfo reached the database: a bug upstream, refused loudly."""


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend.

    This is the one place that deals with time zones in storage. SQLite has no time zone
    type and hands values back naive, so we store UTC and re-attach ``UTC`` on the way
    out; PostgreSQL gets ``timestamptz``. Naive values are refused rather than guessed at,
    so a missing ``tzinfo`` shows up as an error instead of a silently shifted reminder.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(f"naive datetime refused: {value.isoformat()}")
        utc = value.astimezone(UTC)
        # SQLite's DATETIME storage format carries no offset; keep the text canonical.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[Any], datetime | None] | None:
        """On SQLite, the stored text straight to an aware datetime: one parse instead of
        the DATETIME type's and then ``process_result_value``'s (4x faster, and a /touch
        reads a few hundred of these). Everywhere else, the usual two steps."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def from_sqlite(value: Any) -> datetime | None:
            if isinstance(value, str):  # 'YYYY-MM-DD HH:MM:SS.ffffff', UTC, no offset
                return datetime.fromisoformat(value + "+00:00")
            return self.process_result_value(value, dialect)  # None, or a datetime

        return from_sqlite
