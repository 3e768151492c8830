"""HumHub REST answers to the domain model (no I/O).

Shapes are those of the REST module's ``definitions/*.php`` (humhub/rest @ 1f69b3f, module 0.11.5),
which win over the OpenAPI files where they differ:

- lists: ``{"total", "page" (1-based), "pages", "links", "results"}`` (``BaseController::returnPagination``);
- a post: ``{"id", "message", "content": {"id", "metadata", "comments", "likes", "topics", "files"}}``;
  ``metadata`` has ``archived``, ``hidden``, ``pinned``, ``locked_comments``, ``state`` (1 published,
  100 deleted), ``visibility`` (0 private, 1 public), ``created_by``/``updated_by`` (UserShort),
  ``created_at``/``updated_at``, ``url``, ``contentcontainer_id``;
- the comment summary is ``{"total", "latest": [the last 2 comments]}`` (the OpenAPI file says
  ``latestComments``; both are read);
- a comment: ``{"id", "message", "objectModel", "objectId", "createdBy", "createdAt", "likes": {"total"},
  "files", "commentsCount"?, "comments"?}`` (sub-comments nested one level);
- a user: ``{"id", "guid", "display_name", "url", "account": {"username", "last_login", ...},
  "profile": {...}}``; UserShort is ``{"id", "guid", "display_name", "url"}`` (no username: it is the last
  part of the profile URL, ``/u/<username>/``). The REST user has **no join date**: a member's
  ``created_at`` comes from the earliest ``member_since`` of their space memberships when the account
  may read them (space admins), else stays unknown;
- dates are ``YYYY-MM-DD HH:MM:SS`` in the server's time zone (UTC on a default install; the community
  setting ``server_utc_offset_minutes`` corrects another one).

Ids: a topic is the post (its id is the one ``/post/{id}`` uses); its first ``Post`` is ``p<id>``, a
comment is ``c<id>`` with ``post_number`` 1 + its comment id (ids grow with time, so the order and the last
word hold without renumbering when comments arrive one by one); a sub-comment is ``s<id>`` and replies to
its parent's number (HumHub's comment totals count top-level comments only, so the prefixes let a sync
compare like with like).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from moderator import markdown
from moderator.model import Category, Member, Post, Topic, parse_time
from moderator.platforms.base import MalformedResponse

POST_MODEL = "humhub\\modules\\post\\models\\Post"
COMMENT_MODEL = "humhub\\modules\\comment\\models\\Comment"
STATE_PUBLISHED = 1
STATE_DELETED = 100
SPACE_VISIBILITY_ALL = 2  # Space::VISIBILITY_ALL; 1 registered users, 0 members only
TITLE_LENGTH = 90

_MENTION = re.compile(r"\[([^\]]*)\]\(mention:[^)]*\)")
_LINKED = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclasses.dataclass(slots=True)
class Page:
    results: list[Any]
    page: int
    pages: int
    total: int

    @property
    def more(self) -> bool:
        return self.page < self.pages


@dataclasses.dataclass(slots=True)
class PostBundle:
    """One post as the API gives it: the topic, its first post, the comments shown with it, the people."""

    topic: Topic
    first: Post
    comments: list[Post]
    members: list[Member]
    comments_total: int
    container_id: str


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return default


def _id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip()):
        return str(value).strip()
    return None


def when(value: Any, offset: dt.timedelta = dt.timedelta(0)) -> dt.datetime | None:
    """A HumHub date (``2021-05-13 09:33:00``, server time) as aware UTC; None when missing or garbled."""
    parsed = parse_time(value)
    if parsed is None:
        return None
    if isinstance(value, str) and not re.search(r"(Z|[+-]\d\d:?\d\d)$", value.strip()):
        parsed -= offset  # naive server time: UTC + offset
    return parsed


def page(body: Any, what: str) -> Page:
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise MalformedResponse(f"The server's {what} was not a HumHub result page.")
    number = max(1, _int(body.get("page"), 1))
    return Page(
        body["results"], number, max(number, _int(body.get("pages"), number)), _int(body.get("total"))
    )


def username_from_url(url: Any) -> str:
    """``https://hub.example.org/u/anna/`` → ``anna`` (``index.php?r=...&cguid=`` URLs give nothing)."""
    if not isinstance(url, str):
        return ""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    for index, part in enumerate(parts[:-1]):
        if part == "u":
            return unquote(parts[index + 1])
    return ""


def member_short(value: Any) -> Member | None:
    """UserShort: ``{"id", "guid", "display_name", "url"}``."""
    data = _dict(value)
    member_id = _id(data.get("id"))
    if member_id is None:
        return None
    name = data.get("display_name") if isinstance(data.get("display_name"), str) else ""
    username = username_from_url(data.get("url")) or str(data.get("guid") or member_id)
    guid = data.get("guid") if isinstance(data.get("guid"), str) and data["guid"].strip() else None
    # the guid is how the mail module addresses a member (``Member.address``)
    return Member(id=member_id, username=username, name=name or username, address=guid)


def member(value: Any, offset: dt.timedelta = dt.timedelta(0)) -> Member | None:
    """A full user (``/user``, ``/auth/current``): the username and ``last_login`` from ``account``."""
    data = _dict(value)
    short = member_short(data)
    if short is None:
        return None
    account = _dict(data.get("account"))
    if isinstance(account.get("username"), str) and account["username"].strip():
        short.username = account["username"].strip()
    short.last_seen_at = when(account.get("last_login"), offset)
    if not data.get("display_name"):
        profile = _dict(data.get("profile"))
        full = " ".join(str(profile.get(k) or "").strip() for k in ("firstname", "lastname")).strip()
        short.name = full or short.username
    return short


def space(value: Any) -> Category | None:
    data = _dict(value)
    container = _id(data.get("contentcontainer_id"))
    name = data.get("name")
    if container is None or not isinstance(name, str):
        return None
    url = str(data.get("url") or "")
    parts = [p for p in urlsplit(url).path.split("/") if p]
    slug = parts[-1] if len(parts) >= 2 and parts[-2] == "s" else str(data.get("guid") or "")
    return Category(
        id=container,
        name=name,
        slug=slug,
        read_restricted=_int(data.get("visibility"), SPACE_VISIBILITY_ALL) != SPACE_VISIBILITY_ALL,
        description=str(data.get("description") or ""),
    )


def _plain(message: str) -> str:
    text = _MENTION.sub(r"@\1", message)
    text = _LINKED.sub(r"\1", text)
    return re.sub(r"[#>*_`~]+", "", text)


def title_of(message: str) -> str:
    """HumHub posts have no title: the first non-empty line of the message, shortened on a word."""
    for line in _plain(message).splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= TITLE_LENGTH:
                return line
            cut = line[:TITLE_LENGTH].rsplit(" ", 1)[0]
            return (cut or line[:TITLE_LENGTH]) + "…"
    return "(no text)"


_MARKUP = re.compile(r"[*_\[\]#>`<&|~\\]|^\s*([-+]|\d+[.)])\s|https?://|\n\s*\n", re.MULTILINE)


def cooked(message: str) -> str:
    """HTML for the reading pane: plain text is escaped as is (most comments), markup is rendered."""
    if not _MARKUP.search(message):
        return "<p>" + html.escape(message).replace("\n", "<br>") + "</p>"
    return markdown.render(_MENTION.sub(r"**@\1**", message))


def comment_number(comment_id: str) -> int:
    return 1 + int(comment_id) if comment_id.isdigit() else 0


def comments(
    value: Any, topic_id: str, offset: dt.timedelta = dt.timedelta(0), *, parent_number: int | None = None
) -> tuple[list[Post], list[Member], int]:
    """Comments (and the sub-comments nested in them) as replies; returns posts, authors, skipped."""
    posts: list[Post] = []
    members: list[Member] = []
    skipped = 0
    for item in value if isinstance(value, list) else []:
        data = _dict(item)
        comment_id = _id(data.get("id"))
        message = data.get("message")
        if comment_id is None or not comment_id.isdigit() or not isinstance(message, str):
            skipped += 1
            continue
        author = member_short(data.get("createdBy"))
        if author is not None:
            members.append(author)
        number = comment_number(comment_id)
        parent = parent_number
        if parent is None and data.get("objectModel") == COMMENT_MODEL:
            parent = comment_number(str(data.get("objectId")))
        posts.append(
            Post(
                id=f"{'s' if parent else 'c'}{comment_id}",
                topic_id=topic_id,
                post_number=number,
                author_id=author.id if author else None,
                username=author.username if author else "",
                created_at=when(data.get("createdAt"), offset),
                raw=message,
                cooked=cooked(message),
                reply_to_post_number=parent,
                like_count=_int(_dict(data.get("likes")).get("total")),
            )
        )
        more, people, bad = comments(data.get("comments"), topic_id, offset, parent_number=number)
        posts += more
        members += people
        skipped += bad
    return posts, members, skipped


def post(value: Any, offset: dt.timedelta = dt.timedelta(0)) -> PostBundle | None:
    """A post (``/post``, ``/post/{id}``, an activity's source); None when malformed or not published."""
    data = _dict(value)
    post_id = _id(data.get("id"))
    message = data.get("message")
    content = _dict(data.get("content"))
    meta = _dict(content.get("metadata"))
    if post_id is None or not isinstance(message, str) or not meta:
        return None
    state = _int(meta.get("state"), STATE_PUBLISHED)
    created = when(meta.get("created_at"), offset)
    updated = when(meta.get("updated_at"), offset) or created
    author = member_short(meta.get("created_by"))
    summary = _dict(content.get("comments"))
    latest = summary.get("latest", summary.get("latestComments"))
    replies, members, _skipped = comments(latest, post_id, offset)
    members = ([author] if author else []) + members
    total = max(_int(summary.get("total")), len([r for r in replies if r.reply_to_post_number is None]))
    last_reply = max((r.created_at for r in replies if r.created_at), default=None)
    archived = bool(meta.get("archived"))
    topic = Topic(
        id=post_id,
        title=title_of(message),
        slug=permalink_path(meta.get("url")),
        category_id=_id(meta.get("contentcontainer_id")),
        author_id=author.id if author else None,
        created_at=created,
        bumped_at=max(filter(None, (updated, last_reply)), default=None),
        last_posted_at=last_reply or created,
        posts_count=1 + total,
        reply_count=total,
        highest_post_number=max([1] + [r.post_number for r in replies]),
        like_count=_int(_dict(content.get("likes")).get("total")),
        closed=archived or bool(meta.get("locked_comments")),
        archived=archived,
        pinned=bool(meta.get("pinned")),
        visible=not bool(meta.get("hidden")),
        has_accepted_answer=None,
        tags=tuple(
            str(t["name"]) for t in content.get("topics") or [] if isinstance(t, dict) and t.get("name")
        ),
        deleted_at=updated if state == STATE_DELETED else None,
        last_poster_username=(
            max(replies, key=lambda r: r.post_number).username
            if replies
            else (author.username if author else "")
        ),
        excerpt=" ".join(_plain(message).split())[:300],
    )
    if state not in (STATE_PUBLISHED, STATE_DELETED):
        return None  # drafts and scheduled posts are not part of the conversation yet
    first = Post(
        id=f"p{post_id}",
        topic_id=post_id,
        post_number=1,
        author_id=topic.author_id,
        username=author.username if author else "",
        created_at=created,
        updated_at=updated,
        raw=message,
        cooked=cooked(message),
        like_count=topic.like_count,
        deleted_at=topic.deleted_at,
    )
    return PostBundle(topic, first, replies, members, total, _id(meta.get("contentcontainer_id")) or "")


def permalink_path(url: Any) -> str:
    """The path and query of a content's permalink (``metadata.url``), kept as the topic's slug.

    ``moderator.links`` joins it to the community's own origin, so a subfolder install or an install
    without pretty URLs (``/index.php?r=content/perma&id=…``) links right, and another host never.
    """
    if not isinstance(url, str):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def url_of(value: Any) -> str:
    return str(_dict(_dict(_dict(value).get("content")).get("metadata")).get("url") or "")
