"""Every bad or hostile input through the terminal adapter's entry point: a clear reply,
no crash, nothing stored; hostile-but-valid text stored and shown literally."""

from __future__ import annotations

import pytest

from adapters.console import ConsoleAdapter
from adapters.console.adapter import TYPED_ACTIONS
from bot.domain import Owner
from bot.replies import DIGEST_OPT_IN, DIGEST_OPT_OUT, FORGET_CANCEL
from tests.reliability.corpus import FORGED_VALUES, LITERAL, REFUSED

pytestmark = pytest.mark.asyncio


async def snapshot(store, owner: Owner) -> tuple:
    async with store.uow() as uow:
        people = await uow.people.list(owner)
        return (
            [(p.name, p.pinned, p.cadence_days) for p in people],
            len(await uow.touches.list(owner)),
            [(f.what, f.due_at, f.status) for f in await uow.followups.list_all(owner)],
            await uow.owners.get(owner),
            [(d.key, d.status) for d in await uow.deliveries.list_for_owner(owner)],
        )


@pytest.fixture
async def console(service, tmp_path) -> ConsoleAdapter:
    adapter = ConsoleAdapter(service, "me", export_dir=tmp_path)
    adapter.tz_hint = "Europe/Berlin"
    await adapter.handle_line('/touch "Sam Lee" coffee')  # so the owner and a person exist
    await adapter.handle_line("/touch Ana call")
    return adapter


async def test_every_refused_input_gets_a_clear_reply_and_stores_nothing(console, store):
    before = await snapshot(store, console.owner)
    wrong = []
    for command, text in REFUSED:
        shown = await console.handle_line(f"/{command} {text}") or ""
        clear = shown.startswith("! ") and "went wrong" not in shown
        if not clear or await snapshot(store, console.owner) != before:
            wrong.append((command, text[:60], shown[:160]))
    assert wrong == []


ANSWERS = (FORGET_CANCEL, DIGEST_OPT_IN, DIGEST_OPT_OUT)


async def test_every_button_refuses_a_made_up_value_and_changes_nothing(console, store):
    await console.handle_line("/followup Ana tomorrow send the deck")
    before = await snapshot(store, console.owner)
    wrong = []
    for action, word in TYPED_ACTIONS.items():
        if action in ANSWERS:
            continue  # answers to a question about no object: the value is not read
        for value in FORGED_VALUES:
            shown = await console.handle_line(f"!{word} {value}") or ""
            clear = shown.startswith("! ") and "went wrong" not in shown
            if not clear or await snapshot(store, console.owner) != before:
                wrong.append((word, value[:40], shown[:160]))
    assert wrong == []


@pytest.mark.parametrize("name", LITERAL)
async def test_hostile_names_and_notes_are_stored_and_shown_literally(console, store, name):
    shown = await console.handle_line(f'/touch "{name}" {name}')
    assert not shown.startswith("!"), shown
    people = await console.handle_line("/vitalfew people")
    assert name.strip() in people
    async with store.uow() as uow:
        names = [p.name for p in await uow.people.list(console.owner)]
        notes = [t.note for t in await uow.touches.list(console.owner)]
    assert name.strip() in names
    assert name.strip() in notes
