"""Rendering a Reply as Block Kit: escaping, limits, unique ids, a fallback text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.render import MAX_BLOCKS, MAX_BUTTONS, MAX_TEXT, escape, render
from bot.replies import Action, Reply, Section


def all_texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if "text" in b]


def test_escape_makes_slack_control_characters_literal():
    assert escape("<!channel> & <@U1> <https://x|y>") == (
        "&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;")


@given(st.text(max_size=300), st.lists(st.text(max_size=100), max_size=5))
def test_no_user_string_reaches_slack_unescaped(title, lines):
    rendered = render(Reply(title, (Section(tuple(lines)),)))
    for text in [*all_texts(rendered.blocks), rendered.text]:
        assert "<" not in text and ">" not in text
        assert all(len(t) <= MAX_TEXT for t in all_texts(rendered.blocks))


def test_long_sections_are_split_under_the_text_limit():
    lines = tuple(f"line {i} " + "x" * 90 for i in range(100))
    rendered = render(Reply("Many", (Section(lines),)))
    texts = all_texts(rendered.blocks)
    assert len(texts) > 2 and all(len(t) <= MAX_TEXT for t in texts)
    assert "line 99" in texts[-1]


def test_a_single_huge_line_is_truncated():
    rendered = render(Reply("Big", (Section(("y" * 10_000,)),)))
    assert all(len(t) <= MAX_TEXT for t in all_texts(rendered.blocks))


def test_blocks_are_capped_with_a_note_of_what_was_left_out():
    sections = tuple(Section((f"item {i}",), (Action("followup_done", "Done", str(i)),))
                     for i in range(40))
    rendered = render(Reply("Long list", sections))
    assert len(rendered.blocks) == MAX_BLOCKS
    assert rendered.blocks[-1]["type"] == "context"
    assert "more blocks not shown" in rendered.blocks[-1]["elements"][0]["text"]


def test_more_than_25_buttons_are_split_into_actions_blocks():
    actions = tuple(Action("person_touch", f"P{i}", str(i)) for i in range(30))
    rendered = render(Reply("Buttons", (Section(("pick",), actions),)))
    counts = [len(b["elements"]) for b in rendered.blocks if b["type"] == "actions"]
    assert counts == [MAX_BUTTONS, 5]


def test_block_ids_are_unique_and_buttons_keep_id_value_and_style():
    sections = tuple(Section((f"f{i}",), (Action("followup_done", "Done", str(i), "primary"),
                                         Action("followup_drop", "Drop", str(i), "danger")))
                     for i in range(3))
    blocks = render(Reply("List", sections)).blocks
    ids = [b["block_id"] for b in blocks]
    assert len(ids) == len(set(ids))
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"], b["style"]) for b in buttons[:2]] == [
        ("followup_done", "0", "primary"), ("followup_drop", "0", "danger")]


def test_errors_are_marked_and_the_fallback_is_the_plain_text():
    rendered = render(Reply("Nope", (Section(("a", "b")),), error=True))
    assert rendered.text == "⚠️ Nope\n\na\nb"
    assert rendered.blocks[0]["text"]["text"] == "*⚠️ Nope*"
