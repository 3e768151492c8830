"""A tiny Discourse-flavoured markdown "cooker" for the sandbox.

Why our own and not markdown-it: the sandbox must share nothing with the app (the app cooks drafts
with markdown-it for previews), and it only needs the constructs the generator writes: paragraphs,
lists, bold, inline code, links, images, @mentions, emoji, ``[quote]`` blocks and bare-URL oneboxes.
The HTML mimics what Discourse's PrettyText emits so the app's sanitizer and text extraction meet
realistic markup (``<aside class="quote">``, ``<a class="mention">``, ``<aside class="onebox">``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlparse

_QUOTE_RE = re.compile(r'\[quote="([^,"]+), post:(\d+), topic:(\d+)"\]\n(.*?)\n\[/quote\]', re.S)
_LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\((https?://[^)\s]+)\)")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_CODE_RE = re.compile(r"`([^`]+)`")
_MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_])")
_EMOJI_RE = re.compile(r":([a-z0-9_+\-]+):")
_URL_LINE_RE = re.compile(r"^https?://\S+$")

EMOJI_NAMES = frozenset({"+1", "rocket", "slight_smile", "bulb", "clap", "tada", "heart", "wave", "smile"})

AvatarFor = Callable[[str], str]


def _emoji(name: str) -> str:
    return (
        f'<img src="/images/emoji/twitter/{name}.png?v=12" title=":{name}:" class="emoji" '
        f'alt=":{name}:" loading="lazy" width="20" height="20">'
    )


def _inline(text: str, is_user: Callable[[str], bool]) -> str:
    """Escape, then re-introduce the inline constructs (so user-typed HTML stays inert)."""
    out = html.escape(text, quote=False).replace("'", "’")

    def link(m: re.Match[str]) -> str:
        bang, label, url = m.group(1), m.group(2), html.escape(m.group(3))
        if bang:
            return f'<img src="{url}" alt="{label}" width="690" height="388">'
        return f'<a href="{url}">{label}</a>'

    out = _LINK_RE.sub(link, out)
    out = _BOLD_RE.sub(r"<strong>\1</strong>", out)
    out = _CODE_RE.sub(r"<code>\1</code>", out)

    def mention(m: re.Match[str]) -> str:
        name = m.group(1)
        if not is_user(name):
            return m.group(0)
        return f'<a class="mention" href="/u/{name.lower()}">@{name}</a>'

    out = _MENTION_RE.sub(mention, out)
    return _EMOJI_RE.sub(lambda m: _emoji(m.group(1)) if m.group(1) in EMOJI_NAMES else m.group(0), out)


def _onebox(url: str) -> str:
    host = urlparse(url).netloc
    safe = html.escape(url)
    return (
        f'<aside class="onebox allowlistedgeneric" data-onebox-src="{safe}">\n'
        f'  <header class="source">\n\n      <a href="{safe}" target="_blank" rel="noopener">{host}</a>\n'
        f'  </header>\n\n  <article class="onebox-body">\n'
        f'    <img src="https://{host}/og-image.png" class="thumbnail" width="690" height="362">\n\n'
        f'<h3><a href="{safe}" target="_blank" rel="noopener">{host}</a></h3>\n\n  </article>\n\n'
        f'  <div style="clear: both"></div>\n</aside>'
    )


def _block(block: str, is_user: Callable[[str], bool]) -> str:
    lines = block.split("\n")
    if all(line.startswith("- ") for line in lines):
        items = "\n".join(f"<li>{_inline(line[2:], is_user)}</li>" for line in lines)
        return f"<ul>\n{items}\n</ul>"
    if block.startswith("## "):
        return f"<h2>{_inline(block[3:], is_user)}</h2>"
    if len(lines) == 1 and _URL_LINE_RE.match(block):
        return _onebox(block)
    return "<p>" + "<br>\n".join(_inline(line, is_user) for line in lines) + "</p>"


def _quote(
    username: str, post: str, topic: str, inner: str, avatar_for: AvatarFor, is_user: Callable[[str], bool]
) -> str:
    avatar = avatar_for(username).replace("{size}", "24")
    body = "\n".join(_block(b, is_user) for b in inner.split("\n\n") if b.strip())
    return (
        f'<aside class="quote no-group" data-username="{username}" data-post="{post}" data-topic="{topic}">\n'
        f'<div class="title">\n<div class="quote-controls"></div>\n'
        f'<img loading="lazy" alt="" width="24" height="24" src="{avatar}" class="avatar"> {username}:</div>\n'
        f"<blockquote>\n{body}\n</blockquote>\n</aside>"
    )


def cook(
    raw: str,
    *,
    is_user: Callable[[str], bool] = lambda _n: False,
    avatar_for: AvatarFor = lambda _n: "/images/avatar.png",
) -> str:
    """Render ``raw`` to Discourse-like ``cooked`` HTML."""
    parts: list[str] = []
    pos = 0
    for m in _QUOTE_RE.finditer(raw):
        parts.extend(_blocks(raw[pos : m.start()], is_user))
        parts.append(_quote(m.group(1), m.group(2), m.group(3), m.group(4), avatar_for, is_user))
        pos = m.end()
    parts.extend(_blocks(raw[pos:], is_user))
    return "\n".join(parts)


def _blocks(text: str, is_user: Callable[[str], bool]) -> list[str]:
    return [_block(b.strip("\n"), is_user) for b in re.split(r"\n\s*\n", text) if b.strip()]


def plain_text(cooked: str) -> str:
    """Strip tags (used for excerpts, like Discourse's ExcerptParser, roughly)."""
    text = re.sub(r"<aside.*?</aside>", "", cooked, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(re.sub(r"\s+", " ", text)).strip()


def excerpt(cooked: str, length: int = 220) -> tuple[str, bool]:
    """Excerpt as Discourse sends it: escaped text, ``&hellip;`` when truncated."""
    text = plain_text(cooked)
    if len(text) <= length:
        return html.escape(text, quote=False), False
    return html.escape(text[:length].rstrip(), quote=False) + "&hellip;", True
