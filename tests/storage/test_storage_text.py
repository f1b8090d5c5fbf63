"""The lookup key stored beside each name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text import name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("José ÁLVAREZ", "jose alvarez"),
        ("Straße", "strasse"),
        ("  Ana   Silva ", "ana silva"),
        ("Zoë 🫶", "zoe 🫶"),
        ("مرحبا", "مرحبا"),
    ],
)
def test_name_key_ignores_case_accents_and_spacing(name: str, key: str) -> None:
    assert name_key(name) == key


@given(st.text())
def test_name_key_is_idempotent(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)
