"""The sanitizer on hostile HTML: nothing executable, nothing that loads, quotes folded."""

from __future__ import annotations

import pytest
from ui_fakes import HOSTILE_COOKED, QUOTE_COOKED

from ui.sanitize import sanitize_post_html


def test_scripts_handlers_and_styles_are_removed() -> None:
    out = sanitize_post_html(HOSTILE_COOKED)
    lowered = out.lower()
    for needle in (
        "<script",
        "alert",
        "onerror",
        "onclick",
        "onmouseover",
        "style=",
        "<iframe",
        "javascript:",
    ):
        assert needle not in lowered, needle
    assert '<a href="https://example.org/ok">good link</a>' in out
    assert "styled" in out


def test_remote_images_become_their_alt_text() -> None:
    out = sanitize_post_html(
        '<p>Hi <img src="https://tracker.example/p.gif" alt=":wave:"> <img src="x.png"></p>'
    )
    assert "<img" not in out
    assert "tracker" not in out
    assert out == "<p>Hi :wave: [image]</p>"  # an image without alt text still says it was there


@pytest.mark.parametrize(
    "hostile",
    [
        '<svg onload="alert(1)"><circle/></svg>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<object data="http://x/y.swf"></object>',
        '<link rel="stylesheet" href="http://x/s.css">',
        '<div style="background:url(http://x/y.png)">bg</div>',
        "<!-- <img src=http://x/> -->",
        '<table background="http://x/y.png"><tr><td>cell</td></tr></table>',
        '<p><img src="http://x/y.png" alt="&lt;script&gt;alert(1)&lt;/script&gt;"></p>',
    ],
)
def test_hostile_fragments_leave_nothing_active(hostile: str) -> None:
    out = sanitize_post_html(hostile).lower()
    for needle in (
        "<script",
        "onload",
        "data:",
        "vbscript",
        "<object",
        "<link",
        "url(",
        "http://x",
        "<img",
        "<svg",
        "<table",
    ):
        assert needle not in out, (needle, out)


def test_quote_is_folded_into_a_blockquote_with_its_author() -> None:
    out = sanitize_post_html(QUOTE_COOKED)
    assert "<aside" not in out
    assert "<div" not in out
    assert "cdn.example" not in out
    assert out.count("<blockquote>") == 1
    assert "<strong>alice</strong>" in out
    assert "Where do I find the agenda?" in out
    assert "<strong>Announcements</strong>" in out


def test_only_the_minimal_tags_survive() -> None:
    out = sanitize_post_html(
        "<h2>Title</h2><ul><li><em>a</em></li></ul><pre><code>x = 1</code></pre><span class=x>s</span><b>bold</b>"
    )
    assert (
        out == "<h2>Title</h2><ul><li><em>a</em></li></ul><pre><code>x = 1</code></pre>s<strong>bold</strong>"
    )


def test_empty_input() -> None:
    assert sanitize_post_html("") == ""
