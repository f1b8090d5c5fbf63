"""How the owner's data reads when it leaves: the export and forgetting."""

from __future__ import annotations

from bot.domain import Person
from bot.replies import (
    FORGET_CANCEL,
    FORGET_CONFIRM,
    MERGE_CONFIRM,
    Action,
    Attachment,
    Reply,
    Section,
)
from bot.text import name_key, plural
from bot.views.common import closing
from bot.views.pick import who

#: The confirmation button's value for deleting everything of the owner's.
EVERYTHING = "me"


def export(people: int, attachment: Attachment) -> Reply:
    line = f"{plural(people, 'person', 'people')}. The format is documented in docs/export.md."
    return Reply("Your data, all of it, as JSON.", (Section((line,)),), attachment=attachment)


#: A Delete that answers no question asked in the last minutes (bot.confirmations).
CONFIRMATION_OUT_OF_DATE = ("That confirmation is out of date or was not asked for; nothing "
                            "was deleted. Ask again with /vitalfew forget.")
MERGE_OUT_OF_DATE = ("That confirmation is out of date or was not asked for; nothing was "
                     "merged. Ask again with /vitalfew merge.")


def forget_question(person: Person | None, value: str) -> Reply:
    """Ask before deleting: everything (``person`` None) or one person; ``value`` is the
    confirmation token (bot.confirmations)."""
    if person is None:
        title = "Delete everything you have stored here? This cannot be undone."
    else:
        title = (f"Delete {person.name} with all their touches and follow-ups? "
                 "This cannot be undone.")
    return Reply(title, (Section((), (
        Action(FORGET_CONFIRM, "Delete", value, "danger"),
        Action(FORGET_CANCEL, "Cancel", value))),))


SAME_PERSON = "That is one person already: name two people to merge."


def merge_question(source: Person, target: Person, value: str) -> Reply:
    """Ask before joining two people into one; ``value`` confirms it (a token)."""
    src, dst = source.name, target.name
    if name_key(src) == name_key(dst):  # "Merge Bea into Bea?": say which is which
        src, dst = f"{src} ({who(source)})", f"{dst} ({who(target)})"
    title = (f"Merge {src} into {dst}? Their touches and follow-ups move "
             f"to {dst}, and {src} leaves your list.")
    return Reply(title, (Section((), (
        Action(MERGE_CONFIRM, "Merge", value, "danger"),
        Action(FORGET_CANCEL, "Cancel", value))),))


def merged(source: Person, target: Person) -> Reply:
    return closing(f"Merged {source.name} into {target.name}: one person now, with all "
                   "their touches and follow-ups.")


def forgot_everything() -> Reply:
    return closing("Deleted everything you had stored here.", "Use any command to start afresh.")


def forgot(person: Person) -> Reply:
    return closing(f"Forgot {person.name}, with their touches and follow-ups.")


def kept() -> Reply:
    return closing("Kept everything; nothing was deleted.")


def merge_cancelled(source: Person, target: Person) -> Reply:
    return closing(f"Kept {source.name} and {target.name} apart; nothing was merged.")


def cancelled_too_late(merge: bool) -> Reply:
    """Cancel pressed after the question was answered: it is done, and Cancel undoes
    nothing, so the reply must not say that everything was kept."""
    done = "merged" if merge else "deleted"
    return closing(f"Too late to cancel: that was already {done}.")


def cancel_out_of_date() -> Reply:
    """Cancel on a question too old, made up, or asked before ``forget me``: the bot cannot
    tell whether it was answered, so it says only what this press did."""
    return closing("That question is out of date; Cancel changed nothing.")
