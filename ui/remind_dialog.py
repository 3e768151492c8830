"""The "Remind me" dialog: quick picks as buttons, a custom local date and time, an optional condition,
and (for a Discourse topic) the choice to have the community remind the phone too.

Opened with ``m`` on any row and from the reading pane (``remind_about``), and by the Reminders view to
snooze to a chosen time (``snooze=True``: only the "when" part).

Why the date editor shows UTC-tagged wall times: the machine's zone and the reminder zone may differ
(tests pin Europe/Paris on a UTC machine; a user may pick another zone in settings). The editor only
displays and edits a wall-clock date and time; ``quickpicks.wall_time`` turns it into the instant, so no
Qt time-zone conversion can shift it by an hour around a DST change.

Keyboard: Alt+letter picks (Later &today, To&morrow...), Tab to the date editor, Enter confirms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    Qt,
    QTime,
    QTimeZone,
    Slot,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator import quickpicks
from moderator import reminders as rem
from moderator.clock import Clock, SystemClock, local_zone
from moderator.model import Community
from moderator.quickpicks import QuickPick
from moderator.reminders import Condition, Kind, Reminder
from ui import timefmt

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext


@dataclasses.dataclass(frozen=True, slots=True)
class RemindTarget:
    """What the reminder is about. ``community_id`` None (a note from "All communities"): ask which."""

    kind: Kind
    community_id: int | None
    topic_id: str | None = None
    title: str = ""
    member_id: str | None = None
    username: str = ""

    @classmethod
    def topic(cls, community_id: int, topic_id: str, title: str = "") -> RemindTarget:
        return cls(Kind.TOPIC, community_id, topic_id=topic_id, title=title)

    @classmethod
    def member(cls, community_id: int, username: str, member_id: str | None = None) -> RemindTarget:
        return cls(Kind.MEMBER, community_id, username=username.removeprefix("@"), member_id=member_id)

    @classmethod
    def note(cls, community_id: int | None = None) -> RemindTarget:
        return cls(Kind.NOTE, community_id)

    @classmethod
    def from_reminder(cls, reminder: Reminder) -> RemindTarget:
        return cls(
            reminder.kind,
            reminder.community_id,
            topic_id=reminder.topic_id,
            title=reminder.title or reminder.note,
            member_id=reminder.member_id,
            username=reminder.username,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class RemindRequest:
    """What the user chose."""

    due_at: dt.datetime
    community_id: int | None = None
    condition: Condition | None = None
    mirror: bool = False
    note: str = ""


_PICK_LABELS = {
    QuickPick.LATER_TODAY: QT_TRANSLATE_NOOP("RemindDialog", "Later &today"),
    QuickPick.TOMORROW: QT_TRANSLATE_NOOP("RemindDialog", "To&morrow"),
    QuickPick.NEXT_MONDAY: QT_TRANSLATE_NOOP("RemindDialog", "Next Mon&day"),
    QuickPick.IN_A_WEEK: QT_TRANSLATE_NOOP("RemindDialog", "In a &week"),
}


class RemindDialog(QDialog):
    def __init__(
        self,
        target: RemindTarget,
        *,
        now: dt.datetime,
        zone: dt.tzinfo,
        can_mirror: bool = False,
        communities: list[Community] | None = None,
        snooze: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindDialog")
        self.target, self.now, self.zone, self.snooze = target, now, zone, snooze
        self._pick_times: dict[QuickPick, dt.datetime | None] = dict(quickpicks.available(now, zone))
        self._chosen_pick: QuickPick | None = None
        self.setWindowTitle(self.tr("Snooze until") if snooze else self.tr("Remind me"))
        self.setMinimumWidth(620)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self._make_header())
        layout.addWidget(self._make_picks())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.when_edit = self._make_when_edit()
        form.addRow(self.tr("&At:"), self.when_edit)
        self.community_combo = QComboBox(self)
        if target.community_id is None and not snooze:
            for community in communities or []:
                self.community_combo.addItem(community.title or community.name, community.id)
            self.community_combo.setAccessibleName(self.tr("Community"))
            form.addRow(self.tr("C&ommunity:"), self.community_combo)
        else:
            self.community_combo.hide()
        self.condition_combo = QComboBox(self)
        self.condition_combo.addItem(self.tr("Always"), None)
        for condition in Condition:
            self.condition_combo.addItem(_capitalised(rem.CONDITION_LABELS[condition]), str(condition))
        self.condition_combo.setAccessibleName(self.tr("Only remind me"))
        self.condition_combo.setToolTip(
            self.tr(
                "If the condition no longer holds when the time comes, the reminder resolves itself and says why."
            )
        )
        if target.kind is Kind.TOPIC and not snooze:
            form.addRow(self.tr("&Remind me:"), self.condition_combo)
        else:
            self.condition_combo.hide()
        self.note_edit = QLineEdit(self)
        self.note_edit.setAccessibleName(self.tr("Note"))
        if target.kind is Kind.NOTE:
            self.note_edit.setPlaceholderText(self.tr("What to remember, e.g. “Plan the spring meetup”"))
        else:
            self.note_edit.setPlaceholderText(self.tr("Optional: a word for your future self"))
        if not snooze:
            form.addRow(self.tr("&Note:"), self.note_edit)
        else:
            self.note_edit.hide()
        layout.addLayout(form)

        self.mirror_check = QCheckBox(
            self.tr("Also remind me on the community (a bookmark with a reminder)"), self
        )
        self.mirror_check.setToolTip(
            self.tr(
                "The community's own notifications will remind you too, on your phone for example. "
                "Sent now, or as soon as the community can be reached."
            )
        )
        self.mirror_check.setVisible(can_mirror and target.kind is Kind.TOPIC and not snooze)
        layout.addWidget(self.mirror_check)

        self.error = QLabel(self)
        self.error.setObjectName("remindError")
        self.error.setStyleSheet("color: #d0453a;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.addButton(
            self.tr("Snooze") if snooze else self.tr("Remind me"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        default = QuickPick.TOMORROW
        self.choose_pick(default)
        if target.kind is Kind.NOTE and not snooze:
            self.note_edit.setFocus()
        else:
            self.pick_buttons[default].setFocus()

    # -- parts -------------------------------------------------------------------------------

    def _make_header(self) -> QWidget:
        header = QWidget(self)
        box = QVBoxLayout(header)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        kicker = QLabel(self._kicker(), header)
        kicker.setObjectName("remindKicker")
        kicker.setStyleSheet("color: palette(placeholder-text);")
        title = QLabel(self._title(), header)
        title.setObjectName("remindTitle")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(font.Weight.DemiBold)
        title.setFont(font)
        box.addWidget(kicker)
        box.addWidget(title)
        return header

    def _kicker(self) -> str:
        if self.snooze:
            return self.tr("Snooze this reminder")
        return {
            Kind.TOPIC: self.tr("Follow up on this topic"),
            Kind.MEMBER: self.tr("Nudge this member"),
            Kind.NOTE: self.tr("A note for later"),
        }[self.target.kind]

    def _title(self) -> str:
        t = self.target
        if t.kind is Kind.TOPIC:
            return t.title or self.tr("Topic %1").replace("%1", t.topic_id or "")
        if t.kind is Kind.MEMBER:
            return f"@{t.username}"
        return t.title or self.tr("Anything you want to come back to")

    def _make_picks(self) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.pick_group = QButtonGroup(self)
        self.pick_group.setExclusive(True)
        self.pick_buttons: dict[QuickPick, QToolButton] = {}
        for column, pick in enumerate(QuickPick):
            when = self._pick_times[pick]
            button = QToolButton(box)
            button.setObjectName(f"pick-{pick.value}")
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            label = QCoreApplication.translate("RemindDialog", str(_PICK_LABELS[pick]))
            detail = self._pick_detail(when) if when is not None else self.tr("too late today")
            button.setText(f"{label}\n{detail}")
            button.setAccessibleName(f"{label.replace('&', '')}, {detail}")
            button.setMinimumHeight(52)
            button.setEnabled(when is not None)
            button.setStyleSheet(
                "QToolButton { border: 1px solid palette(mid); border-radius: 6px; padding: 6px 8px;"
                " background: palette(base); }"
                "QToolButton:checked { border: 2px solid palette(highlight); background: palette(alternate-base); }"
                "QToolButton:focus { border-color: palette(highlight); }"
                "QToolButton:disabled { color: palette(placeholder-text); }"
            )
            button.clicked.connect(lambda _checked=False, p=pick: self.choose_pick(p))
            self.pick_group.addButton(button)
            self.pick_buttons[pick] = button
            grid.addWidget(button, 0, column)
        return box

    def _pick_detail(self, when: dt.datetime) -> str:
        local = when.astimezone(self.zone)
        today = self.now.astimezone(self.zone).date()
        clock = timefmt.clock_text(local.hour, local.minute)
        if local.date() == today:
            return clock
        return f"{timefmt.day_text(local.date(), today)} {clock}"

    def _make_when_edit(self) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))  # a wall clock: see the module doc
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(_edit_format())
        edit.setAccessibleName(self.tr("Date and time"))
        zone_name = getattr(self.zone, "key", None) or str(self.zone)
        edit.setToolTip(self.tr("Local time (%1)").replace("%1", zone_name))
        local_now = self.now.astimezone(self.zone)
        edit.setMinimumDateTime(_qt_wall(local_now.replace(second=0, microsecond=0)))
        edit.dateTimeChanged.connect(self._on_edited)
        return edit

    # -- behaviour ---------------------------------------------------------------------------

    def choose_pick(self, pick: QuickPick) -> None:
        when = self._pick_times.get(pick)
        if when is None:
            return
        self.pick_buttons[pick].setChecked(True)
        self.when_edit.blockSignals(True)
        self.when_edit.setDateTime(_qt_wall(when.astimezone(self.zone)))
        self.when_edit.blockSignals(False)
        self._chosen_pick = pick
        self.error.hide()

    @Slot()
    def _on_edited(self) -> None:
        """A time typed by hand is no longer a quick pick."""
        self._chosen_pick = None
        self.pick_group.setExclusive(False)
        for button in self.pick_buttons.values():
            button.setChecked(False)
        self.pick_group.setExclusive(True)
        self.error.hide()

    def due_at(self) -> dt.datetime:
        """The chosen instant (UTC): the quick pick's exactly, else the editor's wall time in the zone."""
        if self._chosen_pick is not None:
            when = self._pick_times[self._chosen_pick]
            assert when is not None
            return when
        value = self.when_edit.dateTime()
        date, time = value.date(), value.time()
        return quickpicks.wall_time(
            dt.date(date.year(), date.month(), date.day()), dt.time(time.hour(), time.minute()), self.zone
        )

    def request(self) -> RemindRequest:
        community_id = self.target.community_id
        if community_id is None and self.community_combo.count():
            community_id = self.community_combo.currentData()
        condition = self.condition_combo.currentData() if self.condition_combo.isVisibleTo(self) else None
        return RemindRequest(
            due_at=self.due_at(),
            community_id=community_id,
            condition=Condition(condition) if condition else None,
            mirror=self.mirror_check.isVisibleTo(self) and self.mirror_check.isChecked(),
            note=self.note_edit.text().strip(),
        )

    def accept(self) -> None:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

    def _problem(self) -> str:
        if self.due_at() <= self.now:
            return self.tr("That time has passed: pick a later one.")
        if self.target.kind is Kind.NOTE and not self.snooze and not self.note_edit.text().strip():
            self.note_edit.setFocus()
            return self.tr("Write what you want to be reminded of.")
        if self.target.community_id is None and not self.snooze and self.community_combo.count() == 0:
            return self.tr("Add a community first: a note belongs to one.")
        return ""

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        target: RemindTarget,
        *,
        now: dt.datetime,
        zone: dt.tzinfo,
        can_mirror: bool = False,
        communities: list[Community] | None = None,
        snooze: bool = False,
    ) -> RemindRequest | None:
        """Show the dialog modally; None when cancelled (tests replace this method)."""
        dialog = cls(
            target,
            now=now,
            zone=zone,
            can_mirror=can_mirror,
            communities=communities,
            snooze=snooze,
            parent=parent,
        )
        try:
            return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _capitalised(text: str) -> str:
    """A core condition label ("if still unanswered"), translated, as a menu entry ("If still…")."""
    words = QCoreApplication.translate(rem.TR_CONTEXT, text)
    return words[:1].upper() + words[1:]


def _edit_format() -> str:
    """The locale's date and time, always with the weekday and a 24 h or 12 h clock as the user reads."""
    locale = QLocale()
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    return f"dddd d MMMM yyyy   {time_format}"


def _qt_wall(local: dt.datetime) -> QDateTime:
    """A local wall time as a UTC-tagged QDateTime (the editor shows it as is)."""
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


# -- the one call the window needs -------------------------------------------------------------------


def mirror_available(ctx: AppContext, community_id: int | None) -> bool:
    """Whether the community can hold the reminder as a server bookmark (asked of the platform, not a
    connector: building one reads the keyring, which may block the GUI thread on an unlock prompt)."""
    from moderator.platforms import supports_server_bookmarks

    if community_id is None:
        return False
    community = ctx.store.community(community_id)
    return community is not None and supports_server_bookmarks(community)


def remind_about(
    parent: QWidget | None,
    ctx: AppContext,
    target: RemindTarget,
    *,
    clock: Clock | None = None,
    zone: dt.tzinfo | None = None,
    can_mirror: bool | None = None,
) -> Reminder | None:
    """Ask when (and on what condition), then store the reminder. None when cancelled."""
    clock = clock or SystemClock()
    zone = zone or local_zone()
    if can_mirror is None:
        can_mirror = target.kind is Kind.TOPIC and mirror_available(ctx, target.community_id)
    communities = ctx.store.communities()
    request = RemindDialog.ask(
        parent, target, now=clock.now(), zone=zone, can_mirror=can_mirror, communities=communities
    )
    if request is None or request.community_id is None:
        return None
    return rem.add_reminder(
        ctx.store,
        community_id=request.community_id,
        kind=target.kind,
        due_at=request.due_at,
        now=clock.now(),
        topic_id=target.topic_id,
        member_id=target.member_id,
        username=target.username,
        note=request.note,
        condition=request.condition,
        mirror=request.mirror,
    )
