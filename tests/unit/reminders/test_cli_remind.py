"""``remind`` on the command line: words and exit codes, times in local time, the clock injected."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from moderator import cli, cli_remind, paths
from moderator import reminders as rem
from moderator.clock import FakeClock
from moderator.model import UTC, AuthKind, Community, Platform, Post, SyncBatch, Topic
from moderator.store import Store

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 3, 28, 20, 30, tzinfo=UTC)  # 21:30 in Paris, the eve of the spring DST change


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock(NOW)
    monkeypatch.setattr(cli_remind, "CLOCK", clock)
    monkeypatch.setattr(cli_remind, "ZONE", PARIS)
    return clock


@pytest.fixture
def acme(data_dir: Path) -> Iterator[Community]:
    with Store(paths.database_path()) as store:
        community = store.add_community(
            Community(
                name="acme",
                platform=Platform.DISCOURSE,
                base_url="https://forum.example.org",
                username="ann",
                auth_kind=AuthKind.USER_KEY,
                title="Acme",
            )
        )
        assert community.id is not None
        store.apply_batch(
            community.id,
            SyncBatch(
                topics=[
                    Topic(
                        id="12",
                        title="Where is the meetup?",
                        slug="meetup",
                        author_id="7",
                        posts_count=1,
                        highest_post_number=1,
                    )
                ],
                posts=[
                    Post(
                        id="120",
                        topic_id="12",
                        post_number=1,
                        author_id="7",
                        username="olga",
                        created_at=NOW - dt.timedelta(days=1),
                    )
                ],
            ),
        )
    yield community


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="community-moderator")
    cli_remind.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    try:
        return int(args.handler(args))
    except cli.CliError as exc:
        print(f"error: {exc}")
        return 1


def _reminders() -> list[rem.Reminder]:
    with Store(paths.database_path()) as store:
        return rem.list_reminders(store, states=None)


def test_add_tomorrow_on_a_dst_eve_and_list(acme: Community, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("remind", "add", "acme", "--topic", "12", "--at", "tomorrow", "--if", "still-unanswered") == 0
    out = capsys.readouterr().out
    assert "Reminder #1 set for Sun 2026-03-29 09:00 (in 10 h): Follow up: Where is the meetup?" in out
    (reminder,) = _reminders()
    assert reminder.due_at == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert run("remind", "list") == 0
    out = capsys.readouterr().out
    assert "#1" in out and "acme" in out and "if still unanswered" in out and "in 10 h" in out
    assert run("remind", "list", "--due") == 0
    assert "No reminder is due." in capsys.readouterr().out


def test_member_and_note(acme: Community, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("remind", "add", "acme", "--member", "@zoe", "--at", "2026-04-01T10:00") == 0
    out = capsys.readouterr().out
    assert (
        "Nudge @zoe" in out
        and "not in the local copy" in out
        and "Suggested message:" in out
        and "@zoe" in out
    )
    assert run("remind", "add", "acme", "--note", "Prepare the newsletter", "--at", "in-a-week") == 0
    member, note = _reminders()
    assert member.due_at == dt.datetime(2026, 4, 1, 8, 0, tzinfo=UTC)  # 10:00 CEST
    assert (
        note.kind is rem.Kind.NOTE and note.due_at.astimezone(PARIS).strftime("%m-%d %H:%M") == "04-04 21:00"
    )


def test_done_snooze_reopen(
    acme: Community, fake_time: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    run("remind", "add", "acme", "--note", "Call the venue", "--at", "22:00")
    fake_time.advance(hours=1)
    assert run("remind", "list", "--due") == 0
    assert "Call the venue" in capsys.readouterr().out
    assert run("remind", "snooze", "1", "--until", "next-monday") == 0
    assert "snoozed until Mon 2026-03-30 09:00" in capsys.readouterr().out
    assert run("remind", "done", "1") == 0
    assert _reminders()[0].state is rem.State.DONE
    assert run("remind", "list") == 0
    assert "No reminders" in capsys.readouterr().out
    assert run("remind", "reopen", "1", "--at", "2026-04-02T08:00") == 0
    assert _reminders()[0].state is rem.State.OPEN


def test_conditional_reminder_resolves_in_list(acme: Community, capsys: pytest.CaptureFixture[str]) -> None:
    run("remind", "add", "acme", "--topic", "12", "--at", "tomorrow", "--if", "still-unanswered")
    with Store(paths.database_path()) as store:
        store.apply_batch(
            acme.id or 0,
            SyncBatch(
                posts=[
                    Post(
                        id="121",
                        topic_id="12",
                        post_number=2,
                        author_id="9",
                        username="bob",
                        created_at=NOW - dt.timedelta(hours=1),
                    )
                ]
            ),
        )
    capsys.readouterr()
    assert run("remind", "list", "--all") == 0
    out = capsys.readouterr().out
    assert "#1 resolved itself: answered by @bob today at 20:30" in out
    assert "resolved" in out


def test_export(acme: Community, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("remind", "add", "acme", "--topic", "12", "--at", "tomorrow")
    target = tmp_path / "out.ics"
    assert run("remind", "export", "--ics", str(target)) == 0
    assert "Exported 1 open reminder to" in capsys.readouterr().out
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert run("remind", "export", "--ics", str(tmp_path / "no" / "such" / "dir.ics")) == 1
    assert "Cannot write" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("remind", "add", "nope", "--note", "x", "--at", "tomorrow"), "No community named nope"),
        (("remind", "add", "acme", "--note", "x", "--at", "whenever"), "Cannot read 'whenever'"),
        (("remind", "add", "acme", "--note", "x", "--at", "2026-01-01T09:00"), "already past"),
        (("remind", "add", "acme", "--note", "x", "--at", "tomorrow", "--if", "no-new-reply"), "--if only"),
        (("remind", "add", "acme", "--member", "zoe", "--at", "tomorrow", "--mirror"), "--mirror only"),
        (("remind", "done", "42"), "no reminder #42"),
    ],
)
def test_mistakes_are_sentences(
    acme: Community, argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*argv) == 1
    out = capsys.readouterr().out
    assert message.lower() in out.lower() and "Traceback" not in out


def test_later_today_too_late(
    acme: Community, fake_time: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("remind", "add", "acme", "--note", "x", "--at", "later-today") == 1
    assert "too late" in capsys.readouterr().out
