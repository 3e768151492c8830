"""A nudge on a Viva Engage community, through the real window: the composer says that a direct
message has no title, and the queued nudge goes out as one direct message to the member (local network)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from ui_fakes import GatedSync, fake_connect

from moderator import outbox
from moderator.bootstrap import AppContext, secret_owner
from moderator.model import AuthKind, Community, Platform
from moderator.nudges import history
from moderator.platforms import make_connector
from moderator.platforms.http import Timeouts
from moderator.secrets import set_secret
from moderator.sync import sync_community
from tests.helpers.vivaengage_server import Network, VivaEngageServer, running
from ui.main_window import MainWindow
from ui.member_card import MemberCard
from ui.nudge_composer import NudgeComposer
from ui.sync_controller import SyncController
from ui.tasks import TaskManager
from ui.views import MemberRef

WINDOW = 0.4


@pytest.fixture
def srv() -> Iterator[VivaEngageServer]:
    with running(Network(seed=8, threads=30, users=24), window=WINDOW) as server:
        yield server


@pytest.fixture
def viva(ctx: AppContext, srv: VivaEngageServer) -> Community:
    community = ctx.store.add_community(
        Community(
            name="contoso",
            title="Contoso",
            platform=Platform.VIVAENGAGE,
            base_url=srv.url,
            username=srv.network.users[srv.network.me].name,
            auth_kind=AuthKind.TOKEN,
            settings={"rate_limits": [[10, WINDOW + 0.3]]},
        )
    )
    set_secret(secret_owner(ctx.store, community), str(AuthKind.TOKEN), "token-me")
    connector = make_connector(community, "token-me", client_options={"timeouts": Timeouts(2.0, 1.0)})
    try:
        report = sync_community(ctx.store, community, connector)
    finally:
        connector.close()
    assert report.ok, report.message
    return community


def test_viva_engage_nudge_from_the_member_card_is_a_direct_message(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, viva: Community, srv: VivaEngageServer
) -> None:
    net = srv.network
    reader = next(
        u for u in sorted(net.users.values(), key=lambda u: u.id)
        if u.state == "active" and u.id != net.me and net.updates(u.id) == 0
    )
    tasks = TaskManager()
    gate = GatedSync()
    gate.release.set()
    window = MainWindow(ctx, tasks, SyncController(ctx, tasks, sync_fn=gate, connect=fake_connect))
    qtbot.addWidget(window)
    try:
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        assert viva.id is not None
        window.reading.show_ref(MemberRef(viva.id, str(reader.id), reader.name))
        card = window.reading.findChild(MemberCard, "memberCard")
        assert card is not None
        qtbot.mouseClick(card.nudge_button, Qt.MouseButton.LeftButton)
        composer = NudgeComposer._open[(viva.id, reader.name.casefold())]
        with qtbot.waitActive(composer):
            composer.show()
            composer.activateWindow()
        # Sending is offered (no "copy the text instead"), and the composer says where the title goes.
        assert composer.can_message and composer.send_button.isEnabled()
        assert not composer.notice.isVisibleTo(composer)
        form = composer.findChild(QFormLayout)
        assert form is not None
        label = form.labelForField(composer.title_edit)
        assert isinstance(label, QLabel) and label.text() == "First line:"
        assert composer.title_note is not None and composer.title_note.isVisibleTo(composer)
        assert composer.title_note.text().startswith("Viva Engage direct messages have no title")
        composer.language_combo.setCurrentIndex(composer.language_combo.findData("en"))
        first_line = composer.title_edit.text()
        assert first_line
        before = set(net.messages)
        with qtbot.waitSignal(composer.queued) as queued:
            qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        item_id = queued.args[0]
        # The window sends the outbox at once: one direct message reaches the member.
        qtbot.waitUntil(
            lambda: (item := outbox.get_item(ctx.store, item_id)) is not None and item.state == outbox.State.SENT,
            timeout=15_000,
        )
        new = [net.messages[i] for i in set(net.messages) - before]
        assert len(new) == 1
        [message] = new
        assert message.direct_to == (net.me, reader.id) and message.thread_id == message.id
        assert message.body.startswith(first_line + "\n\n")
        [record] = history.for_member(ctx.store, viva.id, reader.name)
        assert record.channel is history.Channel.PRIVATE_MESSAGE
        # In the Outbox, the sent message (not in the local copy until the next sync) shows its
        # recipient's card, which says the nudge was sent, rather than "this topic is gone".
        window.choose("outbox")
        outbox_view = window.current_view()
        assert outbox_view is not None
        qtbot.waitUntil(lambda: outbox_view.model.rowCount() == 1)  # type: ignore[attr-defined]
        outbox_view.table.selectRow(0)  # type: ignore[attr-defined]

        def card_shown() -> bool:
            shown = window.reading.findChild(MemberCard, "memberCard")
            return (
                shown is not None
                and shown.isVisible()
                and shown.ref is not None
                and shown.ref.username == reader.name
                and shown.nudged.text().startswith("Nudged")
            )

        qtbot.waitUntil(card_shown)
    finally:
        window.shutdown()
        tasks.deleteLater()
