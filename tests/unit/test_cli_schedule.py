"""``post``, ``reply --at``, ``outbox list``, ``planned`` and ``series`` on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from moderator import cli, outbox, paths
from moderator.model import AuthKind, Category, Community, Platform, SyncBatch, Topic
from moderator.store import Store

BODY = "Chaque semaine une question : quel outil vous aide le plus à animer un atelier ?"
TITLE = "Question de la semaine : vos outils d'atelier"


@pytest.fixture
def store_path(data_dir: Path) -> Path:
    with Store(paths.database_path()) as store:
        community = store.add_community(
            Community(name="acme", platform=Platform.DISCOURSE, base_url="https://acme.example.org",
                      username="anim", auth_kind=AuthKind.USER_KEY)
        )
        assert community.id is not None
        store.apply_batch(community.id, SyncBatch(
            categories=[Category(id="2", name="Ideas", can_create_topic=True),
                        Category(id="9", name="News", can_create_topic=False)],
            topics=[Topic(id="42", title="Parking on Friday?", highest_post_number=1)],
        ))
    return paths.database_path()


def _items() -> list[outbox.OutboxItem]:
    with Store(paths.database_path()) as store:
        return outbox.list_items(store)


@pytest.fixture
def body(tmp_path: Path) -> Path:
    path = tmp_path / "body.md"
    path.write_text(BODY, encoding="utf-8")
    return path


def test_post_later_then_list_it(store_path: Path, body: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["post", "acme", "--category", "2", "--title", TITLE, "--body-file", str(body),
                     "--tag", "semaine", "--at", "2099-01-06 09:00"]) == 0
    assert "Queued topic #1 in acme / Ideas, to go out at Tue 2099-01-06 09:00" in capsys.readouterr().out
    (item,) = _items()
    assert item.is_new_topic and item.new_topic_category_id == "2" and item.new_topic_tags == ("semaine",)
    assert item.not_before is not None and item.not_before.astimezone().hour == 9
    assert cli.main(["outbox", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Planned — goes out at its time" in listing and "Tue 2099-01-06 09:00" in listing
    assert cli.main(["planned", "list", "--days", "40000"]) == 0
    assert "planned" in capsys.readouterr().out


def test_post_mistakes_say_what_to_do(store_path: Path, body: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["post", "acme", "--category", "2", "--title", "Hi", "--body-file", str(body)]) == 1
    assert "too short: at least 15 characters" in capsys.readouterr().err
    assert cli.main(["post", "acme", "--category", "77", "--title", TITLE, "--body-file", str(body)]) == 1
    assert "Categories you may post in: 2 (Ideas)" in capsys.readouterr().err
    assert cli.main(["post", "acme", "--category", "9", "--title", TITLE, "--body-file", str(body)]) == 1
    assert "may not start topics in News" in capsys.readouterr().err
    assert cli.main(["post", "acme", "--category", "2", "--title", TITLE, "--body-file", str(body),
                     "--at", "2001-01-01 09:00"]) == 1
    assert "past" in capsys.readouterr().err
    assert _items() == []


def test_reply_at_a_time(store_path: Path, body: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["reply", "acme", "42", "--body-file", str(body), "--at", "next-working-morning"]) == 0
    assert "it will be sent at " in capsys.readouterr().out
    (item,) = _items()
    assert item.not_before is not None and item.not_before > dt.datetime.now(dt.UTC)
    assert item.not_before.astimezone().weekday() < 5 and item.not_before.astimezone().hour == 9


def test_series_and_calendar_export(
    store_path: Path, body: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["series", "add", "acme", "--name", "Lundi", "--rule", "weekly MON 09:00",
                     "--title", "Question du lundi, semaine {week}", "--body-file", str(body),
                     "--category", "2", "--zone", "Europe/Paris"]) == 0
    assert "Series #1 'Lundi': next post" in capsys.readouterr().out
    assert cli.main(["series", "add", "acme", "--name", "X", "--rule", "daily 9", "--title", TITLE,
                     "--body-file", str(body)]) == 1
    assert "A rule reads like" in capsys.readouterr().err
    assert cli.main(["series", "list"]) == 0
    assert "weekly MON 09:00" in capsys.readouterr().out
    ics = tmp_path / "planned.ics"
    assert cli.main(["planned", "export", "--ics", str(ics), "--days", "14"]) == 0
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 2 and all(str(e["summary"]).startswith("Recurring post: Lundi") for e in events)
    assert cli.main(["series", "pause", "1"]) == 0
    assert cli.main(["planned", "export", "--ics", str(ics), "--days", "14"]) == 0
    assert Calendar.from_ical(ics.read_bytes()).walk("VEVENT") == []
    assert cli.main(["series", "remove", "7"]) == 1


def test_categories_say_where_topics_may_start(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["categories", "acme"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:3] == ["2", "Ideas", "yes"] for line in lines)
    assert any(line.split()[:3] == ["9", "News", "no"] for line in lines)
