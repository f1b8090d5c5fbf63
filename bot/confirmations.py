"""A confirmation answers one question, for a short time (issue 14).

The Delete button of ``/vitalfew forget`` carries a token bound to the owner, the target
(``me`` or ``person:ID``) and the moment the question was asked: ``TARGET-ASKED-SIG``,
where SIG hashes all three with the owner's creation time, which a user never sees. A
typed ``!confirm me`` in a fresh session, a confirmation edited to name another person,
or one older than ``VALID_FOR`` is refused and deletes nothing. Nothing is stored: the
token checks itself. After ``forget me`` the owner is new, so older tokens fail too.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from bot.domain import OwnerSettings

VALID_FOR = timedelta(minutes=10)
_SIG_LENGTH = 16


def _sig(settings: OwnerSettings, target: str, asked: int) -> str:
    owner = settings.owner
    created = settings.created_at.isoformat() if settings.created_at else ""
    text = "\x1f".join((owner.platform, owner.workspace, owner.user, created, target,
                        str(asked)))
    return hashlib.sha256(text.encode()).hexdigest()[:_SIG_LENGTH]


def token(settings: OwnerSettings, target: str, now: datetime) -> str:
    """The button value confirming ``target`` (letters, digits, ``:`` and ``-`` only)."""
    asked = int(now.timestamp())
    return f"{target}-{asked}-{_sig(settings, target, asked)}"


def target_of(settings: OwnerSettings, value: str, now: datetime) -> str | None:
    """The target ``value`` confirms, or None when it is not a live answer to a question
    this owner was asked (made up, edited, another owner's, or too old)."""
    target, _, rest = value.partition("-")
    asked_text, _, sig = rest.partition("-")
    if not asked_text.isdigit() or sig != _sig(settings, target, int(asked_text)):
        return None
    asked = datetime.fromtimestamp(int(asked_text), now.tzinfo)
    if not timedelta(0) <= now - asked <= VALID_FOR + timedelta(seconds=1):
        return None
    return target
