"""The App Home tab: the vital few, open follow-ups with their buttons, digest settings,
both circles.

It is the very replies of ``/vitalfew`` and ``/followup``, rendered side by side, so the
Home tab can never disagree with the commands; opening it stores nothing (the core's
``view_home``), not even for someone never seen. A button pressed here republishes the tab
with the button's outcome on top (a view has no place for an ephemeral message).
"""

from __future__ import annotations

from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.deps import Deps, ack_now
from adapters.slack.render import MAX_HOME_BLOCKS, fallback, mrkdwn, render
from bot.domain import Owner
from bot.replies import Reply

#: Each of the two long replies may take this many blocks; the rest is headers, the
#: digest's settings and the circles.
PART_BLOCKS = (MAX_HOME_BLOCKS - 16) // 2
CIRCLE_BLOCKS = 4


class HomeTab:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def register(self, app: AsyncApp) -> None:
        app.event("app_home_opened")(ack=ack_now, lazy=[self.opened])

    async def opened(self, body: dict[str, Any], event: dict[str, Any],
                     client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if event.get("tab", "home") == "home":
            await self.publish(client, await self.deps.owner(body, context, client))

    async def publish(self, client: AsyncWebClient, owner: Owner,
                      notice: Reply | None = None) -> None:
        view = await self.view(client, owner, notice)
        await client.views_publish(user_id=owner.user, view=view.to_dict())

    async def view(self, client: AsyncWebClient, owner: Owner,
                   notice: Reply | None = None) -> View:
        home = await self.deps.service.view_home(
            owner, tz_hint=await self.deps.zone_hint(client, owner))
        vital, followups, digest = home.vital_few, home.followups, home.digest
        blocks: list[dict] = []
        if notice is not None:
            blocks.append(ContextBlock(elements=[mrkdwn(fallback(notice))]).to_dict())
        blocks += [HeaderBlock(text="Your vital few").to_dict(),
                   *render(vital, PART_BLOCKS, prefix="vf").blocks,
                   DividerBlock().to_dict(),
                   HeaderBlock(text="Follow-ups").to_dict(),
                   *render(followups, PART_BLOCKS, prefix="fu").blocks,
                   DividerBlock().to_dict(),
                   HeaderBlock(text="Weekly digest").to_dict(),
                   *render(digest, 4, prefix="dg").blocks,
                   ContextBlock(elements=[mrkdwn(DIGEST_HOW)]).to_dict(),
                   DividerBlock().to_dict(),
                   HeaderBlock(text="Your circles").to_dict(),
                   *render(home.circles, CIRCLE_BLOCKS, prefix="cc").blocks]
        return View(type="home", blocks=blocks[:MAX_HOME_BLOCKS])


DIGEST_HOW = ("Change it: `/vitalfew digest friday 17:00` · `/vitalfew digest off` · "
              "`/vitalfew digest now`")
