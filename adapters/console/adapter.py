"""Read commands line by line, print replies and deliveries as plain text.

Buttons become short words to type: a reminder shows ``!done 12`` and typing that line
presses Done on follow-up 12, through the same ``act`` the chat platforms use.

``ConsoleAdapter`` is a ``bot.ports.PlatformRuntime`` like the chat platforms: its
dependencies (the core's service, the streams) come through its constructor, and
the wiring builds it.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.domain import Owner
from bot.ports import Notifier
from bot.replies import (
    DIGEST_OPT_IN,
    DIGEST_OPT_OUT,
    FOLLOWUP_DONE,
    FOLLOWUP_DROP,
    FOLLOWUP_SNOOZE_1D,
    FOLLOWUP_SNOOZE_1W,
    FORGET_CANCEL,
    FORGET_CONFIRM,
    MERGE_CONFIRM,
    PERSON_PICK,
    PERSON_SNOOZE_1W,
    PERSON_TOUCH,
    TOUCH_FROM_THEM,
    TOUCH_FULL_NAME,
    Reply,
)
from bot.services import Request, VitalFewService

#: What to type for each button.
TYPED_ACTIONS = {
    FOLLOWUP_DONE: "done", FOLLOWUP_SNOOZE_1D: "snooze-1d", FOLLOWUP_SNOOZE_1W: "snooze-1w",
    FOLLOWUP_DROP: "drop", PERSON_TOUCH: "touched", PERSON_SNOOZE_1W: "snooze-person",
    FORGET_CONFIRM: "confirm", FORGET_CANCEL: "cancel", DIGEST_OPT_IN: "digest-yes",
    DIGEST_OPT_OUT: "digest-no", MERGE_CONFIRM: "merge", PERSON_PICK: "pick",
    TOUCH_FROM_THEM: "reached-out",
    TOUCH_FULL_NAME: "full-name",
}
ACTION_FOR_WORD = {word: action for action, word in TYPED_ACTIONS.items()}
COMMANDS = ("touch", "followup", "vitalfew")


def render(reply: Reply) -> str:
    """Plain text: the title, each section, its buttons as what to type."""
    parts = [("! " if reply.error else "") + reply.title]
    for section in reply.sections:
        block = [*section.lines]
        if section.actions:
            block.append("   " + "   ".join(
                f"[{a.label}: !{TYPED_ACTIONS.get(a.id, a.id)} {a.value}]"
                for a in section.actions))
        parts.append("\n".join(block))
    return "\n".join(p for p in parts if p)


def local_zone_name() -> str | None:
    """The terminal's IANA zone, from TZ or /etc/localtime; None when unknown."""
    if tz := os.environ.get("TZ", "").lstrip(":"):
        return tz
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    _, found, name = target.partition("zoneinfo/")
    if not found:
        return None
    return "UTC" if name in ("Etc/UTC", "Etc/Universal", "UCT", "Universal", "Zulu") else name


class ConsoleAdapter:
    """One owner at a terminal: each input line is a command as typed in chat.

    Reads ``stdin`` (default: the process's) until end of input, writes replies and
    deliveries to ``out``, exports to ``export_dir``; ``prompt`` is written before each
    line is read (an interactive terminal's "> "). Times default to the terminal's zone.
    """

    platform = "console"

    def __init__(self, service: VitalFewService, user: str, out: TextIO | None = None,
                 export_dir: Path | None = None, *, stdin: TextIO | None = None,
                 prompt: str = "") -> None:
        self.service = service
        self.owner = Owner(self.platform, "", user)
        self.out = out or sys.stdout
        self.stdin = stdin or sys.stdin
        self.prompt = prompt
        self.export_dir = export_dir or Path.cwd()
        self.tz_hint = local_zone_name()
        self.notifier: Notifier = ConsoleNotifier(self)
        self.buttons_explained = False  # how reminders and buttons work: once a session

    def print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def handle_line(self, line: str) -> str | None:
        """Run one line; returns the text to print (None for a blank line)."""
        line = line.strip()
        if not line:
            return None
        if line.startswith("!"):
            word, _, value = line[1:].partition(" ")
            action = ACTION_FOR_WORD.get(word.lower(), word)
            return self.show(await self.service.act(self.owner, action, value.strip()))
        command, _, text = line.lstrip("/").partition(" ")
        if command.lower() not in COMMANDS:
            command, text = "vitalfew", "help" if command.lower() == "help" else command
        request = Request(self.owner, command.lower(), text, tz_hint=self.tz_hint)
        return self.show(await self.service.handle(request))

    def show(self, reply: Reply) -> str:
        text = render(reply)
        if (followup_id := reply.meta.get("followup_id")) and not self.buttons_explained:
            self.buttons_explained = True
            text += ("\nIt will print here as [DM from Vital Few] while this runs; type a "
                     f"button to press it: !done {followup_id}, !snooze-1d {followup_id}, "
                     f"!snooze-1w {followup_id} or !drop {followup_id}.")
        elif followup_id:
            text += f"\nButtons: !done {followup_id}, !snooze-1d {followup_id}, " \
                    f"!snooze-1w {followup_id}, !drop {followup_id}."
        if reply.attachment:
            path = self.export_dir / reply.attachment.filename
            path.write_bytes(reply.attachment.content)
            text += f"\nWritten to {path}"
        return text

    async def run(self) -> None:
        """Read until end of input (Ctrl-D) or "quit"; the event loop stays free for
        deliveries meanwhile, and Ctrl-C (which cancels this) quits at once."""
        lines = self._lines()
        while True:
            if self.prompt:
                self.out.write(self.prompt)
                self.out.flush()
            line = await lines.get()
            if not line or line.strip() in ("quit", "exit", "/quit"):
                return
            if (text := await self.handle_line(line)) is not None:
                self.print(text)

    def _lines(self) -> asyncio.Queue[str]:
        """Input lines as they come; "" at the end of input.

        A stream with a file descriptor (a terminal, a pipe) is read on a daemon thread
        with ``os.read``: a blocked read must neither hold up the process's exit after
        Ctrl-C (an executor's thread would, until Enter is pressed) nor hold the lock of
        ``sys.stdin``'s buffer while the interpreter shuts down.
        """
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str] = asyncio.Queue()
        try:
            fd = self.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None
        if fd is None:  # an in-memory stream: reading it never blocks
            for line in iter(self.stdin.readline, ""):
                queue.put_nowait(line)
            queue.put_nowait("")
            return queue

        def put(line: str) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the loop has closed: nobody is reading any more
                raise SystemExit from None

        def read() -> None:
            decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            pending = ""
            while chunk := os.read(fd, 65536):
                pending += decoder.decode(chunk)
                *complete, pending = pending.split("\n")
                for line in complete:
                    put(line + "\n")
            pending += decoder.decode(b"", final=True)
            if pending:
                put(pending)
            put("")

        threading.Thread(target=read, name="console-input", daemon=True).start()
        return queue


class ConsoleNotifier:
    """Deliveries to the terminal's owner are printed as DMs."""

    def __init__(self, adapter: ConsoleAdapter) -> None:
        self.adapter = adapter
        self.sent: set[str] = set()

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        self.adapter.print(f"\n[DM from Vital Few]\n{render(reply)}")
        self.sent.add(delivery_key)

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        """A terminal keeps no history; within one run we remember what we printed."""
        return delivery_key in self.sent
