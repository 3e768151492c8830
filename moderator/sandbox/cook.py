"""The sandbox's Markdown "cooker": raw post text to the ``cooked`` HTML Discourse would send.

Discourse cooks with markdown-it (CommonMark, its typographer, single newlines as line breaks,
strikethrough, tables) plus its own BBCode and decorations. We do the same with markdown-it-py, so a
reply written in the app comes back as the site would show it: ``*italic*``, ``> quote`` and lists
render, they are not echoed literally. This module shares nothing with the app's ``moderator/markdown.py``
(the composer's preview): only the library, as Discourse and its editor preview do.

On top of CommonMark, what Discourse's PrettyText adds and the app's sanitizer and text extraction must
meet: ``[quote="name, post:N, topic:M"]`` as ``<aside class="quote">``, ``@name`` as
``<a class="mention">`` (only for existing users), ``:emoji:`` as ``<img class="emoji">``, a URL alone on
its line as an ``<aside class="onebox">``, and images with their size. Raw HTML in a post is escaped
(Discourse allows a small inert subset; escaping is the stricter and simpler choice here).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlparse

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_QUOTE_RE = re.compile(
    r'\[quote(?:="([^,"\]]+)(?:, post:(\d+))?(?:, topic:(\d+))?[^"\]]*")?\]\s*\n?(.*?)\n?\[/quote\]',
    re.S | re.I,
)
_MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_])")
_EMOJI_RE = re.compile(r":([a-z0-9_+\-]+):")
_ONEBOX_RE = re.compile(r'^<p><a href="(https?://[^"\s]+)">\1</a></p>$|^<p>(https?://\S+)</p>$', re.M)

EMOJI_NAMES = frozenset({"+1", "rocket", "slight_smile", "bulb", "clap", "tada", "heart", "wave", "smile"})

AvatarFor = Callable[[str], str]
IsUser = Callable[[str], bool]


def _emoji(name: str) -> str:
    return (
        f'<img src="/images/emoji/twitter/{name}.png?v=12" title=":{name}:" class="emoji" '
        f'alt=":{name}:" loading="lazy" width="20" height="20">'
    )


def _render_image(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = html.escape(renderer.renderInlineAsText(token.children or [], options, env))
    src = html.escape(str(token.attrGet("src") or ""))
    return f'<img src="{src}" alt="{alt}" width="690" height="388">'


def _render_text(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    escaped = html.escape(tokens[idx].content, quote=False)
    is_user: IsUser = env.get("is_user", lambda _n: False)

    def mention(m: re.Match[str]) -> str:
        name = m.group(1)
        if not is_user(name):
            return m.group(0)
        return f'<a class="mention" href="/u/{name.lower()}">@{name}</a>'

    escaped = _MENTION_RE.sub(mention, escaped)
    return _EMOJI_RE.sub(lambda m: _emoji(m.group(1)) if m.group(1) in EMOJI_NAMES else m.group(0), escaped)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "breaks": True, "typographer": True})
    md.enable(["strikethrough", "table", "replacements", "smartquotes"])
    md.add_render_rule("image", _render_image)
    md.add_render_rule("text", _render_text)
    return md


_MD = _parser()


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


def _markdown(text: str, is_user: IsUser) -> str:
    if not text.strip():
        return ""
    out = _MD.render(text, {"is_user": is_user}).strip()
    return _ONEBOX_RE.sub(lambda m: _onebox(html.unescape(m.group(1) or m.group(2))), out)


def _quote(
    username: str | None,
    post: str | None,
    topic: str | None,
    inner: str,
    avatar_for: AvatarFor,
    is_user: IsUser,
) -> str:
    body = cook(inner, is_user=is_user, avatar_for=avatar_for)
    if not username:
        return f'<aside class="quote no-group">\n<blockquote>\n{body}\n</blockquote>\n</aside>'
    avatar = avatar_for(username).replace("{size}", "24")
    name = html.escape(username.strip())
    data = f' data-username="{name}"'
    data += f' data-post="{post}"' if post else ""
    data += f' data-topic="{topic}"' if topic else ""
    return (
        f'<aside class="quote no-group"{data}>\n'
        f'<div class="title">\n<div class="quote-controls"></div>\n'
        f'<img loading="lazy" alt="" width="24" height="24" src="{avatar}" class="avatar"> {name}:</div>\n'
        f"<blockquote>\n{body}\n</blockquote>\n</aside>"
    )


def cook(
    raw: str,
    *,
    is_user: IsUser = lambda _n: False,
    avatar_for: AvatarFor = lambda _n: "/images/avatar.png",
) -> str:
    """Render ``raw`` to Discourse-like ``cooked`` HTML."""
    raw = raw.replace("\r\n", "\n")
    parts: list[str] = []
    pos = 0
    for m in _QUOTE_RE.finditer(raw):
        parts.append(_markdown(raw[pos : m.start()], is_user))
        parts.append(_quote(m.group(1), m.group(2), m.group(3), m.group(4), avatar_for, is_user))
        pos = m.end()
    parts.append(_markdown(raw[pos:], is_user))
    return "\n".join(p for p in parts if p)


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
