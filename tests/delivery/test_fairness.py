"""One owner's backlog never delays another owner's delivery (issue "Hardening", item 2):
claims are fair across owners and workspaces, with a few rows of one owner at most."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_fakes import add_reminders, tick_at

from bot.domain import Followup, Owner, OwnerSettings, Person
from bot.schedule import reminder_delivery
from tests.conftest import START

pytestmark = pytest.mark.asyncio

BACKLOG = Owner("console", "", "u0")  # add_reminders' first owner


async def one_reminder(store, owner: Owner, due) -> str:
    async with store.uow() as uow:
        await uow.owners.upsert(OwnerSettings(owner, digest_enabled=False, created_at=due))
        person = await uow.people.add(Person(owner, "Bea", created_at=due))
        f = await uow.followups.add(owner, Followup(person.id or 0, due, "call Bea",
                                                    created_at=due))
        d = reminder_delivery(owner, f)
        await uow.deliveries.schedule(d)
        await uow.commit()
    return d.key


async def test_a_thousand_due_for_one_owner_do_not_delay_another_owners_by_a_tick(
    store, engine, notifier, clock
):
    await add_reminders(store, 1_000, START)
    other = await one_reminder(store, Owner("console", "", "other"), START + timedelta(minutes=1))
    first = await tick_at(engine, clock, START)
    assert first.sent == engine.policy.per_owner  # a few of the backlog, not a batch
    second = await tick_at(engine, clock, START + timedelta(minutes=1))  # the first it is due
    assert other in notifier.keys
    assert second.sent == engine.policy.per_owner + 1


async def test_every_owners_first_row_goes_before_anyones_second(store, engine, notifier, clock):
    await add_reminders(store, 300, START, owners=3)
    await one_reminder(store, Owner("console", "", "late"), START + timedelta(minutes=1))
    async with store.uow() as uow:  # a claim of four, not committed: one each, the late one too
        claimed = await uow.deliveries.claim_due(START + timedelta(minutes=1), "w0",
                                                 START + timedelta(minutes=3), 4, per_owner=5)
    assert len({d.owner for d in claimed}) == 4
    await tick_at(engine, clock, START + timedelta(minutes=1))
    assert len(notifier.sent) == 3 * engine.policy.per_owner + 1


async def test_a_backlog_still_drains_a_few_rows_each_tick(store, engine, notifier, clock):
    keys = await add_reminders(store, 12, START)
    for minute in range(3):
        await tick_at(engine, clock, START + timedelta(minutes=minute))
    assert sorted(notifier.keys) == sorted(keys)
    assert {s.owner for s in notifier.sent} == {BACKLOG}
