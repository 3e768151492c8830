"""A new recurring post: when it comes back, what it says (with placeholders), where, and whether it
goes out by itself or waits for approval (``moderator.schedule.series``)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from moderator.model import Community
from moderator.schedule.rules import Kind, Rule, RuleError
from moderator.schedule.series import PLACEHOLDERS, Series, SeriesError, add_series
from moderator.schedule.topics import TopicError
from moderator.schedule.when import local_zone_name
from moderator.store import Store
from ui import screen_fit


class SeriesDialog(QDialog):
    def __init__(self, store: Store, communities: list[Community], current: Community, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("New recurring post"))
        self.created: Series | None = None
        self.community_box = QComboBox(self)
        for community in communities:
            self.community_box.addItem(community.title or community.name, community.id)
        self.community_box.setCurrentIndex(max(0, self.community_box.findData(current.id)))
        self.community_box.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self.name_edit = QLineEdit(self.tr("Question of the week"), self)
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("Every week on"), Kind.WEEKLY.value)
        self.kind_box.addItem(self.tr("Every month on day"), Kind.MONTHLY.value)
        self.kind_box.addItem(self.tr("Every month on the"), Kind.MONTHLY_WEEKDAY.value)
        self.nth_box = QComboBox(self)
        for i, word in enumerate((self.tr("first"), self.tr("second"), self.tr("third"), self.tr("fourth"), self.tr("last"))):
            self.nth_box.addItem(word, i + 1)
        self.day_box = QComboBox(self)
        names = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"), self.tr("Friday"),
                 self.tr("Saturday"), self.tr("Sunday"))
        for i, name in enumerate(names):
            self.day_box.addItem(name, i)
        self.date_spin = QSpinBox(self)
        self.date_spin.setRange(1, 28)
        self.time_edit = QTimeEdit(QTime(9, 0), self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.kind_box.currentIndexChanged.connect(lambda _i: self._update_rule_fields())
        when = QHBoxLayout()
        for widget in (self.kind_box, self.nth_box, self.day_box, self.date_spin, QLabel(self.tr("at"), self), self.time_edit):
            when.addWidget(widget)
        when.addStretch(1)
        self.category_box = QComboBox(self)
        self.title_edit = QLineEdit(self.tr("Question of the week {week}: what would you like to ask?"), self)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setPlainText(self.tr(
            "Hello everyone, and welcome to {newcomers}!\n\nThis week's question: …\n\n"
            "Still waiting for an answer:\n{oldest_unanswered}"
        ))
        self.language_box = QComboBox(self)
        self.language_box.addItem("Français", "fr")
        self.language_box.addItem("English", "en")
        self.auto_check = QCheckBox(self.tr("Send each post by itself at its time (otherwise it waits for your approval)"), self)
        help_text = QLabel(self.tr("Placeholders: %1. Each post is prepared a day ahead.").replace(
            "%1", " ".join("{" + p + "}" for p in PLACEHOLDERS)), self)
        help_text.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Community"), self.community_box)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("When"), when)
        form.addRow(self.tr("Category"), self.category_box)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Text"), self.body_edit)
        form.addRow(self.tr("Dates in"), self.language_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.auto_check)
        layout.addWidget(help_text)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill_categories()
        self._update_rule_fields()
        screen_fit.fit_to_screen(self, 720, 560)

    def _fill_categories(self) -> None:
        self.category_box.clear()
        community_id = self.community_box.currentData()
        for category in self.store.categories(community_id):
            if category.can_create_topic is not False:
                self.category_box.addItem(category.name, category.id)

    def _update_rule_fields(self) -> None:
        kind = Kind(self.kind_box.currentData())
        self.nth_box.setVisible(kind is Kind.MONTHLY_WEEKDAY)
        self.day_box.setVisible(kind is not Kind.MONTHLY)
        self.date_spin.setVisible(kind is Kind.MONTHLY)

    def rule(self) -> Rule:
        kind = Kind(self.kind_box.currentData())
        at = self.time_edit.time().toPython()
        if kind is Kind.WEEKLY:
            return Rule(kind, at, weekday=self.day_box.currentData())
        if kind is Kind.MONTHLY:
            return Rule(kind, at, day=self.date_spin.value())
        return Rule(kind, at, weekday=self.day_box.currentData(), nth=self.nth_box.currentData())

    def accept(self) -> None:
        try:
            self.created = add_series(
                self.store,
                community_id=self.community_box.currentData(),
                name=self.name_edit.text(),
                title=self.title_edit.text(),
                body=self.body_edit.toPlainText(),
                rule=self.rule(),
                zone=local_zone_name(),
                language=self.language_box.currentData(),
                category_id=self.category_box.currentData(),
                auto_send=self.auto_check.isChecked(),
            )
        except TopicError as exc:
            from ui.topic_composer import _topic_error

            self.error.setText(_topic_error(self, exc))
            self.error.show()
            return
        except (RuleError, SeriesError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, store: Store, communities: list[Community], current: Community) -> Series | None:
        dialog = cls(store, communities, current, parent)
        dialog.exec()
        return dialog.created

