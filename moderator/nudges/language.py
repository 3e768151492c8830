"""Which language to write a nudge in: the member's, else the community's usual one, else the UI's.

The platforms' member lists do not carry a member's locale (Discourse keeps it on the profile page
only), so "the member's language" is read from what they wrote, when they wrote enough; a reader who
never posted has none, and the community's usual language (read from its recent posts) decides. Only
French and English have saved texts: anything else falls through to the next source.

Detection counts a handful of frequent, unambiguous function words of each language: crude, but the
question is only "French or English?" over whole posts, which this answers reliably from a few dozen words.
"""

from __future__ import annotations

import dataclasses
import enum
import re

from moderator.store import Store

LANGUAGES = ("fr", "en")
MIN_EVIDENCE = 12  # function words needed before a language is called
COMMUNITY_SAMPLE = 400  # recent posts read to find the community's language
MEMBER_SAMPLE = 40

_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "et",
        "est",
        "sont",
        "vous",
        "nous",
        "des",
        "du",
        "pour",
        "avec",
        "cette",
        "une",
        "pas",
        "que",
        "qui",
        "sur",
        "dans",
        "aux",
        "mais",
        "je",
        "il",
        "elle",
        "ils",
        "ont",
        "être",
        "avons",
        "avez",
        "votre",
        "notre",
        "merci",
        "bonjour",
        "très",
        "aussi",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "you",
        "we",
        "of",
        "for",
        "with",
        "this",
        "that",
        "have",
        "not",
        "was",
        "were",
        "our",
        "your",
        "thanks",
        "hello",
        "it",
        "they",
        "there",
        "what",
        "which",
        "would",
        "could",
        "should",
        "from",
        "about",
    ]
)
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüœ']+")


class Source(enum.StrEnum):
    MEMBER = "member"  # from the member's own posts
    COMMUNITY = "community"  # the community's usual language
    SETTING = "setting"  # the community's ``language`` setting
    UI = "ui"  # the app's language


@dataclasses.dataclass(frozen=True, slots=True)
class LanguageChoice:
    language: str  # "fr" or "en"
    source: Source


def detect(texts: list[str]) -> str | None:
    """``fr``, ``en`` or None (not enough words, or neither clearly)."""
    fr = en = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            fr += word in _FR
            en += word in _EN
    if fr + en < MIN_EVIDENCE:
        return None
    if fr >= 1.5 * en:
        return "fr"
    if en >= 1.5 * fr:
        return "en"
    return None


def member_language(store: Store, community_id: int, username: str) -> str | None:
    rows = (
        store.read()
        .execute(
            "SELECT text FROM posts WHERE community_id=? AND username=? COLLATE NOCASE AND post_type=1"
            " ORDER BY created_at DESC LIMIT ?",
            (community_id, username, MEMBER_SAMPLE),
        )
        .fetchall()
    )
    return detect([r[0] for r in rows])


def community_language(store: Store, community_id: int) -> str | None:
    rows = (
        store.read()
        .execute(
            "SELECT text FROM posts WHERE community_id=? AND post_type=1 ORDER BY created_at DESC LIMIT ?",
            (community_id, COMMUNITY_SAMPLE),
        )
        .fetchall()
    )
    return detect([r[0] for r in rows])


def choose_language(
    store: Store, community_id: int, username: str | None, *, ui_language: str, setting: str = ""
) -> LanguageChoice:
    """The member's language, else the community's (its setting, else detected), else the UI's."""
    if username:
        found = member_language(store, community_id, username)
        if found:
            return LanguageChoice(found, Source.MEMBER)
    if setting[:2].lower() in LANGUAGES:
        return LanguageChoice(setting[:2].lower(), Source.SETTING)
    found = community_language(store, community_id)
    if found:
        return LanguageChoice(found, Source.COMMUNITY)
    ui = ui_language[:2].lower()
    return LanguageChoice(ui if ui in LANGUAGES else "en", Source.UI)
