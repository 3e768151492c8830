"""Nudges' core: language choice, saved texts and placeholders, the history's rest, who could answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from moderator.model import UTC, AuthKind, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.nudges import answerers, history, language, texts
from moderator.nudges.texts import Purpose
from moderator.store import Store

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
FR = "Bonjour, je pense que vous avez raison et nous devons avancer sur ce sujet avec les équipes de la maison."
EN = "Hello, I think that you are right and we should move on this with the teams, which would be great for us."


def _post(pid: int, topic: str, number: int, author: Member, text: str, days_ago: float) -> Post:
    return Post(
        id=str(pid),
        topic_id=topic,
        post_number=number,
        author_id=author.id,
        username=author.username,
        created_at=NOW - dt.timedelta(days=days_ago),
        cooked=f"<p>{text}</p>",
    )


@pytest.fixture
def world(tmp_path: Path) -> tuple[Store, Community, dict[str, Member]]:
    return build(Store(tmp_path / "n.sqlite3"))


def build(store: Store) -> tuple[Store, Community, dict[str, Member]]:
    community = store.add_community(
        Community(
            name="c",
            platform=Platform.DISCOURSE,
            base_url="https://f.test",
            username="anim",
            auth_kind=AuthKind.USER_KEY,
            settings={"team_usernames": ["helper"]},
        )
    )
    names = ["anim", "helper", "asker", "vpnexpert", "chatty", "reader", "quietfr"]
    m = {
        n: Member(id=str(i + 1), username=n, name=n.title(), created_at=NOW - dt.timedelta(days=400))
        for i, n in enumerate(names)
    }
    topics, posts, pid = [], [], 0

    def topic(
        tid: str, cat: str, title: str, author: Member, days: float, replies: list[tuple[Member, str]]
    ) -> None:
        nonlocal pid
        topics.append(
            Topic(
                id=tid,
                title=title,
                category_id=cat,
                author_id=author.id,
                created_at=NOW - dt.timedelta(days=days),
                posts_count=1 + len(replies),
                reply_count=len(replies),
                highest_post_number=1 + len(replies),
            )
        )
        pid += 1
        posts.append(_post(pid, tid, 1, author, title, days))
        for n, (who, text) in enumerate(replies, start=2):
            pid += 1
            posts.append(_post(pid, tid, n, who, text, days - 0.1 * n))

    for i in range(4):  # the VPN expert answers VPN questions
        topic(
            f"v{i}",
            "1",
            f"VPN certificate expired on laptop {i}",
            m["asker"],
            60 - i,
            [(m["vpnexpert"], "Renew the VPN certificate from the portal, then restart the tunnel.")],
        )
    for i in range(6):  # chatty talks a lot about the canteen
        topic(
            f"c{i}",
            "2",
            f"Canteen menu this week {i}",
            m["asker"],
            50 - i,
            [
                (m["chatty"], "The canteen menu looks great, vegetarian lunch on Friday."),
                (m["helper"], "Thanks, the canteen team will be happy."),
            ],
        )
    topic("q", "1", "VPN certificate error when connecting from home", m["asker"], 1, [])
    topic("fr", "2", "Idée pour la cantine", m["quietfr"], 120, [(m["quietfr"], FR), (m["quietfr"], FR)])
    store.apply_batch(
        community.id,
        SyncBatch(  # type: ignore[arg-type]
            categories=[Category(id="1", name="IT"), Category(id="2", name="Life")],
            members=list(m.values()),
            topics=topics,
            posts=posts,
        ),
    )
    return store, community, m


def test_detect_and_choose_language(world: tuple[Store, Community, dict[str, Member]]) -> None:
    store, community, _ = world
    assert language.detect([FR, FR]) == "fr" and language.detect([EN, EN]) == "en"
    assert language.detect(["ok"]) is None
    choice = language.choose_language(store, community.id, "quietfr", ui_language="en")  # type: ignore[arg-type]
    assert choice == language.LanguageChoice("fr", language.Source.MEMBER)
    never = language.choose_language(store, community.id, "reader", ui_language="fr", setting="en_GB")  # type: ignore[arg-type]
    assert never == language.LanguageChoice("en", language.Source.SETTING)


def test_texts_fill_drop_unknown_topics_and_keep_user_versions(
    world: tuple[Store, Community, dict[str, Member]],
) -> None:
    store, community, _ = world
    quiet = texts.prepare(store, community, "quietfr", Purpose.GONE_QUIET, "fr")
    assert "Idée pour la cantine" in quiet.body  # their last topic
    assert "{" not in quiet.body and quiet.title == "Vos contributions nous manquent, Quietfr"
    assert texts.fill("A {open_topic}\n\nB", {}) == "B"  # no open question: that paragraph goes
    # No name to sign with (an account without one): no raw "{my_name}" goes out.
    assert texts.fill("Hi {first_name},\n\nThanks!\n\n{my_name}", {"first_name": "Ana"}) == "Hi Ana,\n\nThanks!"
    assert texts.fill("Thanks, {my_name}", {}) == "Thanks"
    assert texts.fill("Thanks,\n\n{my_name}", {"my_name": "Camille"}) == "Thanks,\n\nCamille"
    texts.save_text(store, Purpose.READER, "en", "Hello {first_name}", "My own words, {first_name}.")
    mine = texts.prepare(store, community, "reader", Purpose.READER, "en")
    assert (mine.title, mine.body) == ("Hello Reader", "My own words, Reader.")
    assert texts.reset_text(store, Purpose.READER, "en").edited is False


def test_answerers_rank_the_expert_explain_and_leave_out(
    world: tuple[Store, Community, dict[str, Member]],
) -> None:
    store, community, m = world
    cid = community.id
    assert cid is not None
    ranked = answerers.rank_answerers(store, cid, "q", now=NOW)
    assert ranked[0].username == "vpnexpert"
    assert ranked[0].similar_topics == 4 and "IT" in ranked[0].why and "vpn" in ranked[0].why
    names = {s.username for s in ranked}
    assert not names & {"asker", "anim", "helper"}  # the author, the synced account, the team
    # Invited 3 days ago: rests for 30 days, unless the user insists.
    history.record(
        store,
        cid,
        "vpnexpert",
        kind=history.Kind.INVITATION,
        channel=history.Channel.PRIVATE_MESSAGE,
        body="x",
        now=NOW - dt.timedelta(days=3),
    )
    assert "vpnexpert" not in {s.username for s in answerers.rank_answerers(store, cid, "q", now=NOW)}
    insisted = answerers.rank_answerers(store, cid, "q", now=NOW, insist=True)
    expert = next(s for s in insisted if s.username == "vpnexpert")
    assert expert.rested_until is not None and expert.invitations == 1
    assert "were already asked 1 time in the last 3 months" in expert.why
    fr = answerers.explain(expert, "fr", now=NOW)
    assert fr.startswith("avez répondu à 4 sujets semblables")


# -- the command line -------------------------------------------------------------------------------------


def _run(*argv: str) -> int:
    import argparse

    from moderator import cli, cli_nudges

    parser = argparse.ArgumentParser(prog="community-moderator")
    cli_nudges.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    try:
        return int(args.handler(args))
    except cli.CliError as exc:
        print(f"error: {exc}")
        return 1


def test_cli_nudge_and_answerers(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from moderator import outbox, paths

    with Store(paths.database_path()) as store:
        build(store)
    assert _run("nudge", "c", "quietfr") == 0
    assert "Queued private message" in capsys.readouterr().out
    assert _run("nudge", "c", "quietfr") == 1  # nudged a moment ago: refused without --insist
    assert "already nudged today" in capsys.readouterr().out
    assert _run("nudge", "c", "nobody") == 1
    assert "No member @nobody" in capsys.readouterr().out
    with Store(paths.database_path()) as store:
        [item] = outbox.list_items(store)
        assert item.recipients == ["quietfr"] and item.pm_title.startswith("Vos contributions")
    assert _run("answerers", "c", "q", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"username", "score", "why", "similar_topics", "category_replies"} <= set(rows[0])
    assert _run("answerers", "c", "nope") == 1
