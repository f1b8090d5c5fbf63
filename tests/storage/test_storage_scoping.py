"""Owner scoping and deletion: one owner's rows never leak to or vanish for another."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from storage_testdata import OWNER_A, OWNER_B, OWNER_DISCORD, OWNER_OTHER_WORKSPACE, T0

from bot.domain import Delivery, DeliveryKind, Followup, Kind, Owner, OwnerSettings, Person, Touch
from storage import Storage
from storage.repositories import UnknownPersonError
from storage.schema import OWNED_TABLES, people

ALL_OWNERS = (OWNER_A, OWNER_B, OWNER_OTHER_WORKSPACE, OWNER_DISCORD)


async def seed(storage: Storage, owner: Owner) -> dict[str, int]:
    """Settings, two people, touches, follow-ups and deliveries for one owner."""
    async with storage.uow() as uow:
        await uow.owners.upsert(OwnerSettings(owner=owner))
        ana = await uow.people.add(Person(owner, "Ana", platform_id="U1"))
        ben = await uow.people.add(Person(owner, "Ben"))
        for person in (ana, ben):
            await uow.touches.add(owner, Touch(person.id, T0, Kind.CALL))
            followup = await uow.followups.add(owner, Followup(person.id, T0, "write"))
            await uow.deliveries.schedule(
                Delivery(
                    f"r:{owner.key}:{followup.id}",
                    owner,
                    DeliveryKind.REMINDER,
                    T0,
                    followup_id=followup.id,
                )
            )
        await uow.deliveries.schedule(Delivery(f"d:{owner.key}", owner, DeliveryKind.DIGEST, T0))
        await uow.commit()
    return {"ana": ana.id, "ben": ben.id}


async def row_counts(storage: Storage) -> dict[tuple[str, str, str, str], int]:
    """Rows per (table, platform, workspace, user)."""
    counts: dict[tuple[str, str, str, str], int] = {}
    async with storage.engine.connect() as connection:
        for table in OWNED_TABLES:
            query = select(table.c.platform, table.c.workspace, table.c.user_id, func.count())
            result = await connection.execute(
                query.group_by(table.c.platform, table.c.workspace, table.c.user_id)
            )
            for platform, workspace, user, count in result:
                counts[(table.name, platform, workspace, user)] = count
    return counts


def counts_of(counts: dict, owner: Owner) -> dict[str, int]:
    return {
        table: count
        for (table, platform, workspace, user), count in counts.items()
        if (platform, workspace, user) == (owner.platform, owner.workspace, owner.user)
    }


async def test_owners_only_see_their_own_rows(storage: Storage) -> None:
    ids_a = await seed(storage, OWNER_A)
    await seed(storage, OWNER_B)
    async with storage.uow() as uow:
        people_b = await uow.people.list(OWNER_B)
        assert {p.owner for p in people_b} == {OWNER_B}
        assert not {p.id for p in people_b} & set(ids_a.values())
        assert await uow.people.get(OWNER_B, ids_a["ana"]) is None
        assert (await uow.people.by_platform_id(OWNER_B, "U1")).id not in ids_a.values()
        touches_b = await uow.touches.list(OWNER_B)
        assert len(touches_b) == 2
        assert not {t.person_id for t in touches_b} & set(ids_a.values())
        followups_a = await uow.followups.list_all(OWNER_A)
        for followup in followups_a:
            assert await uow.followups.get(OWNER_B, followup.id) is None
        assert not {f.id for f in await uow.followups.list_open(OWNER_B)} & {
            f.id for f in followups_a
        }
        assert {d.owner for d in await uow.deliveries.list_for_owner(OWNER_B)} == {OWNER_B}


async def test_guessed_ids_cannot_change_another_owners_rows(storage: Storage) -> None:
    ids_a = await seed(storage, OWNER_A)
    before = await row_counts(storage)
    async with storage.uow() as uow:
        ana = await uow.people.get(OWNER_A, ids_a["ana"])
        [followup, *_] = await uow.followups.list_open(OWNER_A)
        await uow.people.update(Person(OWNER_B, "hijacked", pinned=True, id=ana.id))
        await uow.followups.update(OWNER_B, Followup(ana.id, T0, "hijacked", id=followup.id))
        await uow.people.delete(OWNER_B, ana.id)
        assert await uow.deliveries.cancel_pending(OWNER_B) == 0
        with pytest.raises(UnknownPersonError):
            await uow.touches.add(OWNER_B, Touch(ana.id, T0, Kind.MEET))
        with pytest.raises(UnknownPersonError):
            await uow.followups.add(OWNER_B, Followup(ana.id, T0, "steal"))
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.people.get(OWNER_A, ana.id) == ana
        assert await uow.followups.get(OWNER_A, followup.id) == followup
    assert await row_counts(storage) == before


async def test_person_delete_removes_their_touches_followups_and_deliveries(
    storage: Storage,
) -> None:
    ids = await seed(storage, OWNER_A)
    await seed(storage, OWNER_B)
    before = await row_counts(storage)
    async with storage.uow() as uow:
        await uow.people.delete(OWNER_A, ids["ana"])
        await uow.commit()
        assert await uow.people.get(OWNER_A, ids["ana"]) is None
        assert {t.person_id for t in await uow.touches.list(OWNER_A)} == {ids["ben"]}
        assert {f.person_id for f in await uow.followups.list_all(OWNER_A)} == {ids["ben"]}
        keys = {d.key for d in await uow.deliveries.list_for_owner(OWNER_A)}
    assert len(keys) == 2  # Ben's reminder and the digest
    after = await row_counts(storage)
    assert counts_of(after, OWNER_B) == counts_of(before, OWNER_B)
    assert counts_of(after, OWNER_A) == {
        "deliveries": 2,
        "followups": 1,
        "touches": 1,
        "people": 1,
        "owners": 1,
    }


async def test_delete_everything_removes_exactly_one_owner(storage: Storage) -> None:
    for owner in ALL_OWNERS:
        await seed(storage, owner)
    await storage.set_kv("discord_commands_hash", "abc")
    before = await row_counts(storage)
    async with storage.uow() as uow:
        await uow.owners.delete_everything(OWNER_A)
        await uow.commit()
    after = await row_counts(storage)
    assert counts_of(after, OWNER_A) == {}
    for owner in ALL_OWNERS[1:]:
        assert counts_of(after, owner) == counts_of(before, owner)
    assert await storage.get_kv("discord_commands_hash") == "abc"


async def test_delete_workspace_removes_every_owner_in_it_and_nothing_else(
    storage: Storage,
) -> None:
    for owner in ALL_OWNERS:
        await seed(storage, owner)
    before = await row_counts(storage)
    async with storage.uow() as uow:
        gone = await uow.owners.delete_workspace("slack", "T1")
        await uow.commit()
    after = await row_counts(storage)
    assert gone == sum(counts_of(before, OWNER_A).values()) + sum(
        counts_of(before, OWNER_B).values()
    )
    assert counts_of(after, OWNER_A) == counts_of(after, OWNER_B) == {}
    for owner in (OWNER_OTHER_WORKSPACE, OWNER_DISCORD):
        assert counts_of(after, owner) == counts_of(before, owner)


async def test_delete_workspace_refuses_the_empty_discord_workspace(storage: Storage) -> None:
    await seed(storage, OWNER_DISCORD)
    async with storage.uow() as uow:
        with pytest.raises(ValueError):
            await uow.owners.delete_workspace("discord", "")
        assert len(await uow.people.list(OWNER_DISCORD)) == 2


async def test_foreign_keys_cascade_as_a_safety_net(storage: Storage) -> None:
    """Deleting a person row behind the repositories' back still takes its dependants."""
    ids = await seed(storage, OWNER_A)
    async with storage.engine.begin() as connection:
        await connection.execute(people.delete().where(people.c.id == ids["ana"]))
    async with storage.uow() as uow:
        assert len(await uow.touches.list(OWNER_A)) == 1
        assert len(await uow.followups.list_all(OWNER_A)) == 1
        assert len(await uow.deliveries.list_for_owner(OWNER_A)) == 2
