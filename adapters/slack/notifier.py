"""Deliveries (reminders, digests) as DMs, each marked with its delivery key.

Slack has no idempotency key for chat.postMessage, so each DM carries message metadata
``{"event_type": "vitalfew_delivery", "event_payload": {"key": ...}}``. After a crash
between Slack accepting a message and us marking it sent, ``already_sent`` finds the key
in the DM's recent history and the engine does not send it twice.

Every post first takes a slot from the ``Pacer`` (adapters/slack/pacing.py), so a digest
run stays inside Slack's chat.postMessage limits, and a 429 pauses the whole workspace
for its Retry-After. The DM channel of each user is remembered (``conversations.open``
answers the same id every time), so a delivery costs one Web API call, not two.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.clients import TIMEOUT, BotTokens, web_client
from adapters.slack.pacing import Pacer
from adapters.slack.render import render
from bot.domain import Owner
from bot.ports import DeliveryError, PermanentDeliveryError, RetryableDeliveryError
from bot.replies import Reply

EVENT_TYPE = "vitalfew_delivery"
#: History pages read by ``already_sent`` (100 messages each): a delivery being retried
#: went out minutes ago, so it is among the newest messages of a bot DM.
HISTORY_PAGES = 3
#: DM channel ids remembered (per workspace and user), least recently used dropped first.
DM_CACHE_SIZE = 20_000
#: How long a 429 without a Retry-After header pauses the workspace, in seconds.
DEFAULT_RETRY_AFTER = 1.0

#: Errors worth another try later (Slack's side is busy or broken). Every other error is
#: permanent: the user or the app is gone, DMs are closed, or the message itself is wrong,
#: and sending the same request again would fail the same way.
TRANSIENT_ERRORS = frozenset({
    "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable",
    "request_timeout",
})


class SlackNotifier:
    """``bot.ports.Notifier`` for Slack: a DM per delivery, found again by its key.

    ``pacer`` paces chat.postMessage per workspace (the default is Slack's documented
    limits; tests and benchmarks pass their own budget); ``timeout`` bounds each Web
    API call in seconds.
    """

    def __init__(self, tokens: BotTokens, base_url: str, *, pacer: Pacer | None = None,
                 timeout: float = TIMEOUT) -> None:
        self._tokens = tokens
        self._base_url = base_url
        self.pacer = pacer or Pacer()
        self._timeout = timeout
        self._dms: OrderedDict[tuple[str, str], str] = OrderedDict()

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        async with delivery_errors():
            client, channel = await self._dm(owner)
            message = render(reply)
            await self.pacer.slot(owner.workspace, channel)
            try:
                await client.chat_postMessage(
                    channel=channel, text=message.text, blocks=message.blocks,
                    metadata={"event_type": EVENT_TYPE, "event_payload": {"key": delivery_key}},
                    unfurl_links=False, unfurl_media=False)
            except SlackApiError as exc:
                if getattr(exc.response, "status_code", 200) == 429:
                    self.pacer.pause(owner.workspace, retry_after(exc) or DEFAULT_RETRY_AFTER)
                raise

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        async with delivery_errors():
            client, channel = await self._dm(owner)
            cursor = None
            for _ in range(HISTORY_PAGES):
                page = await client.conversations_history(
                    channel=channel, include_all_metadata=True, limit=100, cursor=cursor)
                messages: list[Mapping] = page.get("messages") or []
                if any(carries_key(m, delivery_key) for m in messages):
                    return True
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return False
            return False

    async def _dm(self, owner: Owner) -> tuple[AsyncWebClient, str]:
        """A client with the owner's workspace token and the id of their DM with the bot."""
        token = await self._tokens.for_team(owner.workspace)
        client = web_client(self._base_url, token, retries=[])
        # Typed as whole seconds by the SDK; aiohttp, which applies it, takes fractions.
        client.timeout = self._timeout  # type: ignore[assignment]
        key = (owner.workspace, owner.user)
        channel = self._dms.get(key)
        if channel is None:
            opened = await client.conversations_open(users=owner.user)
            channel = self._dms[key] = opened["channel"]["id"]
            while len(self._dms) > DM_CACHE_SIZE:
                self._dms.popitem(last=False)
        else:
            self._dms.move_to_end(key)
        return client, channel


def carries_key(message: Mapping, key: str) -> bool:
    metadata = message.get("metadata") or {}
    return (metadata.get("event_type") == EVENT_TYPE
            and (metadata.get("event_payload") or {}).get("key") == key)


@asynccontextmanager
async def delivery_errors() -> AsyncIterator[None]:
    """Translate what the SDK and aiohttp raise into the core's two delivery errors."""
    try:
        yield
    except DeliveryError:
        raise
    except Exception as exc:
        mapped = classify(exc)
        if mapped is None:
            raise
        raise mapped from exc


def classify(exc: BaseException) -> DeliveryError | None:
    """Which delivery error an exception means; None for ones we do not know (bugs)."""
    if isinstance(exc, SlackApiError):
        return api_error(exc)
    if isinstance(exc, asyncio.TimeoutError | aiohttp.ClientError | OSError):
        return RetryableDeliveryError(f"network: {type(exc).__name__}")
    if isinstance(exc, SlackClientError):
        return RetryableDeliveryError(f"client: {type(exc).__name__}")
    return None


def api_error(exc: SlackApiError) -> DeliveryError:
    status = getattr(exc.response, "status_code", 200)
    error = str((exc.response.data or {}).get("error", "")) if exc.response else ""
    if status == 429 or error in ("ratelimited", "rate_limited"):
        return RetryableDeliveryError("rate limited", retry_after(exc))
    if status >= 500 or error in TRANSIENT_ERRORS:
        return RetryableDeliveryError(f"slack {status} {error}".strip())
    return PermanentDeliveryError(error or f"slack {status}")


def retry_after(exc: SlackApiError) -> float | None:
    headers = getattr(exc.response, "headers", None) or {}
    for name in ("Retry-After", "retry-after"):
        value = headers.get(name)
        if value is not None:
            try:
                return float(value[0] if isinstance(value, list) else value)
            except (TypeError, ValueError):
                return None
    return None
