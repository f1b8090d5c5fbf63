"""The service layer: the entry points adapters call, and bad input mapped to replies.

Adapters call ``handle`` with a command (typed text, or a typed command object),
``act`` with a pressed button and ``follow_up_on_message`` for the message shortcut.
Each runs its handler (``bot.handlers``) in a unit of work and returns a neutral
``Reply``. Bad input comes back as a friendly reply and leaves the database untouched,
because nothing is committed unless the whole command worked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from bot import context, grammar
from bot.commands import Command, PersonRef
from bot.context import DEFAULT_FOLLOWUP_DAYS, Asker, Context, TouchLog
from bot.domain import Owner
from bot.durations import DurationError
from bot.groupcommit import GroupCommit
from bot.handlers import ACTION_HANDLERS, run_command
from bot.handlers.followups import promise
from bot.ports import Clock, NameResolver, UnitOfWork, UnitOfWorkFactory
from bot.replies import Reply
from bot.text import too_long, visible
from bot.views import followups as followup_views
from bot.views.common import BOT_REFUSAL, SORRY, UNKNOWN_BUTTON, error, with_sections
from bot.views.settings import first_use_questions
from bot.when import WhenError

log = structlog.get_logger(__name__)

#: Errors that are the user's input, answered with their message; nothing is stored.
#: (``Refusal``, a handler's, is a ``GrammarError`` too.)
BAD_INPUT = (grammar.GrammarError, WhenError, DurationError)

Work = Callable[[Context], Awaitable[Reply]]


@dataclass(frozen=True)
class Request:
    """A command from a user: ``command`` is the command word as typed ("touch") with
    ``text`` the rest of the line, read by the grammar, or a typed command object built
    by an adapter with structured input (Discord's options).

    ``tz_hint`` is the zone the platform reports for the user (Slack profile, the
    terminal's zone); ``resolve_name`` turns a bare mention into a display name;
    ``bot_id`` is the bot's own user id on the platform, refused as a person.
    """

    owner: Owner
    command: str | Command
    text: str = ""
    tz_hint: str | None = None
    resolve_name: NameResolver | None = None
    bot_id: str | None = None

    @property
    def asker(self) -> Asker:
        return Asker(self.tz_hint, self.resolve_name, self.bot_id)


@dataclass(frozen=True)
class HomeView:
    """What the App Home shows: the very replies of ``/vitalfew``, ``/followup``,
    ``/vitalfew digest`` and ``/vitalfew circles``, so that it never disagrees with the
    commands."""

    vital_few: Reply
    followups: Reply
    digest: Reply
    circles: Reply


#: The commands whose replies make up the App Home, in ``HomeView``'s order.
HOME_COMMANDS = (("vitalfew", ""), ("followup", ""), ("vitalfew", "digest"),
                 ("vitalfew", "circles"))


class VitalFewService:
    """Every command and button, over the storage ports."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        on_delivery_due: Callable[[], None] = lambda: None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._kick = on_delivery_due
        self._commands: GroupCommit[Request, Reply] = GroupCommit(self._run_batch)

    @property
    def batches(self) -> int:
        """Command transactions so far (commands stored together count once)."""
        return self._commands.batches

    # --- entry points ------------------------------------------------------------

    async def handle(self, request: Request) -> Reply:
        """Run one command and return what to show; never raises for bad input.

        Commands that arrive together are stored together, in one transaction
        (``bot.groupcommit``): under load, one commit serves many users. Text over
        ``MAX_INPUT`` is refused here, before any transaction, so that it holds nobody's
        write lock and is never parsed.
        """
        if isinstance(request.command, str) and (refusal := too_long(request.text)):
            return error(refusal)
        return await self._commands.submit(request)

    async def act(self, owner: Owner, action_id: str, value: str) -> Reply:
        """Run a pressed button. Pressing it twice, or someone else's, changes nothing."""
        handler = ACTION_HANDLERS.get(action_id)
        if handler is None or too_long(value):
            return error(UNKNOWN_BUTTON)
        return await self._run(owner, Asker(), lambda ctx: handler(ctx, value), action_id)

    async def follow_up_on_message(
        self, owner: Owner, author_id: str, author_name: str | None, link: str,
        due_at: datetime | None = None, tz_hint: str | None = None,
        author_is_bot: bool = False,
    ) -> Reply:
        """The "Follow up on this" shortcut: a promise about a message's author."""
        if author_is_bot:
            return error(BOT_REFUSAL)

        async def work(ctx: Context) -> Reply:
            shown = author_name if author_name and visible(author_name) else ""
            person = await ctx.person(PersonRef(shown, author_id))
            due = due_at or ctx.local_date_in(DEFAULT_FOLLOWUP_DAYS)
            followup = await promise(ctx, person, due, link)
            return followup_views.recorded(
                followup, person, ctx.now, ctx.tz,
                default_days=DEFAULT_FOLLOWUP_DAYS if due_at is None else None)

        return await self._run(owner, Asker(tz_hint), work, "follow_up_on_message")

    async def view_home(self, owner: Owner, tz_hint: str | None = None) -> HomeView:
        """The App Home's replies. Reading stores nothing: someone never seen (or who
        asked to be forgotten) is shown the defaults, and no owner nor digest is created;
        the unit of work is never committed."""
        try:
            async with self._uow() as uow:
                ctx = await self._load(uow, owner, Asker(tz_hint), read_only=True)
                replies = [await self._command_work(Request(owner, command, text))(ctx)
                           for command, text in HOME_COMMANDS]
        except BAD_INPUT as err:
            replies = [_refused(err)] * len(HOME_COMMANDS)
        except Exception:
            log.exception("command_failed", what="view_home")
            replies = [error(SORRY)] * len(HOME_COMMANDS)
        return HomeView(*replies)

    # --- running commands ------------------------------------------------------------

    async def _run_batch(self, requests: list[Request]) -> list[Reply]:
        """Commands queued at one moment: together in one unit of work when they all
        work; if any does not (bad input or a failure), each is run again on its own, so
        that one command can neither fail nor half-store another."""
        if len(requests) > 1:
            try:
                return await self._run_together(requests)
            except Exception:
                log.info("command_batch_split", size=len(requests))
        return [await self._run(r.owner, r.asker, self._command_work(r), "command")
                for r in requests]

    async def _run_together(self, requests: list[Request]) -> list[Reply]:
        async with self._uow() as uow:
            now = self._clock.now()
            owners = list(dict.fromkeys(r.owner for r in requests))
            loaded = await uow.owners.load_many(owners)
            contexts: dict[Owner, Context] = {}
            touch_log = TouchLog()
            answers = []
            for r in requests:  # in turn: a person one command adds, the next one knows
                ctx = contexts.get(r.owner)
                if ctx is None:
                    ctx = contexts[r.owner] = await context.load(
                        uow, r.owner, r.asker, now, *loaded[r.owner], touch_log)
                ctx.asker = r.asker
                answers.append(await self._command_work(r)(ctx))
            await touch_log.store(uow.touches)
            answers = [touch_log.resolve(answer) for answer in answers]
            await uow.commit()
        if any(ctx.deliveries_changed for ctx in contexts.values()):
            self._kick()
        return answers

    async def _run(self, owner: Owner, asker: Asker, work: Work, label: str) -> Reply:
        """``work`` in a unit of work of its own, bad input answered with its message."""
        try:
            async with self._uow() as uow:
                ctx = await self._load(uow, owner, asker)
                answer = await work(ctx)
                await ctx.store_touches()
                answer = ctx.touch_log.resolve(answer)
                await uow.commit()
        except BAD_INPUT as err:
            return _refused(err)
        except Exception:
            log.exception("command_failed", what=label)
            return error(SORRY)
        if ctx.deliveries_changed:
            self._kick()
        return answer

    async def _load(self, uow: UnitOfWork, owner: Owner, asker: Asker,
                    read_only: bool = False) -> Context:
        loaded = await uow.owners.load_many([owner])
        return await context.load(uow, owner, asker, self._clock.now(), *loaded[owner],
                                  read_only=read_only)

    @staticmethod
    def _command_work(request: Request) -> Work:
        """Parse (typed text) and run the command's handler; on first use the owner's
        questions come with the answer, never instead of it."""

        async def work(ctx: Context) -> Reply:
            answer = await run_command(ctx, request.command, request.text)
            if ctx.new_owner:
                ctx.new_owner = False  # asked once, with the first answer
                answer = with_sections(answer, *first_use_questions(ctx.settings))
            return answer

        return work


def _refused(err: Exception) -> Reply:
    """Bad input answered with its own message (and its usage line, when it has a topic)."""
    return error(str(err), getattr(err, "topic", None))
