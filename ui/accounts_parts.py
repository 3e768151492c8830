"""The accounts list and its small widgets: the model and delegate of the list, the spinner, the
check view, the remove dialog and the label helpers the sign-in pages share (``ui.accounts_dialog``)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from moderator import accounts, signin
from moderator import secrets as keystore
from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import PlatformError
from ui import dialogs, icons, theme
from ui.error_words import user_message

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext

COMMUNITY_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
PLATFORMS = (Platform.DISCOURSE, Platform.HUMHUB, Platform.VIVAENGAGE, Platform.NODEBB)  # in this order


def platform_label(platform: Platform) -> str:
    return signin.display_name(platform)


def tr_signin(text: str) -> str:
    """A sign-in label or note from ``moderator.signin`` (marked there, context "signin")."""
    return QCoreApplication.translate(signin.SIGN_IN_CONTEXT, text)


def error_text(exc: BaseException, *, local_copy: bool = False) -> str:
    """What the user reads: the typed errors' own sentences in the user's language (here, adding or
    checking an account, no "your local copy is intact"); anything else is a bug, said calmly."""
    if isinstance(exc, PlatformError | accounts.AccountError | keystore.SecretStoreUnavailable):
        return user_message(exc, local_copy=local_copy)
    return QGuiApplication.translate(
        "AccountsDialog", "Something went wrong inside the app ({0}). Try again; if it persists, report it."
    ).format(type(exc).__name__)


# -- the list of accounts ---------------------------------------------------------------------------


class AccountsModel(QAbstractListModel):
    """The communities of the store, one row each; reloaded after every change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[Community] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._ctx.store.communities()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def community(self, row: int) -> Community | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, community_id: int | None) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == community_id), -1)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        community = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return community.title or community.name
        if role == SUBTITLE_ROLE:
            if community.auth_kind is AuthKind.SANDBOX:
                return self.tr("Practice community, on this computer")
            who = f"@{community.username} · " if community.username else ""
            return who + community.base_url.split("://", 1)[-1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{community.name} — {community.base_url}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.platform_icon(str(community.platform))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{community.title or community.name}, {platform_label(community.platform)}"
        if role == COMMUNITY_ROLE:
            return community.id
        return None


class AccountDelegate(QStyledItemDelegate):
    """Two lines per account, like a mail client's account list: title, then user and site."""

    HEIGHT = 46

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(0, self.HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        rect = option.rect.adjusted(4, 2, -4, -2)
        if selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(rect), 6, 6)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            icon.paint(painter, rect.left() + 8, rect.top() + (rect.height() - 22) // 2, 22, 22)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        sub_colour = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        left = rect.left() + 40
        width = rect.width() - 48
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        half = rect.height() // 2
        title = painter.fontMetrics().elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight, width)
        painter.drawText(left, rect.top() + 3, width, half, Qt.AlignmentFlag.AlignBottom, title)
        sub_font = QFont(option.font)
        sub_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        painter.setFont(sub_font)
        painter.setPen(sub_colour)
        sub = painter.fontMetrics().elidedText(
            str(index.data(SUBTITLE_ROLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(left, rect.top() + half + 1, width, half, Qt.AlignmentFlag.AlignTop, sub)
        painter.restore()


# -- small widgets --------------------------------------------------------------------------------------


class Spinner(QWidget):
    """A turning arc: "working, nothing is stuck" (runs only while shown and started)."""

    def __init__(self, parent: QWidget | None = None, *, size: int = 18) -> None:
        super().__init__(parent)
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._turn)
        self.setFixedSize(size, size)
        self.setAccessibleName(self.tr("Working"))
        self.hide()

    def start(self) -> None:
        self.show()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def _turn(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), max(2.0, self.width() / 8))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        margin = pen.widthF()
        painter.drawArc(
            QRectF(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin),
            -self._angle * 16,
            270 * 16,
        )
        painter.end()


def heading_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("accountsHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def note_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("accountsNote")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def status_label() -> QLabel:
    label = QLabel()
    label.setObjectName("accountsStatus")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_status(label: QLabel, text: str, *, error: bool) -> None:
    colour = theme.ERROR if error else theme.CALM
    label.setStyleSheet(f"color: {colour.name()};")
    label.setText(text)
    label.setVisible(bool(text))


class CheckView(QFrame):
    """What a Test found: who the app acts as on which site, and a ✓/✗ line per thing it can see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setHorizontalSpacing(12)
        self._avatar = QLabel()
        self._who = QLabel()
        self._who.setObjectName("checkWho")
        self._who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._who.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self._who.setFont(font)
        self._site = note_label()
        self._lines = QLabel()
        self._lines.setTextFormat(Qt.TextFormat.RichText)
        self._lines.setWordWrap(True)
        layout.addWidget(self._avatar, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._who, 0, 1)
        layout.addWidget(self._site, 1, 1)
        layout.addWidget(self._lines, 2, 1)
        layout.setColumnStretch(1, 1)
        self.hide()

    @property
    def acting_text(self) -> str:
        return self._who.text()

    def show_check(self, check: accounts.AccountCheck) -> None:
        role = (
            self.tr("administrator")
            if check.admin
            else self.tr("moderator")
            if check.moderator
            else self.tr("member, not staff")
        )
        name = f" ({check.name})" if check.name and check.name != check.username else ""
        self._who.setText(self.tr("Acts as @{0}{1}, {2}").format(check.username, name, role))
        host = check.site.split("://", 1)[-1]
        if host.split(":")[0] in ("127.0.0.1", "localhost", "[::1]"):
            host = self.tr("on this computer")
        self._site.setText(self.tr("on {0} · {1}").format(check.site_title or host, host))
        self._avatar.setPixmap(icons.avatar_pixmap(check.username, check.name, 40))
        caps = check.capabilities
        rows = [
            (check.staff, self.tr("Staff: sees the review queue and every category it moderates")),
            (caps.read_statistics, self.tr("Reading statistics (posts read, days visited)")),
            (caps.staff_member_list, self._member_list_text(check)),
            (caps.posting, self.tr("Can post replies")),
            (caps.private_messages, self.tr("Private messages of this account")),
        ]
        yes, no = theme.SYNCED.name(), theme.OFFLINE.name()
        html = "".join(
            f"<div style='margin-top:4px'><span style='color:{yes if ok else no}; font-weight:bold'>"
            f"{'✓' if ok else '✗'}</span>&nbsp;&nbsp;{_escape(text)}</div>"
            for ok, text in rows
        )
        self._lines.setText(html)
        self.setAccessibleDescription(self._who.text())
        self.show()

    def _member_list_text(self, check: accounts.AccountCheck) -> str:
        caps = check.capabilities
        if caps.staff_member_list:
            if caps.read_statistics:
                return self.tr("Every member, with private statistics")
            return self.tr("Every member, with their last visit")
        if check.platform is Platform.DISCOURSE:
            return self.tr("Only the public member directory (staff see everyone)")
        return self.tr("Only the members seen writing (administrators see everyone)")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- remove: one question with one option ------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveChoice:
    delete_local_data: bool


class RemoveAccountDialog(QDialog):
    """Asks before removing; the local copy is kept unless the user ticks the box."""

    def __init__(self, community: Community, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Remove account"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Remove {0}?").format(community.title or community.name)))
        if community.auth_kind is AuthKind.USER_KEY:
            text = self.tr(
                "The app's key is revoked on the site and removed from this computer's keyring. "
                "You can sign in again at any time."
            )
        elif community.auth_kind is AuthKind.SANDBOX:
            text = self.tr("The practice community comes back, fresh, the next time the app starts.")
        else:
            text = self.tr(
                "The admin API key is removed from this computer's keyring. It stays valid on the site: "
                "ask an administrator to revoke it there if nobody uses it any more."
            )
        layout.addWidget(note_label(text))
        self.delete_data = QCheckBox(
            self.tr("Also delete its local copy (topics, members, drafts, reminders)")
        )
        self.delete_data.setChecked(community.auth_kind is AuthKind.SANDBOX)
        layout.addWidget(self.delete_data)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        remove = buttons.addButton(self.tr("Remove"), QDialogButtonBox.ButtonRole.DestructiveRole)
        remove.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, community: Community) -> RemoveChoice | None:
        """Modal; tests replace this (or switch ``ui.dialogs`` off: then it answers "keep the data")."""
        if not dialogs.is_enabled():
            title = QCoreApplication.translate("RemoveAccountDialog", "Remove account")
            dialogs.shown.append(dialogs.Shown("question", title, community.name))
            return RemoveChoice(delete_local_data=False)
        dialog = cls(community, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return RemoveChoice(delete_local_data=dialog.delete_data.isChecked())


# -- the pages ------------------------------------------------------------------------------------------
