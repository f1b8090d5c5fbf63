"""``render.as_dict`` is the models' own ``to_dict()``, byte for byte, checks included.

Replies are rendered twice, once through ``as_dict`` and once with it swapped for the
models' ``to_dict()``, and the JSON Slack would receive is compared as text (key order
included): escaping, buttons and their styles, long texts, every truncation path.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    SectionBlock,
)

from adapters.slack import render as render_module
from adapters.slack.render import (
    MAX_BUTTONS,
    VALIDATORS,
    Rendered,
    as_dict,
    mrkdwn,
    render,
    reply_blocks,
)
from bot.replies import ALL_ACTIONS, Action, Reply, Section

NASTY = "<!channel> & <@U1> <https://evil|click> *bold* _it_ `code` ~st~ é 🎉 \u200b"


def wire(rendered: Rendered) -> str:
    """What Bolt sends: ``json.dumps`` of the blocks and text, key order as built."""
    return json.dumps({"blocks": rendered.blocks, "text": rendered.text})


def by_to_dict(monkeypatch: pytest.MonkeyPatch, reply: Reply, **kwargs: object) -> Rendered:
    with monkeypatch.context() as patch:
        patch.setattr(render_module, "as_dict", lambda model: model.to_dict())
        return render(reply, **kwargs)  # type: ignore[arg-type]


def buttons(n: int, label: str = "Done", value: str = "7") -> tuple[Action, ...]:
    styles = ("primary", "danger", None)
    return tuple(Action(ALL_ACTIONS[i % len(ALL_ACTIONS)], f"{label} {i}", f"{value}{i}",
                        styles[i % 3]) for i in range(n))  # type: ignore[arg-type]


REPLIES = [
    Reply("Logged a meet with Ana: coffee", (Section((
        "Ana is #1 of your vital few.",
        "Next nudge: Mon 7 Dec 2026, 18:05 Europe/Berlin (in 14 days)."),),)),
    Reply(NASTY, (Section((NASTY, "", "  ", NASTY), buttons(4, NASTY, NASTY)),)),
    Reply("Nope", (Section(("a", "b")),), error=True),
    Reply("", (Section(("no title",)),)),
    Reply("   ", ()),
    Reply("Empty", (Section(()), Section(("",)), Section((), buttons(2)))),
    Reply("Multi\nline\n\ntitle", (Section(("x",)),)),
    Reply("T" * 5000, (Section(("y" * 10_000,)),)),
    Reply("Long", (Section(tuple(f"line {i} " + "x" * 90 for i in range(100))),)),
    Reply("Buttons", (Section(("pick",), buttons(MAX_BUTTONS * 2 + 3)),)),
    Reply("Huge button", (Section(("z",), buttons(1, "L" * 200, "V" * 5000)),)),
    Reply("Capped", tuple(Section((f"item {i} &",), buttons(3)) for i in range(40))),
]


@pytest.mark.parametrize("reply", REPLIES)
@pytest.mark.parametrize("max_blocks", [50, 45, 4, 1])
def test_replies_render_exactly_as_to_dict_does(monkeypatch, reply, max_blocks):
    expected = by_to_dict(monkeypatch, reply, max_blocks=max_blocks, prefix="fu")
    assert wire(render(reply, max_blocks=max_blocks, prefix="fu")) == wire(expected)


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=400), error=st.booleans(),
       sections=st.lists(st.tuples(
           st.lists(st.text(max_size=3500), max_size=4),
           st.lists(st.tuples(st.sampled_from(ALL_ACTIONS), st.text(min_size=1, max_size=90),
                              st.text(min_size=1, max_size=2100),
                              st.sampled_from(["primary", "danger", None])), max_size=30)),
           max_size=6))
def test_any_reply_renders_exactly_as_to_dict_does(title, error, sections):
    reply = Reply(title, tuple(Section(tuple(lines), tuple(Action(*a) for a in acts))
                               for lines, acts in sections), error=error)
    for block in reply_blocks(reply):
        assert json.dumps(as_dict(block)) == json.dumps(block.to_dict())
    with pytest.MonkeyPatch.context() as patch:
        expected = by_to_dict(patch, reply, max_blocks=5)
    assert wire(render(reply, max_blocks=5)) == wire(expected)


def test_every_block_model_still_has_its_checks():
    for model in (SectionBlock, ActionsBlock, ContextBlock, ButtonElement):
        assert "_validate_block_id_length" in VALIDATORS[model] or model is ButtonElement
    assert "_validate_style_valid" in VALIDATORS[ButtonElement]


@pytest.mark.parametrize("broken", [
    lambda: ButtonElement(text="x", action_id="a", style="bogus"),
    lambda: ButtonElement(text="x" * 80, action_id="a"),
    lambda: ButtonElement(text="x", action_id="a", value="v" * 2001),
    lambda: SectionBlock(block_id="b" * 256, text=mrkdwn("t")),
    lambda: SectionBlock(text=mrkdwn("t" * 3001)),
    lambda: ActionsBlock(elements=[ButtonElement(text="x", action_id=f"a{i}")
                                   for i in range(26)]),
    lambda: ActionsBlock(elements=[ButtonElement(text="x", action_id="a", style="bogus")]),
])
def test_a_block_over_block_kits_limits_still_raises(broken):
    with pytest.raises(SlackObjectFormationError) as by_sdk:
        broken().to_dict()
    with pytest.raises(SlackObjectFormationError) as by_us:
        as_dict(broken())
    assert str(by_us.value) == str(by_sdk.value)


def test_other_models_go_through_their_own_to_dict():
    header = HeaderBlock(text="Your vital few")
    assert as_dict(header) == header.to_dict()
