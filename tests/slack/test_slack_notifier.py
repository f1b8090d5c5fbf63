"""The notifier's error mapping, history lookup, and the engine retrying through it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fake_slack import FakeSlack

from adapters.slack.clients import BotTokens
from adapters.slack.notifier import HISTORY_PAGES, SlackNotifier
from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import Owner
from bot.ports import PermanentDeliveryError, RetryableDeliveryError
from bot.replies import reply

OWNER = Owner("slack", "T1", "U1")
MESSAGE = reply("Reminder: follow up with Ana", "send the deck")


@pytest.fixture
def notifier(fake: FakeSlack) -> SlackNotifier:
    return SlackNotifier(BotTokens("xoxb-test-token"), fake.api_url)


async def test_a_429_is_retryable_with_retry_after_and_the_next_try_goes_out(notifier, fake):
    fake.fail_next("chat.postMessage", status=429, error="ratelimited", retry_after=7)
    with pytest.raises(RetryableDeliveryError) as raised:
        await notifier.send(OWNER, MESSAGE, "k1")
    assert raised.value.retry_after == 7
    assert len(fake.called("chat.postMessage")) == 1  # the SDK did not retry by itself
    await notifier.send(OWNER, MESSAGE, "k1")
    assert await notifier.already_sent(OWNER, "k1")


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_5xx_is_retryable(notifier, fake, status):
    fake.fail_next("chat.postMessage", status=status, error="internal_error")
    with pytest.raises(RetryableDeliveryError):
        await notifier.send(OWNER, MESSAGE, "k1")


@pytest.mark.parametrize("error", ["user_not_found", "account_inactive", "cannot_dm_bot",
                                   "channel_not_found", "not_in_channel", "invalid_auth",
                                   "token_revoked", "msg_too_long", "an_error_slack_adds_later"])
async def test_a_gone_user_or_app_or_a_bad_message_is_permanent(notifier, fake, error):
    fake.error_for("conversations.open", error)
    with pytest.raises(PermanentDeliveryError):
        await notifier.send(OWNER, MESSAGE, "k1")


async def test_an_unreachable_slack_is_retryable():
    notifier = SlackNotifier(BotTokens("xoxb-test-token"), "http://127.0.0.1:9/api/")
    with pytest.raises(RetryableDeliveryError):
        await notifier.send(OWNER, MESSAGE, "k1")


async def test_already_sent_reads_a_bounded_number_of_history_pages(notifier, fake):
    await notifier.send(OWNER, MESSAGE, "old")
    for i in range(100 * HISTORY_PAGES):
        fake.history["DU1"].insert(0, {"ts": f"{i}.0", "text": "chatter"})
    assert not await notifier.already_sent(OWNER, "old")
    assert len(fake.called("conversations.history")) == HISTORY_PAGES
    assert all(c.params["include_all_metadata"] in (True, "true", "1")
               for c in fake.called("conversations.history"))


async def test_the_engine_retries_a_429_and_sends_exactly_once(start_slack, fake, clock):
    slack = await start_slack()
    await slack.command("/followup Ana tomorrow send the deck")
    clock.advance(timedelta(days=2))
    fake.fail_next("chat.postMessage", status=429, error="ratelimited", retry_after=2)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    engine = DeliveryEngine(slack.store.uow, clock, {"slack": slack.runtime.notifier},
                            policy=DeliveryPolicy(jitter=lambda: 0.0), sleep=sleep)
    report = await engine.tick()
    assert report.sent == 1 and waits == [2.0]
    assert len(fake.called("chat.postMessage")) == 2
    assert len(fake.history["DU1"]) == 1


async def test_after_a_crash_a_delivery_found_in_history_is_not_sent_again(start_slack, fake,
                                                                           clock):
    slack = await start_slack()
    await slack.command("/followup Ana tomorrow send the deck")
    clock.advance(timedelta(days=2))
    # Slack accepted the post but the answer was lost (a 500 after the fact).
    engine = DeliveryEngine(slack.store.uow, clock, {"slack": slack.runtime.notifier},
                            policy=DeliveryPolicy(inline_attempts=1, jitter=lambda: 0.0))
    async with slack.store.uow() as uow:
        key = (await uow.deliveries.list_for_owner(OWNER))[0].key
    await slack.runtime.notifier.send(OWNER, MESSAGE, key)
    fake.fail_next("chat.postMessage", status=500, error="internal_error")
    first = await engine.tick()
    assert first.retried == 1
    clock.advance(timedelta(minutes=10))
    second = await engine.tick()
    assert second.already_sent == 1
    assert len(fake.history["DU1"]) == 1
