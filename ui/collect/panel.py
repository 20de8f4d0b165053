"""The facilitator's "Collect on phones" panel, hosted by the Score page.

Before: choose the network address, the port and named or anonymous mode, then start.
While collecting: the address and PIN (the presenter window shows them large with a QR
code), a live count, who has finished (names only in named mode), and "Stop collecting",
which closes the port at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.collect.server import CollectServer, collections, lan_addresses
from ui.context import AppContext
from ui.errors import guard
from workshop.collect.http_server import DEFAULT_PORT
from workshop.i18n import _
from workshop.instrument import default_instrument


class CollectPanel(QFrame):
    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workshop_id = workshop_id
        self.setObjectName("collectPanel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet(theme.COLLECT_PANEL)
        self._server: CollectServer | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Collect on phones"))
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        # Two faces, one shown at a time (hidden widgets take no room, unlike a stacked widget).
        self.pages = [self._build_idle(), self._build_running()]
        for page in self.pages:
            layout.addWidget(page)

        registry = collections()
        registry.started.connect(self._on_registry)
        registry.stopped.connect(self._on_registry)
        ctx.bus.changed.connect(self._on_changes)
        self._attach(registry.get(workshop_id))

    # --- building ------------------------------------------------------------------------------

    def _build_idle(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        note = QLabel(_(
            "Participants score on their own phones over this laptop's network: the venue's Wi-Fi or the "
            "laptop's hotspot. No internet is needed."
        ))
        note.setWordWrap(True)
        note.setObjectName("mutedNote")
        layout.addWidget(note)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.address_box = QComboBox()
        self.address_box.setAccessibleName(_("Network address"))
        self.address_box.setMinimumWidth(260)
        self.address_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.addRow(_("Network:"), self.address_box)
        self.port_box = QSpinBox()
        self.port_box.setRange(1024, 65535)
        self.port_box.setValue(DEFAULT_PORT)
        self.port_box.setMaximumWidth(110)
        self.port_box.setAccessibleName(_("Port"))
        self.port_box.setToolTip(_("If this port is taken, the next free one is used."))
        form.addRow(_("Port:"), self.port_box)
        self.named_radio = QRadioButton(_("Named: participants pick their name from the list"))
        self.anonymous_radio = QRadioButton(_("Anonymous: participants only pick their function"))
        self.named_radio.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.named_radio)
        group.addButton(self.anonymous_radio)
        modes = QVBoxLayout()
        modes.addWidget(self.named_radio)
        modes.addWidget(self.anonymous_radio)
        form.addRow(_("Mode:"), modes)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.start_button = QPushButton(_("Start collecting"))
        self.start_button.setObjectName("primaryButton")
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh_addresses()
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.address_label = QLabel()
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address_label.setObjectName("collectAddress")
        self.pin_label = QLabel()
        self.pin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pin_label.setObjectName("collectPin")
        form = QFormLayout()
        form.addRow(_("Address:"), self.address_label)
        form.addRow(_("PIN:"), self.pin_label)
        layout.addLayout(form)
        hint = QLabel(_("The presenter window shows the address, a QR code and the PIN to the room."))
        hint.setWordWrap(True)
        hint.setObjectName("mutedNote")
        layout.addWidget(hint)

        self.count_label = QLabel()
        self.count_label.setObjectName("collectCount")
        layout.addWidget(self.count_label)
        self.phone_list = QListWidget()
        self.phone_list.setAccessibleName(_("Phones that joined"))
        self.phone_list.setMaximumHeight(130)
        self.phone_list.itemSelectionChanged.connect(self._update_release)
        layout.addWidget(self.phone_list)

        row = QHBoxLayout()
        self.copy_button = QPushButton(_("Copy address"))
        self.copy_button.clicked.connect(self._copy_address)
        row.addWidget(self.copy_button)
        self.release_button = QPushButton(_("Let this name join again"))
        self.release_button.setToolTip(_(
            "For a participant whose phone lost the page: the name is freed, the old phone can no longer send."
        ))
        self.release_button.clicked.connect(self._release)
        row.addWidget(self.release_button)
        row.addStretch(1)
        self.stop_button = QPushButton(_("Stop collecting"))
        self.stop_button.setObjectName("primaryButton")
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        return page

    # --- actions -----------------------------------------------------------------------------------

    def refresh_addresses(self) -> None:
        current = self.address_box.currentData()
        self.address_box.clear()
        for address, label in lan_addresses():
            self.address_box.addItem(label, address)
        index = self.address_box.findData(current)
        if index >= 0:
            self.address_box.setCurrentIndex(index)

    def start(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with guard(self, _("Cannot start collecting")):
                server = collections().start(
                    self.ctx, self.workshop_id, self.address_box.currentData(), self.port_box.value(),
                    anonymous=self.anonymous_radio.isChecked(),
                )
                self._attach(server)
        finally:
            QApplication.restoreOverrideCursor()

    def stop(self) -> None:
        collections().stop(self.workshop_id)
        self._attach(None)

    def _copy_address(self) -> None:
        if self._server is not None:
            QGuiApplication.clipboard().setText(self._server.url)

    def _release(self) -> None:
        item = self.phone_list.currentItem()
        if self._server is None or item is None:
            return
        pid = item.data(Qt.ItemDataRole.UserRole)
        if pid is not None and self._server.release(pid):
            self._refresh_status()

    # --- showing -------------------------------------------------------------------------------

    def _on_registry(self, workshop_id: int) -> None:
        if workshop_id == self.workshop_id:
            self._attach(collections().get(workshop_id))

    def _on_changes(self, changes) -> None:  # noqa: ANN001 - workshop.changes.Changes
        if self._server is not None and changes.participants and changes.workshop_id in (None, self.workshop_id):
            self._refresh_status()

    def _attach(self, server: CollectServer | None) -> None:
        if self._server is not None:
            try:
                self._server.status_changed.disconnect(self._refresh_status)
            except (RuntimeError, TypeError):
                pass
        self._server = server
        if server is None:
            self.refresh_addresses()
            self._show_page(0)
            return
        server.status_changed.connect(self._refresh_status)
        self.address_label.setText(server.url)
        self.pin_label.setText(server.pin)
        self.release_button.setVisible(not server.anonymous)
        self._show_page(1)
        self._refresh_status()

    @property
    def current_page(self) -> int:
        """0 before collecting, 1 while collecting."""
        return 1 if self.pages[1].isVisibleTo(self) else 0

    def _show_page(self, index: int) -> None:
        self.pages[1 - index].setVisible(False)
        self.pages[index].setVisible(True)

    def _refresh_status(self) -> None:
        if self._server is None:
            return
        status = self._server.status()
        if status.anonymous:
            self.count_label.setText(
                _("{joined} phones joined · {finished} finished").format(
                    joined=status.joined, finished=status.finished)
            )
            self.phone_list.setVisible(False)
        else:
            expected = self._server.named_count()
            self.count_label.setText(
                _("{finished} of {expected} finished · {joined} phones joined").format(
                    finished=status.finished, expected=expected, joined=status.joined)
            )
            self.phone_list.setVisible(True)
            selected = self.phone_list.currentItem().data(Qt.ItemDataRole.UserRole) \
                if self.phone_list.currentItem() else None
            self.phone_list.clear()
            for phone in sorted(status.phones, key=lambda p: (not p.finished, p.name or "")):
                if phone.finished:
                    text = _("{name} – finished").format(name=phone.name)
                else:
                    text = _("{name} – {answered} of {total} answered").format(
                        name=phone.name, answered=phone.answered, total=len(default_instrument().statement_ids))
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, phone.participant_id)
                self.phone_list.addItem(item)
                if phone.participant_id == selected:
                    self.phone_list.setCurrentItem(item)
        self._update_release()

    def _update_release(self) -> None:
        self.release_button.setEnabled(self.phone_list.currentItem() is not None)
