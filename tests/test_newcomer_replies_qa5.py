"""What a newcomer met in twenty minutes of use (QA round 5), on the real databases: a
reply never suggests something that would be refused, and reads as plain English."""

from __future__ import annotations

import pytest

from tests.conftest import User


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0", "A weekly budget is between 1 minute and 168 hours. Try /vitalfew budget 5h, "
              "budget 90m or budget off."),
        ("1", "1 hour or 1 minute? Say /vitalfew budget 1h or budget 1m."),
        ("5", "5 hours or 5 minutes? Say /vitalfew budget 5h or budget 5m."),
        ("200", "200 minutes? Say /vitalfew budget 200m (hours go up to 168)."),
        ("20000", "A weekly budget is between 1 minute and 168 hours. Try /vitalfew budget "
                  "5h, budget 90m or budget off."),
    ],
)
async def test_a_budget_without_its_unit_offers_only_budgets_that_are_taken(
        me: User, typed: str, says: str) -> None:
    asked = await me(f"/vitalfew budget {typed}")
    assert asked.error and asked.title == says
    for suggested in ("h", "m"):
        if f"budget {typed}{suggested}" in says:
            taken = await me(f"/vitalfew budget {typed}{suggested}")
            assert not taken.error, taken.title
            await me("/vitalfew budget off")
    assert "Weekly time budget: off;" in (await me("/vitalfew settings")).text
