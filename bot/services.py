"""The service layer: one method per use case, each in one unit of work.

Adapters call ``handle`` with what the user typed and ``act`` with a pressed button; both
return a neutral ``Reply``. Errors in the input come back as friendly replies and leave
the database untouched, because nothing is committed unless the whole command worked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import structlog

from bot import grammar as g
from bot.commands import Command
from bot import views
from bot.domain import (
    KIND_WEIGHTS,
    KIND_WORDS,
    Followup,
    FollowupStatus,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.exporting import export_document
from bot.groupcommit import GroupCommit
from bot.ports import Clock, NameResolver, UnitOfWork, UnitOfWorkFactory
from bot.replies import (
    DIGEST_OPT_IN,
    DIGEST_OPT_OUT,
    FOLLOWUP_DONE,
    FOLLOWUP_DROP,
    FOLLOWUP_SNOOZE_1D,
    FOLLOWUP_SNOOZE_1W,
    FORGET_CANCEL,
    FORGET_CONFIRM,
    PERSON_SNOOZE_1W,
    PERSON_TOUCH,
    Action,
    Attachment,
    Reply,
    Section,
    reply,
)
from bot.schedule import (
    digest_delivery,
    digest_now_delivery,
    reminder_delivery,
    reminder_key,
    reschedule_digest,
)
from bot.scoring import (
    HALF_LIFE_DAYS,
    Ranking,
    effective_cadence,
    rank,
    strength_from_sum,
    touch_mass,
    vital_few,
)
from bot.text import MAX_NOTE, name_key, visible
from bot.timefmt import find_zone, local, when, zone
from bot.when import EXAMPLES, When, WhenError, read_when

log = structlog.get_logger(__name__)

DEFAULT_FOLLOWUP_DAYS = 7
SORRY = "Something went wrong on my side; nothing was changed."
SELF_REFUSAL = "That's you. Name someone you talk to, like /touch @ana coffee."
BOT_REFUSAL = "That's me, the bot. Name a person you talk to, like /touch @ana coffee."
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Request:
    """A command as typed: ``/touch Ana coffee`` is command 'touch', text 'Ana coffee'.

    ``tz_hint`` is the zone the platform reports for the user (Slack profile, the
    terminal's zone); ``resolve_name`` turns a bare mention into a display name.
    ``when`` is for platforms with a separate WHEN field (Discord's options): then the
    text holds only PERSON and what, so a note like "friday drinks" stays a note, and
    ``""`` means no WHEN was given. ``bot_id`` is the bot's own user id on the platform:
    a mention of it, like one of the owner, is refused as a person.
    """

    owner: Owner
    command: str | Command
    text: str = ""
    tz_hint: str | None = None
    resolve_name: NameResolver | None = None
    bot_id: str | None = None


@dataclass
class _Ctx:
    uow: UnitOfWork
    owner: Owner
    settings: OwnerSettings
    now: datetime
    people: list[Person]
    new_owner: bool
    resolve_name: NameResolver | None = None
    bot_id: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.settings.zone_name)


@dataclass(frozen=True)
class _Loaded:
    """An owner's settings and people, read for a whole batch of commands at once."""

    now: datetime
    settings: OwnerSettings | None
    people: list[Person]


@dataclass(frozen=True)
class _Planned:
    """A /touch that parsed and found its person: to be stored with its batch."""

    ctx: _Ctx
    person: Person
    touch: Touch


class Refusal(Exception):
    """A friendly refusal raised inside a use case; rolls the unit of work back."""

    def __init__(self, message: str, topic: str | None = None) -> None:
        super().__init__(message)
        self.topic = topic


def digest_default(platform: str) -> bool | None:
    """Discord's digest is opt-in (asked on first use); elsewhere it is on by default."""
    return None if platform == "discord" else True


class VitalFewService:
    """Every command of SPEC §3 and every button of §4, over the storage ports."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        on_delivery_due: Callable[[], None] = lambda: None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._kick = on_delivery_due
        self._touches = GroupCommit(self._touch_batch)

    # --- entry points ------------------------------------------------------------

    async def handle(self, request: Request) -> Reply:
        """Run one typed command and return what to show; never raises for bad input.

        /touch, the command people type most, is stored with every other /touch waiting
        at the same moment, in one transaction (``bot.groupcommit``).
        """
        if _is_touch(request.command):
            return await self._touches.submit(request)
        try:
            async with self._uow() as uow:
                ctx = await self._context(uow, request.owner, request.tz_hint)
                ctx.resolve_name, ctx.bot_id = request.resolve_name, request.bot_id
                known = [g.Known(p.id or 0, p.name, p.platform_id) for p in ctx.people]
                command = (g.parse(request.command, request.text, known)
                           if isinstance(request.command, str) else request.command)
                result = await self._dispatch(ctx, command)
                result = self._with_first_use(ctx, result)
                await uow.commit()
        except (g.GrammarError, Refusal) as err:
            return views.error(str(err), getattr(err, "topic", None))
        except WhenError as err:
            return views.error(str(err))
        except Exception:
            log.exception("command_failed", command=str(request.command)[:40])
            return views.error(SORRY)
        if isinstance(command, g.DigestNow | g.AddFollowup):
            self._kick()
        return result

    async def act(self, owner: Owner, action_id: str, value: str) -> Reply:
        """Run a pressed button. Pressing it twice, or someone else's, changes nothing."""
        handler = self._actions().get(action_id)
        if handler is None:
            return views.error("That button is not one I know.")
        try:
            async with self._uow() as uow:
                ctx = await self._context(uow, owner, None)
                result = await handler(ctx, value)
                await uow.commit()
        except Refusal as err:
            return views.error(str(err))
        except Exception:
            log.exception("action_failed", action=action_id)
            return views.error(SORRY)
        if action_id == DIGEST_OPT_IN:
            self._kick()
        return result

    async def follow_up_on_message(
        self, owner: Owner, author_id: str, author_name: str | None, link: str,
        due_at: datetime | None = None, tz_hint: str | None = None,
        author_is_bot: bool = False,
    ) -> Reply:
        """The "Follow up on this" shortcut: a promise about a message's author."""
        try:
            if author_is_bot:
                raise Refusal(BOT_REFUSAL)
            async with self._uow() as uow:
                ctx = await self._context(uow, owner, tz_hint)
                shown = author_name if author_name and visible(author_name) else ""
                ref = g.PersonRef(shown, author_id)
                person = await self._person(ctx, ref)
                due = due_at or self._default_due(ctx)
                if due <= ctx.now:
                    raise Refusal("That time is in the past. Pick a later one.")
                result = await self._store_followup(ctx, person, due, link, said_when=None)
                await uow.commit()
        except Refusal as err:
            return views.error(str(err))
        self._kick()
        return result

    # --- context -------------------------------------------------------------------

    async def _context(
        self, uow: UnitOfWork, owner: Owner, tz_hint: str | None, loaded: _Loaded | None = None
    ) -> _Ctx:
        """The owner's settings and people; on first use the owner is created here."""
        now = loaded.now if loaded else self._clock.now()
        settings = loaded.settings if loaded else await uow.owners.get(owner)
        new_owner = settings is None
        if settings is None:
            settings = OwnerSettings(owner, platform_tz=_valid_zone(tz_hint),
                                     digest_enabled=digest_default(owner.platform),
                                     created_at=now)
            await uow.owners.upsert(settings)
            await self._schedule_digest(uow, settings, now)
        elif tz_hint and _valid_zone(tz_hint) and tz_hint != settings.platform_tz:
            settings = settings.with_changes(platform_tz=tz_hint)
            await uow.owners.upsert(settings)
            if not settings.tz:
                await self._schedule_digest(uow, settings, now)
        people = loaded.people if loaded else await uow.people.list(owner)
        return _Ctx(uow, owner, settings, now, people, new_owner)

    def _with_first_use(self, ctx: _Ctx, result: Reply) -> Reply:
        """On first use, add the questions to the answer, never instead of it."""
        if not ctx.new_owner:
            return result
        extra: list[Section] = []
        if ctx.settings.tz is None and ctx.settings.platform_tz is None:
            extra.append(Section((
                "Times are shown in UTC. Set your zone: /vitalfew tz Europe/Berlin",)))
        if ctx.settings.digest_enabled is None:
            extra.append(Section(
                ("Want a short weekly DM, Mondays 09:00, about who is going cold?",),
                (Action(DIGEST_OPT_IN, "Yes, send it", "1", "primary"),
                 Action(DIGEST_OPT_OUT, "No thanks", "0")),
            ))
        return replace(result, sections=(*result.sections, *extra))

    async def _person(self, ctx: _Ctx, ref: g.PersonRef, create: bool = True) -> Person:
        """The person a reference names, created on first mention. The owner and the bot
        are not people one keeps up with: a mention of either is refused."""
        _refuse_self_or_bot(ctx.owner, ctx.bot_id, ref)
        if ref.person_id is None and not ref.platform_id:  # a name typed on its own
            ref = g.named(ref.name, [g.Known(p.id or 0, p.name, p.platform_id)
                                     for p in ctx.people])
        for p in ctx.people:  # every one of the owner's people, loaded with the context
            if ref.person_id is not None and p.id == ref.person_id:
                return p
            if ref.platform_id and p.platform_id == ref.platform_id:
                return p
        if not create:
            raise Refusal(f"You don't have anyone called {ref.name}. See /vitalfew people.")
        name = ref.name or await self._resolve(ctx, ref.platform_id) or ref.platform_id or "?"
        person = await ctx.uow.people.add(Person(
            owner=ctx.owner, name=name[:200], platform_id=ref.platform_id, created_at=ctx.now))
        ctx.people.append(person)
        return person

    async def _resolve(self, ctx: _Ctx, platform_id: str | None) -> str | None:
        if not platform_id or ctx.resolve_name is None:
            return None
        try:
            return await ctx.resolve_name(platform_id)
        except Exception:
            log.warning("name_lookup_failed")
            return None

    async def _ranking(self, ctx: _Ctx) -> Ranking:
        touches = await ctx.uow.touches.list(ctx.owner)
        return rank(ctx.people, touches, ctx.settings, ctx.now)

    # --- /touch, in batches --------------------------------------------------------------

    async def _touch_batch(self, requests: list[Request]) -> list[Reply]:
        """Every /touch queued at one moment, in one unit of work: a few statements and
        one commit whatever the number. If the batch fails, each command is retried on
        its own, so one bad command cannot fail the others."""
        try:
            return await self._touch_together(requests)
        except Exception:
            if len(requests) == 1:
                log.exception("command_failed", command="touch")
                return [views.error(SORRY)]
            log.warning("touch_batch_failed", size=len(requests))
        return [reply for r in requests for reply in await self._touch_batch([r])]

    async def _touch_together(self, requests: list[Request]) -> list[Reply]:
        async with self._uow() as uow:
            now = self._clock.now()
            owners = list(dict.fromkeys(r.owner for r in requests))
            settings = await uow.owners.get_many(owners)
            people = await uow.people.list_many(owners)
            ctxs: dict[Owner, _Ctx] = {}
            planned: list[_Planned | Reply] = []
            for r in requests:  # parsed in turn: a person one /touch adds, the next one knows
                command = _parse_touch(r, people[r.owner])
                if isinstance(command, Reply):  # bad input: answered, nothing stored
                    planned.append(command)
                    continue
                try:
                    _refuse_self_or_bot(r.owner, r.bot_id, command.person)
                except Refusal as err:
                    planned.append(views.error(str(err)))
                    continue
                if r.owner not in ctxs:  # first use creates the owner: only for a good command
                    loaded = _Loaded(now, settings.get(r.owner), people[r.owner])
                    ctxs[r.owner] = await self._context(uow, r.owner, r.tz_hint, loaded)
                planned.append(await self._plan_touch(ctxs[r.owner], r, command))
            logged = [p for p in planned if isinstance(p, _Planned)]
            await uow.touches.add_many([(p.ctx.owner, p.touch) for p in logged])
            strengths = await self._strengths_after(uow, logged, now)
            await uow.commit()
        return [p if isinstance(p, Reply) else self._touched(p, strengths[p.ctx.owner])
                for p in planned]

    async def _strengths_after(
        self, uow: UnitOfWork, logged: list[_Planned], now: datetime
    ) -> dict[Owner, dict[int | None, float]]:
        """Every person's strength per owner of ``logged``, once its touches are stored.

        From the people's running sums (read with the batch, plus what its touches add,
        as storage added it): no history is read. An owner with a touch later than
        ``now`` (another replica's clock ahead of ours) is summed by the database.
        """
        for p in logged:
            p.person.strength_sum += touch_mass(p.touch)
            p.person.last_touch_at = max(p.person.last_touch_at or p.touch.at, p.touch.at)
        found: dict[Owner, dict[int | None, float]] = {}
        exact: set[Owner] = set()
        for ctx in {id(p.ctx): p.ctx for p in logged}.values():
            sums = _strengths_from_sums(ctx.people, now)
            if sums is None:
                exact.add(ctx.owner)
            else:
                found[ctx.owner] = sums
        if exact:
            found.update(await uow.touches.strengths(exact, now, HALF_LIFE_DAYS, KIND_WEIGHTS))
        return found

    async def _plan_touch(self, ctx: _Ctx, request: Request, command: g.Touch) -> _Planned:
        ctx.resolve_name, ctx.bot_id = request.resolve_name, request.bot_id
        person = await self._person(ctx, command.person)
        touch = Touch(person.id or 0, ctx.now, kind_of(command.note), command.note)
        return _Planned(ctx, person, touch)

    def _touched(self, planned: _Planned, strengths: dict[int | None, float]) -> Reply:
        """'Logged a meet with Ana', where Ana now stands, and when the next nudge is."""
        ctx, person, touch = planned.ctx, planned.person, planned.touch
        order, vital = vital_few(ctx.people, strengths, ctx.settings.size)
        vital_ids = [p.id for p in vital]
        title = (f"Logged a {touch.kind.value} with {person.name}"
                 + (f": {touch.note}" if touch.note else "."))
        if person.id in vital_ids:
            place = f"{person.name} is #{vital_ids.index(person.id) + 1} of your vital few."
        else:
            position = [p.id for p in order].index(person.id) + 1
            place = (f"{person.name} is #{position} by strength, outside your vital few; "
                     f"/vitalfew add {person.name} pins them.")
        cadence = effective_cadence(person, ctx.settings, in_vital_few=person.id in vital_ids)
        if cadence:
            nudge = ctx.now + timedelta(days=cadence)
            next_line = (f"Next nudge: {when(nudge, ctx.now, ctx.tz)}, "
                         "unless you talk before then.")
        else:
            next_line = f"No cadence, so no nudges: /vitalfew every {person.name} 2w sets one."
        answer = self._with_first_use(ctx, reply(title, place, next_line))
        ctx.new_owner = False  # the first-use questions are asked once, not per touch
        return answer

    # --- commands ------------------------------------------------------------------

    async def _dispatch(self, ctx: _Ctx, command: g.Command) -> Reply:
        match command:
            case g.AddFollowup():
                return await self._add_followup(ctx, command)
            case g.ListFollowups():
                return await self._list_followups(ctx)
            case g.ShowVitalFew():
                return await self._show_vital_few(ctx)
            case g.Pin(person, pinned):
                return await self._pin(ctx, person, pinned)
            case g.SetSize(size):
                return await self._set_size(ctx, size)
            case g.SetCadence(person, days):
                return await self._set_cadence(ctx, person, days)
            case g.DigestSchedule() | g.DigestOff() | g.DigestOn() | g.DigestNow() | g.DigestShow():
                return await self._digest(ctx, command)
            case g.SetTimezone(name):
                return await self._set_tz(ctx, name)
            case g.ListPeople():
                return views.people(await self._ranking(ctx), ctx.now)
            case g.Export():
                return await self._export(ctx)
            case g.Forget(person):
                return await self._forget(ctx, person)
            case g.Help(topic, unknown):
                return views.help_reply(unknown) if unknown or not topic else Reply(
                    "How to use it", (views.usage(topic),))
        raise AssertionError(f"unhandled command {command!r}")

    async def _add_followup(self, ctx: _Ctx, command: g.AddFollowup) -> Reply:
        what = command.what
        if command.when_leads:
            parsed = read_when(what, ctx.now, ctx.tz)
            what = parsed.rest if parsed else what
        else:
            parsed = self._when_field(ctx, command.when or "")
        if parsed is None:
            due, said = self._default_due(ctx), None
        else:
            due, said = parsed.due_at, parsed.text
        person = await self._person(ctx, command.person)
        return await self._store_followup(ctx, person, due, what, said)

    def _when_field(self, ctx: _Ctx, text: str) -> When | None:
        """A WHEN given on its own must be read whole: leftovers mean it was misread."""
        if not text.strip():
            return None
        parsed = read_when(text, ctx.now, ctx.tz)
        if parsed is None or parsed.rest:
            raise WhenError(f"I couldn't read '{text.strip()[:60]}' as a date. {EXAMPLES}")
        return parsed

    def _default_due(self, ctx: _Ctx) -> datetime:
        day = ctx.now.astimezone(ctx.tz).date() + timedelta(days=DEFAULT_FOLLOWUP_DAYS)
        return datetime.combine(day, time(9, 0), tzinfo=ctx.tz).astimezone(ctx.now.tzinfo)

    async def _store_followup(
        self, ctx: _Ctx, person: Person, due: datetime, what: str, said_when: str | None
    ) -> Reply:
        followup = await ctx.uow.followups.add(ctx.owner, Followup(
            person_id=person.id or 0, due_at=due, what=what[:MAX_NOTE], created_at=ctx.now))
        await ctx.uow.deliveries.schedule(reminder_delivery(ctx.owner, followup))
        title = f"Follow-up with {person.name}" + (f": {what}" if what else "")
        due_line = f"Due {when(due, ctx.now, ctx.tz)}"
        if said_when is None:
            due_line += f"; no date given, so in {DEFAULT_FOLLOWUP_DAYS} days"
        answer = reply(title, due_line + ".", "I'll DM you a reminder then.")
        return replace(answer, meta={"followup_id": str(followup.id)})  # for a typed hint

    async def _list_followups(self, ctx: _Ctx) -> Reply:
        people = {p.id: p for p in ctx.people}
        items = [(f, people[f.person_id]) for f in await ctx.uow.followups.list_open(ctx.owner)
                 if f.person_id in people]
        return views.followup_list(items, ctx.now, ctx.tz)

    async def _show_vital_few(self, ctx: _Ctx) -> Reply:
        ranking = await self._ranking(ctx)
        open_by_person: dict[int, int] = {}
        for f in await ctx.uow.followups.list_open(ctx.owner):
            open_by_person[f.person_id] = open_by_person.get(f.person_id, 0) + 1
        return views.vital_few(ranking, ctx.settings.size, ctx.now, open_by_person)

    async def _pin(self, ctx: _Ctx, ref: g.PersonRef, pinned: bool) -> Reply:
        person = await self._person(ctx, ref, create=pinned)
        person.pinned = pinned
        await ctx.uow.people.update(person)
        if pinned:
            return reply(f"Pinned {person.name} to your vital few.",
                         "Pinned people stay in it whatever their strength.")
        return reply(f"Unpinned {person.name}.", "They stay in the vital few only while "
                     "they are among your strongest.")

    async def _set_size(self, ctx: _Ctx, size: int) -> Reply:
        await self._save_settings(ctx, size=size)
        return reply(f"Your vital few is now {size} people.")

    async def _set_cadence(self, ctx: _Ctx, ref: g.PersonRef | None, days: int | None) -> Reply:
        every = f"every {days} days" if days else "off"
        if ref is None:
            if days is None:
                raise Refusal("The vital few's default cadence needs a duration, like 2w.",
                              "every")
            await self._save_settings(ctx, cadence_days=days)
            return reply(f"Your vital few's cadence is now {every}.")
        person = await self._person(ctx, ref)
        person.cadence_days = days or 0
        await ctx.uow.people.update(person)
        return reply(f"Cadence for {person.name}: {every}.")

    async def _digest(self, ctx: _Ctx, command: g.Command) -> Reply:
        s = ctx.settings
        match command:
            case g.DigestNow():
                await ctx.uow.deliveries.schedule(digest_now_delivery(ctx.owner, ctx.now))
                return reply("Your digest is on its way to your DMs.")
            case g.DigestOff():
                await self._save_settings(ctx, digest_enabled=False)
                return reply("Weekly digest off.", "Turn it back on: /vitalfew digest on")
            case g.DigestSchedule(day, at):
                await self._save_settings(ctx, digest_enabled=True, digest_day=day,
                                          digest_time=at)
            case g.DigestShow() if not s.digest_enabled:
                return reply("Weekly digest is off.", "Turn it on: /vitalfew digest on")
            case g.DigestShow():
                pass
            case _:
                await self._save_settings(ctx, digest_enabled=True)
        s = ctx.settings
        return reply(f"Weekly digest: {DAY_NAMES[s.digest_day]}s at "
                     f"{s.digest_time:%H:%M} {ctx.tz.key}.",
                     f"Next one: {when(await self._next_digest(ctx), ctx.now, ctx.tz)}.")

    async def _next_digest(self, ctx: _Ctx) -> datetime:
        """The pending digest's time: this week's may have gone out already."""
        pending = await reschedule_digest(ctx.uow.deliveries, ctx.settings, ctx.now)
        return pending.due_at if pending else digest_delivery(ctx.settings, ctx.now).due_at

    async def _set_tz(self, ctx: _Ctx, name: str) -> Reply:
        found = find_zone(name)
        if found is None:
            raise Refusal(f"I don't know the time zone '{name}'. Use an IANA name like "
                          "Europe/Berlin, America/New_York or Asia/Tokyo.", "tz")
        await self._save_settings(ctx, tz=found)
        return reply(f"Time zone set to {found}.", f"It is {local(ctx.now, ctx.tz)} there now.")

    async def _save_settings(self, ctx: _Ctx, **changes: object) -> None:
        ctx.settings = ctx.settings.with_changes(**changes)
        await ctx.uow.owners.upsert(ctx.settings)
        await self._schedule_digest(ctx.uow, ctx.settings, ctx.now)

    async def _schedule_digest(self, uow: UnitOfWork, s: OwnerSettings, now: datetime) -> None:
        """Make the pending weekly digest match the current schedule (none when off)."""
        await reschedule_digest(uow.deliveries, s, now)

    async def _export(self, ctx: _Ctx) -> Reply:
        doc = export_document(
            ctx.owner, ctx.settings, ctx.people, await ctx.uow.touches.list(ctx.owner),
            await ctx.uow.followups.list_all(ctx.owner), ctx.now)
        stamp = ctx.now.strftime("%Y%m%d-%H%M%S")
        attachment = Attachment(f"vitalfew-export-{stamp}.json", doc)
        return Reply("Your data, all of it, as JSON.", (Section((
            f"{len(ctx.people)} people. The format is documented in docs/export.md.",)),),
            attachment=attachment)

    async def _forget(self, ctx: _Ctx, ref: g.PersonRef | None) -> Reply:
        if ref is None:
            title, value = "Delete everything you have stored here? This cannot be undone.", "me"
        else:
            person = await self._person(ctx, ref, create=False)
            title = (f"Delete {person.name} with all their touches and follow-ups? "
                     "This cannot be undone.")
            value = f"person:{person.id}"
        return Reply(title, (Section((), (
            Action(FORGET_CONFIRM, "Delete", value, "danger"),
            Action(FORGET_CANCEL, "Cancel", value))),))

    # --- buttons -------------------------------------------------------------------

    def _actions(self) -> dict[str, Callable]:
        return {
            FOLLOWUP_DONE: self._done, FOLLOWUP_DROP: self._drop,
            FOLLOWUP_SNOOZE_1D: lambda ctx, v: self._snooze(ctx, v, timedelta(days=1)),
            FOLLOWUP_SNOOZE_1W: lambda ctx, v: self._snooze(ctx, v, timedelta(days=7)),
            PERSON_TOUCH: self._touch_button, PERSON_SNOOZE_1W: self._snooze_person,
            FORGET_CONFIRM: self._forget_confirmed, FORGET_CANCEL: self._forget_cancelled,
            DIGEST_OPT_IN: lambda ctx, v: self._opt(ctx, True),
            DIGEST_OPT_OUT: lambda ctx, v: self._opt(ctx, False),
        }

    async def _open_followup(self, ctx: _Ctx, value: str) -> tuple[Followup, Person]:
        followup = await ctx.uow.followups.get(ctx.owner, _int(value))
        person = next((p for p in ctx.people if followup and p.id == followup.person_id), None)
        if followup is None or person is None:
            raise Refusal("That follow-up no longer exists.")
        if followup.status is not FollowupStatus.OPEN:
            raise Refusal(f"That follow-up is already {followup.status.value}.")
        return followup, person

    async def _close(self, ctx: _Ctx, value: str, status: FollowupStatus) -> tuple[Followup,
                                                                                  Person]:
        followup, person = await self._open_followup(ctx, value)
        followup.status, followup.closed_at = status, ctx.now
        await ctx.uow.followups.update(ctx.owner, followup)
        await ctx.uow.deliveries.cancel_pending(ctx.owner, followup_id=followup.id)
        return followup, person

    async def _done(self, ctx: _Ctx, value: str) -> Reply:
        followup, person = await self._close(ctx, value, FollowupStatus.DONE)
        note = f"follow-up: {followup.what}" if followup.what else "follow-up"
        await ctx.uow.touches.add(ctx.owner, Touch(person.id or 0, ctx.now, Kind.MESSAGE,
                                                   note[:MAX_NOTE]))
        return _closing(f"Done: {followup.what or 'follow-up'} ({person.name}).",
                        "Logged as a message touch.")

    async def _drop(self, ctx: _Ctx, value: str) -> Reply:
        followup, person = await self._close(ctx, value, FollowupStatus.DROPPED)
        return _closing(f"Dropped: {followup.what or 'follow-up'} ({person.name}).")

    async def _snooze(self, ctx: _Ctx, value: str, by: timedelta) -> Reply:
        followup, person = await self._open_followup(ctx, value)
        old_key = reminder_key(followup)
        followup.due_at = ctx.now + by
        await ctx.uow.followups.update(ctx.owner, followup)
        if reminder_key(followup) != old_key:  # a double click keeps the reminder it made
            await ctx.uow.deliveries.cancel_pending(ctx.owner, followup_id=followup.id)
            await ctx.uow.deliveries.schedule(reminder_delivery(ctx.owner, followup))
        return _closing(f"Snoozed: {followup.what or 'follow-up'} ({person.name}).",
                        f"I'll remind you {when(followup.due_at, ctx.now, ctx.tz)}.")

    async def _person_by_value(self, ctx: _Ctx, value: str) -> Person:
        person = next((p for p in ctx.people if p.id == _int(value)), None)
        if person is None:
            raise Refusal("That person is no longer in your list.")
        return person

    async def _touch_button(self, ctx: _Ctx, value: str) -> Reply:
        person = await self._person_by_value(ctx, value)
        await ctx.uow.touches.add(ctx.owner, Touch(person.id or 0, ctx.now, Kind.MESSAGE, ""))
        return reply(f"Logged a message with {person.name}.")

    async def _snooze_person(self, ctx: _Ctx, value: str) -> Reply:
        person = await self._person_by_value(ctx, value)
        person.snoozed_until = ctx.now + timedelta(days=7)
        await ctx.uow.people.update(person)
        return reply(f"Snoozed {person.name} until {local(person.snoozed_until, ctx.tz)}.")

    async def _forget_confirmed(self, ctx: _Ctx, value: str) -> Reply:
        if value == "me":
            await ctx.uow.owners.delete_everything(ctx.owner)
            return _closing("Deleted everything you had stored here.",
                            "Use any command to start afresh.")
        person = await self._person_by_value(ctx, value.removeprefix("person:"))
        await ctx.uow.people.delete(ctx.owner, person.id or 0)
        return _closing(f"Forgot {person.name}, with their touches and follow-ups.")

    async def _forget_cancelled(self, ctx: _Ctx, value: str) -> Reply:
        return _closing("Kept everything; nothing was deleted.")

    async def _opt(self, ctx: _Ctx, enabled: bool) -> Reply:
        await self._save_settings(ctx, digest_enabled=enabled)
        if enabled:
            return _closing("Weekly digest on: Mondays at 09:00.",
                            "Change it with /vitalfew digest friday 17:00.")
        return _closing("No digest. Turn it on any time: /vitalfew digest on")


def _is_touch(command: str | Command) -> bool:
    if isinstance(command, str):
        return command.lstrip("/").strip().lower() == "touch"
    return isinstance(command, g.Touch)


def _parse_touch(request: Request, people: list[Person]) -> g.Touch | Reply:
    """The /touch as typed, or the friendly refusal to answer with."""
    if isinstance(request.command, g.Touch):
        return request.command
    known = [g.Known(p.id or 0, p.name, p.platform_id) for p in people]
    try:
        command = g.parse("touch", request.text, known)
    except g.GrammarError as err:
        return views.error(str(err), err.topic)
    assert isinstance(command, g.Touch)
    return command


def _strengths_from_sums(people: list[Person], now: datetime) -> dict[int | None, float] | None:
    """Each person's strength from their running sum; None if any sum cannot say."""
    found: dict[int | None, float] = {}
    for person in people:
        strength = strength_from_sum(person, now)
        if strength is None:
            return None
        found[person.id] = strength
    return found


def _refuse_self_or_bot(owner: Owner, bot_id: str | None, ref: g.PersonRef) -> None:
    """The owner and the bot are not people one keeps up with."""
    if ref.platform_id and ref.platform_id == owner.user:
        raise Refusal(SELF_REFUSAL)
    if ref.platform_id and ref.platform_id == bot_id:
        raise Refusal(BOT_REFUSAL)


def kind_of(note: str) -> Kind:
    """The kind named by the note's first word ('coffee' is a meet), else a message."""
    first = name_key(note.split(maxsplit=1)[0]).strip(".,:;!?") if note.strip() else ""
    return KIND_WORDS.get(first, Kind.MESSAGE)


def _valid_zone(name: str | None) -> str | None:
    """A platform's zone hint if it is a real IANA zone (cheap: no zone list scan)."""
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refusal("That button is out of date.") from None


def _closing(title: str, *lines: str) -> Reply:
    r = reply(title, *lines)
    return Reply(r.title, r.sections, replaces_original=True)
