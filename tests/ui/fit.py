"""What "fits" means for a window, as a test checks it: no text cut or elided, no overlap.

``problems(window)`` walks every visible widget and returns one line per problem:

- a label whose text is wider (or, wrapped, taller) than the label;
- a button, check box or radio button narrower than its text and indicator;
- a combo or spin box narrower than the text it shows;
- a table or tree whose header text or cell text does not fit its column (a stretching
  column, which is meant to wrap or take the rest, must still keep 160 px);
- a tab whose text does not fit its tab;
- two sibling widgets that overlap, or a widget reaching outside its parent
  (except inside scroll areas and stacks, where that is how they work);
- a window larger than the size asked for (its layout does not fit the screen);
- content wider than a scroll area that cannot scroll sideways (cut at the right).

User content that scrolls inside its own field (line edits, text edits) is not checked.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSplitterHandle,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

SLACK = 2  # pixels of rounding
STRETCH_MIN = 140  # about fifteen characters a line


def _plain(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def describe(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName() or ""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()[:40].replace("\n", " ")
    return f"{type(widget).__name__}({name!r}, {text!r})"


def _shown(widget: QWidget, window: QWidget) -> bool:
    if not widget.isVisibleTo(window) or widget.width() <= 0 or widget.height() <= 0:
        return False
    return not widget.visibleRegion().isEmpty()


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    rect = label.contentsRect()
    margin = label.margin() * 2 + max(label.indent(), 0) if label.indent() > 0 else label.margin() * 2
    width = rect.width() - margin
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and re.search(r"<[a-zA-Z/][^>]*>", text) is not None)
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return f"wrapped text needs {need} px height, has {label.height()}"
        if not rich:
            longest = max((label.fontMetrics().horizontalAdvance(w) for w in text.split()), default=0)
            if longest > width + SLACK:
                return f"a word needs {longest} px, the label has {width}"
        return None
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        need = int(doc.idealWidth()) - 8  # QTextDocument's own margins
    else:
        metrics = label.fontMetrics()
        need = max(metrics.horizontalAdvance(line) for line in _plain(text).split("\n"))
    if need > width + SLACK:
        return f"text needs {need} px, has {width}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text.strip():
        return None
    metrics = button.fontMetrics()
    need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if isinstance(button, QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        option.initFrom(button)
        metric = QStyle.PixelMetric.PM_IndicatorWidth if isinstance(button, QCheckBox) else \
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        need += button.style().pixelMetric(metric, option, button) + 4
    else:
        if not button.icon().isNull():
            need += button.iconSize().width() + 4
        need += 8  # the least padding that still shows the text whole
        if isinstance(button, QToolButton) and button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup:
            need += 14
    if need > button.width() + SLACK:
        return f"text needs {need} px, has {button.width()}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    need = combo.fontMetrics().horizontalAdvance(text) + 28  # frame and arrow
    if need > combo.width() + SLACK:
        return f"shown item needs {need} px, has {combo.width()}"
    return None


def _spin_problem(spin: QAbstractSpinBox) -> str | None:
    text = spin.text()
    if not text:
        return None
    need = spin.fontMetrics().horizontalAdvance(text) + 26  # frame and buttons
    if need > spin.width() + SLACK:
        return f"value needs {need} px, has {spin.width()}"
    return None


def _list_problems(view: QListView) -> list[str]:
    """Items of a list (not wrapping) whose text is cut at the list's edge."""
    model, found = view.model(), []
    if model is None or view.wordWrap() and view.textElideMode() == Qt.TextElideMode.ElideNone:
        return []
    for row in range(min(model.rowCount(), 40)):
        index = model.index(row, 0)
        width = min(view.viewport().width(), view.visualRect(index).width() or view.viewport().width())
        text = str(model.data(index) or "")
        need = QFontMetrics(view.font()).horizontalAdvance(text) + 24  # the item's padding in the style
        if text and need > width + SLACK:
            found.append(f"item {text[:30]!r} needs {need} px, has {width}")
    return found


def _view_problems(view: QAbstractItemView) -> list[str]:
    if isinstance(view, QListView):
        return _list_problems(view)
    if not isinstance(view, QTableView | QTreeView) or view.model() is None:
        return []
    model = view.model()
    header: QHeaderView = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    found = []
    rows = min(model.rowCount(), 40)
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        size = header.sectionSize(column)
        stretch = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or (
            header.stretchLastSection() and column == header.logicalIndex(header.count() - 1))
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if header.isVisible() and title:
            need = header.fontMetrics().horizontalAdvance(_plain(title)) + 8
            if need > size + SLACK:
                found.append(f"column {title!r} heading needs {need} px, has {size}")
        if stretch:
            # A column meant to take the rest may wrap or elide long texts, but not be crushed.
            widest = max((QFontMetrics(view.font()).horizontalAdvance(str(model.data(model.index(r, column)) or ""))
                          for r in range(rows)), default=0) + 6
            if size < min(STRETCH_MIN, widest) and view.viewport().width() > 0:
                found.append(f"column {title or column!r} is crushed to {size} px")
            continue
        wraps = view.wordWrap() and isinstance(view, QTableView)
        for row in range(rows):
            index = model.index(row, column)
            if view.indexWidget(index) is not None:
                continue
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            if value is None or str(value) == "":
                continue
            text = str(value)
            metrics = QFontMetrics(view.font())
            need = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 6
            if isinstance(view, QTreeView) and column == 0:
                need += view.indentation() * _depth(index) + 8
            if model.data(index, Qt.ItemDataRole.DecorationRole) is not None:
                need += view.iconSize().width() + 4 if view.iconSize().width() > 0 else 20
            if model.data(index, Qt.ItemDataRole.CheckStateRole) is not None:
                need += 20
            if need > size + SLACK and not (wraps and " " in text):
                found.append(f"column {title or column!r} row {row}: {text[:30]!r} needs {need} px, has {size}")
                break
    return found


def _depth(index) -> int:
    depth = 0
    while index.parent().isValid():
        index = index.parent()
        depth += 1
    return depth


def _tab_problems(bar: QTabBar) -> list[str]:
    found = []
    for i in range(bar.count()):
        text = _plain(bar.tabText(i))
        need = bar.fontMetrics().horizontalAdvance(text) + 16
        if need > bar.tabRect(i).width() + SLACK:
            found.append(f"tab {text!r} needs {need} px, has {bar.tabRect(i).width()}")
    return found


def _scrolls(parent: QWidget) -> bool:
    """A widget whose children may lie outside it or on top of each other by design."""
    if isinstance(parent, QStackedWidget | QAbstractScrollArea | QSplitterHandle):
        return True
    outer = parent.parentWidget()
    return outer is not None and isinstance(outer, QAbstractScrollArea) and (
        parent is outer.viewport()
        or parent in outer.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly))


def _scroll_problem(area: QAbstractScrollArea) -> str | None:
    """Content wider than a scroll area that cannot scroll sideways is cut at the right."""
    content = area.widget() if isinstance(area, QScrollArea) else None
    if content is None or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        return None
    if content.width() > area.viewport().width() + SLACK:
        return f"content is {content.width()} px wide in a {area.viewport().width()} px area that cannot scroll"
    return None


def _layout_problems(parent: QWidget, window: QWidget) -> list[str]:
    if _scrolls(parent) or isinstance(parent, QAbstractScrollArea | QComboBox | QAbstractSpinBox | QTabBar):
        return []
    children = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if not c.isWindow() and c.isVisibleTo(window) and c.width() > 0 and c.height() > 0
                and not isinstance(c, QScrollBar | QMenu)]
    found = []
    inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    for child in children:
        if not inside.contains(child.geometry()) and not parent.isWindow():
            found.append(f"{describe(child)} reaches outside {describe(parent)}")
    for i, a in enumerate(children):
        ga: QRect = a.geometry().adjusted(SLACK, SLACK, -SLACK, -SLACK)
        for b in children[i + 1:]:
            if ga.intersects(b.geometry().adjusted(SLACK, SLACK, -SLACK, -SLACK)):
                found.append(f"{describe(a)} overlaps {describe(b)}")
    return found


def problems(window: QWidget, size: tuple[int, int] | None = None) -> list[str]:
    """Everything that does not fit in ``window`` as it is shown now."""
    found: list[str] = []
    if size is not None and (window.width() > size[0] + SLACK or window.height() > size[1] + SLACK):
        found.append(f"the window needs {window.width()}×{window.height()}, the screen has {size[0]}×{size[1]}")
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isWindow() and widget is not window:
            continue
        if widget is not window and not _shown(widget, window):
            continue
        parent = widget.parentWidget()
        if parent is not None and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # Qt's own parts
        issue: str | None = None
        if isinstance(widget, QLabel):
            issue = _label_problem(widget)
        elif isinstance(widget, QAbstractButton) and not (parent and isinstance(parent, QTabBar | QHeaderView)):
            if widget.objectName() not in ("qt_tableview_cornerbutton",):
                issue = _button_problem(widget)
        elif isinstance(widget, QComboBox):
            issue = _combo_problem(widget)
        elif isinstance(widget, QAbstractSpinBox):
            issue = _spin_problem(widget)
        if issue:
            found.append(f"{describe(widget)}: {issue}")
        if isinstance(widget, QAbstractItemView):
            found += [f"{describe(widget)}: {p}" for p in _view_problems(widget)]
        if isinstance(widget, QScrollArea) and (cut := _scroll_problem(widget)):
            found.append(f"{describe(widget)}: {cut}")
        if isinstance(widget, QTabBar):
            found += [f"{describe(widget)}: {p}" for p in _tab_problems(widget)]
        found += _layout_problems(widget, window)
    return found
