"""The first thing a newcomer sees on an empty database: what the app does, and two ways in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workshop.i18n import _


class WelcomePage(QWidget):
    new_requested = Signal()
    demo_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(640)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(40, 36, 40, 36)
        layout.setSpacing(14)
        title = QLabel(_("Welcome to Alignment Workshop"))
        title.setObjectName("welcomeTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = QLabel(
            _(
                "Run a workshop that ends the war between Sales and Marketing. Participants score 20 "
                "statements; you reveal where the group stands, decide together whether to stay or move up, "
                "agree on commitments and print a report."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("welcomeText")
        layout.addWidget(intro)

        steps = QLabel(_("Prepare → Score → Reveal → Decide → Plan → Commit → Close"))
        steps.setObjectName("welcomeSteps")
        steps.setWordWrap(True)
        layout.addWidget(steps)
        layout.addSpacing(10)

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.new_button = QPushButton(_("New workshop…"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(_("Create a workshop for a client and add its participants"))
        self.new_button.setAccessibleName(_("New workshop"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton(_("Open the demo workshop"))
        self.demo_button.setToolTip(
            _("Create an example client with 17 participants and a workshop a year earlier, and open it")
        )
        self.demo_button.setAccessibleName(_("Open the demo workshop"))
        self.demo_button.clicked.connect(self.demo_requested)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        more = QLabel(
            _("Have a workshop file from another laptop? Use <a href='import'>Import workshop file…</a>.")
        )
        more.setObjectName("mutedNote")
        more.setTextFormat(Qt.TextFormat.RichText)
        more.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        more.linkActivated.connect(lambda _link: self.import_requested.emit())
        more.setWordWrap(True)
        layout.addWidget(more)
        self.setFocusProxy(self.new_button)
