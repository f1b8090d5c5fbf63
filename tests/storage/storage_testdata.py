"""Owners and instants shared by the storage tests (importable, unlike conftest)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain import Owner

OWNER_A = Owner("slack", "T1", "U_ANA")
OWNER_B = Owner("slack", "T1", "U_BEN")
OWNER_OTHER_WORKSPACE = Owner("slack", "T2", "U_ANA")
OWNER_DISCORD = Owner("discord", "", "123456789012345678")

#: A fixed instant so tests never depend on the wall clock.
T0 = datetime(2026, 11, 2, 9, 30, 15, 123456, tzinfo=UTC)
