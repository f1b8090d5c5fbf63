"""The hostile-input corpus through Slack's real entry point: signed slash-command POSTs
to the served Bolt app, which talks to a fake Slack Web API on 127.0.0.1.

A command is answered in the HTTP response itself (ack with an ephemeral message), so
that response is what the user sees. Refused input: a clear ⚠️ error there, no other
message anywhere, and not one row of the database changed. Hostile but valid text:
stored as typed and shown escaped for mrkdwn, so nothing pings, links or formats.

Slack sends the text of a slash command with the user's ``&``, ``<`` and ``>`` escaped
as ``&amp;``, ``&lt;`` and ``&gt;``; only what Slack itself generates arrives raw: a
picked @user as ``<@U2|ana>``, @channel as ``<!channel>``, a group as ``<!subteam^S1>``,
a channel, a link (the manifest sets ``should_escape``). ``as_slack_sends`` does the
former; the corpus's mentions and ``SLACK_MARKUP`` are the latter.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.domain import Owner
from bot.services import VitalFewService
from bot.settings import Settings
from bot.wiring import App, slack_runtime
from tests.reliability.corpus import LITERAL, REFUSED, SELF_AND_BOT, SLACK_MARKUP
from tests.reliability.hostile_support import database_rows
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_support import SECRET, TOKEN, serve, signed_headers

TEAM, ME, BOT = "T1", "U1", "UBOT"  # the fake's auth.test says the bot is UBOT
FORM = "application/x-www-form-urlencoded"
#: Block Kit's limits: a section's text, blocks per message; a message's text.
MAX_SECTION, MAX_BLOCKS, MAX_TEXT = 3000, 50, 40_000
#: Web API calls a command may make: who the user is (zone, names) and who the bot is.
LOOKUPS = {"users.info", "auth.test"}


def as_slack_sends(typed: str) -> str:
    """Text a user typed, as it reaches the app: Slack's three control characters escaped."""
    return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


mrkdwn_escaped = as_slack_sends  # the renderer must escape user text exactly so


class Slack:
    """Signs and posts slash commands the way Slack does; returns what the user is shown."""

    def __init__(self, base: str, fake: FakeSlack, session: aiohttp.ClientSession) -> None:
        self.base = base
        self.fake = fake
        self.session = session

    async def command(self, command: str, text: str, user: str = ME) -> tuple[int, Any]:
        body = urlencode({
            "token": "legacy", "team_id": TEAM, "team_domain": "acme", "channel_id": "C1",
            "channel_name": "general", "user_id": user, "user_name": user.lower(),
            "command": f"/{command}", "text": text, "api_app_id": "A1", "trigger_id": "trig",
            "response_url": f"{self.fake.base}/respond/cmd",
        })
        async with self.session.post(f"{self.base}/slack/events", data=body.encode(),
                                     headers=signed_headers(body, FORM)) as resp:
            raw = await resp.text()
            return resp.status, (json.loads(raw) if raw.startswith("{") else raw)

    async def ok(self, command: str, text: str, user: str = ME) -> dict:
        status, body = await self.command(command, text, user)
        assert status == 200 and isinstance(body, dict), (status, body)
        return body


@pytest.fixture
async def slack(store, clock) -> AsyncIterator[Slack]:
    fake = FakeSlack(users={ME: {"name": "me", "tz": "Europe/Berlin"},
                            "U2": {"name": "Ana Silva", "tz": "America/New_York"},
                            BOT: {"name": "Vital Few"}})
    fake_runner, fake.base = await serve(fake.app())
    settings = Settings(_env_file=None, database_url=store.url, slack_bot_token=TOKEN,
                        slack_signing_secret=SECRET, slack_api_url=fake.api_url,
                        port=3000).check()
    app = App(settings, store, clock, VitalFewService(store.uow, clock))
    runtime = slack_runtime(app)
    app.notifiers["slack"] = runtime.notifier
    runner, base = await serve(runtime.web_app())
    async with aiohttp.ClientSession() as session:
        slack = Slack(base, fake, session)
        # An owner with people, touches and an open follow-up, so that a refused input
        # has something it could wrongly change.
        for command, text in (("touch", '"Sam Lee" coffee'), ("touch", "Ana call"),
                              ("followup", "Ana tomorrow send the deck")):
            assert not (await slack.ok(command, text))["text"].startswith("⚠️"), text
        yield slack
    await runner.cleanup()
    await fake_runner.cleanup()


# --- reading what Slack was sent ------------------------------------------------------


def text_objects(node: Any) -> Iterator[dict]:
    """Every Block Kit text object in a message, however deep."""
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
            yield node
        for value in node.values():
            yield from text_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from text_objects(item)


def shown(body: dict) -> str:
    """The mrkdwn the user's client renders: the message text and every block's text."""
    parts = [body.get("text") or ""]
    parts += [t["text"] for t in text_objects(body.get("blocks") or [])
              if t["type"] == "mrkdwn"]
    return "\n".join(parts)


BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def unsafe(body: dict) -> list[str]:
    """Why this message could ping, link, inject or be rejected by Slack ([] if it can't)."""
    problems = []
    blocks = body.get("blocks") or []
    mrkdwn = [body.get("text") or ""]
    for obj in text_objects(blocks):
        if obj["type"] == "mrkdwn":
            mrkdwn.append(obj["text"])
            if obj.get("verbatim") is not True:
                problems.append("mrkdwn without verbatim (names and links get auto-linked)")
    for text in mrkdwn:
        if "<" in text or ">" in text:
            problems.append(f"raw Slack markup reaches Slack: {text[:80]!r}")
        if BARE_AMPERSAND.search(text):
            problems.append(f"an unescaped & reaches Slack: {text[:80]!r}")
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks")
    if any(b.get("type") == "section" and len(b["text"]["text"]) > MAX_SECTION
           for b in blocks if "text" in b):
        problems.append("a section over 3000 characters")
    if len(body.get("text") or "") > MAX_TEXT:
        problems.append("text over 40,000 characters")
    if body.get("link_names") or body.get("parse") == "full":
        problems.append("link_names/parse turn @names into pings")
    return problems


def posted_elsewhere(fake: FakeSlack, since: int) -> list[str]:
    """Anything the app did besides looking people up: posts, DMs, response_url calls."""
    calls = [c.method for c in fake.calls[since:] if c.method not in LOOKUPS]
    return calls + [f"response_url:{key}" for key, _ in fake.responses]


def refusal_problems(status: int, body: Any) -> list[str]:
    """Why this response is not a clear, private error reply ([] if it is one)."""
    if status != 200 or not isinstance(body, dict):
        return [f"HTTP {status}: {str(body)[:120]}"]
    problems = unsafe(body)
    text = body.get("text") or ""
    if body.get("response_type") != "ephemeral":
        problems.append(f"response_type {body.get('response_type')!r}: others see it")
    if not text.startswith("⚠️ ") or len(text.strip()) < 10:
        problems.append(f"not an error: {text[:120]!r}")
    title = next(iter(text_objects(body.get("blocks") or [])), {}).get("text", "")
    if not title.startswith("*⚠️"):
        problems.append(f"no error title: {title[:80]!r}")
    if "went wrong" in shown(body).lower():
        problems.append("'something went wrong' (a crash, not a clear reply)")
    return problems


async def refused_wrongly(slack: Slack, store, cases: list[tuple[str, str]]) -> list[tuple]:
    """Each case posted in turn: the ones that were not refused cleanly, and how."""
    before = await database_rows(store)
    wrong = []
    for command, text in cases:
        calls = len(slack.fake.calls)
        slack.fake.responses.clear()
        status, body = await slack.command(command, text)
        problems = refusal_problems(status, body) + posted_elsewhere(slack.fake, calls)
        if await database_rows(store) != before:
            problems.append("the database changed")
            before = await database_rows(store)  # judge the next case on its own
        if problems:
            said = body.get("text", "")[:100] if isinstance(body, dict) else str(body)[:100]
            wrong.append((command, text[:60], problems, said))
    return wrong


# --- the tests --------------------------------------------------------------------------


async def test_every_refused_input_gets_a_clear_private_error_and_stores_nothing(slack, store):
    wrong = await refused_wrongly(slack, store, REFUSED)
    assert not wrong, "\n".join(map(repr, wrong))


async def test_mentioning_yourself_or_the_bot_is_refused_and_stores_nothing(slack, store):
    """Logging a touch with yourself, or with the bot, is not keeping up a relationship."""
    cases = [(c, t.format(me=ME, bot=BOT)) for c, t in SELF_AND_BOT]
    cases += [("touch", f"<@{ME}|me> coffee"), ("touch", f"<@{BOT}|vitalfew> hi")]
    wrong = await refused_wrongly(slack, store, cases)
    assert not wrong, "\n".join(map(repr, wrong))


async def literal_wrongly(slack: Slack, store, names: list[str]) -> list[tuple]:
    """``/touch "NAME" NAME`` for each name, typed by a user of its own: the names that were
    not stored as typed, or not shown escaped (in the reply and in /vitalfew people)."""
    wrong = []
    for i, name in enumerate(names):
        user, typed = f"UL{i}", name.strip()
        problems = []
        touched = await slack.ok("touch", as_slack_sends(f'"{name}" {name}'), user=user)
        people = await slack.ok("vitalfew", "people", user=user)
        problems += unsafe(touched) + unsafe(people)
        if touched["text"].startswith("⚠️"):
            problems.append("refused")
        if f"with {mrkdwn_escaped(typed)}: {mrkdwn_escaped(typed)}" not in shown(touched):
            problems.append("the reply does not show name and note as typed")
        if mrkdwn_escaped(typed) not in shown(people):
            problems.append("/vitalfew people does not show the name as typed")
        async with store.uow() as uow:
            owner = Owner("slack", TEAM, user)
            stored = ([p.name for p in await uow.people.list(owner)],
                      [t.note for t in await uow.touches.list(owner)])
        if stored != ([typed], [typed]):
            problems.append(f"stored {stored!r}")
        if problems:
            wrong.append((name[:60], problems, touched["text"][:100]))
    return wrong


SLACK_SPECIALS = re.compile("[&<>]")


async def test_hostile_names_and_notes_are_stored_as_typed_and_shown_escaped(slack, store):
    names = [n for n in LITERAL if not SLACK_SPECIALS.search(n)]
    wrong = await literal_wrongly(slack, store, names)
    assert not wrong, "\n".join(map(repr, wrong))


async def test_typed_ampersands_and_angle_brackets_are_stored_as_typed_not_as_entities(
        slack, store):
    """A user who types ``Tom & Jerry`` or ``<script>`` gets exactly that stored, although
    Slack sends it as ``Tom &amp; Jerry`` and ``&lt;script&gt;``; shown, it is escaped
    once (``Tom &amp; Jerry`` in mrkdwn, which reads "Tom & Jerry"), never twice."""
    names = [n for n in LITERAL if SLACK_SPECIALS.search(n)]
    assert len(names) >= 6
    wrong = await literal_wrongly(slack, store, names)
    assert not wrong, "\n".join(map(repr, wrong))


async def test_slack_markup_in_a_note_is_kept_literally_and_never_pings(slack, store):
    """``/touch Ana @channel``: the note is the markup as Slack sent it (``<!channel>``), and
    goes back escaped (``&lt;!channel&gt;``) in verbatim text: it shows, notifies nobody."""
    wrong = []
    for i, markup in enumerate(SLACK_MARKUP):
        user, problems = f"UM{i}", []
        body = await slack.ok("touch", f"Ana {markup}", user=user)
        problems += unsafe(body)
        if body["text"].startswith("⚠️"):
            problems.append("refused")
        if f"with Ana: {mrkdwn_escaped(markup)}" not in shown(body):
            problems.append("the note is not shown as sent")
        async with store.uow() as uow:
            notes = [t.note for t in await uow.touches.list(Owner("slack", TEAM, user))]
        if notes != [markup]:
            problems.append(f"stored notes {notes!r}")
        if problems:
            wrong.append((markup, problems, body["text"][:100]))
    assert posted_elsewhere(slack.fake, 0) == []
    assert not wrong, "\n".join(map(repr, wrong))


async def test_a_channel_or_group_mention_as_the_person_never_pings(slack, store):
    """``/touch @channel hi`` or ``/touch @eng-team hi`` arrive as ``<!channel> hi`` and
    ``<!subteam^S123|@eng> hi``: not a user. Refused or kept as a literal name, either
    way the reply is clear and escaped, and nothing pings."""
    mentions = [m for m in SLACK_MARKUP if m.startswith(("<!", "<#")) and " " not in m]
    assert len(mentions) >= 6
    wrong = []
    for i, markup in enumerate(mentions):
        before = await database_rows(store)
        body = await slack.ok("touch", f"{markup} hi", user=f"UP{i}")
        problems = unsafe(body)
        if "went wrong" in shown(body).lower():
            problems.append("'something went wrong'")
        if body["text"].startswith("⚠️"):
            if await database_rows(store) != before:
                problems.append("refused, yet the database changed")
        elif mrkdwn_escaped(markup) not in shown(body):
            problems.append("kept, but not shown as sent")
        if problems:
            wrong.append((markup, problems, body["text"][:100]))
    assert posted_elsewhere(slack.fake, 0) == []
    assert not wrong, "\n".join(map(repr, wrong))


async def test_a_time_in_a_dst_gap_moves_to_the_first_real_time(slack, store):
    """The owner's Slack zone is Europe/Berlin, which skips 02:00-03:00 on 28 March 2027:
    02:30 is due at 03:00 CEST (01:00 UTC), said plainly; 02:30 on 31 October 2027 happens
    twice: the first, CEST (00:30 UTC)."""
    gap = await slack.ok("followup", "Ana 2027-03-28 02:30 gap")
    fold = await slack.ok("followup", "Ana 2027-10-31 02:30 fold")
    assert unsafe(gap) == [] and unsafe(fold) == []
    assert "Due Sun 28 Mar 2027, 03:00 Europe/Berlin" in shown(gap)
    assert "Due Sun 31 Oct 2027, 02:30 Europe/Berlin" in shown(fold)
    async with store.uow() as uow:
        due = {f.what: f.due_at for f in await uow.followups.list_all(Owner("slack", TEAM, ME))}
    assert due["gap"] == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    assert due["fold"] == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
