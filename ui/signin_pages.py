"""The pages of adding an account: details, platform and site, device code, copy-paste approval, a
platform's form (token, password, admin key) and the result. ``ui.accounts_dialog`` moves between them."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from moderator import signin
from moderator.model import Community, Platform
from ui import icons

if TYPE_CHECKING:
    pass

from ui.accounts_parts import (
    PLATFORMS,
    CheckView,
    Spinner,
    heading_label,
    note_label,
    platform_label,
    status_label,
    tr_signin,
)


class DetailsPage(QWidget):
    """One account: what it is, editable fields, and the buttons that act on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = heading_label("")
        self.kind_note = note_label()
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
        self.status = status_label()
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
        layout.addWidget(heading_label(self.tr("Add a community")))
        layout.addWidget(
            note_label(
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
                platform_label(platform)
                if available
                else self.tr("{0} — coming").format(platform_label(platform))
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
                button = QRadioButton(tr_signin(method.label))
                button.setProperty("method_id", method.id)
                note = note_label(tr_signin(method.note))
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
                        edit.setPlaceholderText(tr_signin(field.placeholder))
                        edit.setAccessibleName(tr_signin(field.label).replace("&", "").rstrip(":"))
                        fields.addRow(tr_signin(field.label), edit)
                        self.method_inputs[(method.id, field.name)] = edit
                    layout.addWidget(box)
                    widgets.append(box)
                    button.toggled.connect(box.setEnabled)
                    box.setEnabled(False)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self._platform_changed()
        self.status = status_label()
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
        self.heading = heading_label(self.tr("Confirm this code on the site"))
        layout.addWidget(self.heading)
        layout.addWidget(
            note_label(
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
        self.url = note_label()
        self.url.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.url)
        wait = QHBoxLayout()
        self.spinner = Spinner()
        self.waiting = note_label()
        self.waiting.setWordWrap(False)
        wait.addStretch(1)
        wait.addWidget(self.spinner)
        wait.addWidget(self.waiting)
        wait.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(wait)
        self.status = status_label()
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
        layout.addWidget(heading_label(self.tr("Approve the app on the site")))
        layout.addWidget(
            note_label(self.tr("1. Open the approval page, sign in there if asked, and click Authorize."))
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
            note_label(self.tr("2. The site then shows a block of text. Copy all of it and paste it here:"))
        )
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("payload")
        self.payload.setAccessibleName(self.tr("Text from the approval page"))
        self.payload.setPlaceholderText(self.tr("Paste the text from the approval page"))
        self.payload.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.payload.setTabChangesFocus(True)
        self.payload.setMinimumHeight(110)
        layout.addWidget(self.payload, 1)
        self.status = status_label()
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
        layout.addWidget(heading_label(tr_signin(method.label)))
        layout.addWidget(note_label(tr_signin(method.note)))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.inputs: dict[str, QLineEdit] = {}
        for field in method.fields:
            edit = QLineEdit()
            edit.setObjectName(field.name)
            edit.setAccessibleName(tr_signin(field.label).replace("&", "").rstrip(":"))
            if field.placeholder:
                edit.setPlaceholderText(tr_signin(field.placeholder))
            label = QLabel(tr_signin(field.label))
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
        self.status = status_label()
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
        self.heading = heading_label("")
        layout.addWidget(self.heading)
        self.note = note_label()
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
class SignIn:
    """One sign-in attempt in progress (which site, which name, which account it replaces)."""

    site: str
    name: str
    platform: Platform = Platform.DISCOURSE
    method: signin.SignInMethod | None = None
    replace: Community | None = None
    flow: signin.DeviceCodeFlow | None = None
    paste: signin.PasteFlow | None = None
