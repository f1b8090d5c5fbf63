"""Replies as a neutral structure that every adapter renders its own way.

The core never writes Block Kit, Discord components or markup: it says *what* to show
(a title, sections of plain text, buttons with ids) and adapters decide *how*. All text
here is literal; adapters escape it for their platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Button ids shared by every platform. The value carries the follow-up's id.
FOLLOWUP_DONE = "followup_done"
FOLLOWUP_SNOOZE_1D = "followup_snooze_1d"
FOLLOWUP_SNOOZE_1W = "followup_snooze_1w"
FOLLOWUP_DROP = "followup_drop"
# Digest suggestion buttons; the value carries the person's id.
PERSON_TOUCH = "person_touch"
PERSON_SNOOZE_1W = "person_snooze_1w"
# Confirmation of /vitalfew forget; the value is "me" or "person:ID".
FORGET_CONFIRM = "forget_confirm"
FORGET_CANCEL = "forget_cancel"
# Confirmation of /vitalfew merge; the value is a token (bot.confirmations) for
# "merge:SOURCE_ID:TARGET_ID". Cancel is forget_cancel.
MERGE_CONFIRM = "merge_confirm"
# "Which Bea?": one button per person a name could mean; the value is a token
# (bot.confirmations) for "pick:PERSON_ID:CHECK", the command waiting stored server-side.
PERSON_PICK = "person_pick"
# The /touch reply's "They reached out" (and, once pressed, "I reached out"); the value
# names the touch and who it marks as having started it (bot.stamps.touch_value).
TOUCH_FROM_THEM = "touch_from_them"
# "Meant Sam Lee?" under a /touch that took "Sam Lee coffee" as Sam with the note
# "Lee coffee"; the value is ``PERSON_STAMP-WORD`` (bot.stamps): the word to move.
TOUCH_FULL_NAME = "touch_full_name"
# Discord's first-use digest question.
DIGEST_OPT_IN = "digest_opt_in"
DIGEST_OPT_OUT = "digest_opt_out"

FOLLOWUP_ACTIONS = (FOLLOWUP_DONE, FOLLOWUP_SNOOZE_1D, FOLLOWUP_SNOOZE_1W, FOLLOWUP_DROP)
#: Every button the core can put on a message: each adapter routes exactly these.
ALL_ACTIONS = (*FOLLOWUP_ACTIONS, PERSON_TOUCH, PERSON_SNOOZE_1W, FORGET_CONFIRM,
               FORGET_CANCEL, DIGEST_OPT_IN, DIGEST_OPT_OUT, MERGE_CONFIRM,
               PERSON_PICK, TOUCH_FROM_THEM, TOUCH_FULL_NAME)


@dataclass(frozen=True)
class Action:
    """A button: ``id`` says what it does, ``value`` which object it does it to."""

    id: str
    label: str
    value: str
    style: Literal["primary", "danger"] | None = None


@dataclass(frozen=True)
class Section:
    """A block of plain-text lines with, optionally, buttons that act on it."""

    lines: tuple[str, ...]
    actions: tuple[Action, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Attachment:
    """A file to hand the owner (the export)."""

    filename: str
    content: bytes
    mime: str = "application/json"


@dataclass(frozen=True)
class Reply:
    """What the bot answers: a title, sections, and whether it is an error."""

    title: str
    sections: tuple[Section, ...] = ()
    error: bool = False
    attachment: Attachment | None = None
    #: Set when the reply closes an interactive message (a pressed button): adapters
    #: replace the original message so that its buttons cannot act twice.
    replaces_original: bool = False
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """Plain-text rendering: the fallback every platform needs."""
        parts = [self.title, *(s.text for s in self.sections if s.lines)]
        return "\n\n".join(p for p in parts if p)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for s in self.sections for a in s.actions)


def reply(title: str, *lines: str, error: bool = False) -> Reply:
    """A one-section reply: the common case."""
    sections = (Section(tuple(lines)),) if lines else ()
    return Reply(title=title, sections=sections, error=error)
