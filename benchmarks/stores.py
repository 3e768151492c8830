"""The benchmark's stores: built once, reused by every later run (``--rebuild`` builds them again).

Each store is a data directory (``<stores>/<label>/moderator.sqlite3``) the app and the CLI open with
``--data-dir``, so the figures are those of the real front ends. A store is reused only when its
``BUILT.json`` marker says it was built, to the end, with the same sizes; a build cut short leaves
no marker and is built again.

The generator is ``benchmarks.bench_insights.build`` (18 months of posts, Zipf text, topics of about
ten posts, a quarter of the members writing). Its communities point at ``http://127.0.0.1:9``
(nothing listens there): a start-up sync of them fails at once and stores nothing, as an offline
community does; the app's own sandbox community, added on first start, syncs for real.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

DEFAULT_DIR = Path(os.environ.get("MODERATOR_BENCH_STORES", "/var/tmp/community-moderator-bench"))
UNREACHABLE = "http://127.0.0.1:9"


@dataclasses.dataclass(frozen=True)
class Size:
    label: str
    posts: int
    members: int
    communities: int


SIZES = {
    "20k": Size("20k", 20_000, 10_000, 10),  # --quick (CI)
    "200k": Size("200k", 200_000, 100_000, 10),
    "1M": Size("1M", 1_000_000, 100_000, 10),
}


@dataclasses.dataclass(frozen=True)
class Built:
    size: Size
    data_dir: Path
    reused: bool
    seconds: float  # building time (this run's, or the original one when reused)

    @property
    def database(self) -> Path:
        return self.data_dir / "moderator.sqlite3"


def ensure(size: Size, root: Path = DEFAULT_DIR, *, rebuild: bool = False) -> Built:
    """The store of ``size`` under ``root``: reused if complete and not ``rebuild``, else built."""
    data_dir = root / size.label
    marker = data_dir / "BUILT.json"
    wanted = dataclasses.asdict(size)
    if not rebuild and marker.exists():
        info = json.loads(marker.read_text())
        if info.get("size") == wanted:
            return Built(size, data_dir, True, float(info.get("seconds", 0.0)))
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    started = time.perf_counter()
    _build(data_dir / "moderator.sqlite3", size)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps({"size": wanted, "seconds": seconds, "built_at": time.time()}))
    return Built(size, data_dir, False, seconds)


def _build(path: Path, size: Size) -> None:
    from benchmarks.bench_insights import build

    store = build(path, communities=size.communities, members=size.members, posts=size.posts)
    try:
        with store.write() as db:
            # The generator inserts rows directly: index their text as a sync would have (bulk).
            db.execute("INSERT INTO posts_fts (rowid, text) SELECT rowid, text FROM posts")
            db.execute("UPDATE communities SET base_url = ? || '/' || name", (UNREACHABLE,))
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def index_terms(built: Built) -> float | None:
    """Count the rising terms' index into the store once, as the app's syncs now keep it up to date
    while they store posts (a user's store never needs a first count of its whole history): the
    seconds it took, or None when the store had it already. Marked in BUILT.json."""
    marker = built.data_dir / "BUILT.json"
    info = json.loads(marker.read_text())
    if info.get("terms_indexed"):
        return None
    from moderator.insights import term_index
    from moderator.store import Store

    started = time.perf_counter()
    store = Store(built.database)
    try:
        term_index.refresh(store, [c.id for c in store.communities() if c.id is not None])
    finally:
        store.close()
    with sqlite3.connect(built.database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps(info | {"terms_indexed": True, "terms_seconds": seconds}))
    return seconds


def copy(built: Built, target: Path) -> Path:
    """A throw-away copy of a store's data directory (a GUI run adds the sandbox and syncs it)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(built.database, target / "moderator.sqlite3")
    return target
