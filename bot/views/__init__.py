"""Every word the bot says: one module per subject, plain text for every platform.

Handlers decide what happened; these functions say it. Adapters render the ``Reply``
structures for their platform (Block Kit, Discord components, terminal text).
"""

from bot.views.circle import focus_text
from bot.views.common import (
    BOT_REFUSAL,
    NOT_A_PERSON,
    PERSON_GONE,
    SELF_REFUSAL,
    SORRY,
    closing,
    error,
    help_reply,
    no_such_person,
    usage,
    with_sections,
)
from bot.views.followups import followup_actions, reminder

__all__ = [
    "BOT_REFUSAL", "NOT_A_PERSON", "PERSON_GONE", "SELF_REFUSAL", "SORRY", "closing", "error",
    "focus_text", "followup_actions", "help_reply", "no_such_person", "reminder", "usage",
    "with_sections",
]
