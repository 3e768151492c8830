"""The left pane: a list view over ``SidebarModel`` with a delegate that paints icons, dots and badges."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from moderator.model import Community
from ui import icons, theme
from ui.sidebar_model import (
    AVAILABLE_ROLE,
    BADGE_ROLE,
    COMMUNITY_ROLE,
    ICON_NAME_ROLE,
    KEY_ROLE,
    KIND_ROLE,
    STATE_ROLE,
    SidebarModel,
    community_key,
)
from ui.views import ViewSpec

STATE_COLOURS = {
    "synced": theme.SYNCED,
    "syncing": theme.SYNCING,
    "offline": theme.OFFLINE,
    "error": theme.ERROR,
}
ROW_HEIGHT = 30
ICON = 18
ICON_LEFT = 16  # from the row's left edge to the icon
TEXT_MARGINS = ICON_LEFT + ICON + 22  # what a row leaves around its name, badge aside


def badge_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    small.setWeight(QFont.Weight.DemiBold)
    return small


def badge_room(font: QFont, text: str) -> int:
    """The width a badge pill showing ``text`` takes, with its gap before the name."""
    return max(22, QFontMetrics(badge_font(font)).horizontalAdvance(text) + 12) + 8


class SidebarDelegate(QStyledItemDelegate):
    """Paints a row like a mail client's folder list: icon, title, a badge pill on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        height = ROW_HEIGHT + (10 if index.data(KIND_ROLE) == "header" else 0)
        return QSize(option.rect.width(), height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette  # type: ignore[attr-defined]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        kind = index.data(KIND_ROLE)
        if kind == "header":
            self._paint_header(painter, palette, rect, str(index.data()))
            painter.restore()
            return
        selected = bool(state & QStyle.StateFlag.State_Selected)
        card = QRectF(rect).adjusted(6, 1, -6, -1)
        if selected:
            colour = palette.color(QPalette.ColorRole.Highlight)
            if not (option.widget and option.widget.hasFocus()):  # type: ignore[attr-defined]
                colour.setAlpha(150)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(card, 6, 6)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(card, 6, 6)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        )
        available = index.data(AVAILABLE_ROLE) is not False
        if not available and not selected:
            text_colour = palette.color(QPalette.ColorRole.PlaceholderText)
        icon_rect = QRect(rect.left() + ICON_LEFT, rect.center().y() - ICON // 2 + 1, ICON, ICON)
        if kind == "community":
            icons.platform_icon(str(index.data(ICON_NAME_ROLE))).paint(painter, icon_rect)
            self._paint_dot(painter, palette, icon_rect, str(index.data(STATE_ROLE)), selected)
        else:
            name = str(index.data(ICON_NAME_ROLE) or "view-topics")
            painter.drawPixmap(icon_rect, icons.tinted_pixmap(name, text_colour, ICON))
        badge = int(index.data(BADGE_ROLE) or 0)
        badge_width = self._paint_badge(painter, palette, rect, badge, selected) if badge else 0
        font = QFont(option.font)  # type: ignore[attr-defined]
        if kind == "all":
            font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(text_colour)
        text_rect = QRect(
            icon_rect.right() + 10,
            rect.top(),
            rect.width() - TEXT_MARGINS - badge_width,
            rect.height(),
        )
        text = QFontMetrics(font).elidedText(
            str(index.data()), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    @staticmethod
    def _paint_header(painter: QPainter, palette: QPalette, rect: QRect, text: str) -> None:
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        font.setWeight(QFont.Weight.DemiBold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            rect.adjusted(16, 10, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )

    @staticmethod
    def _paint_dot(
        painter: QPainter, palette: QPalette, icon_rect: QRect, state: str, selected: bool
    ) -> None:
        colour = STATE_COLOURS.get(state)
        if colour is None:
            return
        ring = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window)
        centre = QRectF(icon_rect.right() - 3.5, icon_rect.bottom() - 3.5, 9, 9)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ring)
        painter.drawEllipse(centre.adjusted(-1.5, -1.5, 1.5, 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(centre)

    @staticmethod
    def _paint_badge(painter: QPainter, palette: QPalette, rect: QRect, count: int, selected: bool) -> int:
        text = str(count) if count < 1000 else "999+"
        font = badge_font(painter.font())
        width = badge_room(painter.font(), text) - 8
        pill = QRectF(rect.right() - 14 - width, rect.center().y() - 9 + 1, width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        background = QColor("#ffffff") if selected else palette.color(QPalette.ColorRole.Midlight)
        if selected:
            background.setAlpha(60)
        painter.setBrush(background)
        painter.drawRoundedRect(pill, 9, 9)
        painter.setFont(font)
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText)
        )
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return width + 8


class Sidebar(QListView):
    """Emits ``chosen(key)``: "all", a view key, or ``community:<id>`` (see ``sidebar_model``)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName(self.tr("Views and communities"))
        self.sidebar_model = SidebarModel(self)
        self.setModel(self.sidebar_model)
        self.setItemDelegate(SidebarDelegate(self))
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(200)
        self._quiet = False  # select_key(emit=False) under way: the highlight moves, nothing is chosen
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    # -- the API the main window (and other views, through it) use ----------------------------

    def preferred_width(self) -> int:
        """The width that shows every view's name whole beside a three-digit badge (communities' too).

        French names are long ("Toutes les communautés", "Membres silencieux") and 150 % makes them
        longer: the window opens with this width when the screen has room for it.
        """
        font = QFont(self.font())
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        badge = badge_room(font, "999")
        model = self.sidebar_model
        widest = 0
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            kind = index.data(KIND_ROLE)
            if kind == "header":
                continue
            metrics = QFontMetrics(bold if kind == "all" else font)
            widest = max(widest, metrics.horizontalAdvance(str(index.data())))
        return widest + TEXT_MARGINS + badge + 2 * self.frameWidth() + 10

    def set_views(self, specs: list[ViewSpec]) -> None:
        self.sidebar_model.set_views(specs)

    def set_communities(self, communities: list[Community]) -> None:
        key = self.current_key()
        blocker = self.selectionModel().blockSignals(True)
        self.sidebar_model.set_communities(communities)
        self.selectionModel().blockSignals(blocker)
        self.select_key(key or "all", emit=False)

    def set_badge(self, view_key: str, count: int, tip: str = "") -> None:
        self.sidebar_model.set_badge(view_key, count, tip)

    def set_community_badge(self, community_id: int, count: int) -> None:
        tip = self.tr("%n topic(s) waiting for an answer, as listed in Unanswered", "", count)
        self.sidebar_model.set_badge(community_key(community_id), count, tip)

    def set_community_state(self, community_id: int, state: str, tooltip: str = "") -> None:
        self.sidebar_model.set_community_state(community_id, state, tooltip)

    def current_key(self) -> str | None:
        index = self.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else None

    def select_key(self, key: str, *, emit: bool = True) -> bool:
        row = self.sidebar_model.row_of(key)
        if row < 0:
            return False
        # Not blockSignals: the list repaints the old and the new highlight on those very signals.
        quiet, self._quiet = self._quiet, not emit
        try:
            index = self.sidebar_model.index(row, 0)
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)
        finally:
            self._quiet = quiet
        return True

    def community_of(self, key: str) -> int | None:
        row = self.sidebar_model.row_of(key)
        return None if row < 0 else self.sidebar_model.index(row, 0).data(COMMUNITY_ROLE)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(KIND_ROLE) != "header" and not self._quiet:
            self.chosen.emit(str(current.data(KEY_ROLE)))
