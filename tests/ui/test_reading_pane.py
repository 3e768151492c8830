"""The reading pane renders a topic from the store, loads nothing remote, opens links outside."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from moderator.bootstrap import AppContext
from ui.reading_pane import ReadingPane, SafeTextBrowser
from ui.views import TopicRef


def test_load_resource_refuses_remote_urls(qtbot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    for url in (
        "http://tracker.example/p.png",
        "https://cdn.example/a.css",
        "ftp://x/y",
        "file:///etc/passwd",
    ):
        assert browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(url)) is None
    assert len(browser.refused) == 4


def test_html_with_a_remote_image_triggers_no_load(qtbot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml('<p>x<img src="http://tracker.example/pixel.png"></p>')
    browser.resize(300, 200)
    browser.show()
    qtbot.waitExposed(browser)
    # The document asked for the image (layout needs it), and got nothing: no network, no file.
    qtbot.waitUntil(lambda: bool(browser.refused))
    assert {url.host() for url in browser.refused} == {"tracker.example"}
    assert (
        browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl("http://tracker.example/pixel.png")
        )
        is None
    )


def _acme(filled: AppContext) -> int:
    community = filled.store.community("acme")
    assert community is not None and community.id is not None
    return community.id


def test_topic_renders_posts_authors_and_marks(qtbot, filled: AppContext) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "1"))
    text = pane.browser.toPlainText()
    assert "Welcome to the community" in text
    assert "Post 1 of topic 1." in text
    assert "It is pinned in Announcements." in text  # the quote's reply
    assert "alice" in text
    assert pane.pages.currentWidget() is pane.topic_page


def test_hidden_mark(qtbot, filled: AppContext) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "2"))
    assert "hidden" in pane.browser.toPlainText()  # post 3 of topic 2 is hidden by the community


def test_deleted_mark(qtbot, filled: AppContext) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "5"))
    assert "deleted" in pane.browser.toPlainText()


def test_hostile_post_is_inert_in_the_pane(qtbot, filled: AppContext) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "2"))
    html = pane.browser.toHtml()
    assert "alert" not in html and "tracker.example" not in html and "onerror" not in html
    assert "good link" in pane.browser.toPlainText()


def test_links_open_in_the_system_browser(qtbot, filled: AppContext, opened_urls: list[QUrl]) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "2"))
    pane.browser.anchorClicked.emit(QUrl("https://example.org/ok"))
    pane.browser.anchorClicked.emit(QUrl("/t/topic-3/3"))
    pane.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert [u.toString() for u in opened_urls] == [
        "https://example.org/ok",
        "https://forum.acme.test/t/topic-3/3",
    ]
    assert pane.browser.source().isEmpty()  # never navigated inside


def test_unknown_topic_shows_an_empty_state(qtbot, filled: AppContext) -> None:
    pane = ReadingPane(filled)
    qtbot.addWidget(pane)
    pane.show_topic(TopicRef(_acme(filled), "nope"))
    assert pane.pages.currentWidget() is pane.empty
    assert pane.ref is None
