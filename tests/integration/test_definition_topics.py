"""A topic with its posts, or neither: posts of topics no list shows (category definition topics) are not
kept alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.sync import StoreLocalView, sync_community
from tests.helpers.discourse_double import DiscourseDouble, World, running
from tests.helpers.sync_env import SyncEnv, sync_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    world = World(seed=8, topics=30, max_replies=2)
    for category_id, name in ((1, "Uncategorized"), (2, "Ideas"), (4, "Help")):
        topic_id = world.add_topic(
            -1, f"About the {name} category", f"What the {name} category is for.", category_id=category_id
        )
        world.topics[topic_id].definition = True
    with running(world) as d:
        yield d


def orphans(env: SyncEnv, community_id: int) -> set[str]:
    return StoreLocalView(env.store, community_id).orphan_topic_ids()


def test_definition_topics_are_stored_whole_or_not_at_all(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    cid = community.id or 0
    assert orphans(env, cid) == set()
    definitions = [str(t.id) for t in double.world.topics.values() if t.definition]
    for topic_id in definitions:
        assert env.store.posts(cid, topic_id) == [] and env.store.topic(cid, topic_id) is None
    regular = [t for t in double.world.topics.values() if not t.definition and t.archetype == "regular"]
    assert all(env.store.topic(cid, str(t.id)) is not None for t in regular)

    # A later pass that walks a new post of a definition topic keeps nothing of it either.
    double.world.add_reply(int(definitions[0]), 2, "Edited description, posted as a reply.")
    double.world.add_reply(regular[0].id, 3, "And a real reply somewhere else.")
    assert sync_community(env.store, community, connector).ok
    assert orphans(env, cid) == set()
    assert any("real reply" in (p.raw or "") for p in env.store.posts(cid, str(regular[0].id)))
    connector.close()
