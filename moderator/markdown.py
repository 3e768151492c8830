"""The composer's preview: CommonMark (markdown-it-py) plus Discourse's ``[quote]`` blocks, sanitized.

What the user types is the user's, but a pasted snippet or a quoted post is not: the preview must
never run a script or fetch anything (a remote image is a tracking pixel; a stylesheet could leak
what is being written). So raw HTML is allowed by CommonMark and then cut down by ``nh3`` (ammonia) to
inert tags, images are rendered as their alt text and never as ``<img>``, and the Qt preview also
refuses every resource load. Two locks, like the reading pane.

``[quote="alice, post:3, topic:42"]…[/quote]`` is Discourse's quote syntax (BBCode, not Markdown):
it is parsed here, nesting included, into a ``blockquote`` headed by who is quoted, its inside rendered
as Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from moderator.textsafety import neutralize

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "a", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "del", "s", "span"}
    | {f"h{i}" for i in range(1, 7)}
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "ol": {"start"}}  # class: ALLOWED_CLASSES
ALLOWED_CLASSES = {"span": {"mention", "image", "quote-author"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_QUOTE_TAG_RE = re.compile(r"\[quote(?:=\"([^\"\]]*)\")?\]|\[/quote\]", re.IGNORECASE)
_MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_][\w.-]*[\w]|[A-Za-z0-9_])")


# Render rules are bound to the renderer (``function.__get__(renderer)``): it comes first.
def _render_image(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="image">[🖼 {html.escape(alt or "image")}]</span>'


def _render_text(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    escaped = html.escape(tokens[idx].content, quote=False)
    return _MENTION_RE.sub(r'<span class="mention">@\1</span>', escaped)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.add_render_rule("image", _render_image)
    md.add_render_rule("text", _render_text)
    return md


_MD = _parser()


def sanitize(fragment: str) -> str:
    """Only inert markup survives: no script, style, iframe, image, form, event handler or odd scheme."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def _quote_header(attribution: str | None) -> str:
    if not attribution:
        return ""
    username = attribution.split(",")[0].strip()
    return f'<p><span class="quote-author">{html.escape(username)}:</span></p>' if username else ""


def _render_segments(text: str) -> str:
    """Markdown, with ``[quote]`` blocks turned into blockquotes (nesting handled with a stack)."""
    out: list[str] = []
    stack: list[tuple[list[str], str]] = []  # (outer output, header) for each open quote
    pos = 0
    current = out
    for match in _QUOTE_TAG_RE.finditer(text):
        current.append(_MD.render(text[pos : match.start()]))
        pos = match.end()
        if match.group(0).lower().startswith("[/"):
            if not stack:  # a stray closing tag stays visible as typed
                current.append(_MD.render(match.group(0)))
                continue
            outer, header = stack.pop()
            outer.append(f"<blockquote>{header}{''.join(current)}</blockquote>")
            current = outer
        else:
            stack.append((current, _quote_header(match.group(1))))
            current = []
    current.append(_MD.render(text[pos:]))
    while stack:  # unclosed quotes: close them, as Discourse does at the end of the post
        outer, header = stack.pop()
        outer.append(f"<blockquote>{header}{''.join(current)}</blockquote>")
        current = outer
    return "".join(current)


def render(text: str) -> str:
    """Safe HTML for the preview of ``text`` (Markdown as the user types it)."""
    if not text.strip():
        return ""
    return neutralize(sanitize(_render_segments(text)))


def quote_block(text: str, *, username: str, post_number: int | None, topic_id: str | None) -> str:
    """Discourse's quote of (part of) a post, ready to insert, followed by an empty line to write on."""
    parts = [username]
    if post_number is not None:
        parts.append(f"post:{post_number}")
    if topic_id is not None:
        parts.append(f"topic:{topic_id}")
    body = text.strip("\n")
    return f'[quote="{", ".join(parts)}"]\n{body}\n[/quote]\n\n'


def char_count(text: str) -> int:
    """What the server counts against its minimum length: the text without surrounding blanks."""
    return len(text.strip())
