"""Accounts: add, edit, test and remove the communities the app signs in to.

The left side lists the accounts; the right side shows one page at a time: an account's details
(with Test, Sign in again, Settings, Remove), or a step of adding one: the platform and site, then the
device code (when the site advertises it), the copy-paste approval, or an admin key; then what the
new account can see.

Why it looks like this: signing in is where people give up, so every step says what to do next in
plain words, the code to confirm is shown big, and nothing waits on the GUI thread. Every network or
keyring call goes through ``ui.tasks`` (the one way off the GUI thread) and comes back as a callback;
the rules (https, keyring only, revoke on removal) live in ``moderator.accounts``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QElapsedTimer,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from moderator import accounts, signin
from moderator import secrets as keystore
from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import Cancelled, PlatformError
from ui import dialogs, icons, theme
from ui.error_words import user_message

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.tasks import Task, TaskContext, TaskManager

COMMUNITY_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
PLATFORMS = (Platform.DISCOURSE, Platform.HUMHUB, Platform.VIVAENGAGE, Platform.NODEBB)  # in this order


def _platform_label(platform: Platform) -> str:
    return signin.display_name(platform)


def _tr_signin(text: str) -> str:
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
            return f"{community.title or community.name}, {_platform_label(community.platform)}"
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


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("accountsHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("accountsNote")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _status_label() -> QLabel:
    label = QLabel()
    label.setObjectName("accountsStatus")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show_status(label: QLabel, text: str, *, error: bool) -> None:
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
        self._site = _note()
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
        layout.addWidget(_heading(self.tr("Remove {0}?").format(community.title or community.name)))
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
        layout.addWidget(_note(text))
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


class DetailsPage(QWidget):
    """One account: what it is, editable fields, and the buttons that act on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = _heading("")
        self.kind_note = _note()
        layout.addWidget(self.heading)
        layout.addWidget(self.kind_note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.site = QLineEdit()
        self.username = QLineEdit()
        self.name.setAccessibleName(self.tr("Short name"))
        self.site.setAccessibleName(self.tr("Site address"))
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("Short &name:"), self.name)
        form.addRow(self.tr("&Site address:"), self.site)
        form.addRow(self.tr("&Username:"), self.username)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test"))
        self.test_button.setToolTip(self.tr("Ask the site who the app acts as and what it can see"))
        self.sign_in_button = QPushButton(self.tr("Sign in &again…"))
        self.settings_button = QPushButton(self.tr("Community se&ttings…"))
        self.save_button = QPushButton(self.tr("Sa&ve changes"))
        self.spinner = Spinner()
        for widget in (self.test_button, self.sign_in_button, self.settings_button):
            row.addWidget(widget)
        row.addWidget(self.spinner)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.status = _status_label()
        layout.addWidget(self.status)
        self.check_view = CheckView()
        layout.addWidget(self.check_view)
        layout.addStretch(1)


class SitePage(QWidget):
    """Step 1 of adding: which platform, which site, and how to sign in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(self.tr("Add a community")))
        layout.addWidget(
            _note(
                self.tr(
                    "The app signs in as you, with your rights. Your key stays in this computer's keyring."
                )
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.platform = QComboBox()
        for platform in PLATFORMS:
            available = signin.supported(platform)
            label = (
                _platform_label(platform)
                if available
                else self.tr("{0} — coming").format(_platform_label(platform))
            )
            self.platform.addItem(icons.platform_icon(str(platform)), label, str(platform))
            if not available:
                item = self.platform.model().item(self.platform.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
        self.site = QLineEdit()
        self.site.setPlaceholderText("https://forum.example.org")
        self.site.setAccessibleName(self.tr("Site address"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("a short name, used on the command line"))
        form.addRow(self.tr("&Platform:"), self.platform)
        form.addRow(self.tr("&Site address:"), self.site)
        form.addRow(self.tr("Short &name:"), self.name)
        layout.addLayout(form)
        # One radio button (and its note) per sign-in method of every platform; only the chosen
        # platform's are shown. The methods come from moderator.signin: no platform is named here.
        self.method = QButtonGroup(self)
        self.method_buttons: dict[str, QRadioButton] = {}
        self.method_inputs: dict[tuple[str, str], QLineEdit] = {}
        self._method_widgets: dict[Platform, list[QWidget]] = {}
        for platform_sign_in in signin.platforms():
            widgets = self._method_widgets.setdefault(platform_sign_in.platform, [])
            for method in platform_sign_in.choices:
                button = QRadioButton(_tr_signin(method.label))
                button.setProperty("method_id", method.id)
                note = _note(_tr_signin(method.note))
                note.setContentsMargins(24, 0, 0, 6)
                self.method.addButton(button)
                self.method_buttons[method.id] = button
                layout.addWidget(button)
                layout.addWidget(note)
                widgets += [button, note]
                if method.kind is signin.MethodKind.DEVICE_CODE and method.fields:
                    # What the device code needs first (Viva Engage: the application id, the tenant).
                    box = QWidget()
                    fields = QFormLayout(box)
                    fields.setContentsMargins(24, 0, 0, 6)
                    fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                    for field in method.fields:
                        edit = QLineEdit()
                        edit.setPlaceholderText(_tr_signin(field.placeholder))
                        edit.setAccessibleName(_tr_signin(field.label).replace("&", "").rstrip(":"))
                        fields.addRow(_tr_signin(field.label), edit)
                        self.method_inputs[(method.id, field.name)] = edit
                    layout.addWidget(box)
                    widgets.append(box)
                    button.toggled.connect(box.setEnabled)
                    box.setEnabled(False)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self._platform_changed()
        self.status = _status_label()
        layout.addWidget(self.status)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.spinner = Spinner()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.continue_button = QPushButton(self.tr("C&ontinue"))
        self.continue_button.setDefault(True)
        row.addWidget(self.spinner)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.continue_button)
        layout.addLayout(row)

    @property
    def browser(self) -> QRadioButton:  # Discourse's browser sign-in (kept for the tests' wording)
        return self.method_buttons["discourse.browser"]

    @property
    def admin(self) -> QRadioButton:
        return self.method_buttons["discourse.admin_key"]

    def chosen_platform(self) -> Platform:
        return Platform(self.platform.currentData())

    def set_platform(self, platform: Platform) -> None:
        self.platform.setCurrentIndex(max(0, self.platform.findData(str(platform))))

    def chosen_method(self) -> signin.SignInMethod:
        choices = signin.platform_sign_in(self.chosen_platform()).choices
        for method in choices:
            if self.method_buttons[method.id].isChecked():
                return method
        return choices[0]

    def method_values(self, method: signin.SignInMethod) -> dict[str, str]:
        """What was typed for a device-code method's fields (empty for the other methods)."""
        return {
            field.name: self.method_inputs[(method.id, field.name)].text().strip()
            for field in method.fields
            if (method.id, field.name) in self.method_inputs
        }

    def prefill(self, method: signin.SignInMethod, settings: dict[str, Any]) -> None:
        """Signing in again: the fields the account remembers (its application id, its tenant)."""
        for field in method.fields:
            edit = self.method_inputs.get((method.id, field.name))
            value = settings.get(field.setting) if field.setting else None
            if edit is not None and isinstance(value, str) and value:
                edit.setText(value)

    def choose_method(self, method_id: str) -> None:
        if method_id in self.method_buttons:
            self.method_buttons[method_id].setChecked(True)

    @Slot()
    def _platform_changed(self) -> None:
        platform = self.chosen_platform()
        for owner, widgets in self._method_widgets.items():
            for widget in widgets:
                widget.setVisible(owner is platform)
        if signin.supported(platform):
            sign_in = signin.platform_sign_in(platform)
            self.site.setPlaceholderText(sign_in.site_placeholder)
            if sign_in.default_site and not self.site.text().strip():
                self.site.setText(sign_in.default_site)  # one service for everybody: nothing to type
            if not any(self.method_buttons[m.id].isChecked() for m in sign_in.choices):
                self.method_buttons[sign_in.choices[0].id].setChecked(True)


class DevicePage(QWidget):
    """The device-code flow: the code big, a button to the page where it is confirmed, a countdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = _heading(self.tr("Confirm this code on the site"))
        layout.addWidget(self.heading)
        layout.addWidget(
            _note(
                self.tr(
                    "Open the confirmation page, sign in there if asked, and check that it shows this code:"
                )
            )
        )
        self.code = QLabel()
        self.code.setObjectName("deviceCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(30)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(font)
        self.code.setMinimumHeight(72)
        self.code.setStyleSheet(
            "QLabel#deviceCode { border: 1px solid palette(mid); border-radius: 10px; background: palette(base);"
            " padding: 10px 24px; }"
        )
        layout.addWidget(self.code)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the confirmation page"))
        self.open_button.setDefault(True)
        self.copy_button = QPushButton(self.tr("&Copy the code"))
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.url = _note()
        self.url.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.url)
        wait = QHBoxLayout()
        self.spinner = Spinner()
        self.waiting = _note()
        self.waiting.setWordWrap(False)
        wait.addStretch(1)
        wait.addWidget(self.spinner)
        wait.addWidget(self.waiting)
        wait.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(wait)
        self.status = _status_label()
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.paste_instead = QPushButton(self.tr("Use the approval page instead"))
        self.paste_instead.setFlat(True)
        self.paste_instead.setCursor(Qt.CursorShape.PointingHandCursor)
        self.paste_instead.setStyleSheet(
            "QPushButton { color: palette(link); border: none; padding: 4px 0; }"
        )
        self.retry_button = QPushButton(self.tr("&Start again"))
        self.retry_button.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons.addWidget(self.paste_instead)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)


class PastePage(QWidget):
    """The copy-paste flow: open the approval page, approve, paste what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(self.tr("Approve the app on the site")))
        layout.addWidget(
            _note(self.tr("1. Open the approval page, sign in there if asked, and click Authorize."))
        )
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the approval page"))
        self.open_button.setDefault(True)
        self.copy_button = QPushButton(self.tr("&Copy its address"))
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(
            _note(self.tr("2. The site then shows a block of text. Copy all of it and paste it here:"))
        )
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("payload")
        self.payload.setAccessibleName(self.tr("Text from the approval page"))
        self.payload.setPlaceholderText(self.tr("Paste the text from the approval page"))
        self.payload.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.payload.setTabChangesFocus(True)
        self.payload.setMinimumHeight(110)
        layout.addWidget(self.payload, 1)
        self.status = _status_label()
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.spinner = Spinner()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.finish_button = QPushButton(self.tr("&Finish signing in"))
        self.finish_button.setEnabled(False)
        buttons.addWidget(self.spinner)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.finish_button)
        layout.addLayout(buttons)
        self.payload.textChanged.connect(
            lambda: self.finish_button.setEnabled(bool(self.payload.toPlainText().strip()))
        )


class FormPage(QWidget):
    """A sign-in method whose user types fields (an admin key and its username, a token, a password)."""

    def __init__(self, method: signin.SignInMethod, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = method
        self.show_boxes: list[QCheckBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(_tr_signin(method.label)))
        layout.addWidget(_note(_tr_signin(method.note)))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.inputs: dict[str, QLineEdit] = {}
        for field in method.fields:
            edit = QLineEdit()
            edit.setObjectName(field.name)
            edit.setAccessibleName(_tr_signin(field.label).replace("&", "").rstrip(":"))
            if field.placeholder:
                edit.setPlaceholderText(_tr_signin(field.placeholder))
            label = QLabel(_tr_signin(field.label))
            label.setBuddy(edit)
            if field.secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                show = QCheckBox(self.tr("Show"))
                self.show_boxes.append(show)
                show.toggled.connect(
                    lambda on, e=edit: e.setEchoMode(
                        QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
                    )
                )
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(show)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
            self.inputs[field.name] = edit
        layout.addLayout(form)
        self.status = _status_label()
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.spinner = Spinner()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.add_button = QPushButton(self.tr("&Test and add"))
        self.add_button.setDefault(True)
        buttons.addWidget(self.spinner)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)

    @property
    def username(self) -> QLineEdit:
        return self.inputs["username"]

    @property
    def key(self) -> QLineEdit:
        """The secret field (key, token or password)."""
        return next(self.inputs[f.name] for f in self.method.fields if f.secret)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.inputs.items()}

    def clear_secrets(self) -> None:
        for field in self.method.fields:
            if field.secret:
                self.inputs[field.name].clear()


class ResultPage(QWidget):
    """The account is added: who the app acts as, and what it can see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = _heading("")
        layout.addWidget(self.heading)
        self.note = _note()
        layout.addWidget(self.note)
        self.check_view = CheckView()
        layout.addWidget(self.check_view)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.settings_button = QPushButton(self.tr("Community se&ttings…"))
        self.done_button = QPushButton(self.tr("&Done"))
        self.done_button.setDefault(True)
        row.addWidget(self.settings_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)


# -- the dialog -----------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _SignIn:
    """One sign-in attempt in progress (which site, which name, which account it replaces)."""

    site: str
    name: str
    platform: Platform = Platform.DISCOURSE
    method: signin.SignInMethod | None = None
    replace: Community | None = None
    flow: signin.DeviceCodeFlow | None = None
    paste: signin.PasteFlow | None = None


class AccountsDialog(QDialog):
    """See the module docstring. ``accounts_changed`` fires after every add, edit and removal."""

    accounts_changed = Signal()

    #: opens a web page; tests replace it
    open_url = staticmethod(lambda url: QDesktopServices.openUrl(QUrl(url)))

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskManager,
        parent: QWidget | None = None,
        *,
        poll_interval: float | None = None,
        select: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("Accounts"))
        self._width = 820
        self.resize(820, 540)
        self._ctx = ctx
        self._tasks = tasks
        self._poll_interval = poll_interval
        self._sign_in: _SignIn | None = None
        self._running: list[Task[Any]] = []
        self._deadline = QElapsedTimer()
        self._expires_in = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.last_check: accounts.AccountCheck | None = None

        self.model = AccountsModel(ctx, self)
        self.list = QListView()
        self.list.setObjectName("accountsList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(AccountDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setAccessibleName(self.tr("Accounts"))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.remove_button = QPushButton(self.tr("&Remove…"))
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setFixedWidth(270)

        self.details = DetailsPage()
        self.site_page = SitePage()
        self.device_page = DevicePage()
        self.paste_page = PastePage()
        self.form_pages = {
            m.id: FormPage(m) for p in signin.platforms() for m in p.methods if m.kind is signin.MethodKind.FORM
        }
        self.admin_page = self.form_pages["discourse.admin_key"]
        self.result_page = ResultPage()
        self.empty_page = QWidget()
        empty = QVBoxLayout(self.empty_page)
        empty.addStretch(1)
        empty_note = _note(self.tr("No account yet. Add one to follow your own community."))
        empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.addWidget(empty_note)
        empty.addStretch(1)
        self.pages = QStackedWidget()
        for page in (
            self.empty_page,
            self.details,
            self.site_page,
            self.device_page,
            self.paste_page,
            *self.form_pages.values(),
            self.result_page,
        ):
            self.pages.addWidget(page)
        # The dialog keeps its width from page to page: a long address or a French sentence wraps
        # inside the pages instead of pushing the window wider (it jumped between steps).
        # So the dialog opens wide enough for every page's buttons in the user's language (French ones
        # are longer), see ``_fitting_width``.
        self.pages.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right = QVBoxLayout()
        right.setContentsMargins(18, 6, 6, 6)
        right.addWidget(self.pages, 1)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_box.rejected.connect(self.reject)
        right.addWidget(self.close_box)

        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Plain)
        separator.setStyleSheet("color: palette(mid);")
        layout.addWidget(separator)
        layout.addLayout(right, 1)
        self.setStyleSheet(
            "QLabel#accountsNote { color: palette(placeholder-text); }"
            " QFrame#checkView { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }"
            ' QLineEdit[readOnly="true"] { background: palette(window); color: palette(placeholder-text); }'
            " QListView#accountsList { background: palette(window); }"
        )
        self._connect()
        self._width = self._fitting_width()
        self.setMinimumWidth(self._width)
        self.resize(self._width, 540)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        if self.model.rowCount():
            row = self.model.row_of(select) if select is not None else -1
            self.list.setCurrentIndex(self.model.index(max(row, 0), 0))
        else:
            self.pages.setCurrentWidget(self.empty_page)
        self._update_buttons()

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.start_add)
        self.remove_button.clicked.connect(self.remove_current)
        d = self.details
        d.test_button.clicked.connect(self.test_current)
        d.save_button.clicked.connect(self.save_current)
        d.sign_in_button.clicked.connect(self.sign_in_again)
        d.settings_button.clicked.connect(self.open_settings)
        s = self.site_page
        s.site.textEdited.connect(self._suggest_name)
        s.continue_button.clicked.connect(self.continue_add)
        s.cancel_button.clicked.connect(self.cancel_add)
        s.site.returnPressed.connect(self.continue_add)
        v = self.device_page
        v.open_button.clicked.connect(self._open_device_page)
        v.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(v.code.text()))
        v.cancel_button.clicked.connect(self.cancel_add)
        v.retry_button.clicked.connect(self.continue_add)
        v.paste_instead.clicked.connect(self._switch_to_paste)
        p = self.paste_page
        p.open_button.clicked.connect(self._open_paste_page)
        p.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._paste_url()))
        p.cancel_button.clicked.connect(self.cancel_add)
        p.finish_button.clicked.connect(self.finish_paste)
        for form in self.form_pages.values():
            form.cancel_button.clicked.connect(self.cancel_add)
            form.add_button.clicked.connect(self.finish_form)
            form.key.returnPressed.connect(self.finish_form)
        r = self.result_page
        r.done_button.clicked.connect(self._show_current)
        r.settings_button.clicked.connect(self.open_settings)

    # -- helpers --------------------------------------------------------------------------------------

    def current_community(self) -> Community | None:
        return self.model.community(self.list.currentIndex().row())

    def _run(self, fn: Any, *, on_done: Any, on_error: Any, on_progress: Any = None, label: str) -> Task[Any]:
        task = self._tasks.run(fn, on_done=on_done, on_error=on_error, on_progress=on_progress, label=label)
        self._running.append(task)
        self._update_buttons()
        return task

    def _finished(self, task: Task[Any] | None = None) -> None:
        self._running = [t for t in self._running if not t.finished and t is not task]
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return any(not t.finished for t in self._running)

    def _update_buttons(self) -> None:
        community = self.current_community()
        idle = not self.busy
        adding = self.pages.currentWidget() in (
            self.site_page,
            self.device_page,
            self.paste_page,
            *self.form_pages.values(),
        )
        self.add_button.setEnabled(idle and not adding)
        self.remove_button.setEnabled(idle and community is not None and not adding)
        self.list.setEnabled(not adding)
        # Each step has its own Cancel, the result its Done: one way out at a time.
        self.close_box.setVisible(not adding and self.pages.currentWidget() is not self.result_page)
        d = self.details
        d.test_button.setEnabled(idle and community is not None)
        d.save_button.setEnabled(idle and community is not None)
        d.sign_in_button.setEnabled(
            idle and community is not None and community.auth_kind is not AuthKind.SANDBOX
        )
        self.site_page.continue_button.setEnabled(idle)
        for form in self.form_pages.values():
            form.add_button.setEnabled(idle)
        self.paste_page.finish_button.setEnabled(idle and bool(self.paste_page.payload.toPlainText().strip()))

    def _select(self, community_id: int | None) -> None:
        self.model.reload()
        row = self.model.row_of(community_id)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._show_current()

    # -- details --------------------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_current()

    @Slot()
    def _show_current(self) -> None:
        community = self.current_community()
        if community is None:
            self.pages.setCurrentWidget(self.empty_page)
            self._update_buttons()
            return
        d = self.details
        d.heading.setText(community.title or community.name)
        sandbox = community.auth_kind is AuthKind.SANDBOX
        kinds = {
            AuthKind.SANDBOX: self.tr("The built-in practice community: nothing to sign in to."),
            AuthKind.USER_KEY: self.tr("{0} · signed in with a user API key").format(
                _platform_label(community.platform)
            ),
            AuthKind.ADMIN_KEY: self.tr("{0} · admin API key").format(_platform_label(community.platform)),
            AuthKind.TOKEN: self.tr("{0} · access token").format(_platform_label(community.platform)),
        }
        d.kind_note.setText(kinds[community.auth_kind])
        d.name.setText(community.name)
        d.title.setText(community.title)
        d.site.setText(self.tr("(on this computer)") if sandbox else community.base_url)
        d.username.setText(community.username)
        d.site.setReadOnly(sandbox)
        d.username.setReadOnly(community.auth_kind is not AuthKind.ADMIN_KEY)
        for field in (d.site, d.username):  # the style sheet reads the property: look again
            field.style().unpolish(field)
            field.style().polish(field)
        d.sign_in_button.setText(
            self.tr("Enter a new &key…")
            if community.auth_kind is AuthKind.ADMIN_KEY
            else self.tr("Sign in &again…")
        )
        d.check_view.hide()
        _show_status(d.status, "", error=False)
        self.pages.setCurrentWidget(d)
        self._update_buttons()
        if not sandbox:
            self._check_key(community)

    def _check_key(self, community: Community) -> None:
        """Say at once when the account has no key here (kept for one session only, keyring gone):
        no need to press Test to learn that signing in again is the fix. Off the GUI thread."""
        d = self.details
        if self._tasks.closed:
            return  # quitting
        store = self._ctx.store

        def job(_task: TaskContext) -> bool | None:
            return accounts.has_key(store, community)

        def done(has: bool | None) -> None:
            if not shiboken6.isValid(d):
                return  # the dialog closed meanwhile
            current = self.current_community()
            if has or current is None or current.id != community.id or self.pages.currentWidget() is not d:
                return
            if d.status.text():
                return  # a Test ran meanwhile: its answer stays
            _show_status(
                d.status,
                self.tr("Sign in again to {0}: the app has no key for it on this computer (it was kept "
                        "for one session only, or the keyring was emptied).").format(community.title or community.name),
                error=True,
            )  # fmt: skip

        # Not through _run: the buttons stay usable while the keyring answers.
        self._tasks.run(job, on_done=done, on_error=lambda _exc: None, label="account key")

    @Slot()
    def test_current(self) -> None:
        community = self.current_community()
        if community is None:
            return
        ctx = self._ctx
        d = self.details
        d.check_view.hide()
        _show_status(
            d.status, self.tr("Asking {0}…").format(community.base_url.split("://", 1)[-1]), error=False
        )
        d.spinner.start()

        def job(task: TaskContext) -> accounts.AccountCheck:
            return accounts.test_account(ctx, community, cancel=task.cancel)

        def done(check: accounts.AccountCheck) -> None:
            d.spinner.stop()
            self._finished()
            self.last_check = check
            works = (
                self.tr("Connected.")
                if community.auth_kind is AuthKind.SANDBOX
                else self.tr("The key works.")
            )
            _show_status(d.status, works, error=False)
            d.check_view.show_check(check)

        def failed(exc: BaseException) -> None:
            d.spinner.stop()
            self._finished()
            _show_status(d.status, error_text(exc), error=True)

        self._run(job, on_done=done, on_error=failed, label="test account")

    @Slot()
    def save_current(self) -> None:
        community = self.current_community()
        if community is None:
            return
        d = self.details
        edited = dataclasses.replace(community, settings=dict(community.settings))
        edited.name = d.name.text().strip()
        edited.title = d.title.text().strip() or edited.name
        if community.auth_kind is not AuthKind.SANDBOX:
            edited.base_url = d.site.text().strip()
        if community.auth_kind is AuthKind.ADMIN_KEY:
            edited.username = d.username.text().strip().removeprefix("@")
        store = self._ctx.store

        def job(task: TaskContext) -> Community:
            return accounts.update_account(store, edited)

        def done(saved: Community) -> None:
            self._finished()
            self._select(saved.id)
            _show_status(self.details.status, self.tr("Saved."), error=False)
            self.accounts_changed.emit()

        def failed(exc: BaseException) -> None:
            self._finished()
            _show_status(d.status, error_text(exc), error=True)

        self._run(job, on_done=done, on_error=failed, label="save account")

    @Slot()
    def remove_current(self) -> None:
        community = self.current_community()
        if community is None:
            return
        choice = RemoveAccountDialog.ask(self, community)
        if choice is None:
            return
        store = self._ctx.store
        d = self.details
        d.spinner.start()
        _show_status(d.status, self.tr("Removing…"), error=False)

        def job(task: TaskContext) -> accounts.Removal:
            return accounts.remove_account(store, community, delete_local_data=choice.delete_local_data)

        def done(removal: accounts.Removal) -> None:
            d.spinner.stop()
            self._finished()
            self._select(None if removal.data_deleted else community.id)
            if removal.revoke_error:
                dialogs.warning(self, removal.revoke_error)
            elif not removal.data_deleted:
                _show_status(
                    self.details.status,
                    self.tr("Signed out. The local copy stays readable; sign in again to sync it."),
                    error=False,
                )
            self.accounts_changed.emit()

        def failed(exc: BaseException) -> None:
            d.spinner.stop()
            self._finished()
            _show_status(d.status, error_text(exc), error=True)

        self._run(job, on_done=done, on_error=failed, label="remove account")

    @Slot()
    def open_settings(self) -> None:
        community = self.current_community()
        if community is None or community.id is None:
            return
        from ui.community_settings_dialog import CommunitySettingsDialog

        dialog = CommunitySettingsDialog(self._ctx.store, community, self)
        dialog.saved.connect(self.accounts_changed)
        dialogs.show_dialog(dialog)

    # -- adding: step 1 --------------------------------------------------------------------------------

    @Slot()
    def _clear_add_pages(self) -> None:
        """Nothing of an abandoned attempt stays in the fields (a key typed, a username, a payload)."""
        s = self.site_page
        fields = [s.site, s.name, *s.method_inputs.values()]
        for form in self.form_pages.values():
            fields += form.inputs.values()
            for box in form.show_boxes:
                box.setChecked(False)
        for field in fields:
            field.clear()
            field.setModified(False)
        self.paste_page.payload.clear()
        for page in (s, self.paste_page, self.device_page, *self.form_pages.values()):
            status = getattr(page, "status", None)
            if status is not None:
                _show_status(status, "", error=False)

    def start_add(self) -> None:
        self._clear_add_pages()
        s = self.site_page
        s.site.clear()
        s.name.clear()
        s.name.setEnabled(True)
        s.set_platform(PLATFORMS[0])
        s.platform.setEnabled(True)
        s.choose_method(signin.platform_sign_in(PLATFORMS[0]).choices[0].id)
        _show_status(s.status, "", error=False)
        self._sign_in = None
        self.pages.setCurrentWidget(s)
        self._update_buttons()
        s.site.setFocus()

    @Slot()
    def sign_in_again(self) -> None:
        """A new key for the current account (a revoked or expired key, a new password policy...)."""
        community = self.current_community()
        if community is None or community.auth_kind is AuthKind.SANDBOX:
            return
        self.start_add()
        s = self.site_page
        s.site.setText(community.base_url)
        s.name.setText(community.name)
        s.name.setEnabled(False)
        s.set_platform(community.platform)
        s.platform.setEnabled(False)
        method = signin.method_for_account(community)
        if method is not None:
            s.choose_method(method.id)
            s.prefill(method, community.settings)
        self._sign_in = _SignIn(
            site=community.base_url, name=community.name, platform=community.platform, replace=community
        )
        for form in self.form_pages.values():
            if form.method.platform is community.platform and "username" in form.inputs:
                form.username.setText(community.username)

    @Slot(str)
    def _suggest_name(self, text: str) -> None:
        s = self.site_page
        if not s.name.isEnabled() or s.name.isModified():
            return
        try:
            site = accounts.normalize_site(text)
        except (PlatformError, accounts.AccountError):
            return
        taken = {c.name for c in self.model._rows}
        s.name.setText(accounts.suggest_name(site, taken))

    @Slot()
    def cancel_add(self) -> None:
        for task in self._running:
            task.cancel()
        self._countdown.stop()
        for page in (self.site_page, self.device_page, self.paste_page, *self.form_pages.values()):
            page.spinner.stop()
        flow = self._sign_in.flow if self._sign_in else None
        self._sign_in = None
        if flow is not None:
            flow.close()
        self._clear_add_pages()
        self._show_current()

    @Slot()
    def continue_add(self) -> None:
        s = self.site_page
        replace = self._sign_in.replace if self._sign_in else None
        try:
            site = accounts.normalize_site(s.site.text())
            name = s.name.text().strip() or accounts.suggest_name(site, {c.name for c in self.model._rows})
            if replace is None:
                accounts.validate_name(self._ctx.store, name)
        except (PlatformError, accounts.AccountError) as exc:
            _show_status(s.status, error_text(exc), error=True)
            self.pages.setCurrentWidget(s)
            return
        method = s.chosen_method()
        self._sign_in = _SignIn(
            site=site, name=name, platform=s.chosen_platform(), method=method, replace=replace
        )
        if method.kind is signin.MethodKind.FORM:
            a = self.form_pages[method.id]
            a.clear_secrets()
            _show_status(a.status, "", error=False)
            self.pages.setCurrentWidget(a)
            self._update_buttons()
            empty = [e for e in a.inputs.values() if not e.text()]
            (empty[0] if empty else a.key).setFocus()
            return
        self._start_browser_sign_in(site, force_paste=method.kind is signin.MethodKind.PASTE)

    def _start_browser_sign_in(self, site: str, *, force_paste: bool = False) -> None:
        s = self.site_page
        sign_in = self._sign_in
        assert sign_in is not None
        client_id = (
            sign_in.replace.settings.get(accounts.CLIENT_ID_SETTING, "") if sign_in.replace else ""
        ) or ""
        poll_interval = self._poll_interval
        _show_status(
            s.status, self.tr("Asking {0} how to sign in…").format(site.split("://", 1)[-1]), error=False
        )
        if self.pages.currentWidget() is not s:
            self.pages.setCurrentWidget(s)
        s.spinner.start()

        method = sign_in.method or s.chosen_method()
        if method.kind is signin.MethodKind.PASTE:
            device, paste = None, method
        else:
            device, paste = method, signin.method(method.fallback) if method.fallback else None
            if force_paste and paste is not None:
                device = None

        values = s.method_values(device) if device is not None else {}
        if device is not None:
            missing = [f for f in device.fields if f.required and not values.get(f.name)]
            if missing:  # asked before any network: what to type, in the user's language
                s.spinner.stop()
                labels = ", ".join(_tr_signin(f.label).replace("&", "").rstrip(" :") for f in missing)
                _show_status(s.status, self.tr("Fill in: {0}.").format(labels), error=True)
                s.method_inputs[(device.id, missing[0].name)].setFocus()
                return

        def job(task: TaskContext) -> tuple[str, Any]:
            if device is not None:
                try:
                    flow = signin.start_device_code(
                        device, site, client_id=client_id or None, poll_interval=poll_interval, values=values
                    )
                    return "device", flow
                except signin.DeviceCodeUnavailable:
                    if paste is None:
                        raise
            assert paste is not None
            return "paste", signin.start_paste(paste, site, client_id=client_id or None)

        def done(result: tuple[str, Any]) -> None:
            s.spinner.stop()
            self._finished()
            kind, flow = result
            if self._sign_in is not sign_in:  # cancelled meanwhile
                if kind == "device":
                    flow.close()
                return
            _show_status(s.status, "", error=False)
            if kind == "paste":
                sign_in.paste = flow
                self._show_paste_page()
            else:
                sign_in.flow = flow
                self._show_device_page(flow)

        def failed(exc: BaseException) -> None:
            s.spinner.stop()
            self._finished()
            if self._sign_in is sign_in and not isinstance(exc, Cancelled):
                self.pages.setCurrentWidget(s)
                _show_status(s.status, error_text(exc), error=True)
                self._update_buttons()

        self._run(job, on_done=done, on_error=failed, label="start sign-in")

    # -- device flow ------------------------------------------------------------------------------------

    def _show_device_page(self, flow: signin.DeviceCodeFlow) -> None:
        v = self.device_page
        # The page where the code is confirmed: the site itself, or Microsoft's for Viva Engage.
        host = urlsplit(flow.verification_url).hostname or (
            self._sign_in.site.split("://", 1)[-1] if self._sign_in else ""
        )
        v.heading.setText(self.tr("Confirm this code on {0}").format(host))
        method = self._sign_in.method if self._sign_in else None
        v.paste_instead.setVisible(method is None or bool(method.fallback))
        v.code.setText(flow.user_code)
        v.code.setAccessibleName(self.tr("Code to confirm: {0}").format(" ".join(flow.user_code)))
        v.url.setText(flow.verification_url)
        v.retry_button.hide()
        v.open_button.show()
        v.copy_button.show()
        _show_status(v.status, "", error=False)
        self._expires_in = flow.expires_in
        self._deadline.start()
        self._tick()
        self._countdown.start()
        v.spinner.start()
        self.pages.setCurrentWidget(v)
        self._update_buttons()
        v.open_button.setFocus()
        sign_in = self._sign_in

        def job(task: TaskContext) -> signin.Credentials:
            return flow.wait(task.cancel, on_poll=task.progress)

        def done(credentials: signin.Credentials) -> None:
            self._finished()
            self._countdown.stop()
            flow.close()
            if self._sign_in is sign_in:
                self.waiting_done()
                self._finish_credentials(credentials)

        def failed(exc: BaseException) -> None:
            self._finished()
            self._countdown.stop()
            flow.close()
            v.spinner.stop()
            if self._sign_in is not sign_in or isinstance(exc, Cancelled):
                return
            v.waiting.setText("")
            _show_status(v.status, error_text(exc), error=True)
            v.retry_button.show()
            v.open_button.hide()
            v.copy_button.hide()

        self._run(job, on_done=done, on_error=failed, label="device sign-in")

    def waiting_done(self) -> None:
        self.device_page.waiting.setText(self.tr("Confirmed. Checking the account…"))

    @Slot()
    def _tick(self) -> None:
        left = max(0, int(self._expires_in - self._deadline.elapsed() / 1000))
        self.device_page.waiting.setText(
            self.tr("Waiting for your confirmation… the code expires in {0}:{1:02d}.").format(
                left // 60, left % 60
            )
        )

    @Slot()
    def _open_device_page(self) -> None:
        flow = self._sign_in.flow if self._sign_in else None
        if flow is not None:
            self.open_url(flow.verification_url)

    @Slot()
    def _switch_to_paste(self) -> None:
        sign_in = self._sign_in
        if sign_in is None:
            return
        for task in self._running:
            task.cancel()
        self._countdown.stop()
        self.device_page.spinner.stop()
        sign_in.flow = None
        self._start_browser_sign_in(sign_in.site, force_paste=True)

    # -- copy-paste flow ------------------------------------------------------------------------------

    def _paste_url(self) -> str:
        paste = self._sign_in.paste if self._sign_in else None
        return paste.url if paste else ""

    def _show_paste_page(self) -> None:
        p = self.paste_page
        p.payload.clear()
        _show_status(p.status, "", error=False)
        self.pages.setCurrentWidget(p)
        self._update_buttons()
        p.open_button.setFocus()

    @Slot()
    def _open_paste_page(self) -> None:
        if url := self._paste_url():
            self.open_url(url)
            self.paste_page.payload.setFocus()

    @Slot()
    def finish_paste(self) -> None:
        sign_in = self._sign_in
        p = self.paste_page
        if sign_in is None or sign_in.paste is None:
            return
        try:
            credentials = sign_in.paste.finish(p.payload.toPlainText())
        except PlatformError as exc:
            _show_status(p.status, error_text(exc), error=True)
            return
        p.payload.clear()  # the encrypted key has no business staying on screen
        self._finish_credentials(credentials)

    # -- finishing -------------------------------------------------------------------------------------

    def _save_job(self, sign_in: _SignIn, credentials_of: Any) -> Any:
        """The job that gets the credentials (``credentials_of(task)``), tests them, and saves the account."""
        store = self._ctx.store

        def job(task: TaskContext) -> tuple[Community, accounts.AccountCheck]:
            credentials: signin.Credentials = credentials_of(task)
            community, check = accounts.account_from_credentials(
                name=sign_in.name,
                site=sign_in.site,
                platform=sign_in.platform,
                credentials=credentials,
                cancel=task.cancel,
            )
            if sign_in.replace is None:
                return accounts.add_account(store, community, credentials.secret), check
            replaced = dataclasses.replace(
                sign_in.replace,
                auth_kind=credentials.auth_kind,
                username=community.username,
                base_url=community.base_url,
                settings={**sign_in.replace.settings, **credentials.settings},
            )
            return accounts.update_account(store, replaced, secret=credentials.secret), check

        return job

    def _finish_credentials(self, credentials: signin.Credentials) -> None:
        sign_in = self._sign_in
        assert sign_in is not None
        self._save_with_keyring_fallback(
            self._save_job(sign_in, lambda task: credentials), self.pages.currentWidget()
        )

    @Slot()
    def finish_form(self) -> None:
        sign_in = self._sign_in
        if sign_in is None or sign_in.method is None or sign_in.method.id not in self.form_pages:
            return
        form = self.form_pages[sign_in.method.id]
        method, site, values = form.method, sign_in.site, form.values()
        if any(not values[f.name].strip() for f in method.fields):
            _show_status(form.status, self.tr("Fill in every field."), error=True)
            return

        def credentials_of(task: TaskContext) -> signin.Credentials:
            return signin.sign_in_with_fields(method, site, values, cancel=task.cancel)

        self._save_with_keyring_fallback(self._save_job(sign_in, credentials_of), form)

    finish_admin_key = finish_form

    def _save_with_keyring_fallback(self, job: Any, page: QWidget) -> None:
        """Run ``job``; with no usable keyring, offer once to keep the key for this session only."""
        spinner: Spinner | None = getattr(page, "spinner", None)
        status: QLabel | None = getattr(page, "status", None)
        if spinner is not None:
            spinner.start()
        if status is not None:
            _show_status(status, self.tr("Checking the account…"), error=False)
        sign_in = self._sign_in

        def done(result: tuple[Community, accounts.AccountCheck]) -> None:
            self._finished()
            if spinner is not None:
                spinner.stop()
            for form in self.form_pages.values():
                form.clear_secrets()
            community, check = result
            self._sign_in = None
            self._show_result(community, check, replaced=sign_in is not None and sign_in.replace is not None)
            self.accounts_changed.emit()

        def failed(exc: BaseException) -> None:
            self._finished()
            if spinner is not None:
                spinner.stop()
            if self._sign_in is not sign_in or isinstance(exc, Cancelled):
                return
            if (
                isinstance(exc, keystore.SecretStoreUnavailable)
                and not keystore.session_only()
                and self.ask_session_only(user_message(exc))
            ):
                keystore.allow_session_only(True)
                self._run(job, on_done=done, on_error=failed, label="save account")
                return
            if status is not None:
                _show_status(status, error_text(exc), error=True)

        self._run(job, on_done=done, on_error=failed, label="save account")

    def ask_session_only(self, problem: str) -> bool:
        """No keyring: the user decides whether the key may live in memory until the app quits."""
        question = self.tr(
            "Keep the key in memory for this session only? It is never written to a file; you will have to "
            "sign in again after quitting the app."
        )
        return dialogs.ask(self, f"{problem}\n\n{question}", title=self.tr("No keyring"))

    def _show_result(self, community: Community, check: accounts.AccountCheck, *, replaced: bool) -> None:
        self.model.reload()
        row = self.model.row_of(community.id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.last_check = check
        r = self.result_page
        r.heading.setText(
            (self.tr("{0}: new key saved") if replaced else self.tr("{0} is ready")).format(
                community.title or community.name
            )
        )
        note = self.tr("The key is in this computer's keyring.")
        if keystore.session_only():
            note = self.tr("The key is kept in memory until you quit the app (no keyring on this computer).")
        r.note.setText(note + " " + self.tr("Its topics and members arrive with the next sync."))
        r.check_view.show_check(check)
        self.pages.setCurrentWidget(r)
        self._update_buttons()
        r.done_button.setFocus()

    # -- closing -------------------------------------------------------------------------------------

    def done(self, result: int) -> None:  # noqa: D102 - Qt override: closing cancels what is running
        for task in self._running:
            task.cancel()
        self._countdown.stop()
        super().done(result)

    def _fitting_width(self) -> int:
        """The width every page fits in, with its words as translated (at least 820 px): the pages do
        not push the dialog wider later, so it never jumps from one step to the next."""
        widest = max(self.pages.widget(i).minimumSizeHint().width() for i in range(self.pages.count()))
        margins = self.layout().contentsMargins()
        chrome = 270 + 18 + 6 + 2 * self.layout().spacing() + margins.left() + margins.right() + 8
        return max(820, widest + chrome)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._width, 540)


__all__ = ["AccountsDialog", "AccountsModel", "CheckView", "RemoveAccountDialog", "RemoveChoice", "Spinner"]
