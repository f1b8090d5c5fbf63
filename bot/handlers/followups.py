"""/followup and the reminder's buttons: promises made, listed, kept, put off, dropped."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import stamps
from bot.commands import AddFollowup, ListFollowups, PersonRef
from bot.context import DEFAULT_FOLLOWUP_DAYS, Context, Refusal
from bot.domain import MAX_OPEN_FOLLOWUPS, Followup, FollowupStatus, Kind, Person, Touch
from bot.grammar import GrammarError, read_person
from bot.replies import Reply
from bot.schedule import reminder_delivery
from bot.stamps import FollowupStamp
from bot.text import MAX_NOTE
from bot.views import followups as views
from bot.views.common import PAST_TIME, STALE_BUTTON, too_many_followups
from bot.when import EXAMPLES, When, WhenError, read_when
from bot.when_dayparts import ends_a_note, hour_alone
from bot.when_meals import MEALS


async def add_followup(ctx: Context, command: AddFollowup) -> Reply:
    what, ref = command.what, command.person
    if command.when_leads:  # typed on one line: a WHEN may begin what was promised
        ref, what, parsed = _when_first(ctx, ref, what)
        if parsed is None:
            ref, parsed = _when_ending_name(ctx, ref, what)
        if parsed is None:
            parsed = _when_before_colon(ctx, what)
        if parsed is None:
            parsed = read_when(what, ctx.now, ctx.tz)
        if parsed is None:
            ref, what, parsed = _two_word_name(ctx, ref, what)
        if parsed is None:
            _ask_about_a_when_at_the_end(ctx, ref, what)
        what = parsed.rest if parsed else what
    else:
        parsed = _read_whole(ctx, command.when or "")
    person = await ctx.person(ref)
    due = parsed.due_at if parsed else ctx.local_date_in(DEFAULT_FOLLOWUP_DAYS)
    followup = await promise(ctx, person, due, what)
    return views.recorded(followup, person, ctx.now, ctx.tz,
                          default_days=None if parsed else DEFAULT_FOLLOWUP_DAYS)


def _two_word_name(ctx: Context, ref: PersonRef, what: str
                   ) -> tuple[PersonRef, str, When | None]:
    """``/followup Anna Karenina tomorrow call her``: the grammar takes a new name's first
    word only, so "Karenina tomorrow ..." reads no date. A capitalised word right after a
    new one-word name, followed by a WHEN, is the second word of the name."""
    word, _, rest = what.partition(" ")
    is_new = ref.person_id is None and ref.platform_id is None and " " not in ref.name
    if not (is_new and rest and word[:1].isupper() and word.isalpha()):
        return ref, what, None
    parsed = read_when(rest, ctx.now, ctx.tz)
    if parsed is None:
        return ref, what, None
    return PersonRef(f"{ref.name} {word}"), rest, parsed


def _when_first(ctx: Context, ref: PersonRef, what: str) -> tuple[PersonRef, str, When | None]:
    """``/followup tomorrow Ana call``: a WHEN typed before the person made someone new
    called "tomorrow", due in 7 days. Someone known right after the WHEN is the person;
    else a WHEN in lower case is asked about, and a capitalised one stays a name ("June")."""
    if ref.person_id is not None or ref.platform_id is not None:
        return ref, what, None
    try:
        parsed = read_when(f"{ref.name} {what}".strip(), ctx.now, ctx.tz)
    except WhenError:
        if ref.name[:1].islower():  # "next friday Ana call": the WHEN's question, asked
            raise
        return ref, what, None
    if parsed is None or len(parsed.text) < len(ref.name):  # the WHEN must cover the name
        return ref, what, None
    try:
        person, rest = read_person(parsed.rest, ctx.known())
    except GrammarError:  # nobody named, or a name several people share
        person, rest = ref, what
    if person.person_id is not None:
        return person, rest, When(parsed.due_at, parsed.text, rest)
    if ref.name[:1].islower():
        raise Refusal(views.when_before_person(parsed.text))
    return ref, what, None


def _when_before_colon(ctx: Context, what: str) -> When | None:
    """``/followup Ana friday: 2 tickets``: all after the ':' is what was promised, as the
    WHEN's own questions advise. Read as one, the WHEN ran on past it: 'friday: 1st draft'
    was Fri 1 Jan 2027 with the note 'draft', 'friday: 2 tickets' asked the same again."""
    head, colon, tail = what.partition(":")
    if not colon or not head.strip() or tail[:1] not in ("", " "):  # 15:30 is a time
        return None
    parsed = read_when(_said_before_a_separator(head), ctx.now, ctx.tz)
    return When(parsed.due_at, parsed.text, tail.strip()) if parsed and not parsed.rest else None


def _said_before_a_separator(head: str) -> str:
    """A WHEN before ':' or ' - ' is declared one: "lunch: call ana" is at lunch (said alone,
    "lunch" may be the note's, and is asked)."""
    return f"at {head.strip()}" if head.strip().lower() in MEALS else head


def _when_ending_name(ctx: Context, ref: PersonRef, what: str
                      ) -> tuple[PersonRef, When | None]:
    """``/followup Ana monday: call``: a new name before ':' or ' - ' that ends in a WHEN
    typed in lower case is a name and its WHEN (read as a name, it made someone new called
    "Ana monday" and a promise due in 7 days). A capitalised word is a name's: "Ana May:"
    is Ana May. What follows the separator is all note: "Ana friday: 2nd draft"."""
    words = ref.name.split()
    if ref.person_id is not None or ref.platform_id is not None:
        return ref, None
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        parsed = read_when(_said_before_a_separator(tail), ctx.now,
                           ctx.tz) if tail == tail.lower() else None
        if parsed is not None and not parsed.rest:
            return PersonRef(" ".join(words[:i])), When(parsed.due_at, tail, what)
    return ref, None


#: How many words of a note are looked through for a WHEN that ends it.
WHEN_AT_THE_END_WORDS = 12


def _ask_about_a_when_at_the_end(ctx: Context, ref: PersonRef, what: str) -> None:
    """``/followup Ana call her tomorrow``: a WHEN ends the note, where it is not read (a
    WHEN comes right after the person). Stored as typed, the promise was due in 7 days with
    "tomorrow" in its note; ask which was meant instead, and store nothing. A number alone
    ("top 10", "invite nine") is the note's: said alone it is an hour, ending a note a count."""
    words = what.split()
    for i in range(max(1, len(words) - WHEN_AT_THE_END_WORDS), len(words)):
        try:
            parsed = read_when(" ".join(words[i:]), ctx.now, ctx.tz)
        except WhenError:
            continue
        if parsed is None or parsed.rest or ends_a_note(parsed.text):
            continue  # "pick up lunch", "she was late": the note's
        if hour_alone([parsed.text.lower()], 0) is None:
            raise Refusal(views.when_at_the_end(ref.name, " ".join(words[:i]), parsed.text))


def _read_whole(ctx: Context, text: str) -> When | None:
    """A WHEN given on its own must be read whole: leftovers mean it was misread."""
    if not text.strip():
        return None
    parsed = read_when(text, ctx.now, ctx.tz)
    if parsed is None or parsed.rest:
        raise WhenError(f"I couldn't read '{text.strip()[:60]}' as a date. {EXAMPLES}")
    return parsed


async def _same_promise(ctx: Context, person_id: int, due: datetime,
                        what: str) -> Followup | None:
    """The same promise typed twice (a retry, a double send): same person, same words, due
    the same day. Storing it again would remind twice of one thing."""
    words = " ".join(what[:MAX_NOTE].split()).casefold()
    day = due.astimezone(ctx.tz).date()
    return next((f for f in await ctx.uow.followups.open_for(ctx.owner, person_id)
                 if " ".join(f.what.split()).casefold() == words
                 and f.due_at.astimezone(ctx.tz).date() == day), None)


async def promise(ctx: Context, person: Person, due: datetime, what: str) -> Followup:
    """Store a promise and its reminder (also the "Follow up on this" shortcut's)."""
    if due <= ctx.now:
        raise Refusal(PAST_TIME)
    if await ctx.uow.followups.count_open(ctx.owner) >= MAX_OPEN_FOLLOWUPS:
        raise Refusal(too_many_followups(MAX_OPEN_FOLLOWUPS))
    if person.id is not None and (twice := await _same_promise(ctx, person.id, due, what)):
        raise Refusal(views.already_promised(twice, person, ctx.now, ctx.tz))
    followup = await ctx.uow.followups.add(ctx.owner, Followup(
        person_id=person.id or 0, due_at=due, what=what[:MAX_NOTE], created_at=ctx.now))
    await ctx.schedule(reminder_delivery(ctx.owner, followup))
    return followup


async def list_followups(ctx: Context, command: ListFollowups) -> Reply:
    people = {p.id: p for p in ctx.people}
    items = [(f, people[f.person_id]) for f in await ctx.uow.followups.list_open(ctx.owner)
             if f.person_id in people]
    return views.followup_list(items, ctx.now, ctx.tz)


# --- the reminder's buttons; the value names the follow-up (bot.stamps) ---------------


async def _open_followup(ctx: Context, value: str) -> tuple[Followup, Person, FollowupStamp]:
    """The open follow-up a button names; a value naming one that is gone or another
    (edited, made up, a bare id) is out of date."""
    stamp = stamps.read_followup(value)
    followup = await ctx.uow.followups.get(ctx.owner, stamp.id) if stamp else None
    person = next((p for p in ctx.people if followup and p.id == followup.person_id), None)
    if stamp is None or followup is None or person is None or not stamp.names(followup):
        raise Refusal(STALE_BUTTON)
    if not followup.is_open:
        raise Refusal(views.already(followup))
    return followup, person, stamp


async def _close(ctx: Context, value: str, status: FollowupStatus) -> tuple[Followup, Person]:
    followup, person, _ = await _open_followup(ctx, value)
    followup.close(status, ctx.now)
    await ctx.uow.followups.update(ctx.owner, followup)
    await ctx.uow.deliveries.cancel_pending(ctx.owner, followup_id=followup.id)
    return followup, person


async def done(ctx: Context, value: str) -> Reply:
    """Kept: closed, and logged as the message touch keeping it was."""
    followup, person = await _close(ctx, value, FollowupStatus.DONE)
    note = f"follow-up: {followup.what}" if followup.what else "follow-up"
    ctx.log_touch(Touch(person.id or 0, ctx.now, Kind.MESSAGE, note[:MAX_NOTE]))
    return views.done(followup, person)


async def drop(ctx: Context, value: str) -> Reply:
    followup, person = await _close(ctx, value, FollowupStatus.DROPPED)
    return views.dropped(followup, person)


async def _snooze(ctx: Context, value: str, by: timedelta) -> Reply:
    followup, person, stamp = await _open_followup(ctx, value)
    if not stamp.made_for_due(followup):  # pressed again: it has moved already
        raise Refusal(views.already_snoozed(followup, ctx.now, ctx.tz))
    followup.snooze(by, ctx.now)
    await ctx.uow.followups.update(ctx.owner, followup)
    await ctx.uow.deliveries.cancel_pending(ctx.owner, followup_id=followup.id)
    await ctx.schedule(reminder_delivery(ctx.owner, followup))
    return views.snoozed(followup, person, ctx.now, ctx.tz)


async def snooze_day(ctx: Context, value: str) -> Reply:
    return await _snooze(ctx, value, timedelta(days=1))


async def snooze_week(ctx: Context, value: str) -> Reply:
    return await _snooze(ctx, value, timedelta(days=7))


def button_id(value: str) -> int:
    """The object id a confirmation's target carries; anything else is out of date."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refusal(STALE_BUTTON) from None
