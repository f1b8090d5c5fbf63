"""A neutral ``Reply`` rendered as Block Kit, within Block Kit's limits.

Every string the core hands us is literal user text, so it is escaped for mrkdwn (``&``,
``<``, ``>``) and sent with ``verbatim`` on: ``<!channel>``, ``<https://evil|click>`` and
``<@U1>`` typed into a note show as typed and never ping, link or mention.

Blocks are built with ``slack_sdk.models.blocks`` and turned into JSON by ``as_dict``: the
models' own ``to_dict()``, checks and all, minus the ``dir()`` it runs on every object to
find those checks (which was most of the CPU a command's reply cost).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from slack_sdk.models.basic_objects import JsonObject
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
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


def validator_names(model: type[JsonObject]) -> tuple[str, ...]:
    """The checks ``JsonObject.validate_json`` runs on a ``model``, in the order it runs them.

    It finds them by calling ``dir()`` on every object it serialises; they are methods
    marked ``validator`` by ``JsonValidator``, so they are the same for a whole class.
    """
    return tuple(name for name in dir(model) if not name.startswith("__")
                 and callable(method := getattr(model, name, None))
                 and hasattr(method, "validator"))


#: Every model a reply is built from, with its checks, looked up once (see ``as_dict``).
_MODELS = (SectionBlock, ActionsBlock, ContextBlock, ButtonElement, MarkdownTextObject,
           PlainTextObject)
VALIDATORS: Mapping[type[JsonObject], tuple[str, ...]] = MappingProxyType({
    model: validator_names(model) for model in _MODELS})
#: Each model's attributes in the order ``to_dict()`` writes them (sorted), kept from
#: the first object of its class: ``attributes`` is the same set for a whole class, but
#: a new one is built on every read.
_ATTRIBUTES: dict[type[JsonObject], tuple[str, ...]] = {}


def as_dict(model: JsonObject) -> dict[str, Any]:
    """``model.to_dict()``: the same checks run (a broken block still raises
    ``SlackObjectFormationError``) and the same dict, key for key, in the same order.

    Only the search for the checks and the attributes differs: ``VALIDATORS`` and
    ``_ATTRIBUTES`` instead of a ``dir()`` and a new set per object. A model not in
    ``VALIDATORS`` goes through its own ``to_dict()``.
    """
    model_type = type(model)
    validators = VALIDATORS.get(model_type)
    if validators is None:
        return model.to_dict()
    for name in validators:
        getattr(model, name)()
    attributes = _ATTRIBUTES.get(model_type)
    if attributes is None:
        attributes = _ATTRIBUTES[model_type] = tuple(sorted(model.attributes))
    fields: dict[str, Any] = {}
    for key in attributes:
        value = getattr(model, key, None)
        if value is None:
            continue
        if isinstance(value, str):  # most attributes: a text, an id, a type
            if value:
                fields[key] = value
        elif present(value):
            fields[key] = plain(value)
    return fields


def present(value: object) -> bool:
    """Whether ``to_dict()`` keeps an attribute: set, and not an empty string or list.

    (It also keeps empty ``elements`` of rich_text parts, which replies never contain.)
    """
    return value is not None and (not hasattr(value, "__len__") or len(value) > 0)


def plain(value: object) -> object:
    """An attribute's JSON value: models as their dicts, lists and tuples as lists.

    Scalars (most attributes: ids, texts, flags) are tested first, as the cheapest check,
    then the models replies are built from (a dict lookup; ``JsonObject`` is an abstract
    class, slow to test against).
    """
    if isinstance(value, (str, bool, int, float)):
        return value
    if type(value) in VALIDATORS:
        return as_dict(value)  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, JsonObject):
        return as_dict(value)
    return value


def render(reply: Reply, max_blocks: int = MAX_BLOCKS, prefix: str = "r") -> Rendered:
    """The reply as blocks (bounded by ``max_blocks``) and its escaped plain-text fallback."""
    blocks = [as_dict(b) for b in reply_blocks(reply, prefix)]
    if len(blocks) > max_blocks:
        hidden = len(blocks) - (max_blocks - 1)
        blocks = blocks[: max_blocks - 1] + [
            as_dict(ContextBlock(elements=[mrkdwn(f"{hidden} more blocks not shown.")]))]
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
