"""The participation headline: who ever published, who only read, and the 90-9-1 buckets, painted.

Drawn with QPainter because QtCharts is not part of PySide6-Essentials, and because two stacked
bars need nothing more. The top bar is the community (heavy contributors, contributors, members who
only read, members never seen reading); the thin bar under it is Nielsen's typical 1 / 9 / 90 split,
so the eye compares them without reading a number. Every number is also said in words
(``participation_words``), under the chart and to screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from moderator.insights import Participation, Segment
from ui.insight_models import SEGMENT_COLOURS

# The members who only read are the Readers tab's people: the same blue. Those who write get colours
# no tab uses (violet), so a colour means one thing across the view.
HEAVY = QColor("#6f42c1")
CONTRIBUTORS = QColor("#b39ddb")
READ_ONLY = SEGMENT_COLOURS[Segment.READER]
NEVER_SEEN_LIGHT = QColor("#c3cad2")
NEVER_SEEN_DARK = QColor("#4d555e")

TYPICAL = (0.01, 0.09, 0.90)  # heavy, contributors, lurkers (Nielsen 2006)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParticipationChart", text)


def percent(share: float) -> str:
    """ "12%", "<1%" for a small non-zero share (a 0 would say "nobody")."""
    if 0 < share < 0.005:
        return _tr("<1%")
    return _tr("%1%").replace("%1", QLocale().toString(round(share * 100)))


def number(value: int) -> str:
    return QLocale().toString(value)


def whole_percents(counts: list[int]) -> list[int]:
    """Whole percentages of ``counts`` that add up to exactly 100 (largest remainder), so the parts
    shown side by side (2 % + 22 % + 76 %) agree with their sums (24 % published)."""
    total = sum(counts)
    if total <= 0:
        return [0 for _ in counts]
    exact = [c * 100 / total for c in counts]
    out = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (exact[i] - out[i], counts[i]), reverse=True)
    for i in order[: 100 - sum(out)]:
        out[i] += 1
    return out


def shown_percent(value: int, count: int) -> str:
    """A whole percentage from ``whole_percents``; "<1%" for somebody rounded to nothing."""
    if value == 0 and count > 0:
        return _tr("<1%")
    return _tr("%1%").replace("%1", QLocale().toString(value))


def split(p: Participation) -> dict[str, tuple[int, int]]:
    """(people, whole percent) of each part of the bar, and of their sums, consistently rounded."""
    contributors = p.published - p.heavy
    parts = [p.heavy, contributors, p.read_only, p.never_seen]
    heavy, contrib, read_only, never = whole_percents(parts)
    return {
        "heavy": (p.heavy, heavy),
        "contributors": (contributors, contrib),
        "read_only": (p.read_only, read_only),
        "never_seen": (p.never_seen, never),
        "published": (p.published, heavy + contrib),
        "lurkers": (p.read_only + p.never_seen, read_only + never),
    }


def participation_words(p: Participation) -> str:
    """The chart in two sentences, every number spelled out (the same rounding as the chart's)."""
    if not p.members:
        return _tr("No members in the local copy yet: they arrive with the sync.")
    parts = split(p)

    def pct(key: str) -> str:
        people, value = parts[key]
        return shown_percent(value, people)

    first = (
        _tr("%1 of the %2 members ever published (%3); %4 only read (%5).")
        .replace("%1", pct("published"))
        .replace("%2", number(p.members))
        .replace("%3", number(p.published))
        .replace("%4", pct("read_only"))
        .replace("%5", number(p.read_only))
    )
    if p.never_seen:
        first += " " + _tr("%1 were never seen reading (%2).").replace("%1", pct("never_seen")).replace(
            "%2", number(p.never_seen)
        )
    second = (
        _tr(
            "90-9-1 here: %1 lurkers, %2 contributors, %3 heavy contributors — %4 people who wrote %5 of all posts."
        )
        .replace("%1", pct("lurkers"))
        .replace("%2", pct("contributors"))
        .replace("%3", pct("heavy"))
        .replace("%4", number(p.heavy))
        .replace("%5", percent(p.heavy_posts_share))
    )
    return f"{first}\n{second}"


class ParticipationChart(QWidget):
    """Two stacked bars and their key; ``set_participation(None)`` shows an empty bar."""

    BAR = 20.0
    TYPICAL_BAR = 8.0
    LABEL_WIDTH = 128.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participationChart")
        self.participation: Participation | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Participation"))
        self.setFixedHeight(self._height())

    def set_participation(self, participation: Participation | None) -> None:
        self.participation = participation
        self.setAccessibleDescription(participation_words(participation) if participation else "")
        self.setFixedHeight(self._height())
        self.update()

    def segments(self) -> list[tuple[str, int, int, QColor]]:
        """(label, people, whole percent of members, colour) of the community's bar, left to right.

        The percents add up to 100 (see ``whole_percents``), as the words under the chart say them.
        """
        p = self.participation
        never = NEVER_SEEN_DARK if self._dark() else NEVER_SEEN_LIGHT
        if p is None or not p.members:
            return []
        parts = split(p)
        return [
            (self.tr("Heavy contributors"), *parts["heavy"], HEAVY),
            (self.tr("Contributors"), *parts["contributors"], CONTRIBUTORS),
            (self.tr("Only read"), *parts["read_only"], READ_ONLY),
            (self.tr("Never seen reading"), *parts["never_seen"], never),
        ]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, self._height())

    def _key(self, top: float) -> list[tuple[QRectF, QRectF, str, QColor]]:
        """Where each entry of the key goes (swatch, text, words, colour), wrapping to the width."""
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        left, right = self.LABEL_WIDTH, self.width() - 4.0
        x, out = left, []
        for label, people, share, colour in self.segments():
            if not people:
                continue  # a key for nobody is noise; the words under the chart still say it
            entry = f"{label}  {number(people)} · {shown_percent(share, people)}"
            entry_width = metrics.horizontalAdvance(entry) + 16
            if x + entry_width > right and x > left:
                x, top = left, top + line + 2
            out.append(
                (
                    QRectF(x, top + (line - 10) / 2, 10, 10),
                    QRectF(x + 14, top, entry_width, line),
                    entry,
                    colour,
                )
            )
            x += entry_width + 14
        return out

    def _height(self) -> int:
        """Bars plus as many lines of key as the width needs (one, usually)."""
        line = QFontMetricsF(self.font()).height()
        key_top = 4.0 + self.BAR + 6 + self.TYPICAL_BAR + 10
        key = self._key(key_top)
        bottom = max((r.bottom() for _, r, _, _ in key), default=key_top + line)
        return int(bottom + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.setFixedHeight(self._height())

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        left, right = self.LABEL_WIDTH, self.width() - 4.0
        width = max(10.0, right - left)

        # The community's bar.
        top = 4.0
        painter.setPen(text)
        painter.drawText(
            QRectF(0, top, left - 10, self.BAR),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.tr("Members"),
        )
        segments = self.segments()
        members = max(1, sum(s[1] for s in segments))
        parts = [(s[1] / members, s[3], shown_percent(s[2], s[1])) for s in segments]
        self._bar(painter, QRectF(left, top, width, self.BAR), parts, labels=True)

        # The typical 90-9-1 split, thin and quiet, for comparison.
        top += self.BAR + 6
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(quiet)
        painter.drawText(
            QRectF(0, top - 3, left - 10, self.TYPICAL_BAR + 6),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.tr("Typical 1 / 9 / 90"),
        )
        typical = [
            (share, colour, "")
            for share, colour in zip(TYPICAL, (HEAVY, CONTRIBUTORS, READ_ONLY), strict=True)
        ]
        painter.setOpacity(0.7)
        self._bar(painter, QRectF(left, top, width, self.TYPICAL_BAR), typical, labels=False)
        painter.setOpacity(1.0)

        # The key: a swatch, the words, the count, the share.
        painter.setFont(self.font())
        for swatch, label_rect, entry, colour in self._key(top + self.TYPICAL_BAR + 10):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(swatch, 2, 2)
            painter.setPen(text)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, entry)
        top += self.TYPICAL_BAR + 10
        if not segments:
            painter.setPen(quiet)
            painter.drawText(
                QRectF(left, top, width, line), Qt.AlignmentFlag.AlignVCenter, self.tr("No members yet")
            )
        painter.end()

    def _bar(
        self, painter: QPainter, rect: QRectF, parts: list[tuple[float, QColor, str]], *, labels: bool
    ) -> None:
        """A rounded bar split into ``parts`` (share, colour, label); labels are drawn when they fit."""
        radius = min(4.0, rect.height() / 2)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        track = QColor(self.palette().color(QPalette.ColorRole.Mid))
        painter.setBrush(track)
        painter.drawRoundedRect(rect, radius, radius)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.setClipPath(path)
        x = rect.left()
        metrics = QFontMetricsF(painter.font())
        for share, colour, label in parts:
            w = rect.width() * share
            if w <= 0:
                continue
            segment = QRectF(x, rect.top(), w, rect.height())
            painter.setBrush(colour)
            painter.drawRect(segment)
            if labels and label and metrics.horizontalAdvance(label) + 8 < w:
                painter.setPen(QColor("#ffffff") if colour.lightness() < 170 else QColor("#1f2328"))
                painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, label)
                painter.setPen(Qt.PenStyle.NoPen)
            x += w
        painter.restore()
