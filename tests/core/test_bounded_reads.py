"""What one command reads stays bounded however long an owner has used the bot (issue
"Hardening", item 6): changing the digest never reads the owner's delivery history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import User
from tests.memory import MemoryDeliveryRepository


@pytest.fixture
def no_history(monkeypatch: pytest.MonkeyPatch) -> None:
    async def whole_history(self, owner):  # type: ignore[no-untyped-def]
        raise AssertionError("read every delivery row of the owner")

    monkeypatch.setattr(MemoryDeliveryRepository, "list_for_owner", whole_history)


async def test_digest_commands_read_no_delivery_history(me: User, clock, no_history) -> None:
    assert not (await me("/touch Ana coffee")).error
    for line in ("/vitalfew digest friday 17:30", "/vitalfew digest", "/vitalfew digest off",
                 "/vitalfew digest on", "/vitalfew tz America/New_York", "/vitalfew settings"):
        clock.advance(timedelta(days=3))
        r = await me(line)
        assert not r.error, (line, r.title)
    assert (await me("/vitalfew digest")).title == (
        "Weekly digest: Fridays at 17:30 America/New_York.")
    home = await me.service.view_home(me.owner)
    assert not home.digest.error
