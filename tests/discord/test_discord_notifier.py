"""Deliveries as DMs through a fake DM channel: nonces, markers, and Discord's failures."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
import pytest
from discord_doubles import ME, command, open_followups

from adapters.discord.notifier import (
    DiscordNotifier,
    delivery_nonce,
    delivery_ref,
)
from bot import stamps
from bot.delivery import DeliveryEngine
from bot.domain import Owner
from bot.ports import PermanentDeliveryError, RetryableDeliveryError
from bot.replies import reply

OWNER = Owner("discord", "", str(ME))
BOT_ID = 999999999999999999


class FakeResponse:
    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = "test"
        self.headers = headers or {}


class FakeDMChannel:
    """Records what is sent; its history is what was sent, newest first.

    Like Discord with ``enforce_nonce``, a second send with a nonce already seen returns
    the first message instead of posting again. ``lose_replies`` sends but then fails,
    as when the connection drops after Discord accepted the message.
    """

    def __init__(self, error: Exception | None = None, lose_replies: int = 0) -> None:
        self.sent: list[dict[str, Any]] = []
        self.error = error
        self.lose_replies = lose_replies

    async def send(self, **kwargs: Any) -> SimpleNamespace:
        if self.error is not None:
            raise self.error
        if all(k["nonce"] != kwargs["nonce"] for k in self.sent):
            self.sent.append(kwargs)
        if self.lose_replies:
            self.lose_replies -= 1
            raise TimeoutError
        return SimpleNamespace(id=len(self.sent))

    async def history(self, limit: int):
        messages = [SimpleNamespace(author=SimpleNamespace(id=BOT_ID), embeds=[k["embed"]],
                                    nonce=None) for k in reversed(self.sent)]
        for message in messages[:limit]:
            yield message


class FakeClient:
    def __init__(self, channel: FakeDMChannel, ready: bool = True) -> None:
        self.channel = channel
        self.ready = ready
        self.user = SimpleNamespace(id=BOT_ID)
        self.fetched: list[int] = []

    def is_ready(self) -> bool:
        return self.ready

    def get_user(self, user_id: int) -> None:
        return None

    async def fetch_user(self, user_id: int) -> SimpleNamespace:
        self.fetched.append(user_id)

        async def create_dm() -> FakeDMChannel:
            return self.channel

        return SimpleNamespace(id=user_id, dm_channel=None, create_dm=create_dm)


def notifier_with(error: Exception | None = None, ready: bool = True, lose_replies: int = 0
                  ) -> tuple[DiscordNotifier, FakeDMChannel]:
    channel = FakeDMChannel(error, lose_replies)
    return DiscordNotifier(FakeClient(channel, ready)), channel  # type: ignore[arg-type]


async def test_a_delivery_is_a_dm_with_a_nonce_and_a_marker_found_again_later():
    notifier, channel = notifier_with()
    await notifier.send(OWNER, reply("Follow up with Ana"), "reminder:1:2026-11-30")

    [sent] = channel.sent
    assert sent["nonce"] == delivery_nonce("reminder:1:2026-11-30")
    assert len(sent["nonce"]) <= 25
    assert sent["embed"].footer.text == delivery_ref("reminder:1:2026-11-30")
    assert "Follow up with Ana" in sent["content"]
    assert await notifier.already_sent(OWNER, "reminder:1:2026-11-30")
    assert not await notifier.already_sent(OWNER, "reminder:2:2026-11-30")


def test_nonces_are_stable_and_distinct():
    assert delivery_nonce("k1") == delivery_nonce("k1") != delivery_nonce("k2")


async def test_closed_dms_are_a_permanent_failure():
    closed = discord.Forbidden(FakeResponse(403), {"code": 50007,
                                                   "message": "Cannot send messages"})
    notifier, _ = notifier_with(closed)
    with pytest.raises(PermanentDeliveryError, match="DMs are closed"):
        await notifier.send(OWNER, reply("hi"), "k")


async def test_an_unknown_user_is_a_permanent_failure():
    notifier, _ = notifier_with(discord.NotFound(FakeResponse(404), {"code": 10013}))
    with pytest.raises(PermanentDeliveryError):
        await notifier.send(OWNER, reply("hi"), "k")


async def test_429_is_retried_after_what_discord_said():
    limited = discord.HTTPException(FakeResponse(429, {"Retry-After": "2.5"}),
                                    {"message": "You are being rate limited.", "code": 0})
    notifier, _ = notifier_with(limited)
    with pytest.raises(RetryableDeliveryError) as caught:
        await notifier.send(OWNER, reply("hi"), "k")
    assert caught.value.retry_after == 2.5


@pytest.mark.parametrize("error", [
    discord.RateLimited(40.0),
    discord.DiscordServerError(FakeResponse(503), "unavailable"),
    TimeoutError(),
    aiohttp.ClientConnectionError(),
])
async def test_server_errors_rate_limits_and_timeouts_are_retryable(error):
    notifier, _ = notifier_with(error)
    with pytest.raises(RetryableDeliveryError):
        await notifier.send(OWNER, reply("hi"), "k")


async def test_before_the_client_is_connected_deliveries_wait():
    notifier, channel = notifier_with(ready=False)
    with pytest.raises(RetryableDeliveryError):
        await notifier.send(OWNER, reply("hi"), "k")
    assert channel.sent == []


async def test_a_due_reminder_reaches_the_dm_once_with_its_four_buttons(app, tree, interaction,
                                                                       clock):
    await command(tree, "followup add").callback(interaction(), person="Ana", when="tomorrow",
                                                 what="send the intro")
    [followup] = await open_followups(app)
    notifier, channel = notifier_with()
    app.notifiers["discord"] = notifier

    clock.advance(timedelta(days=2))
    await app.engine().tick()
    await app.engine().tick()

    [sent] = channel.sent
    assert "send the intro" in sent["content"] + sent["embed"].description
    value = stamps.followup_value(followup)  # as made for the due time it reminds of
    assert [b.custom_id for b in sent["view"].children] == [
        f"followup_done:{value}", f"followup_snooze_1d:{value}",
        f"followup_snooze_1w:{value}", f"followup_drop:{value}"]


async def test_a_reply_lost_after_sending_does_not_make_a_second_dm(app, tree, interaction,
                                                                     clock):
    await command(tree, "followup add").callback(interaction(), person="Ana", when="tomorrow")
    notifier, channel = notifier_with(lose_replies=1)

    async def no_sleep(seconds: float) -> None:
        return None

    engine = DeliveryEngine(app.storage.uow, clock, {"discord": notifier}, sleep=no_sleep)
    clock.advance(timedelta(days=2))
    report = await engine.tick()

    assert report.sent + report.already_sent == 1
    assert len(channel.sent) == 1
