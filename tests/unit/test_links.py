"""Links to topics built offline, per platform (reminders, their .ics, nudges, recurring posts)."""

from __future__ import annotations

from moderator.links import site_url, topic_url
from moderator.model import Community, Platform
from moderator.platforms.humhub import parse as humhub_parse


def test_discourse_topic_url_with_and_without_slug() -> None:
    forum = Community("f", Platform.DISCOURSE, "https://forum.example.org/")
    assert topic_url(forum, "42", "hello") == "https://forum.example.org/t/hello/42"
    assert topic_url(forum, "42") == "https://forum.example.org/t/-/42"


def test_humhub_topic_url_is_the_permalink_on_the_community_s_own_origin() -> None:
    hub = Community("h", Platform.HUMHUB, "https://intranet.example.org/humhub")
    permalink = humhub_parse.permalink_path("https://intranet.example.org/humhub/content/perma?id=109")
    assert permalink == "/humhub/content/perma?id=109"
    assert topic_url(hub, "12", permalink) == "https://intranet.example.org/humhub/content/perma?id=109"
    # No pretty URLs: the query is kept.
    plain = humhub_parse.permalink_path("https://intranet.example.org/index.php?r=content%2Fperma&id=7")
    assert topic_url(hub, "3", plain) == "https://intranet.example.org/index.php?r=content%2Fperma&id=7"
    # A server naming another host cannot send the user there; nothing known gives the site.
    elsewhere = humhub_parse.permalink_path("https://evil.example.net/content/perma?id=1")
    assert topic_url(hub, "1", elsewhere).startswith("https://intranet.example.org/")
    assert topic_url(hub, "1", "//evil.example.net/x") == "https://intranet.example.org/humhub"
    assert topic_url(hub, "1", "") == "https://intranet.example.org/humhub"


def test_humhub_parser_keeps_the_permalink_as_the_topic_slug() -> None:
    bundle = humhub_parse.post(
        {
            "id": 12,
            "message": "Who knows the expense tool?",
            "content": {
                "metadata": {
                    "id": 109,
                    "url": "http://localhost/p/humhub/master/content/perma?id=109",
                    "created_at": "2026-05-01 09:00:00",
                    "created_by": {
                        "id": 3,
                        "guid": "g",
                        "display_name": "Ana",
                        "url": "http://localhost/u/ana/",
                    },
                }
            },
        }
    )
    assert bundle is not None
    assert bundle.topic.slug == "/p/humhub/master/content/perma?id=109"


def test_viva_engage_topic_url_is_the_thread_page() -> None:
    viva = Community(
        "v", Platform.VIVAENGAGE, "https://www.yammer.com/api/v1", settings={"network_permalink": "acme.com"}
    )
    assert site_url(viva) == "https://www.yammer.com/acme.com"
    assert topic_url(viva, "9001") == "https://www.yammer.com/acme.com/threads/9001"
    bare = Community("v2", Platform.VIVAENGAGE, "https://www.yammer.com/api/v1/")
    assert topic_url(bare, "5") == "https://www.yammer.com/threads/5"
