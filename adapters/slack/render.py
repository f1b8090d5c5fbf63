"""A neutral ``Reply`` rendered as Block Kit, within Block Kit's limits.

Every string the core hands us is literal user text, so it is escaped for mrkdwn (``&``,
``<``, ``>``) and sent with ``verbatim`` on: ``<!channel>``, ``<https://evil|click>`` and
``<@U1>`` typed into a note show as typed and never ping, link or mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.replies import Action, Reply, Section

# Block Kit limits (docs.slack.dev/reference/block-kit): text of a section block, blocks
# per message, elements per actions block, a button's label and value.
MAX_TEXT = 3000
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_BUTTONS = 25
MAX_LABEL = 75
MAX_VALUE = 2000
#: The message-level ``text`` is a notification fallback; keep it to one screen.
MAX_FALLBACK = 3000
ELLIPSIS = "…"


@dataclass(frozen=True)
class Rendered:
    """What chat.postMessage, respond() and ack() take: blocks plus the text fallback."""

    blocks: list[dict]
    text: str


def escape(text: str) -> str:
    """Slack's three mrkdwn control characters, escaped so user text stays literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def mrkdwn(text: str) -> MarkdownTextObject:
    """Already-escaped mrkdwn; ``verbatim`` stops Slack from auto-linking bare URLs/names."""
    return MarkdownTextObject(text=text, verbatim=True)


def render(reply: Reply, max_blocks: int = MAX_BLOCKS, prefix: str = "r") -> Rendered:
    """The reply as blocks (bounded by ``max_blocks``) and its escaped plain-text fallback."""
    blocks = [b.to_dict() for b in reply_blocks(reply, prefix)]
    if len(blocks) > max_blocks:
        hidden = len(blocks) - (max_blocks - 1)
        blocks = blocks[: max_blocks - 1] + [
            ContextBlock(elements=[mrkdwn(f"{hidden} more blocks not shown.")]).to_dict()]
    return Rendered(blocks, fallback(reply))


def fallback(reply: Reply) -> str:
    """The plain ``text`` every message carries (notifications, screen readers)."""
    return truncate(escape(("⚠️ " if reply.error else "") + reply.text), MAX_FALLBACK)


def reply_blocks(reply: Reply, prefix: str = "r") -> list[Block]:
    """Title first, in bold; then each section's lines and its buttons.

    Each actions block gets its own ``block_id``: action_ids only need to be unique
    within a block, so several follow-ups can each carry a ``followup_done`` button.
    """
    title = ("⚠️ " if reply.error else "") + reply.title
    blocks: list[Block] = [
        SectionBlock(block_id=f"{prefix}-title", text=mrkdwn(bold(title)))] if title.strip() else []
    for i, section in enumerate(reply.sections):
        blocks.extend(section_blocks(section, f"{prefix}-{i}"))
    return blocks


def bold(text: str) -> str:
    """Escaped and bold; mrkdwn bold cannot span lines, so each line is wrapped."""
    lines = truncate(text, MAX_TEXT - 200).splitlines() or [""]
    return "\n".join(f"*{escape(line)}*" if line.strip() else "" for line in lines)


def section_blocks(section: Section, block_id: str) -> Iterator[Block]:
    for j, chunk in enumerate(chunk_lines(section.lines, MAX_TEXT)):
        yield SectionBlock(block_id=f"{block_id}-text-{j}", text=mrkdwn(chunk))
    for j, start in enumerate(range(0, len(section.actions), MAX_BUTTONS)):
        yield actions_block(section.actions[start:start + MAX_BUTTONS], f"{block_id}-act-{j}")


def chunk_lines(lines: Iterable[str], limit: int) -> Iterator[str]:
    """Escaped lines packed into texts of at most ``limit`` characters each."""
    current = ""
    for raw in lines:
        line = truncate(escape(raw), limit)
        if current and len(current) + 1 + len(line) > limit:
            if current.strip():
                yield current
            current = ""
        current = f"{current}\n{line}" if current else line
    if current.strip():
        yield current


def actions_block(actions: Sequence[Action], block_id: str) -> ActionsBlock:
    return ActionsBlock(block_id=block_id, elements=[button(a) for a in actions])


def button(action: Action) -> ButtonElement:
    """A button whose ``action_id``/``value`` are the core's, so it works after a restart."""
    return ButtonElement(text=truncate(action.label, MAX_LABEL), action_id=action.id,
                         value=action.value[:MAX_VALUE], style=action.style)
