"""Rows as a table, JSON and CSV: the same values everywhere."""

from __future__ import annotations

import csv
import io
import json

from insights_world import NOW, Forum, ago

from moderator.insights import TopicRef, trending_terms, unanswered_topics
from moderator.insights.export import to_csv, to_json, to_table
from moderator.insights.trending_terms import TermRow


def _rows(forum: Forum) -> list:
    forum.topic("7", created=ago(days=3), title="Comment exporter ?")
    forum.topic("8", created=ago(hours=2), title="A much longer title " * 5)
    return unanswered_topics(forum.store, now=NOW)


def test_json(forum: Forum) -> None:
    data = json.loads(to_json(_rows(forum)))
    assert [d["topic_id"] for d in data] == ["7", "8"]
    assert data[0]["community_name"] == "acme" and data[0]["waiting_since"] == "2026-05-17T12:00:00Z"
    assert data[0]["title"] == "Comment exporter ?"


def test_csv(forum: Forum) -> None:
    out = io.StringIO()
    to_csv(_rows(forum), out)
    lines = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert lines[0]["topic_id"] == "7" and lines[0]["severity"] == "red" and lines[1]["severity"] == "calm"
    out = io.StringIO()
    to_csv(_rows(forum)[:1], out, columns=[("topic_id", "Topic"), "why"])
    assert out.getvalue() == "Topic,why\n7,No reply for 3 days\n"


def test_table(forum: Forum) -> None:
    rows = _rows(forum)
    text = to_table(rows, ["topic_id", "title", "why"], max_width=30)
    lines = text.splitlines()
    assert lines[0].split() == ["topic_id", "title", "why"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].startswith("7 ") and "No reply for 3 days" in lines[2]
    assert "…" in lines[3]
    assert len({line.index("title") if "title" in line else None for line in lines[:1]}) == 1
    assert to_table(rows, rows[0].COLUMNS).splitlines()[0].split() == list(rows[0].COLUMNS)
    assert to_table([], ["a"]) == "a\n-\n"


def test_nested_topic_references_and_lists() -> None:
    row = TermRow(
        term="thème sombre",
        key="theme sombre",
        phrase=True,
        recent=3,
        baseline=0,
        recent_posts=9,
        baseline_posts=40,
        growth=5.0,
        score=4.2,
        examples=(TopicRef(1, "acme", "12", "Dark"),),
        why="w",
    )
    assert row.to_json_dict()["examples"] == [
        {"community_id": 1, "community_name": "acme", "topic_id": "12", "title": "Dark"}
    ]
    out = io.StringIO()
    to_csv([row], out, columns=["term", "phrase", "examples"])
    assert out.getvalue().splitlines()[1] == "thème sombre,yes,acme:12"


def test_empty_views_export_cleanly(forum: Forum) -> None:
    assert to_json(trending_terms(forum.store, now=NOW)) == "[]"
