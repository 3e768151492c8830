"""Joining the feature modules (replies, reminders, the animator's views) to the main window.

The window knows panes, views and actions; each feature brings its own views and controllers. This
module is the one place that registers the feature views (for each new window: a view factory may
hold that window's controllers) and connects the window's commands (r, m) and sync events to them.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from ui import banners as _banners  # noqa: F401 - the window's banner area lives there
from ui import views
from ui.sync_controller import stored_anything
from ui.views import TopicRef

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from moderator.bootstrap import AppContext
    from moderator.model import Community
    from ui.main_window import MainWindow
    from ui.notifier import ReminderNotifier
    from ui.outbox_view import OutboxController

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Features:
    outbox: OutboxController
    notifier: ReminderNotifier | None = None


def register_views(window: MainWindow) -> Features:
    """Register every feature view; called by the window before it builds its views."""
    from PySide6.QtCore import QCoreApplication

    from ui.insight_views import install_insight_views
    from ui.outbox_view import install_reply_views
    from ui.planned_view import PlannedView
    from ui.reminders_view import RemindersView

    install_insight_views()
    outbox = install_reply_views(window.ctx, window.tasks, window)
    views.register(
        views.ViewSpec(
            "reminders",
            lambda: QCoreApplication.translate("views", "Reminders"),
            RemindersView,
            go_key="r",
            icon="view-reminders",
        )
    )
    views.register(
        views.ViewSpec(
            "planned",
            lambda: QCoreApplication.translate("views", "Planned"),
            PlannedView,
            go_key="p",
            icon="view-planned",
        )
    )
    views.register(
        views.ViewSpec(
            "results",
            lambda: QCoreApplication.translate("views", "Results"),
            _results_view,
            go_key="x",
            icon="view-results",
        )
    )
    from ui.review_view import install_review_view

    review = install_review_view(window.ctx, window.tasks, window)
    # Decisions wait for the network like replies: tried again after each sync.
    window.controller.finished.connect(lambda _cid, _report: review.send_pending())
    return Features(outbox=outbox)


def _results_view(ctx: AppContext, parent: QWidget | None) -> views.View:
    """The Results view, imported when first shown: its charts (pyqtgraph) stay off the start path."""
    from ui.results_view import ResultsView

    return ResultsView(ctx, parent)


class FeatureWiring(QObject):
    """Connects the built window to the feature controllers (lives as long as the window)."""

    def __init__(self, window: MainWindow, features: Features) -> None:
        super().__init__(window)
        from ui.notifier import ReminderNotifier

        self.window = window
        self.features = features
        features.outbox.message.connect(window.show_message)
        features.outbox.finished.connect(self._after_send)
        tray = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = QSystemTrayIcon(window.windowIcon(), window)
            tray.setToolTip(window.windowTitle())
            tray.show()
            tray.messageClicked.connect(lambda: window.choose("reminders"))
        notifier = ReminderNotifier(window.ctx.store, tray=tray, parent=window)
        features.notifier = notifier
        notifier.banner_requested.connect(
            lambda text: window.banners.show_banner("reminder", text, kind="info")
        )
        notifier.message.connect(window.show_message)
        notifier.due_count_changed.connect(lambda n: window.set_badge("reminders", n))
        unanswered = window.view("unanswered")
        if unanswered is not None and hasattr(unanswered, "refreshed"):
            # Each community's own badge in the sidebar: how many of its topics wait for an answer.
            # After a triage (e, s, z) too: the community badges always add up to the view's.
            unanswered.refreshed.connect(lambda view=unanswered: self._community_badges(view))
            unanswered.count_changed.connect(lambda _n, view=unanswered: self._community_badges(view))
        reminders = window.view("reminders")
        if reminders is not None:
            notifier.reminder_due.connect(lambda _r: reminders.request_refresh())
            notifier.resolved.connect(lambda _r: reminders.request_refresh())
            reminders.reminders_changed.connect(notifier.reschedule)  # type: ignore[attr-defined]
            reminders.mirror_changed.connect(self.flush_mirrors)  # type: ignore[attr-defined]
            reminders.nudge_requested.connect(self.nudge)  # type: ignore[attr-defined]
        from ui import member_card

        card = member_card.attach(window.reading)
        card.remind_requested.connect(self.remind_about)
        card.nudge_requested.connect(self.nudge)
        window.reading.reply_requested.connect(self.reply_to)
        window.reading.remind_requested.connect(self.remind_about)
        window.controller.finished.connect(self._after_sync)

    def start(self) -> None:
        """After the window shows: ring what is overdue, send what waits, mirror what is pending."""
        if self.features.notifier is not None:
            self.features.notifier.start()
        self.flush_mirrors()

    def _community_badges(self, view: views.View) -> None:
        model = getattr(view, "model", None)
        if model is None:
            return
        counts: dict[int, int] = {}
        for row in getattr(model, "rows", None) or [model.row_object(n) for n in range(model.rowCount())]:
            cid = row.community_id
            counts[cid] = counts.get(cid, 0) + 1
        for community in self.window.ctx.store.communities():
            if community.id is not None:
                self.window.sidebar.set_community_badge(community.id, counts.get(community.id, 0))

    # -- r: reply ----------------------------------------------------------------------------

    def current_ref(self) -> object | None:
        view = self.window.current_view()
        ref = view.current() if view is not None else None
        return ref if ref is not None else self.window.reading.ref

    @Slot()
    def reply_current(self) -> None:
        ref = self.current_ref()
        if isinstance(ref, TopicRef):
            self.reply_to(ref)
        else:
            self.window.show_message(self.window.tr("Select a topic to reply to (j / k), then press r."))

    # -- n: a new topic (or the current view's own "new": a note in Reminders) -------------------

    @Slot()
    def new_topic(self) -> None:
        from ui.topic_composer import TopicComposer

        view = self.window.current_view()
        if view is not None and hasattr(view, "new_item") and view.new_item():
            return
        store = self.window.ctx.store
        communities = store.communities()
        if not communities:
            self.window.show_message(self.window.tr("Add a community first (Community → Accounts…)."))
            return
        wanted: int | None = None
        if self.window.current_key.startswith("community:"):
            wanted = int(self.window.current_key.split(":", 1)[1])
        elif isinstance(ref := self.current_ref(), TopicRef | views.MemberRef):
            wanted = ref.community_id
        elif view is not None and view.community_ids is not None and len(view.community_ids) == 1:
            wanted = view.community_ids[0]
        current = next((c for c in communities if c.id == wanted), communities[0])
        TopicComposer.open_for(self.window, store, communities, current)

    @Slot(object)
    def reply_to(self, ref: object, text: str = "") -> object:
        from ui.composer import Composer

        if not isinstance(ref, TopicRef):
            return None
        community = self.window.ctx.store.community(ref.community_id)
        if community is None:
            return None
        quote = self.window.reading.browser.textCursor().selectedText().replace("\u2029", "\n").strip()
        composer = Composer.open_for(
            self.window, self.window.ctx.store, community, ref.topic_id, quote=quote or None
        )
        if text:
            composer.start_from_template(text)
        return composer

    # -- m: remind ---------------------------------------------------------------------------

    @Slot()
    def remind_current(self) -> None:
        self.remind_about(self.current_ref())

    @Slot(object)
    def remind_about(self, ref: object) -> None:
        from ui.remind_dialog import RemindTarget, remind_about

        member_ref = getattr(views, "MemberRef", None)
        if isinstance(ref, TopicRef):
            topic = self.window.ctx.store.topic(ref.community_id, ref.topic_id)
            target = RemindTarget.topic(ref.community_id, ref.topic_id, topic.title if topic else "")
        elif member_ref is not None and isinstance(ref, member_ref):
            target = RemindTarget.member(ref.community_id, ref.username, ref.member_id)  # type: ignore[attr-defined]
        else:
            target = RemindTarget.note(self._scope_community())
        reminder = remind_about(self.window, self.window.ctx, target)
        if reminder is None:
            return
        self.window.show_message(self.window.tr("Reminder set."), 4000)
        reminders = self.window.view("reminders")
        if reminders is not None:
            reminders.request_refresh()
        if self.features.notifier is not None:
            self.features.notifier.reschedule()
        if reminder.mirror:
            self.flush_mirrors()

    def _scope_community(self) -> int | None:
        key = self.window.current_key
        return int(key.split(":", 1)[1]) if key.startswith("community:") else None

    @Slot(int, str, str)
    def nudge(self, community_id: int, username: str, text: str = "") -> object:
        """A nudge is a private message, never a public post: the nudge composer, worded for the member.

        ``text`` (a reminder's old suggestion) is ignored: the composer words it for the member's segment.
        """
        return self.open_nudge(community_id, username)

    def open_nudge(
        self,
        community_id: int,
        username: str,
        *,
        purpose: object = None,
        topic_id: str | None = None,
        why: dict[str, str] | None = None,
    ) -> object:
        from ui.nudge_composer import NudgeComposer

        community = self.community(community_id)
        if community is None:
            return None
        composer = NudgeComposer.open_for(
            self.window,
            self.window.ctx.store,
            community,
            username,
            purpose=purpose,  # type: ignore[arg-type]
            topic_id=topic_id,
            why=why,
        )
        composer.queued.connect(self._nudge_queued)
        composer.recorded.connect(lambda *_: self._nudges_changed())
        return composer

    @Slot(int)
    def _nudge_queued(self, item_id: int) -> None:
        from ui.composer_parts import reply_events

        events = reply_events()
        events.outbox_changed.emit()
        events.reply_queued.emit(item_id)
        self.window.show_message(self.window.tr("Private message queued, will be sent when online."), 5000)

    def _nudges_changed(self) -> None:
        silent = self.window.view("silent")
        if silent is not None:
            silent.request_refresh()
        from ui.member_card import MemberCard

        card = self.window.reading.findChild(MemberCard, "memberCard")
        if card is not None and card.ref is not None and card.isVisible():
            card.show_member(card.ref)

    # -- w: who could answer this? -----------------------------------------------------------

    @Slot()
    def answerers_current(self) -> object:
        from ui.answerers_pane import AnswerersPane

        ref = self.current_ref()
        if not isinstance(ref, TopicRef):
            self.window.show_message(
                self.window.tr("Select a topic (j / k), then press w to see who could answer it.")
            )
            return None
        community = self.community(ref.community_id)
        if community is None:
            return None
        pane = AnswerersPane.open_for(
            self.window, self.window.ctx.store, self.window.tasks, community, ref.topic_id
        )
        pane.invite_requested.connect(self._invite)
        pane.mention_requested.connect(self._mention)
        return pane

    @Slot(int, str, str, object)
    def _invite(self, community_id: int, topic_id: str, username: str, why: object) -> None:
        from moderator.nudges.texts import Purpose

        self.open_nudge(
            community_id,
            username,
            purpose=Purpose.INVITATION,
            topic_id=topic_id,
            why=why if isinstance(why, dict) else None,
        )

    @Slot(int, str, str, object)
    def _mention(self, community_id: int, topic_id: str, username: str, why: object) -> None:
        from moderator.nudges import history, language
        from ui.answerers_pane import mention_text
        from ui.nudge_composer import ui_language

        store = self.window.ctx.store
        community = self.community(community_id)
        if community is None:
            return
        first = (
            store.read()
            .execute(
                "SELECT text FROM posts WHERE community_id=? AND topic_id=? ORDER BY post_number LIMIT 1",
                (community_id, topic_id),
            )
            .fetchone()
        )
        lang = (
            language.detect([first[0]] if first else [])
            or language.choose_language(store, community_id, None, ui_language=ui_language()).language
        )
        reasons = why if isinstance(why, dict) else {}
        text = mention_text(store, username, reasons, lang)
        composer = self.reply_to(TopicRef(community_id, topic_id), text)
        if composer is None:
            return

        def recorded(item_id: int) -> None:
            body = getattr(composer, "text", lambda: text)()
            history.record(
                store,
                community_id,
                username,
                kind=history.Kind.INVITATION,
                channel=history.Channel.MENTION,
                body=body,
                topic_id=topic_id,
                language=lang,
                why=str(reasons.get(lang, "")),
                outbox_id=item_id,
            )
            self._nudges_changed()

        composer.queued.connect(recorded)  # type: ignore[attr-defined]

    # -- after a send ------------------------------------------------------------------------

    @Slot(object)
    def _after_send(self, outcomes: object) -> None:
        """A reply went out: the queue and the reading pane show it at once (the store has the post)."""
        if not outcomes:
            return
        for widget in self.window.view_widgets.values():
            if isinstance(widget, views.View):
                widget.request_refresh()
        self.window.reading.reload()

    # -- after sync --------------------------------------------------------------------------

    @Slot(int, object)
    def _after_sync(self, community_id: int, report: object) -> None:
        if not getattr(report, "ok", False):
            return  # offline, refused, failed: nothing to send to it, nothing new to look at
        self.features.outbox.send_pending()
        composer = sys.modules.get("ui.composer")  # none imported: no composer is open
        if composer is not None and stored_anything(report):
            composer.Composer.refresh_all()
        if self.features.notifier is not None and stored_anything(report):
            self.features.notifier.evaluate_after_sync()
        self.flush_mirrors()

    @Slot()
    def flush_mirrors(self) -> None:
        ctx = self.window.ctx
        connector_for = self.window.controller.connector_for

        def job(_task: object) -> object:
            # Imported here, off the GUI thread: it brings the HTTP layer (requests), which the
            # first paint does not need.
            from moderator.reminder_mirror import flush_mirrors

            return flush_mirrors(ctx.store, connector_for)

        def failed(exc: BaseException) -> None:
            log.info("Reminder bookmarks not mirrored yet: %s", exc)

        self.window.tasks.run(job, on_error=failed, label="reminder bookmarks")

    def community(self, community_id: int) -> Community | None:
        return self.window.ctx.store.community(community_id)
