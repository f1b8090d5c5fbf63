"""Nothing secret and no one's words in a log line, at any level.

Every record, ours and the libraries', passes ``Redactor`` last, before it is rendered:
Slack and Discord tokens (``xoxb-…``, ``xapp-…``, a bot token's shape), the configured
secrets (signing and client secrets, tokens, the database password), OAuth codes and
states in URLs are replaced by ``[redacted]``. The libraries that log whole request and
response bodies at DEBUG (slack_sdk: every Web API call with the message it posts, and
``oauth.v2.access`` with the new bot token; Bolt; discord.py) keep the words before the
first body and lose the body, and a failed statement's values are withheld from its
error: a message's text is nobody's business in a log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from typing import Any

REDACTED = "[redacted]"
#: Slack tokens (bot, user, app-level, refresh, configuration) and Discord bot tokens.
_TOKENS = re.compile(
    r"\b(?:xox[a-z]|xapp|xoxe(?:\.xox[a-z])?)-[A-Za-z0-9-]+"
    r"|\b[MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b")
#: OAuth codes and states in a URL or a form (the redirect's query string, a token call).
_OAUTH_PARAMS = re.compile(r"(\b(?:code|state|client_secret)=)[^&\s'\"]+")
#: The values of a failed statement, in SQLAlchemy's error text (a note, a token).
_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
#: Loggers whose records carry request or response bodies.
BODY_LOGGERS = ("slack_sdk", "slack_bolt", "vitalfew.slack", "discord")
#: Where a body starts in their messages: "json_body: {...", "body: {...", "data: {...".
_BODY = re.compile(r"[{\[]")
#: Secrets shorter than this are not looked for (they would match ordinary words).
MIN_SECRET = 6


class Redactor:
    """A structlog processor (also for records from stdlib logging, via the formatter)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET},
                              key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self.secrets:
            value = value.replace(secret, REDACTED)
        value = _TOKENS.sub(REDACTED, value)
        value = _SQL_PARAMETERS.sub("[parameters: withheld]", value)
        return _OAUTH_PARAMS.sub(r"\1" + REDACTED, value)

    def __call__(self, logger: Any, method: str,
                 event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        name = str(event_dict.get("logger") or "")
        event = event_dict.get("event")
        if isinstance(event, str) and name.startswith(BODY_LOGGERS):
            event_dict["event"] = without_body(event)
        for key, value in event_dict.items():
            if not key.startswith("_"):
                event_dict[key] = self.value(value)
        return event_dict

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, (int, float, bool)) or value is None:
            return value
        shown = repr(value)
        safe = self.text(shown)
        return value if safe == shown else safe


def without_body(message: str) -> str:
    """The message up to the first body in it ("Sending a request - url: …, query_params:")."""
    found = _BODY.search(message)
    return message if found is None else message[:found.start()].rstrip() + " [body withheld]"
