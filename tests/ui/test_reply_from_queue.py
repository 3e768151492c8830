"""Answering from the Unanswered queue, offline then online (the replies issue's "done when").

In the real window on the in-process sandbox: pick the oldest unanswered topic, press r, write,
Ctrl+Enter while the site cannot be reached (the server is stopped: connections are refused). The
reply waits in the outbox. When the site is back, it goes out once: the sandbox has it exactly once,
and the topic leaves the queue.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator import outbox
from moderator.bootstrap import AppContext, open_context
from moderator.sandbox import SANDBOX_USERNAME, SandboxServer
from ui.composer import Composer
from ui.main_window import MainWindow
from ui.sync_controller import SyncController
from ui.tasks import TaskManager
from ui.views import TopicRef

TIMEOUT = 60_000
BODY = "Bonjour ! Merci pour la question : la réponse est dans le wiki, rubrique Procédures."


@pytest.fixture
def ctx() -> Iterator[AppContext]:
    context = open_context()
    yield context
    context.close()


def _queue_rows(view: object) -> list[TopicRef]:
    model = view.model  # type: ignore[attr-defined]
    return [model.ref(r) for r in range(model.rowCount())]


def test_answer_from_the_queue_offline_then_online(qtbot, ctx: AppContext) -> None:
    tasks = TaskManager()
    controller = SyncController(ctx, tasks)
    window = MainWindow(ctx, tasks, controller)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(controller.all_idle, timeout=TIMEOUT):
            controller.start_schedule()
        window.choose("unanswered")
        view = window.view("unanswered")
        assert view is not None
        qtbot.waitUntil(lambda: not view.busy() and view.model.rowCount() > 0, timeout=TIMEOUT)  # type: ignore[attr-defined]
        view.move_selection(1)
        ref = view.current()
        assert isinstance(ref, TopicRef)

        # The network goes: the sandbox stops answering (connection refused on its port).
        server = ctx.sandbox
        assert server is not None
        port, world = int(server.url.rsplit(":", 1)[1]), server.world
        server.stop()

        window.reply_current()  # r
        (composer,) = Composer.open_composers()
        composer.editor.setPlainText(BODY)
        sender = window.features.outbox
        composer.send()  # Ctrl+Enter (tests run with dialogs not shown, so no key reaches it)
        # Wait for the attempt itself: a send started by the last sync may finish first, and say nothing.
        qtbot.waitUntil(lambda: bool(outbox.list_items(ctx.store)[0].last_error), timeout=TIMEOUT)
        (item,) = outbox.list_items(ctx.store)
        assert item.state == outbox.State.QUEUED and item.last_error  # waits, and says why
        assert ref in _queue_rows(view)  # still unanswered: nothing went out

        # The network is back: the same site on the same address.
        ctx.sandbox = SandboxServer(world=world, port=port).start()
        # A send the failed one queued behind it may still be running (a refused connection now fails at
        # once, no back-off): the request waits for it and runs next, so wait for the reply to go out.
        sender.send_pending()
        qtbot.waitUntil(lambda: outbox.list_items(ctx.store)[0].state == outbox.State.SENT, timeout=TIMEOUT)

        me = world.user_by_name(SANDBOX_USERNAME)
        assert me is not None
        mine = [
            p for p in world.posts.values() if p.topic_id == int(ref.topic_id) and p.user_id == me.id and p.raw == BODY
        ]
        assert len(mine) == 1  # exactly once on the server
        qtbot.waitUntil(lambda: ref not in _queue_rows(view), timeout=TIMEOUT)  # and it left the queue
        assert any(p.raw == BODY for p in ctx.store.posts(ref.community_id, ref.topic_id))
    finally:
        window.shutdown()
