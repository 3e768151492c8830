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
    QElapsedTimer,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moderator import accounts, signin
from moderator import secrets as keystore
from moderator.model import AuthKind, Community
from moderator.platforms.base import Cancelled, PlatformError
from ui import dialogs
from ui.error_words import user_message

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.tasks import Task, TaskContext, TaskManager

from ui.accounts_parts import (
    PLATFORMS,
    AccountDelegate,
    AccountsModel,
    CheckView,
    RemoveAccountDialog,
    RemoveChoice,
    Spinner,
    error_text,
    note_label,
    platform_label,
    show_status,
    tr_signin,
)
from ui.signin_pages import DetailsPage, DevicePage, FormPage, PastePage, ResultPage, SignIn, SitePage


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
        self._sign_in: SignIn | None = None
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
            m.id: FormPage(m)
            for p in signin.platforms()
            for m in p.methods
            if m.kind is signin.MethodKind.FORM
        }
        self.admin_page = self.form_pages["discourse.admin_key"]
        self.result_page = ResultPage()
        self.empty_page = QWidget()
        empty = QVBoxLayout(self.empty_page)
        empty.addStretch(1)
        empty_note = note_label(self.tr("No account yet. Add one to follow your own community."))
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
                platform_label(community.platform)
            ),
            AuthKind.ADMIN_KEY: self.tr("{0} · admin API key").format(platform_label(community.platform)),
            AuthKind.TOKEN: self.tr("{0} · access token").format(platform_label(community.platform)),
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
        show_status(d.status, "", error=False)
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
            show_status(
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
        show_status(
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
            show_status(d.status, works, error=False)
            d.check_view.show_check(check)

        def failed(exc: BaseException) -> None:
            d.spinner.stop()
            self._finished()
            show_status(d.status, error_text(exc), error=True)

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
            show_status(self.details.status, self.tr("Saved."), error=False)
            self.accounts_changed.emit()

        def failed(exc: BaseException) -> None:
            self._finished()
            show_status(d.status, error_text(exc), error=True)

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
        show_status(d.status, self.tr("Removing…"), error=False)

        def job(task: TaskContext) -> accounts.Removal:
            return accounts.remove_account(store, community, delete_local_data=choice.delete_local_data)

        def done(removal: accounts.Removal) -> None:
            d.spinner.stop()
            self._finished()
            self._select(None if removal.data_deleted else community.id)
            if removal.revoke_error:
                dialogs.warning(self, removal.revoke_error)
            elif not removal.data_deleted:
                show_status(
                    self.details.status,
                    self.tr("Signed out. The local copy stays readable; sign in again to sync it."),
                    error=False,
                )
            self.accounts_changed.emit()

        def failed(exc: BaseException) -> None:
            d.spinner.stop()
            self._finished()
            show_status(d.status, error_text(exc), error=True)

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
                show_status(status, "", error=False)

    def start_add(self) -> None:
        self._clear_add_pages()
        s = self.site_page
        s.site.clear()
        s.name.clear()
        s.name.setEnabled(True)
        s.set_platform(PLATFORMS[0])
        s.platform.setEnabled(True)
        s.choose_method(signin.platform_sign_in(PLATFORMS[0]).choices[0].id)
        show_status(s.status, "", error=False)
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
        self._sign_in = SignIn(
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
            show_status(s.status, error_text(exc), error=True)
            self.pages.setCurrentWidget(s)
            return
        method = s.chosen_method()
        self._sign_in = SignIn(
            site=site, name=name, platform=s.chosen_platform(), method=method, replace=replace
        )
        if method.kind is signin.MethodKind.FORM:
            a = self.form_pages[method.id]
            a.clear_secrets()
            show_status(a.status, "", error=False)
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
        show_status(
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
                labels = ", ".join(tr_signin(f.label).replace("&", "").rstrip(" :") for f in missing)
                show_status(s.status, self.tr("Fill in: {0}.").format(labels), error=True)
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
            show_status(s.status, "", error=False)
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
                show_status(s.status, error_text(exc), error=True)
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
        show_status(v.status, "", error=False)
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
            show_status(v.status, error_text(exc), error=True)
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
        show_status(p.status, "", error=False)
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
            show_status(p.status, error_text(exc), error=True)
            return
        p.payload.clear()  # the encrypted key has no business staying on screen
        self._finish_credentials(credentials)

    # -- finishing -------------------------------------------------------------------------------------

    def _save_job(self, sign_in: SignIn, credentials_of: Any) -> Any:
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
            show_status(form.status, self.tr("Fill in every field."), error=True)
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
            show_status(status, self.tr("Checking the account…"), error=False)
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
                show_status(status, error_text(exc), error=True)

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
