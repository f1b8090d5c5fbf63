"""The in-memory unit of work answers as storage does, so tests on it say what is true.

Each scenario makes a handful of representative calls to one repository and records what
every call answered; it runs once on the fake (``tests/memory.py``) and once on the real
database (SQLite, and PostgreSQL when configured), and the two records must be the same.
A rule storage changes without the fake following fails here, not in production.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from bot.domain import (
    Delivery,
    DeliveryKind,
    Followup,
    FollowupStatus,
    Initiative,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scoring import HALF_LIFE_DAYS, strength_from_sum
from storage import Storage
from tests.memory import MemoryDatabase, MemoryUnitOfWork

A = Owner("slack", "T1", "UA")
B = Owner("slack", "T1", "UB")
C = Owner("discord", "", "UC")
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
BERLIN_WINTER = timezone(timedelta(hours=1))


class Answers(list[tuple[str, object]]):
    """What each call answered, labelled so that a difference says which call it was."""

    def __call__(self, label: str, value: object) -> None:
        self.append((label, value))


async def refusal(call: Awaitable[object]) -> str:
    """'ok', or the kind of error the call raised (its message is storage's business)."""
    try:
        await call
    except LookupError:
        return "LookupError"
    except ValueError:
        return "ValueError"
    return "ok"


Scenario = Callable[[UnitOfWorkFactory], Awaitable[Answers]]


async def people_of(uow: UnitOfWork, *names: str, owner: Owner = A) -> list[Person]:
    """Add people by name, created a minute apart, and return them with their ids."""
    return [await uow.people.add(Person(owner, name, created_at=T0 + timedelta(minutes=i)))
            for i, name in enumerate(names)]


async def owners_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        said("unknown", await uow.owners.get(A))
        await uow.owners.upsert(OwnerSettings(A, tz="Europe/Berlin", size=7, created_at=T0,
                                              digest_time=time(17, 45, 30)))
        said("upserted", await uow.owners.get(A))
        await uow.owners.upsert(OwnerSettings(B, platform_tz="Asia/Tokyo", created_at=T0))
        await uow.owners.upsert(OwnerSettings(A, size=3, digest_enabled=False,
                                              created_at=T0 + timedelta(days=1)))
        said("upserted twice", await uow.owners.get(A))
        said("many", await uow.owners.load_many([A, B, C]))
        said("none", await uow.owners.load_many([]))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.owners.upsert(OwnerSettings(C, created_at=T0))
        [ana] = await people_of(uow, "Ana")
        await uow.touches.add(A, Touch(ana.id or 0, T0, Kind.MEET))
        [bo] = await people_of(uow, "Bo", owner=B)
        await uow.followups.add(B, Followup(bo.id or 0, T0, "x", created_at=T0))
        said("empty workspace", await refusal(uow.owners.delete_workspace("slack", "")))
        said("workspace rows", await uow.owners.delete_workspace("slack", "T1"))
        said("after", (await uow.owners.load_many([A, B, C]), await uow.people.list(B)))
        await uow.owners.delete_everything(C)
        said("everything", await uow.owners.get(C))
    return said


async def people_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        said("added", await uow.people.add(Person(A, "Ana", created_at=T0, strength_sum=5.0)))
        bo = await uow.people.add(Person(
            A, "Bo", platform_id="U2", created_at=T0,
            snoozed_until=datetime(2026, 2, 1, 10, tzinfo=BERLIN_WINTER)))
        [zed] = await people_of(uow, "Zed", owner=B)
        said("listed", await uow.people.list(A))
        said("get", (await uow.people.get(A, bo.id or 0), await uow.people.get(B, bo.id or 0)))
        said("by platform id", (await uow.people.by_platform_id(A, "U2"),
                                await uow.people.by_platform_id(B, "U2")))
        bo.name, bo.pinned, bo.cadence_days, bo.snoozed_until = "Bo Chen", True, 10, None
        await uow.people.update(bo)
        zed.owner = A  # another owner's person, under this owner's name: left alone
        zed.name = "Stolen"
        await uow.people.update(zed)
        said("no id", await refusal(uow.people.update(Person(A, "Nobody"))))
        said("many", await uow.people.list_many([A, B, C]))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.people.delete(B, bo.id or 0)  # not B's: nothing happens
        said("not theirs", await uow.people.get(A, bo.id or 0) is not None)
        said("gone", await uow.people.list(A))
    return said


async def touches_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        ana, bo = await people_of(uow, "Ana", "Bo")
        [zed] = await people_of(uow, "Zed", owner=B)
        said("added", await uow.touches.add(A, Touch(ana.id or 0, T0, Kind.MEET, "coffee")))
        said("ids in order", len(set(await uow.touches.add_many([
            (A, Touch(bo.id or 0, T0 + timedelta(days=3), Kind.CALL, "zoom", minutes=90,
                      started_by=Initiative.THEM)),
            (B, Touch(zed.id or 0, T0 + timedelta(days=1), Kind.MESSAGE)),
            (A, Touch(ana.id or 0, datetime(2026, 1, 20, 12, tzinfo=BERLIN_WINTER), Kind.CALL)),
            (A, Touch(ana.id or 0, T0 - timedelta(days=30), Kind.MESSAGE, "old")),
        ]))))
        said("none", await uow.touches.add_many([]))
        said("listed", await uow.touches.list(A))
        said("since", await uow.touches.list(A, since=T0 + timedelta(days=3)))
        said("running sums", await uow.people.list_many([A, B]))
        now = T0 + timedelta(days=10)  # Ana's 20 January touch is still ahead: counts fully
        said("strengths", await uow.touches.strengths([A, B, C], now, HALF_LIFE_DAYS))
        said("other half-life", await uow.touches.strengths([A], now, 10.0))
        [first, *_] = await uow.touches.list(A)
        said("got", await uow.touches.get(A, first.id or 0))
        said("not another's", await uow.touches.get(B, first.id or 0))
        await uow.touches.set_started_by(A, first.id or 0, Initiative.THEM)
        await uow.touches.set_started_by(B, first.id or 0, Initiative.ME)  # not B's: no change
        said("started by them", await uow.touches.get(A, first.id or 0))
        await uow.commit()
    async with uow_factory() as uow:
        said("another's person", await refusal(uow.touches.add(B, Touch(ana.id or 0, T0,
                                                                        Kind.MEET))))
    async with uow_factory() as uow:
        said("in a batch", await refusal(uow.touches.add_many([
            (A, Touch(ana.id or 0, T0, Kind.MEET)), (A, Touch(zed.id or 0, T0, Kind.MEET))])))
    async with uow_factory() as uow:
        said("refusals stored nothing", (await uow.touches.list(A), await uow.people.list(A)))
    async with uow_factory() as uow:  # "Meant Sam Lee?": the note and kind told again
        first = (await uow.touches.list(A))[0]  # "old", a message
        await uow.touches.retell(A, first, "lunch", Kind.MEET)
        await uow.touches.retell(B, first, "not theirs", Kind.CALL)
        [bo_call] = [t for t in await uow.touches.list(A) if t.note == "zoom"]
        await uow.touches.retell(A, bo_call, "zoom 2h", Kind.CALL, 120)  # the minutes only
        await uow.commit()
    async with uow_factory() as uow:
        said("retold", (await uow.touches.list(A), await uow.people.list(A)))
        later = T0 + timedelta(days=40)  # after every touch: each running sum can say
        summed = await uow.touches.strengths([A], later, HALF_LIFE_DAYS)
        for person in await uow.people.list(A):
            assert math.isclose(strength_from_sum(person, later) or 0.0,
                                summed[A].get(person.id or 0, 0.0), rel_tol=1e-9)
        said("retold strengths", summed)
    return said


async def followups_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        ana, bo = await people_of(uow, "Ana", "Bo")
        due = T0 + timedelta(days=7)
        first = await uow.followups.add(A, Followup(ana.id or 0, due, "intro", created_at=T0))
        said("added", first)
        await uow.followups.add(A, Followup(bo.id or 0, due, "same time",
                                            created_at=T0 + timedelta(hours=1)))
        await uow.followups.add(A, Followup(bo.id or 0, T0 + timedelta(days=2), "sooner",
                                            created_at=T0 + timedelta(hours=2)))
        said("another's person", await refusal(uow.followups.add(
            B, Followup(ana.id or 0, due, "x", created_at=T0))))
        said("get", (await uow.followups.get(A, first.id or 0),
                     await uow.followups.get(B, first.id or 0)))
        first.close(FollowupStatus.DONE, T0 + timedelta(days=1))
        await uow.followups.update(A, first)
        await uow.followups.update(B, Followup(bo.id or 0, due, "hijacked", id=2))
        said("open, soonest first", await uow.followups.list_open(A))
        said("one person's open", (await uow.followups.open_for(A, bo.id or 0),
                                   await uow.followups.open_for(A, ana.id or 0),
                                   await uow.followups.open_for(B, bo.id or 0)))
        said("all, as made", await uow.followups.list_all(A))
        said("no id", await refusal(uow.followups.update(A, Followup(1, due, "x"))))
    return said


def delivery(key: str, due: datetime, owner: Owner = A, kind: DeliveryKind = DeliveryKind.REMINDER,
             followup_id: int | None = None) -> Delivery:
    return Delivery(key, owner, kind, due, followup_id=followup_id)


async def deliveries_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        [ana] = await people_of(uow, "Ana")
        f = await uow.followups.add(A, Followup(ana.id or 0, T0, "x", created_at=T0))
        said("scheduled", await uow.deliveries.schedule(delivery("r:1", T0, followup_id=f.id)))
        said("again", await uow.deliveries.schedule(delivery("r:1", T0 + timedelta(days=1))))
        await uow.deliveries.schedule(delivery("r:2", T0 + timedelta(hours=1)))
        await uow.deliveries.schedule(delivery("d:a", T0 - timedelta(hours=1),
                                               kind=DeliveryKind.DIGEST))
        await uow.deliveries.schedule(delivery("r:c", T0, owner=C))
        await uow.deliveries.schedule(delivery("r:later", T0 + timedelta(days=9)))
        said("next due", (await uow.deliveries.next_due_at(),
                          await uow.deliveries.next_due_at(["discord"]),
                          await uow.deliveries.next_due_at(["teams"])))
        said("next due of owners", (await uow.deliveries.next_due_at(owners=[C]),
                                    await uow.deliveries.next_due_at(owners=[B]),
                                    await uow.deliveries.next_due_at(owners=[]),
                                    await uow.deliveries.next_due_at(["slack"], owners=[A, C])))
        said("cancel kind", await uow.deliveries.cancel_pending(A, kind="digest"))
        now = T0 + timedelta(hours=2)
        lease = now + timedelta(minutes=5)
        said("claimed of nobody", await uow.deliveries.claim_due(now, "w1", lease, 10, owners=[B]))
        said("claimed of owners", await uow.deliveries.claim_due(now, "w1", lease, 10,
                                                                 owners=[B, C]))
        said("claimed", await uow.deliveries.claim_due(now, "w1", lease, 1, ["slack"]))
        said("none", await uow.deliveries.claim_due(now, "w1", lease, 0))
        said("claimed rest", await uow.deliveries.claim_due(now, "w2", lease, 10))
        said("cancel leaves claimed", await uow.deliveries.cancel_pending(A, followup_id=f.id))
        said("sent by another", await uow.deliveries.mark_sent("r:1", "w2", now))
        said("sent", await uow.deliveries.mark_sent("r:1", "w1", now))
        await uow.deliveries.retry_later("r:2", "w2", now + timedelta(minutes=1), "rate limit")
        await uow.deliveries.mark_failed("r:c", "w1", "not w1's")
        said("retry not yet", await uow.deliveries.claim_due(now, "w3", lease, 10))
        said("next due after retry", await uow.deliveries.next_due_at(["slack"]))
        await uow.commit()
    async with uow_factory() as uow:
        said("lease not yet out", await uow.deliveries.claim_due(lease, "w4", lease, 10))
        late = lease + timedelta(seconds=1)  # r:c's lease ran out: another worker takes it
        said("lease expired", await uow.deliveries.claim_due(late, "w4", late + (lease - now), 10))
        await uow.deliveries.mark_failed("r:c", "w4", "user gone")
        said("get", (await uow.deliveries.get("r:c"), await uow.deliveries.get("nope")))
        said("owner's", await uow.deliveries.list_for_owner(A))
        said("open follow-ups", (await uow.followups.count_open(A),
                                 await uow.followups.count_open(B)))
        for n, week in enumerate((0, 1, 3)):
            await uow.deliveries.schedule(delivery(f"digest:a:{n}", T0 - timedelta(weeks=week),
                                                   kind=DeliveryKind.DIGEST))
        await uow.deliveries.cancel_pending(A, kind="digest")
        await uow.deliveries.schedule(delivery("digest:a:p", T0 - timedelta(weeks=5),
                                               kind=DeliveryKind.DIGEST))
        said("weekly digests", await uow.deliveries.weekly_digests(A, T0 - timedelta(weeks=2)))
        said("purged", (await uow.deliveries.purge_finished(T0 - timedelta(days=2), 1),
                        await uow.deliveries.purge_finished(T0 - timedelta(days=2), 10),
                        await uow.deliveries.purge_finished(T0 - timedelta(days=2), 10)))
        said("after purge", await uow.deliveries.list_for_owner(A))
        await uow.deliveries.schedule(delivery("r:a2", T0, owner=A))
        await uow.deliveries.schedule(delivery("r:a3", T0, owner=A))
        await uow.deliveries.schedule(delivery("r:b1", T0 + timedelta(minutes=1), owner=B))
        said("fair claim", await uow.deliveries.claim_due(late, "w5", late + (lease - now), 2,
                                                          per_owner=1))
        await uow.deliveries.schedule(delivery("r:again", T0 + timedelta(days=8),
                                               followup_id=f.id))
        await uow.people.delete(A, ana.id or 0)  # the person's follow-ups' deliveries go too
        said("after forgetting Ana", await uow.deliveries.list_for_owner(A))
    return said


async def merge_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    """Two people joined: touches, follow-ups and the running sum move to the target."""
    said = Answers()
    async with uow_factory() as uow:
        ana, bea, cy = await people_of(uow, "Ana", "Bea", "Cy")
        await uow.touches.add_many([(A, Touch(ana.id or 0, T0, Kind.MEET, "coffee")),
                                    (A, Touch(bea.id or 0, T0 + timedelta(days=2), Kind.CALL,
                                              "call"))])
        await uow.followups.add(A, Followup(bea.id or 0, T0, "intro", created_at=T0))
        await uow.people.merge(B, bea.id or 0, ana.id or 0)  # not B's: nothing happens
        said("not theirs", await uow.people.list(A))
        await uow.people.merge(A, bea.id or 0, ana.id or 0)
        await uow.people.merge(A, cy.id or 0, ana.id or 0)  # untouched: sum and time kept
        said("merged", await uow.people.list(A))
        said("touches", await uow.touches.list(A))
        said("followups", await uow.followups.list_all(A))
    return said


async def transactions_scenario(uow_factory: UnitOfWorkFactory) -> Answers:
    said = Answers()
    async with uow_factory() as uow:
        await uow.people.add(Person(A, "Uncommitted", created_at=T0))
    async with uow_factory() as uow:
        said("left without commit", await uow.people.list(A))
        await uow.people.add(Person(A, "Kept", created_at=T0))
        await uow.commit()
        await uow.owners.upsert(OwnerSettings(A, created_at=T0))  # after the commit: dropped
    with pytest.raises(RuntimeError):
        async with uow_factory() as uow:
            await uow.owners.upsert(OwnerSettings(B, created_at=T0))
            raise RuntimeError("the command failed")
    async with uow_factory() as uow:
        said("committed only", ([p.name for p in await uow.people.list(A)],
                                await uow.owners.load_many([A, B])))
    return said


SCENARIOS: dict[str, Scenario] = {
    "owners": owners_scenario,
    "people": people_scenario,
    "touches": touches_scenario,
    "followups": followups_scenario,
    "deliveries": deliveries_scenario,
    "merge": merge_scenario,
    "transactions": transactions_scenario,
}


def assert_same(mine: object, theirs: object, where: str = "") -> None:
    """Equal, floats to nine significant digits (SQLite and PostgreSQL do the sums in
    their own order and with their own date arithmetic)."""
    if isinstance(mine, float) and isinstance(theirs, float):
        assert math.isclose(mine, theirs, rel_tol=1e-9), f"{where}: {mine} != {theirs}"
    elif is_dataclass(mine) and not isinstance(mine, type) and type(mine) is type(theirs):
        for f in fields(mine):
            assert_same(getattr(mine, f.name), getattr(theirs, f.name), f"{where}.{f.name}")
    elif isinstance(mine, dict) and isinstance(theirs, dict):
        assert list(mine) == list(theirs) or set(mine) == set(theirs), f"{where}: keys differ"
        for key in mine:
            assert_same(mine[key], theirs[key], f"{where}[{key!r}]")
    elif isinstance(mine, list | tuple) and isinstance(theirs, list | tuple):
        assert len(mine) == len(theirs), f"{where}: {mine} != {theirs}"
        for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert mine == theirs, f"{where}: {mine!r} != {theirs!r}"
        assert type(mine) is type(theirs), f"{where}: {type(mine)} != {type(theirs)}"


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
async def test_the_fake_answers_as_storage_does(
    scenario: Scenario, store: Storage, memory: MemoryDatabase
) -> None:
    faked, stored = await scenario(memory.uow), await scenario(store.uow)
    assert [label for label, _ in faked] == [label for label, _ in stored]
    for (label, mine), (_, theirs) in zip(faked, stored, strict=True):
        assert_same(mine, theirs, label)


def test_the_fake_is_a_unit_of_work_to_the_type_checker(memory: MemoryDatabase) -> None:
    """mypy checks these assignments: the fake must keep matching ``bot.ports``."""
    uow: UnitOfWork = MemoryUnitOfWork(memory)
    factory: UnitOfWorkFactory = memory.uow
    assert isinstance(factory(), type(uow))


async def test_a_unit_of_work_inside_another_is_refused(memory: MemoryDatabase) -> None:
    """On SQLite the inner one would wait for the outer's write lock until it timed out."""
    async with memory.uow():
        with pytest.raises(RuntimeError, match="inside another"):
            async with memory.uow():
                pass


async def test_ids_are_never_reused_even_after_a_rollback(memory: MemoryDatabase) -> None:
    async with memory.uow() as uow:
        first = await uow.people.add(Person(A, "Ana", created_at=T0))
    async with memory.uow() as uow:
        second = await uow.people.add(Person(A, "Ana", created_at=T0))
        await uow.people.delete(A, second.id or 0)
        third = await uow.people.add(Person(A, "Bo", created_at=T0))
    assert (first.id or 0) < (second.id or 0) < (third.id or 0)
