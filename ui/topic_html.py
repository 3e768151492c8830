"""The reading pane's HTML for one topic: a header, then each post with its avatar, author and date.

Only this module writes markup around posts, and every piece of text that came from a community is
escaped here or sanitized by ``ui.sanitize``: the template is ours, the content never is.
Avatars are referenced as ``avatar:N`` images that the reading pane paints and adds to the
document itself: nothing is fetched.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette

from moderator.model import Community, Member, Post, Topic
from moderator.platforms import reports_topic_views
from moderator.textsafety import neutralize
from ui import timefmt
from ui.sanitize import sanitize_post_html

AVATAR_SIZE = 34

translate = QCoreApplication.translate


def stylesheet(palette: QPalette) -> str:
    """Document CSS in the palette's colours, so posts follow the light or dark scheme."""
    text = palette.color(QPalette.ColorRole.Text).name()
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    quote_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    rule = palette.color(QPalette.ColorRole.Midlight).name()
    return f"""
    body {{ color: {text}; }}
    a {{ color: {link}; text-decoration: none; }}
    h1.title {{ font-size: 17pt; font-weight: 600; margin: 0 0 4px 0; }}
    p.topicmeta {{ color: {muted}; margin: 0 0 14px 0; }}
    td.author {{ padding-left: 10px; }}
    span.name {{ font-weight: 600; }}
    span.meta {{ color: {muted}; }}
    span.mark {{ color: #c98a0b; font-weight: 600; }}
    span.staff {{ color: {link}; font-weight: 600; }}
    p.removed {{ color: {muted}; font-style: italic; }}
    p.small {{ color: {muted}; margin: 4px 0 4px 44px; }}
    blockquote {{ background-color: {quote_bg}; color: {text}; margin: 6px 0 6px 0; padding: 6px 10px; }}
    pre {{ background-color: {quote_bg}; padding: 6px; }}
    code {{ font-family: monospace; }}
    table.post {{ margin-top: 12px; margin-bottom: 4px; }}
    hr {{ color: {rule}; background-color: {rule}; height: 1px; border: none; }}
    """


def _marks(post: Post) -> list[str]:
    marks = []
    if post.deleted_at is not None or post.user_deleted:
        marks.append(translate("topic_html", "deleted"))
    if post.hidden:
        marks.append(translate("topic_html", "hidden"))
    if post.post_type == 4:
        marks.append(translate("topic_html", "whisper"))
    return marks


def _post_body(post: Post) -> str:
    if post.deleted_at is not None and not post.cooked:
        text = translate("topic_html", "This post was deleted.")
        return f'<p class="removed">{html.escape(text)}</p>'
    if post.user_deleted:
        text = translate("topic_html", "The author withdrew this post.")
        return f'<p class="removed">{html.escape(text)}</p>'
    body = sanitize_post_html(post.cooked)
    if not body and post.raw:
        body = "<p>" + html.escape(post.raw).replace("\n", "<br>") + "</p>"
    return body


def render_post(post: Post, member: Member | None, avatar_src: str) -> str:
    username = post.username or (member.username if member else "") or translate("topic_html", "unknown")
    if post.post_type == 3:  # a small action ("closed the topic"): one quiet line
        text = sanitize_post_html(post.cooked) or html.escape(post.raw or "")
        return f'<p class="small">{html.escape(username)} · {text} · {html.escape(timefmt.ago(post.created_at))}</p>'
    name = member.name if member and member.name else ""
    who = f'<span class="name">{html.escape(name or username)}</span>'
    if name and name != username:
        who += f' <span class="meta">@{html.escape(username)}</span>'
    if post.staff or (member is not None and member.staff):
        staff = translate("topic_html", "staff")
        who += f' <span class="staff">{html.escape(staff)}</span>'
    when = timefmt.short_datetime(post.created_at)
    meta = f'<span class="meta">{html.escape(when)} · #{post.post_number}'
    if post.like_count:
        meta += " · " + html.escape(translate("topic_html", "%n like(s)", None, post.like_count))
    meta += "</span>"
    marks = "".join(f' <span class="mark">{html.escape(m)}</span>' for m in _marks(post))
    avatar = f'<img src="{avatar_src}" width="{AVATAR_SIZE}" height="{AVATAR_SIZE}">'
    return (
        '<table class="post" width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="{AVATAR_SIZE}" valign="top">{avatar}</td>'
        f'<td class="author" valign="top">{who} &nbsp;{meta}{marks}{_post_body(post)}</td>'
        "</tr></table>"
    )


def render_topic(
    community: Community,
    topic: Topic,
    posts: Sequence[Post],
    *,
    member: Callable[[str | None], Member | None],
    category: str = "",
) -> tuple[str, dict[str, tuple[str, str]]]:
    """The topic's HTML and its avatars (``avatar:N`` -> (username, display name)) to paint.

    ``member(author_id)`` finds the authors' names and roles in the store.
    """
    meta = [community.title or community.name]
    if category:
        meta.append(category)
    meta.append(translate("topic_html", "%n reply(s)", None, topic.reply_count))
    if reports_topic_views(community):
        meta.append(translate("topic_html", "%n view(s)", None, topic.views))
    if topic.closed:
        meta.append(translate("topic_html", "closed"))
    if topic.archived:
        meta.append(translate("topic_html", "archived"))
    parts = [
        f'<h1 class="title">{html.escape(topic.title)}</h1>',
        f'<p class="topicmeta">{html.escape(" · ".join(meta))}</p>',
    ]
    if not posts:
        missing = translate("topic_html", "The posts of this topic are not in the local copy yet.")
        parts.append(f'<p class="removed">{html.escape(missing)}</p>')
    avatars: dict[str, tuple[str, str]] = {}
    sources: dict[str, str] = {}
    for index, post in enumerate(posts):
        author = member(post.author_id)
        username = post.username or (author.username if author else "")
        src = sources.setdefault(username, f"avatar:{len(sources)}")  # never a name inside a URL
        avatars[src] = (username, author.name if author and author.name else username)
        if index:
            parts.append("<hr>")
        parts.append(render_post(post, author, src))
    # Stored texts are cleaned at sync; what an older version stored is cleaned here too.
    return neutralize("\n".join(parts)), avatars
