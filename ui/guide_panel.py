"""The facilitator's guide beside the current step: purpose, what to say, what to look for, time.

It lives in the facilitator's window only; the presenter never shows it. The texts come from
the guide file (``workshop.guide``) in the workshop's language, because the script is said to
the room. A button folds the panel to a narrow strip; that choice is remembered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QPushButton, QScrollArea, QToolButton, QVBoxLayout, QWidget

from ui import preferences
from ui.actions import SPECS, ActionId, shortcut_text
from ui.context import AppContext
from workshop.guide import default_guide
from workshop.i18n import N_, _, translator

OPEN_KEY = "guide/open"
WIDTH = 300
SECTIONS = (("purpose", N_("Purpose")), ("script", N_("What to say")), ("look_for", N_("What to look for")))
STYLE = """
#guidePanel { background: #fbfaf6; border-left: 1px solid #dde1e7; }
#guidePanel QLabel { color: #1a1a1a; font-size: 13px; }
#guidePanel QLabel#guideHeading { font-size: 12px; font-weight: 600; color: #5c5c5c; text-transform: uppercase; }
#guidePanel QLabel#guideTitle { font-size: 16px; font-weight: 600; color: #1f4e79; }
#guidePanel QLabel#guideTime { color: #5c5c5c; }
#guidePanel QLabel#guideScript { color: #1f3b57; }
#guideToggle { border: none; color: #1f4e79; font-weight: 600; padding: 6px 4px; text-align: left; }
"""


def is_open() -> bool:
    return str(preferences.settings().value(OPEN_KEY, "false")) == "true"  # folded until first opened


def set_open(value: bool) -> None:
    preferences.settings().setValue(OPEN_KEY, "true" if value else "false")


class GuidePanel(QFrame):
    """A foldable panel showing the guide for one step."""

    def __init__(self, lang: str, parent: QWidget | None = None, *, ctx: AppContext | None = None,
                 workshop_id: int = 0) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id = ctx, workshop_id
        self.setObjectName("guidePanel")
        self.setStyleSheet(STYLE)
        self.lang = lang
        self.step = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        self.toggle = QToolButton()
        self.toggle.setObjectName("guideToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName(_("Facilitator's guide"))
        key = shortcut_text(SPECS[ActionId.GUIDE])  # the window's action: one shortcut, registered once
        self.toggle.setToolTip(_("Show or hide the facilitator's guide; the room never sees it") + f" ({key})")
        self.toggle.toggled.connect(self._set_open)
        # Pages are made lazily and join the Tab chain after this panel; kept out of it, the panel
        # never sits between the step list and the page a keyboard user is working in.
        self.toggle.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.toggle)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("guideScroll")
        self.scroll_area.setAccessibleName(_("Facilitator's guide"))
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("guideBody")
        # A fixed width lets each wrapped label know its height, so no line is cut off.
        body.setFixedWidth(WIDTH - 36)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(6)
        self.title = self._label("guideTitle")
        self.time = self._label("guideTime")
        self.texts: dict[str, QLabel] = {}
        for key, heading in SECTIONS:
            self.body.addSpacing(6)
            self._label("guideHeading", _(heading))
            self.texts[key] = self._label("guideScript" if key == "script" else "guideText")
        self.extra = self._label("guideText")
        self.body.addSpacing(10)
        self.run_sheet = QPushButton(_("Run sheet (PDF)…"))
        self.run_sheet.setObjectName("runSheetButton")
        self.run_sheet.setToolTip(_("One page with the agenda and times, to print for yourself"))
        self.run_sheet.clicked.connect(self.save_run_sheet)
        self.run_sheet.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        if ctx is None:  # only hide: showing a child explicitly before its window is up takes the focus away
            self.run_sheet.hide()
        self.body.addWidget(self.run_sheet)
        self.body.addStretch(1)
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)
        self.toggle.setChecked(is_open())
        self._set_open(self.toggle.isChecked(), remember=False)

    def _label(self, name: str, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(label)
        return label

    def _set_open(self, value: bool, remember: bool = True) -> None:
        self.scroll_area.setVisible(value)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow if value else Qt.ArrowType.LeftArrow)
        self.toggle.setText(_("Facilitator's guide") if value else "")
        self.setFixedWidth(WIDTH if value else 40)
        if remember:
            set_open(value)

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            if self.step:
                self.show_step(self.step)

    def show_step(self, step: str) -> None:
        """Fill the panel for ``step`` (a ``ui.steps`` key); steps the guide lacks hide it."""
        from ui.steps import STEPS

        self.step = step
        guide = default_guide()
        known = {s.id for s in guide.all_steps}
        self.setVisible(step in known)
        if step not in known:
            return
        s, t = guide.step(step), translator(self.lang)
        self.title.setText(next((t(spec.title) for spec in STEPS if spec.key == step), step))
        self.time.setText(t("Suggested time: about {n} minutes").format(n=s.minutes))
        for key, _heading in SECTIONS:
            self.texts[key].setText(getattr(s, key)(self.lang))
            # Qt under-measures some wrapped labels in a scroll area; fix each one's height to its text.
            self.texts[key].setFixedHeight(self.texts[key].heightForWidth(WIDTH - 44) + 4)
        extra = {
            "prepare": t("The presenter screen shows the opening slide at this step: the four stages and "
                         "the two sources of friction."),
            "reveal": t("Each statement in the discussion prompts comes with its own questions."),
            "plan": t("Practices with a short case from the article show it under their description."),
        }.get(step, "")
        self.extra.setText(extra)
        self.extra.setVisible(bool(extra))

    def save_run_sheet(self, path: str = "") -> Path | None:
        """Ask where to save the run sheet (unless ``path`` is given), write it and open it."""
        from ui.errors import guard
        from workshop.report.run_sheet import make_run_sheet

        if self.ctx is None:
            return None
        if not path:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the run sheet"),
                                                        str(Path.home() / _("run sheet.pdf")), "PDF (*.pdf)")
            if not path:
                return None
        with guard(self, _("Cannot make the run sheet")):
            out = make_run_sheet(self.ctx.db, self.workshop_id, path)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
            return out
        return None
