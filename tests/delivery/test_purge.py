"""Old delivery rows are purged at a tick (issue "Hardening", item 6): sent, failed and
cancelled rows older than eight weeks go; pending and recent ones stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_fakes import add_reminders, deliveries, tick_at

from bot.domain import Owner
from tests.conftest import START

pytestmark = pytest.mark.asyncio

OWNER = Owner("console", "", "u0")


async def test_finished_rows_older_than_eight_weeks_are_purged_at_a_tick(
    store, engine, clock
):
    old = await add_reminders(store, 3, START)
    await tick_at(engine, clock, START)  # sent
    recent = await add_reminders(store, 2, START + timedelta(weeks=8))
    await tick_at(engine, clock, START + timedelta(weeks=8))  # sent, a week before the end
    later = await add_reminders(store, 1, START + timedelta(weeks=20))  # pending
    assert len(await deliveries(store, OWNER)) == 6

    report = await tick_at(engine, clock, START + timedelta(weeks=9))
    assert report.claimed == 0
    left = {d.key: d.status.value for d in await deliveries(store, OWNER)}
    assert set(left) == {*recent, *later} and not set(old) & set(left)
    assert list(left.values()).count("pending") == 1
