"""Turn a platform's rendered post HTML into the small, inert subset the reading pane shows.

Post HTML is written by strangers: it is hostile until proven otherwise. Three passes:

1. ``nh3`` (the Rust ``ammonia`` sanitizer) keeps the minimal tags plus the pieces of Discourse quotes
   (``aside.quote``, its ``div.title``) and ``img[alt]``; scripts and styles go with their content,
   every event handler, style attribute and non-web link scheme goes.
2. A small ``html.parser`` pass folds each quote into a ``blockquote`` headed by who wrote it and
   replaces each image by its alt text (``:smile:``, or "[image]" when it has none), so nothing is
   ever fetched and no link is left empty.
3. ``nh3`` again with only the final tag set: whatever pass 2 produced, the output is minimal.

The reading pane then also refuses every resource load (``SafeTextBrowser.loadResource``): two locks.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import nh3
from PySide6.QtCore import QCoreApplication

FINAL_TAGS = frozenset(
    {"p", "br", "a", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li"}
    | {f"h{i}" for i in range(1, 7)}
)
FINAL_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_FIRST_TAGS = FINAL_TAGS | {"aside", "div", "img", "b", "i"}
_FIRST_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "aside": {"data-username"}, "img": {"alt"}}
_FIRST_CLASSES = {"aside": {"quote"}, "div": {"title"}}


class _QuoteFolder(HTMLParser):
    """Rewrites the first pass's output: aside.quote -> blockquote, img -> alt text, b/i -> strong/em."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._stack: list[str] = []  # what each open tag became: "quote", "title", "skip", or the tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        parent = self._stack[-1] if self._stack else ""
        if tag == "img":
            # Its alt text (":smile:"), or a word that says an image was there: never nothing, which
            # would leave an empty, invisible link around a linked image.
            alt = (attr.get("alt") or "").strip() or QCoreApplication.translate("sanitize", "[image]")
            self.out.append(html.escape(alt))
            return
        if tag == "aside":
            self._stack.append("quote" if "quote" in (attr.get("class") or "") else "skip")
            if self._stack[-1] == "quote":
                self.out.append("<blockquote>")
                username = attr.get("data-username")
                if username:
                    self.out.append(f"<p><strong>{html.escape(username)}</strong>:</p>")
                    self._stack[-1] = "quote-named"
            return
        if tag == "div":
            title = "title" in (attr.get("class") or "")
            if title and parent == "quote-named":
                self._stack.append("drop")  # the quote's header: we already wrote who
            elif title and parent == "quote":
                self._stack.append("title")
                self.out.append("<p><strong>")
            else:
                self._stack.append("skip")
            return
        if tag == "blockquote" and parent.startswith("quote"):
            self._stack.append("skip")  # the quote's inner blockquote: the aside already became one
            return
        if self._dropping():
            self._stack.append("drop")
            return
        mapped = {"b": "strong", "i": "em"}.get(tag, tag)
        self._stack.append(mapped)
        href = attr.get("href")
        if mapped == "a" and href:
            self.out.append(f'<a href="{html.escape(href, quote=True)}">')
        else:
            self.out.append(f"<{mapped}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._dropping():
            self.out.append("<br>")
        elif tag == "img" and not self._dropping():
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("img", "br") or not self._stack:
            return
        became = self._stack.pop()
        if became.startswith("quote"):
            self.out.append("</blockquote>")
        elif became == "title":
            self.out.append("</strong></p>")
        elif became not in ("skip", "drop"):
            self.out.append(f"</{became}>")

    def _dropping(self) -> bool:
        return "drop" in self._stack

    def handle_data(self, data: str) -> None:
        if not self._dropping():
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self._dropping():
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._dropping():
            self.out.append(f"&#{name};")


def sanitize_post_html(cooked: str) -> str:
    """The safe, minimal HTML for one post: see the module docstring for what is kept."""
    if not cooked:
        return ""
    first = nh3.clean(
        cooked,
        tags=set(_FIRST_TAGS),
        attributes=_FIRST_ATTRIBUTES,
        allowed_classes=_FIRST_CLASSES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    folder = _QuoteFolder()
    folder.feed(first)
    folder.close()
    return nh3.clean(
        "".join(folder.out),
        tags=set(FINAL_TAGS),
        attributes=FINAL_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
