"""Right-to-left overrides and isolates in a stranger's title, name or post never reach the screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import insights, markdown
from moderator.store import Store
from moderator.store.schema import MIGRATIONS, V_NO_BIDI_CONTROLS
from moderator.sync import sync_community
from moderator.textsafety import BIDI_CONTROLS
from tests.helpers.discourse_double import DiscourseDouble, World, running
from tests.helpers.sync_env import SyncEnv, sync_env

RLO, RLI, PDI = "\u202e", "\u2067", "\u2069"
SPOOFED_TITLE = f"Facture {RLO}fdp.exe"  # shows as "Facture exe.pdf"
SPOOFED_NAME = f"{RLI}Support officiel{PDI}"


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    world = World(seed=2, topics=5, max_replies=0)
    world.users[3]["name"] = SPOOFED_NAME
    world.users[3]["username"] = f"member3{RLO}"
    world.add_topic(3, SPOOFED_TITLE, f"Ouvrez la pièce jointe {RLO}gpj.exe{PDI} vite, c'est urgent.")
    with running(world) as d:
        yield d


def no_controls(text: str | None) -> bool:
    return not any(c in (text or "") for c in BIDI_CONTROLS)


def test_a_sync_stores_no_direction_control(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    cid = community.id or 0
    db = env.store.read()
    for table, column in (("topics", "title"), ("posts", "raw"), ("posts", "cooked"), ("posts", "text")):
        for (value,) in db.execute(f"SELECT {column} FROM {table} WHERE community_id=?", (cid,)):
            assert no_controls(value), (table, column, value)
    assert all(no_controls(m.name) and no_controls(m.username) for m in env.store.members(cid))
    titles = [row.title for row in insights.unanswered_topics(env.store, [cid])]
    assert "Facture fdp.exe" in titles  # what the lists show: the letters in the order they were typed
    connector.close()


def test_what_an_older_version_stored_is_cleaned_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    before = MIGRATIONS.index(V_NO_BIDI_CONTROLS)
    conn = sqlite3.connect(path)
    for version, script in enumerate(MIGRATIONS[:before]):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version + 1};\nCOMMIT;")
    conn.execute(
        "INSERT INTO communities (name, platform, base_url, auth_kind, created_at)"
        " VALUES ('c', 'discourse', 'https://x.org', 'admin_key', 0)"
    )
    conn.execute("INSERT INTO topics (community_id, id, title) VALUES (1, '1', ?)", (SPOOFED_TITLE,))
    conn.execute("INSERT INTO topics (community_id, id, title) VALUES (1, '2', 'Plain')")
    conn.execute(
        "INSERT INTO members (community_id, id, username, name) VALUES (1, '9', 'ann', ?)", (SPOOFED_NAME,)
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        titles = [r[0] for r in store.read().execute("SELECT title FROM topics ORDER BY id")]
        names = [r[0] for r in store.read().execute("SELECT name FROM members")]
    assert titles == ["Facture fdp.exe", "Plain"]
    assert names == ["Support officiel"]


def test_the_composer_preview_drops_them() -> None:
    html = markdown.render(f"Merci {RLO}enmoc{PDI} !\n\n> cité {RLI}ici{PDI}")
    assert no_controls(html) and "enmoc" in html
