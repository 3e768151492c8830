"""Fixtures of the insights tests: a store with one community, or a factory of communities."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from insights_world import Forum

from moderator.store import Store


@pytest.fixture
def make_forum(store: Store) -> Callable[..., Forum]:
    return lambda name="acme", **kw: Forum(store, name, **kw)


@pytest.fixture
def forum(make_forum: Callable[..., Forum]) -> Forum:
    return make_forum()
