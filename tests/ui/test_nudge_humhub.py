"""The nudge composer on HumHub: what it says depends on what the sync learned about the site's
Messages (mail) module, asked without a connector."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from moderator.bootstrap import AppContext
from moderator.model import AuthKind, Community, Member, Platform, SyncBatch
from ui.nudge_composer import NudgeComposer


@pytest.mark.parametrize(
    ("settings", "can_send", "words"),
    [
        ({}, False, "does not know yet whether this site lets it send private messages: sync the community"),
        ({"mail_module": False}, False, "This community does not let the app send private messages"),
        ({"mail_module": True}, True, None),
    ],
)
def test_humhub_composer_follows_the_learned_mail_module(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, settings: dict[str, object], can_send: bool, words: str | None
) -> None:
    community = ctx.store.add_community(
        Community(
            name="hub",
            platform=Platform.HUMHUB,
            base_url="https://hub.example.org",
            auth_kind=AuthKind.TOKEN,
            settings=settings,
        )
    )
    assert community.id is not None
    ctx.store.apply_batch(
        community.id, SyncBatch(members=[Member(id="7", username="anna", name="Anna", address="g-7")])
    )
    composer = NudgeComposer(ctx.store, community, "anna")
    qtbot.addWidget(composer)
    composer.show()
    assert composer.send_button.isEnabled() is can_send
    assert composer.notice.isVisibleTo(composer) is (words is not None)
    if words is not None:
        assert words in composer.notice.text()
        assert composer.copy_button.isEnabled()
    form = composer.findChild(QFormLayout)
    assert form is not None
    label = form.labelForField(composer.title_edit)
    assert isinstance(label, QLabel) and label.text() == "Title:"  # a HumHub conversation has a title
    assert composer.title_note is None
