"""Each repository round-trips its objects; datetimes come back aware UTC and equal."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError
from storage_testdata import OWNER_A, T0

from bot.domain import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Followup,
    FollowupStatus,
    Kind,
    OwnerSettings,
    Person,
    Touch,
)
from storage import Storage
from storage.types import NaiveDatetimeError

NASTY_STRINGS = [
    "'; DROP TABLE people; --",
    'Robert"); DELETE FROM touches; --',
    "<!channel> <@U123|ana> *bold* `code`",
    "Zoë 🫶🏽 👩‍👩‍👧",
    "مرحبا بالعالم",
    "שלום \u202e reversed",
    "%s %(name)s {0} \\x00? no: backslash \\",
    "  leading and trailing spaces  ",
    "line one\nline two\ttab",
]


def assert_aware_utc(value: datetime | None) -> None:
    assert value is not None
    assert value.utcoffset() == timedelta(0)


async def test_owner_settings_round_trip_and_upsert(storage: Storage) -> None:
    settings = OwnerSettings(
        owner=OWNER_A,
        tz="America/Sao_Paulo",
        size=7,
        cadence_days=10,
        digest_day=4,
        digest_time=time(17, 45),
        digest_enabled=False,
        platform_tz="Europe/Lisbon",
        created_at=T0,
    )
    async with storage.uow() as uow:
        assert await uow.owners.get(OWNER_A) is None
        await uow.owners.upsert(settings)
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.owners.get(OWNER_A) == settings
        changed = settings.with_changes(size=3, digest_enabled=None, created_at=T0 + timedelta(1))
        await uow.owners.upsert(changed)
        stored = await uow.owners.get(OWNER_A)
    assert stored == settings.with_changes(size=3, digest_enabled=None)  # created_at kept
    assert_aware_utc(stored.created_at)


async def test_owner_defaults_get_a_creation_time(storage: Storage) -> None:
    async with storage.uow() as uow:
        await uow.owners.upsert(OwnerSettings(owner=OWNER_A))
        stored = await uow.owners.get(OWNER_A)
    assert stored is not None
    assert stored.with_changes(created_at=None) == OwnerSettings(owner=OWNER_A)
    assert_aware_utc(stored.created_at)


async def test_person_round_trip_update_and_lookup(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana Silva", platform_id="U123"))
        ben = await uow.people.add(Person(OWNER_A, "Ben", cadence_days=21, created_at=T0))
        await uow.commit()
    assert ana.id is not None and ben.id is not None and ana.id != ben.id
    assert_aware_utc(ana.created_at)
    async with storage.uow() as uow:
        assert await uow.people.get(OWNER_A, ana.id) == ana
        assert await uow.people.by_platform_id(OWNER_A, "U123") == ana
        assert await uow.people.by_platform_id(OWNER_A, "U999") is None
        ana.pinned = True
        ana.snoozed_until = T0 + timedelta(days=7)
        ana.name = "Ana S."
        await uow.people.update(ana)
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.people.list(OWNER_A) == [ana, ben]


async def test_platform_id_is_unique_per_owner(storage: Storage) -> None:
    async with storage.uow() as uow:
        await uow.people.add(Person(OWNER_A, "Ana", platform_id="U123"))
        with pytest.raises(IntegrityError):
            await uow.people.add(Person(OWNER_A, "Ana again", platform_id="U123"))


async def test_touches_round_trip_oldest_first_and_since(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        late = await uow.touches.add(OWNER_A, Touch(ana.id, T0 + timedelta(days=2), Kind.CALL))
        early = await uow.touches.add(OWNER_A, Touch(ana.id, T0, Kind.MEET, "coffee at 9"))
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.touches.list(OWNER_A) == [early, late]
        assert await uow.touches.list(OWNER_A, since=T0 + timedelta(days=2)) == [late]
        assert await uow.touches.list(OWNER_A, since=T0 + timedelta(days=3)) == []
    assert early.id is not None
    assert_aware_utc(early.at)


async def test_followups_round_trip_and_open_ordering(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        later = await uow.followups.add(OWNER_A, Followup(ana.id, T0 + timedelta(days=9), "book"))
        sooner = await uow.followups.add(OWNER_A, Followup(ana.id, T0 + timedelta(days=1), "call"))
        await uow.commit()
    assert_aware_utc(later.created_at)
    async with storage.uow() as uow:
        assert await uow.followups.get(OWNER_A, later.id) == later
        assert await uow.followups.list_open(OWNER_A) == [sooner, later]
        sooner.status = FollowupStatus.DONE
        sooner.closed_at = T0 + timedelta(days=1, hours=2)
        await uow.followups.update(OWNER_A, sooner)
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.followups.list_open(OWNER_A) == [later]
        assert await uow.followups.list_all(OWNER_A) == [later, sooner]
        assert await uow.followups.get(OWNER_A, sooner.id) == sooner


async def test_delivery_round_trip_with_every_field(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        followup = await uow.followups.add(OWNER_A, Followup(ana.id, T0, "call"))
        delivery = Delivery(
            key=f"reminder:{followup.id}",
            owner=OWNER_A,
            kind=DeliveryKind.REMINDER,
            due_at=T0,
            followup_id=followup.id,
            status=DeliveryStatus.FAILED,
            attempts=3,
            next_attempt_at=T0 + timedelta(minutes=1),
            lease_until=T0 + timedelta(minutes=2),
            claimed_by="worker-1",
            last_error="HTTP 500",
            sent_at=T0 + timedelta(minutes=3),
        )
        assert await uow.deliveries.schedule(delivery) is True
        await uow.commit()
    async with storage.uow() as uow:
        assert await uow.deliveries.get(delivery.key) == delivery
        assert await uow.deliveries.list_for_owner(OWNER_A) == [delivery]
        assert await uow.deliveries.get("no-such-key") is None


async def test_other_time_zones_are_stored_as_the_same_instant(storage: Storage) -> None:
    tokyo = timezone(timedelta(hours=9))
    at = datetime(2026, 11, 2, 18, 30, tzinfo=tokyo)
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        await uow.touches.add(OWNER_A, Touch(ana.id, at, Kind.MEET))
        [stored] = await uow.touches.list(OWNER_A)
    assert stored.at == at
    assert stored.at.tzinfo == UTC
    assert stored.at.hour == 9


async def test_naive_datetimes_are_refused(storage: Storage) -> None:
    naive = datetime(2026, 11, 2, 9, 30)
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        with pytest.raises(StatementError) as raised:
            await uow.touches.add(OWNER_A, Touch(ana.id, naive, Kind.MEET))
        assert isinstance(raised.value.orig, NaiveDatetimeError)
        with pytest.raises(StatementError):
            await uow.touches.list(OWNER_A, since=naive)
        assert await uow.touches.list(OWNER_A) == []


@pytest.mark.parametrize("text_value", NASTY_STRINGS)
async def test_strings_are_stored_literally(storage: Storage, text_value: str) -> None:
    async with storage.uow() as uow:
        person = await uow.people.add(Person(OWNER_A, text_value, platform_id=text_value))
        await uow.touches.add(OWNER_A, Touch(person.id, T0, Kind.MESSAGE, text_value))
        await uow.followups.add(OWNER_A, Followup(person.id, T0, text_value))
        await uow.commit()
    async with storage.uow() as uow:
        [stored] = await uow.people.list(OWNER_A)
        [touch] = await uow.touches.list(OWNER_A)
        [followup] = await uow.followups.list_all(OWNER_A)
        assert await uow.people.by_platform_id(OWNER_A, text_value) == stored
    assert stored.name == stored.platform_id == touch.note == followup.what == text_value
    await storage.set_kv(text_value, text_value)
    assert await storage.get_kv(text_value) == text_value
