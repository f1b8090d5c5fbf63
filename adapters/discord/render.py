"""Neutral ``Reply`` → a Discord message: escaped content, an embed, persistent buttons.

The title goes in the content (it is what a push notification shows); the sections go in
an embed. Every string is the owner's literal text, so it is escaped for markdown and
mentions, and ``AllowedMentions.none()`` makes sure nothing ever pings anyone. Discord's
limits are respected by cutting text and dropping buttons beyond 5 rows of 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord.buttons import ActionButton
from bot.replies import Action, Reply, Section

CONTENT_LIMIT = 2000
EMBED_DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MAX_ROWS = 5
BUTTONS_PER_ROW = 5
COLOR = discord.Colour(0x3BA55D)
ERROR_COLOR = discord.Colour(0xED4245)


#: What Discord reads as markdown, found as ``discord.utils.escape_markdown`` finds it, with
#: one difference: every ``[`` is escaped. Its greedy ``\[.+\]\(.+\)`` escapes only the
#: first of two masked links on a line (the second stays a live link) and leaves all the
#: markdown between them unescaped. URLs are left as they are, but for their ``[``.
_ESCAPED = re.compile(
    r"(?P<url><[^: >]+:/[^ >]+>|(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])"
    r"|(?P<markdown>[_\\~|*`\[]|^>(?:>>)?\s|^#{1,3}|^\s*-)",
    re.MULTILINE,
)


def _escape_markdown(match: re.Match[str]) -> str:
    if url := match.group("url"):
        return url.replace("[", "\\[")
    markdown = match.group("markdown")
    mark = markdown.lstrip()  # "  - item": the backslash goes before the dash, not a space
    return markdown[: len(markdown) - len(mark)] + "\\" + mark


def escape(text: str) -> str:
    """Literal text: no markdown, no masked links, no mentions (``@everyone`` gets a
    zero-width space). Each markdown character gets one backslash, never two."""
    return discord.utils.escape_mentions(_ESCAPED.sub(_escape_markdown, text))


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, an ellipsis showing where it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip("\\") + "…"


@dataclass(frozen=True)
class Rendered:
    """A reply ready to hand to ``send_message``, ``followup.send`` or ``channel.send``."""

    content: str
    embed: discord.Embed | None
    view: discord.ui.View | None

    def message_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"content": self.content,
                                  "allowed_mentions": discord.AllowedMentions.none()}
        if self.embed is not None:
            kwargs["embed"] = self.embed
        if self.view is not None:
            kwargs["view"] = self.view
        return kwargs

    def edit_kwargs(self) -> dict[str, Any]:
        """Replace a message whole: its old embed and buttons go, so it cannot act twice."""
        return {"content": self.content, "embed": self.embed, "view": None,
                "allowed_mentions": discord.AllowedMentions.none()}


def render(reply: Reply, ref: str | None = None, *, buttons: bool = True) -> Rendered:
    """The Discord form of a reply; ``ref`` is a marker for the footer (deliveries)."""
    content = cut(("⚠️ " if reply.error else "") + f"**{escape(reply.title)}**", CONTENT_LIMIT)
    return Rendered(content, _embed(reply, ref), build_view(reply) if buttons else None)


def _embed(reply: Reply, ref: str | None) -> discord.Embed | None:
    body = "\n\n".join(escape(s.text) for s in reply.sections if s.lines)
    if not body and ref is None:
        return None
    embed = discord.Embed(description=cut(body, EMBED_DESCRIPTION_LIMIT) or None,
                          colour=ERROR_COLOR if reply.error else COLOR)
    if ref is not None:
        embed.set_footer(text=cut(ref, FOOTER_LIMIT))
    return embed


def build_view(reply: Reply) -> discord.ui.View | None:
    """Persistent buttons, a row per section, at most 5 rows of 5 (Discord's limit)."""
    rows = [chunk for section in reply.sections for chunk in _rows(section)][:MAX_ROWS]
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for row, actions in enumerate(rows):
        for action in actions:
            view.add_item(ActionButton.for_action(action, row=row))
    return view


def _rows(section: Section) -> list[tuple[Action, ...]]:
    actions = tuple(a for a in section.actions if ActionButton.accepts(a))
    return [actions[i:i + BUTTONS_PER_ROW] for i in range(0, len(actions), BUTTONS_PER_ROW)]
