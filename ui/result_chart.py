"""One chart of the Results view: a title, a one-line reading, the plot, values on hover, PNG and CSV.

Charts are drawn by pyqtgraph (pure Python over Qt's graphics view; Qt's own chart module ships only
in the 175 MB PySide6-Addons wheel): bars and lines, a hover readout, and periods the local copy does
not cover shaded and labelled instead of drawn as zeros. It is imported when the Results view is
first built, never on the start path.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from moderator.insights.base import Row
from moderator.insights.export import to_csv
from ui import dialogs

# Series colours: distinct for colour-blind readers (Okabe-Ito), readable on light and dark.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


@dataclasses.dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no value (not a zero)
    kind: str = "bar"  # "bar", "line", "stack" (on the previous stack series) or "hidden" (hover only)
    unit: str = ""  # appended in the hover readout ("h", "%")


@dataclasses.dataclass(frozen=True, slots=True)
class ChartData:
    labels: Sequence[str]  # one per period, short ("24 Nov", "Nov")
    series: Sequence[Series]
    covered: Sequence[bool]  # False: before the local copy starts
    reading: str
    uncovered_note: str = ""  # what the shaded part means, in words
    rows: Sequence[Row] = ()  # what the CSV export writes


class ChartCard(QFrame):
    """A titled chart with its reading; ``hovered`` says which period the pointer is on (-1: none)."""

    hovered = Signal(int)
    message = Signal(str)

    def __init__(self, title: str, file_stem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.file_stem = file_stem
        self.data: ChartData | None = None
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout = QLabel(" ")
        self.readout.setObjectName("chartReadout")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.png_button = QPushButton(self.tr("PNG…"))
        self.png_button.setToolTip(self.tr("Save this chart as a picture"))
        self.csv_button = QPushButton(self.tr("CSV…"))
        self.csv_button.setToolTip(self.tr("Save the figures of this chart as a CSV file"))
        self.png_button.clicked.connect(self.export_png)
        self.csv_button.clicked.connect(self.export_csv)
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(190)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        # The keyboard reads the figures too: Tab to the chart, then Left/Right/Home/End step through periods.
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot.installEventFilter(self)
        self._index = -1
        self.plot.setAccessibleName(title)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.legend = QLabel()  # coloured squares and names, above the plot (not over the data)
        self.legend.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.png_button)
        header.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.reading)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        self.empty = QLabel(self.tr("No figures for this period yet."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(120)
        self.empty.setEnabled(False)  # the palette's quiet text colour
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.readout)
        self._style()

    # -- drawing -----------------------------------------------------------------------------------

    def _style(self) -> None:
        palette = self.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.reading.setText(data.reading)
        self.plot.clear()
        keys = []
        count = len(data.labels)
        xs = list(range(count))
        bars = [s for s in data.series if s.kind in ("bar", "stack")]
        width = 0.8 / max(1, sum(1 for s in bars if s.kind == "bar")) if bars else 0.8
        bar_index = 0
        base = [0.0] * count
        for colour_index, series in enumerate(data.series):
            colour = QColor(COLOURS[colour_index % len(COLOURS)])
            values = [math.nan if v is None else float(v) for v in series.values]
            if series.kind == "hidden":
                continue
            keys.append(f'<span style="color:{colour.name()}">&#9632;</span>&nbsp;{html.escape(series.name)}')
            if series.kind == "line":
                item = pg.PlotDataItem(
                    xs, values, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                    symbolBrush=colour, symbolPen=colour, connect="finite",
                )
                self.plot.addItem(item)
                continue
            heights = [0.0 if math.isnan(v) else v for v in values]
            if series.kind == "stack":
                item = pg.BarGraphItem(x=xs, height=heights, y0=list(base), width=0.7, brush=colour, pen=colour)
                base = [b + h for b, h in zip(base, heights, strict=True)]
            else:
                offset = -0.4 + width * (bar_index + 0.5)
                item = pg.BarGraphItem(
                    x=[x + offset for x in xs], height=heights, width=width * 0.9, brush=colour, pen=colour
                )
                bar_index += 1
            self.plot.addItem(item)
        self.legend.setText("&nbsp;&nbsp; ".join(keys))
        self._shade_uncovered(data)
        axis = self.plot.getAxis("bottom")
        step = max(1, math.ceil(count / 10))  # at most about ten labels: they stay readable
        last = (count - 1) - (count - 1) % step  # every step-th label, counted back from the newest period
        axis.setTicks([[(i, label) for i, label in enumerate(data.labels) if (last - i) % step == 0]])
        self.plot.setXRange(-0.6, count - 0.4, padding=0)
        top = max([v for s in data.series if s.kind == "line" for v in s.values if v is not None] + base + [
            v for s in data.series if s.kind == "bar" for v in s.values if v is not None] + [0.0])
        self.plot.setYRange(0, top * 1.1 if top > 0 else 1, padding=0)  # from zero: no exaggerated slopes
        self.readout.setText(self.tr("Point at a period, or use the arrow keys on the chart, to read its figures."))
        self._index = -1
        has_figures = any(v for s in data.series for v in s.values)
        self.plot.setVisible(has_figures)  # empty axes say nothing: the reading says what to do
        self.legend.setVisible(has_figures)
        self.readout.setVisible(has_figures)
        self.empty.setVisible(not has_figures)

    def _shade_uncovered(self, data: ChartData) -> None:
        uncovered = [i for i, covered in enumerate(data.covered) if not covered]
        if not uncovered:
            return
        region = pg.LinearRegionItem(
            values=(-0.5, max(uncovered) + 0.5), movable=False, brush=QColor(128, 128, 128, 50), pen=pg.mkPen(None)
        )
        self.plot.addItem(region)
        if data.uncovered_note:
            text_colour = self.palette().color(QPalette.ColorRole.Text)
            label = pg.TextItem(data.uncovered_note, color=text_colour, anchor=(0, 1))
            label.setPos(-0.45, 0)  # at the foot of the shaded part, above the axis
            self.plot.addItem(label)

    # -- hover -------------------------------------------------------------------------------------

    def readout_for(self, index: int) -> str:
        """The figures of one period, in words (what hovering shows)."""
        data = self.data
        if data is None or not 0 <= index < len(data.labels):
            return ""
        if not data.covered[index]:
            return f"{data.labels[index]}: {data.uncovered_note or self.tr('no data')}"
        parts = []
        for series in data.series:
            value = series.values[index]
            shown = "—" if value is None else f"{value:g}{series.unit}"
            parts.append(f"{series.name} {shown}")
        return f"{data.labels[index]}: " + " · ".join(parts)

    def show_period(self, index: int) -> None:
        """Read one period's figures out (hover, or the arrow keys on the focused chart)."""
        if self.data is None or not 0 <= index < len(self.data.labels):
            return
        self._index = index
        text = self.readout_for(index)
        self.readout.setText(text)
        self.plot.setToolTip(text)
        self.plot.setAccessibleDescription(text)
        self.hovered.emit(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.plot and event.type() == QEvent.Type.KeyPress and self.data is not None:
            assert isinstance(event, QKeyEvent)
            last = len(self.data.labels) - 1
            steps = {
                Qt.Key.Key_Left: max(0, self._index - 1) if self._index >= 0 else last,
                Qt.Key.Key_Right: min(last, self._index + 1),
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: last,
            }
            if event.key() in steps:
                self.show_period(steps[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    @Slot(object)
    def _mouse_moved(self, position: QPointF) -> None:
        if self.data is None or not self.plot.sceneBoundingRect().contains(position):
            return
        point = self.plot.plotItem.vb.mapSceneToView(position)
        index = round(point.x())
        self.show_period(index)

    # -- export ------------------------------------------------------------------------------------

    @Slot()
    def export_png(self) -> None:
        path = self.ask_path(self, f"{self.file_stem}.png", self.tr("PNG pictures (*.png)"))
        if not path:
            return
        if not self.grab().save(path, "PNG"):
            dialogs.warning(self, self.tr("The picture could not be written. Choose another folder."))
            return
        self.message.emit(self.tr("Chart saved to %1.").replace("%1", Path(path).name))

    @Slot()
    def export_csv(self) -> None:
        rows = list(self.data.rows) if self.data else []
        if not rows:
            self.message.emit(self.tr("Nothing to export yet."))
            return
        path = self.ask_path(self, f"{self.file_stem}.csv", self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as file:
                to_csv(rows, file)
        except OSError as exc:
            dialogs.warning(
                self,
                self.tr("The CSV file could not be written (%1). Choose another folder.").replace(
                    "%1", exc.strerror or str(exc)
                ),
            )
            return
        self.message.emit(self.tr("Figures saved to %1.").replace("%1", Path(path).name))

    # Tests replace this (``ui.dialogs`` has no file dialog).
    ask_path: Callable[[QWidget, str, str], str]


def _ask_path(parent: QWidget, name: str, filter_text: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ChartCard", "Export"), str(Path.home() / name), filter_text
    )
    return path


ChartCard.ask_path = staticmethod(_ask_path)  # type: ignore[assignment]

