"""On the dark theme an unticked check box (and a radio button) keeps a visible edge."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QVBoxLayout, QWidget

from ui import theme


def _edge_contrast(widget: QWidget, button: QWidget) -> int:
    """Lightest minus darkest pixel over the indicator (the first 20 px of the button)."""
    image = widget.grab().toImage()
    box = button.geometry()
    values = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(box.x(), box.x() + 20)
        for y in range(box.y(), box.y() + box.height())
    ]
    return max(values) - min(values)


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
@pytest.mark.parametrize("dark", [True, False])
def test_an_unticked_indicator_is_visible(qtbot, kind: type, dark: bool) -> None:
    app = QApplication.instance()
    palette, style_sheet = app.palette(), app.styleSheet()
    theme.apply(app, dark=dark)
    try:
        widget = QWidget()
        qtbot.addWidget(widget)
        layout = QVBoxLayout(widget)
        button = kind("Include closed topics")
        layout.addWidget(button)
        widget.show()
        qtbot.waitExposed(widget)
        assert _edge_contrast(widget, button) >= 60
    finally:
        app.setPalette(palette)
        app.setStyleSheet(style_sheet)
