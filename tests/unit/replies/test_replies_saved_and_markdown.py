"""Saved replies (shipped FR/EN, user edits, placeholders) and the preview's Markdown (safe, quotes)."""

from __future__ import annotations

import pytest

from moderator import markdown, saved_replies
from moderator.saved_replies import SavedReply
from tests.helpers.posting_double import World

# -- saved replies ---------------------------------------------------------------------------------------


def test_shipped_replies_cover_four_situations_in_french_and_english() -> None:
    shipped = saved_replies.shipped_replies()
    keys = {r.shipped_key for r in shipped}
    for situation in ("welcome_newcomer", "thanks_for_idea", "invite_silent_member", "point_to_answer"):
        assert {f"{situation}:fr", f"{situation}:en"} <= keys
    used = {p for r in shipped for p in saved_replies._PLACEHOLDER_RE.findall(r.body)}
    assert used <= set(saved_replies.PLACEHOLDERS)


def test_fill_leaves_unknown_and_empty_placeholders_visible_and_braces_alone() -> None:
    text = 'Hi {first_name} from {community}, {unknown} {my_name} `{"json": 1}` {0} {'
    filled = saved_replies.fill(text, {"first_name": "Bob", "community": "Acme", "my_name": ""})
    assert filled == 'Hi Bob from Acme, {unknown} {my_name} `{"json": 1}` {0} {'


def test_placeholder_values_from_the_topic_and_members(world: World) -> None:
    values = saved_replies.placeholder_values(world.store, world.community, "10")
    assert values == {
        "community": "Acme Ideas",
        "topic_title": "Remote work ideas",
        "username": "bob",  # the topic's author by default
        "first_name": "Bob",
        "my_name": "Ann Animator",
    }
    carol = saved_replies.placeholder_values(
        world.store, world.community, "10", member_username="carol", my_name="A."
    )
    assert (carol["first_name"], carol["my_name"]) == ("carol", "A.")  # no full name: the username


def test_edit_hide_and_restore_shipped_replies(world: World) -> None:
    store = world.store
    welcome = next(
        r for r in saved_replies.list_saved_replies(store) if r.shipped_key == "welcome_newcomer:fr"
    )
    edited = saved_replies.save_saved_reply(
        store, SavedReply("Bienvenue !", "Salut {first_name}", "fr", welcome.shipped_key)
    )
    listed = {r.shipped_key: r for r in saved_replies.list_saved_replies(store) if r.shipped}
    assert listed["welcome_newcomer:fr"].body == "Salut {first_name}" and edited.id is not None
    saved_replies.delete_saved_reply(store, listed["welcome_newcomer:fr"])
    assert "welcome_newcomer:fr" not in {r.shipped_key for r in saved_replies.list_saved_replies(store)}
    saved_replies.restore_shipped(store)
    restored = {r.shipped_key: r for r in saved_replies.list_saved_replies(store) if r.shipped}
    assert restored["welcome_newcomer:fr"].body == welcome.body


def test_user_replies_and_language_order(world: World) -> None:
    store = world.store
    mine = saved_replies.save_saved_reply(store, SavedReply("Merci", "Merci {first_name} !", "fr"))
    assert mine.id is not None and mine.key == f"user:{mine.id}"
    saved_replies.save_saved_reply(store, SavedReply("Merci beaucoup", "Merci !", "fr", id=mine.id))
    listed = saved_replies.list_saved_replies(store, language="en")
    assert listed[0].language == "en"
    assert [r.title for r in listed if not r.shipped] == ["Merci beaucoup"]
    saved_replies.delete_saved_reply(store, listed[-1])
    assert all(r.shipped for r in saved_replies.list_saved_replies(store))


def test_member_usernames_most_active_first(world: World) -> None:
    assert saved_replies.member_usernames(world.store, world.cid) == ["ann", "carol", "bob"]


# -- markdown -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="https://tracker.example/p.gif" onerror="alert(1)">',
        "![pixel](https://tracker.example/p.gif)",
        '<iframe src="https://evil.example"></iframe>',
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '<p style="background:url(https://tracker.example/bg)">x</p>',
        "<link rel=stylesheet href=https://evil.example/s.css>",
        '<svg onload="alert(1)"></svg>',
        "<object data=https://evil.example></object>",
    ],
)
def test_preview_never_runs_scripts_or_loads_anything(hostile: str) -> None:
    html = markdown.render(f"Hello\n\n{hostile}\n\nbye").lower()
    for bad in (
        "<script",
        "<img",
        "<iframe",
        'href="javascript',
        "style=",
        "<link",
        "onload",
        "onerror",
        "<svg",
        "<object",
        "src=",
    ):
        assert bad not in html


def test_commonmark_and_mentions() -> None:
    html = markdown.render(
        "# Title\n\n**bold** and *it* with `code` and @alice.\n\n- one\n- two\n\n[site](https://a.example)"
    )
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert '<span class="mention">@alice</span>' in html
    assert "<li>one</li>" in html and '<a href="https://a.example">site</a>' in html
    assert "<code>@alice</code>" in markdown.render("`@alice`")  # no mention inside code
    assert "mention" not in markdown.render("mail me at ann@example.org")
    assert "[🖼 a cat]" in markdown.render("![a cat](https://x.example/cat.png)")
    assert markdown.render("   ") == ""


def test_discourse_quotes_nested_and_unclosed() -> None:
    block = markdown.quote_block("I like it", username="carol", post_number=2, topic_id="10")
    assert block == '[quote="carol, post:2, topic:10"]\nI like it\n[/quote]\n\n'
    html = markdown.render(
        block + '[quote="bob"]\nouter\n[quote="dan, post:1"]\ninner\n[/quote]\n[/quote]\nafter'
    )
    assert html.count("<blockquote>") == 3 and html.count("</blockquote>") == 3
    assert "carol:" in html and "dan:" in html and "<p>after</p>" in html
    unclosed = markdown.render('[quote="eve"]\nnever closed')
    assert unclosed.count("<blockquote>") == 1 and "</blockquote>" in unclosed
    assert "[/quote]" in markdown.render("a stray [/quote] tag")


def test_char_count_ignores_surrounding_blanks() -> None:
    assert markdown.char_count("  \n hello \n") == 5
