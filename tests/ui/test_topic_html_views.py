"""The reading pane's topic line counts views only where the platform reports them (no "0 views")."""

from __future__ import annotations

import pytest

from moderator.model import Community, Platform, Post, Topic
from ui.topic_html import render_topic


@pytest.mark.parametrize(
    ("platform", "shown"),
    [(Platform.DISCOURSE, True), (Platform.HUMHUB, False), (Platform.VIVAENGAGE, False)],
)
def test_views_are_counted_only_where_the_platform_reports_them(qtbot, platform: Platform, shown: bool) -> None:
    community = Community(name="c", platform=platform, base_url="https://c.example.org")
    topic = Topic(id="1", title="Badge printer", posts_count=2, reply_count=1, views=37, highest_post_number=2)
    post = Post(id="10", topic_id="1", post_number=1, username="ann", cooked="<p>Where?</p>")
    html, _avatars = render_topic(community, topic, [post], member=lambda _id: None)
    assert "1 repl" in html
    assert ("37 view" in html) is shown
    assert ("view" in html.split("Where?")[0]) is shown
