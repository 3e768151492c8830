"""The reading pane shows no direction control (even from an older local copy) and no empty image link."""

from __future__ import annotations

from moderator.model import AuthKind, Community, Member, Platform, Post, Topic
from moderator.textsafety import BIDI_CONTROLS
from ui.sanitize import sanitize_post_html
from ui.topic_html import render_topic

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def test_a_stored_override_does_not_reach_the_reading_pane(qtbot) -> None:
    community = Community(
        name="acme", platform=Platform.DISCOURSE, base_url="https://acme.org", auth_kind=AuthKind.ADMIN_KEY
    )
    topic = Topic(id="1", title=f"Facture {RLO}fdp.exe", posts_count=1, highest_post_number=1)
    post = Post(
        id="10",
        topic_id="1",
        post_number=1,
        username=f"ann{RLO}",
        cooked=f"<p>Voir {LRI}ceci{PDI} et {RLO}cela</p>",
    )
    author = Member(id="5", username=f"ann{RLO}", name=f"{RLO}Ann")
    html, avatars = render_topic(community, topic, [post], member=lambda _id: author)
    assert not any(c in html for c in BIDI_CONTROLS)
    assert "Facture fdp.exe" in html and "ceci" in html


def test_a_linked_image_without_alt_text_is_not_an_empty_link(qtbot) -> None:
    out = sanitize_post_html(
        '<p><a class="lightbox" href="https://acme.org/uploads/big.png">'
        '<img src="https://acme.org/uploads/small.png" width="690"></a></p>'
    )
    assert out == '<p><a href="https://acme.org/uploads/big.png">[image]</a></p>'
