"""The batch reads and writes a group of /touch commands uses: several owners at once,
one insert for many touches, and strengths summed by the database exactly as
``bot.scoring.strength`` sums them."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from storage_testdata import OWNER_A, OWNER_B, OWNER_DISCORD, OWNER_OTHER_WORKSPACE, T0

from bot.domain import KIND_WEIGHTS, Kind, OwnerSettings, Person, Touch
from bot.scoring import HALF_LIFE_DAYS, strength
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
        settings = await uow.owners.get_many([*OWNERS, stranger])
        people = await uow.people.list_many([*OWNERS, stranger])
    assert {o: s.size for o, s in settings.items()} == {o: 3 + i for i, o in enumerate(OWNERS)}
    assert people[stranger] == []
    for owner in OWNERS:
        assert [p.name for p in people[owner]] == [p.name for p in made[owner]]
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
        found = await uow.touches.strengths(OWNERS, T0, HALF_LIFE_DAYS, KIND_WEIGHTS)
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
