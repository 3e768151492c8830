"""Light syntax colouring for the composer: the writer sees structure (headings, emphasis, code,
quotes, @mentions, links) without leaving plain text, which is what the server receives."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ui import theme


def _format(
    *, colour: QColor | None = None, bold: bool = False, italic: bool = False, mono: bool = False
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if colour is not None:
        fmt.setForeground(colour)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["monospace"])
        fmt.setFontFixedPitch(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Line-based rules, plus a block state for fenced code (``` … ```), which spans lines."""

    _IN_FENCE = 1

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        muted = QColor(theme.CALM)
        self._heading = _format(colour=theme.ACCENT, bold=True)
        self._quote = _format(colour=muted, italic=True)
        self._code = _format(colour=QColor("#b0561c"), mono=True)
        self._rules: list[tuple[re.Pattern[str], QTextCharFormat]] = [
            (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), _format(bold=True)),
            (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)"), _format(italic=True)),
            (re.compile(r"`[^`\n]+`"), self._code),
            (re.compile(r"(?<![\w@])@[\w][\w.-]*"), _format(colour=theme.ACCENT, bold=True)),
            (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"), _format(colour=theme.ACCENT)),
            (re.compile(r"\[/?quote[^\]]*\]", re.IGNORECASE), _format(colour=muted, bold=True)),
            (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"), _format(colour=muted, bold=True)),
        ]

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        in_fence = self.previousBlockState() == self._IN_FENCE
        if text.lstrip().startswith("```"):
            self.setFormat(0, len(text), self._code)
            self.setCurrentBlockState(0 if in_fence else self._IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), self._code)
            self.setCurrentBlockState(self._IN_FENCE)
            return
        self.setCurrentBlockState(0)
        if re.match(r"^#{1,6}\s", text):
            self.setFormat(0, len(text), self._heading)
            return
        if text.startswith(">"):
            self.setFormat(0, len(text), self._quote)
        for pattern, fmt in self._rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)
