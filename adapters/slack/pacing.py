"""Client-side pacing of ``chat.postMessage``: stay under Slack's limits instead of
bouncing off them.

Slack allows an app about one message per second per channel (short bursts tolerated)
and, across a workspace, "several hundred messages per minute"; beyond that it answers
429 with ``Retry-After``. A weekly digest run for a big workspace would hit that wall
within a second, and every 429 costs a round trip, a retry and a backoff. So every send
takes a slot from the ``Pacer`` first:

* one token bucket per workspace (``per_second`` with ``burst``), kept as a GCRA
  "theoretical arrival time": a send reserves the next free slot without a lock (the
  reservation is made between two awaits) and sleeps until it, so concurrent senders
  queue in arrival order and the workspace gets exactly its rate;
* one slot per channel every ``per_channel`` seconds (a DM is a channel), so a burst
  of messages to one person never trips the per-channel limit;
* a 429 anywhere in the workspace pauses the *whole* workspace until its Retry-After
  has passed (``pause``): senders already waiting for a slot check again when they
  wake, so one 429 is not followed by seven more from the other concurrent sends.

The limits are per process: with several worker processes, give each its share of the
workspace budget (a 429 still pauses only the process that got it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

#: Workspace budget by default: Slack documents "several hundred per minute" for
#: chat.postMessage across a workspace; 5/s (300/min) with a small burst stays inside it.
DEFAULT_PER_SECOND = 5.0
DEFAULT_BURST = 5
#: Slack: "1 message per second per channel".
DEFAULT_PER_CHANNEL = 1.0
#: Channels remembered per workspace before the expired ones are dropped.
_PRUNE_AT = 4096


@dataclass
class _Workspace:
    tat: float = 0.0  # GCRA theoretical arrival time of the next send
    paused_until: float = 0.0
    channels: dict[str, float] = field(default_factory=dict)  # channel -> next free slot


class Pacer:
    """Hands out send slots per workspace and channel; ``pause`` on a 429."""

    def __init__(self, per_second: float = DEFAULT_PER_SECOND, burst: int = DEFAULT_BURST,
                 per_channel: float = DEFAULT_PER_CHANNEL,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if per_second <= 0 or burst < 1 or per_channel < 0:
            raise ValueError("per_second > 0, burst >= 1 and per_channel >= 0 please")
        self.interval = 1.0 / per_second
        self._tau = (burst - 1) * self.interval  # how far ahead of the rate a burst may go
        self.per_channel = per_channel
        self._clock = clock
        self._sleep = sleep
        self._workspaces: dict[str, _Workspace] = {}

    async def slot(self, workspace: str, channel: str) -> None:
        """Wait until a message may go to ``channel`` in ``workspace``, and take the slot."""
        ws = self._workspaces.setdefault(workspace, _Workspace())
        while True:
            now = self._clock()
            blocked = max(ws.paused_until, ws.channels.get(channel, 0.0)) - now
            if blocked > 0:
                await self._sleep(blocked)
                continue
            at = max(now, ws.tat - self._tau)  # reserve: no await since reading ``now``
            ws.tat = max(ws.tat, at) + self.interval
            ws.channels[channel] = at + self.per_channel
            if len(ws.channels) > _PRUNE_AT:
                ws.channels = {c: t for c, t in ws.channels.items() if t > now}
            if at > now:
                await self._sleep(at - now)
            if self._clock() >= ws.paused_until:
                return
            # A 429 paused the workspace while we waited: our slot is void, queue again.

    def pause(self, workspace: str, seconds: float) -> None:
        """Slack said Retry-After ``seconds``: nobody in the workspace sends before then."""
        ws = self._workspaces.setdefault(workspace, _Workspace())
        until = self._clock() + max(seconds, 0.0)
        ws.paused_until = max(ws.paused_until, until)
        ws.tat = max(ws.tat, ws.paused_until)

    def paused_for(self, workspace: str) -> float:
        """Seconds the workspace is still paused for (0 when it is not)."""
        ws = self._workspaces.get(workspace)
        return max(0.0, ws.paused_until - self._clock()) if ws else 0.0
