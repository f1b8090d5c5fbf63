"""The batch reads and writes a group of /touch commands uses: several owners at once,
one insert for many touches, and strengths summed by the database exactly as
``bot.scoring.strength`` sums them."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from storage_testdata import OWNER_A, OWNER_B, OWNER_DISCORD, OWNER_OTHER_WORKSPACE, T0

from bot.domain import Kind, OwnerSettings, Person, Touch
from bot.scoring import HALF_LIFE_DAYS, strength, strength_from_sum
from storage import Storage
from storage.repositories._common import UnknownPersonError

pytestmark = pytest.mark.asyncio
OWNERS = (OWNER_A, OWNER_B, OWNER_DISCORD, OWNER_OTHER_WORKSPACE)


async def add_people(storage: Storage) -> dict:
    made = {}
    async with storage.uow() as uow:
        for i, owner in enumerate(OWNERS):
            await uow.owners.upsert(OwnerSettings(owner, size=3 + i, created_at=T0))
            made[owner] = [await uow.people.add(Person(owner, f"P{i}-{n}", created_at=T0))
                           for n in range(3)]
        await uow.commit()
    return made


async def test_settings_and_people_of_several_owners_come_back_with_their_owner(storage):
    made = await add_people(storage)
    stranger = OWNER_A.__class__("slack", "T1", "U_NOBODY")
    async with storage.uow() as uow:
        loaded = await uow.owners.load_many([*OWNERS, stranger])
        people = await uow.people.list_many([*OWNERS, stranger])
    assert {o: s.size for o, (s, _) in loaded.items() if s} == {
        o: 3 + i for i, o in enumerate(OWNERS)}
    assert people[stranger] == [] and loaded[stranger] == (None, [])
    for owner in OWNERS:
        assert [p.name for p in people[owner]] == [p.name for p in made[owner]]
        assert loaded[owner][1] == people[owner]
        assert all(p.owner == owner for p in people[owner])


async def test_database_strengths_equal_the_scoring_rule_on_random_histories(storage):
    made = await add_people(storage)
    rng = random.Random(7)
    batch, kept = [], {}
    for owner, people in made.items():
        for p in people:
            for _ in range(rng.randint(0, 6)):
                # up to two years back, and a few in the future (which count fully)
                at = T0 - timedelta(seconds=rng.randint(-86_400 * 3, 86_400 * 730))
                touch = Touch(p.id, at, rng.choice(list(Kind)), "x")
                batch.append((owner, touch))
                kept.setdefault((owner, p.id), []).append(touch)
    async with storage.uow() as uow:
        await uow.touches.add_many(batch)
        await uow.commit()
    async with storage.uow() as uow:
        found = await uow.touches.strengths(OWNERS, T0, HALF_LIFE_DAYS)
    for owner, people in made.items():
        for p in people:
            expected = strength(kept.get((owner, p.id), []), T0)
            assert found[owner].get(p.id, 0.0) == pytest.approx(expected, rel=1e-9, abs=1e-12)


async def test_a_batch_insert_naming_another_owners_person_stores_nothing(storage):
    made = await add_people(storage)
    theirs = made[OWNER_B][0]
    mine = made[OWNER_A][0]
    with pytest.raises(UnknownPersonError):
        async with storage.uow() as uow:
            await uow.touches.add_many([(OWNER_A, Touch(mine.id, T0, Kind.MEET)),
                                        (OWNER_A, Touch(theirs.id, T0, Kind.MEET))])
            await uow.commit()
    async with storage.uow() as uow:
        assert await uow.touches.list(OWNER_A) == []
        assert await uow.touches.list(OWNER_B) == []


async def test_a_batch_insert_gives_each_touch_its_own_id_in_the_batchs_order(storage):
    """The ids name the touches the /touch replies' buttons were made for, also for two
    touches of one person at the same instant, and across owners."""
    made = await add_people(storage)
    ana, bo = made[OWNER_A][0], made[OWNER_B][0]
    batch = [(OWNER_A, Touch(ana.id, T0, Kind.MEET, f"note {n}", minutes=10 + n))
             for n in range(5)]
    batch.insert(2, (OWNER_B, Touch(bo.id, T0, Kind.CALL, "theirs")))
    async with storage.uow() as uow:
        ids = await uow.touches.add_many(batch)
        await uow.commit()
    assert len(set(ids)) == len(batch)
    async with storage.uow() as uow:
        for (owner, touch), touch_id in zip(batch, ids, strict=True):
            stored = await uow.touches.get(owner, touch_id)
            assert stored is not None
            assert (stored.note, stored.minutes) == (touch.note, touch.minutes)


async def test_running_sums_follow_every_touch_added_one_or_many_at_a_time(storage):
    """``people.strength_sum`` turns into the same strength as summing the history, for
    touches added alone, in batches, and a person touched twice within one batch."""
    made = await add_people(storage)
    rng = random.Random(11)
    kept: dict = {}
    for _ in range(4):
        batch = []
        for owner, people in made.items():
            for p in people:
                for _ in range(rng.randint(0, 3)):
                    at = T0 - timedelta(seconds=rng.randint(0, 86_400 * 900))
                    batch.append((owner, Touch(p.id, at, rng.choice(list(Kind)))))
        async with storage.uow() as uow:
            await uow.touches.add_many(batch)
            owner, p = OWNER_A, made[OWNER_A][0]
            alone = Touch(p.id, T0 - timedelta(days=rng.randint(0, 90)), Kind.CALL)
            await uow.touches.add(owner, alone)
            await uow.commit()
        for owner, touch in [*batch, (OWNER_A, alone)]:
            kept.setdefault((owner, touch.person_id), []).append(touch)
    async with storage.uow() as uow:
        stored = await uow.people.list_many(OWNERS)
    for owner, people in stored.items():
        for p in people:
            history = kept.get((owner, p.id), [])
            assert strength_from_sum(p, T0) == pytest.approx(
                strength(history, T0), rel=1e-9, abs=1e-12)
            assert p.last_touch_at == max((t.at for t in history), default=None)


async def test_a_running_sum_declines_to_answer_when_a_touch_is_later_than_now(storage):
    made = await add_people(storage)
    ana = made[OWNER_A][0]
    async with storage.uow() as uow:
        await uow.touches.add(OWNER_A, Touch(ana.id, T0 + timedelta(hours=1), Kind.MEET))
        await uow.commit()
        stored = await uow.people.get(OWNER_A, ana.id)
    assert strength_from_sum(stored, T0) is None  # it counts fully: the database sums it
    assert strength_from_sum(stored, T0 + timedelta(hours=1)) == pytest.approx(1.0)  # an hour


async def test_a_refused_batch_leaves_the_running_sums_as_they_were(storage):
    made = await add_people(storage)
    mine, theirs = made[OWNER_A][0], made[OWNER_B][0]
    with pytest.raises(UnknownPersonError):
        async with storage.uow() as uow:
            await uow.touches.add_many([(OWNER_A, Touch(mine.id, T0, Kind.MEET)),
                                        (OWNER_A, Touch(theirs.id, T0, Kind.MEET))])
    with pytest.raises(UnknownPersonError):
        async with storage.uow() as uow:
            await uow.touches.add(OWNER_A, Touch(theirs.id, T0, Kind.MEET))
    async with storage.uow() as uow:
        people = await uow.people.list_many([OWNER_A, OWNER_B])
    assert {(p.strength_sum, p.last_touch_at) for ps in people.values() for p in ps} == {
        (0.0, None)}
