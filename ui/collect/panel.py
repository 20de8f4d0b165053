"""The facilitator's "Collect on phones" panel, hosted by the Score page.

Before: choose the network address, the port and named or anonymous mode, then start.
While collecting: the address and PIN (the presenter window shows them large with a QR
code) with "New PIN", what PIN guessing is going on, a live count, every phone as it
joins (names only in named mode), "Let this name join again" (named) or "Remove this
phone" with undo and the number of phones allowed (anonymous), why answers cannot be
stored if the disk refuses, and "Stop collecting", which closes the port at once.
"""

from __future__ import annotations

import time

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
from ui.commands import perform
from ui.commands.phones import RemovePhone
from ui.context import AppContext
from ui.errors import guard
from ui.steps.base import ChangeFollower
from workshop.changes import Changes
from workshop.collect.protocol import DEFAULT_PORT
from workshop.i18n import _
from workshop.instrument import default_instrument
from workshop.vocabulary import FUNCTION_LABELS


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

        registry = collections(self.ctx)
        registry.started.connect(self._on_registry)
        registry.stopped.connect(self._on_registry)
        self.follower = ChangeFollower(self, ctx, self._concerns, lambda _changes: self._refresh_status())
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
        self.renew_button = QPushButton(_("New PIN"))
        self.renew_button.setToolTip(_("Phones that joined carry on; new phones need the new PIN."))
        self.renew_button.clicked.connect(self._renew_pin)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.renew_button)
        pin_row.addStretch(1)
        self.cap_box = QSpinBox()
        self.cap_box.setRange(1, 999)
        self.cap_box.setMaximumWidth(90)
        self.cap_box.setAccessibleName(_("Phones allowed"))
        self.cap_box.setToolTip(_("No more phones can join once this many have joined."))
        self.cap_box.valueChanged.connect(self._set_cap)
        form = QFormLayout()
        form.addRow(_("Address:"), self.address_label)
        form.addRow(_("PIN:"), pin_row)
        form.addRow(_("Phones allowed:"), self.cap_box)
        self.cap_row_label = form.labelForField(self.cap_box)
        layout.addLayout(form)
        self.guessing_label = QLabel()
        self.guessing_label.setObjectName("collectGuessing")
        self.guessing_label.setWordWrap(True)
        layout.addWidget(self.guessing_label)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("collectProblem")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
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
        self.remove_button = QPushButton(_("Remove this phone"))
        self.remove_button.setToolTip(_("For a stray join: the phone and its answers are taken out. Undo brings "
                                        "them back."))
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.remove_button)
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
                server = collections(self.ctx).start(
                    self.ctx, self.workshop_id, self.address_box.currentData(), self.port_box.value(),
                    anonymous=self.anonymous_radio.isChecked(),
                )
                self._attach(server)
        finally:
            QApplication.restoreOverrideCursor()

    def stop(self) -> None:
        collections(self.ctx).stop(self.workshop_id)
        self._attach(None)

    def _copy_address(self) -> None:
        if self._server is not None:
            QGuiApplication.clipboard().setText(self._server.url)

    def _renew_pin(self) -> None:
        if self._server is not None:
            self.pin_label.setText(self._server.renew_pin())

    def _set_cap(self, value: int) -> None:
        if self._server is not None and self._server.anonymous and value != self._server.status().cap:
            self._server.set_cap(value)

    def _remove(self) -> None:
        item = self.phone_list.currentItem()
        if self._server is None or item is None:
            return
        device_id = item.data(Qt.ItemDataRole.UserRole + 1)
        if device_id:
            perform(self.ctx, RemovePhone(self.ctx, self._server, device_id, item.text()), self)
            self._refresh_status()

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
            self._attach(collections(self.ctx).get(workshop_id))

    def _concerns(self, changes: Changes) -> bool:
        return self._server is not None and changes.participants and changes.workshop_id in (None, self.workshop_id)

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
        self.remove_button.setVisible(server.anonymous)
        self.cap_box.setVisible(server.anonymous)
        self.cap_row_label.setVisible(server.anonymous)
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
        self.pin_label.setText(self._server.pin)
        if status.anonymous:
            self.count_label.setText(
                _("{joined} phones joined · {finished} finished").format(
                    joined=status.joined, finished=status.finished)
            )
            if status.cap is not None and not self.cap_box.hasFocus():
                self.cap_box.blockSignals(True)
                self.cap_box.setValue(status.cap)
                self.cap_box.blockSignals(False)
        else:
            # Only the phones here: the page's one "done" count above covers every way in.
            self.count_label.setText(
                _("{joined} phones joined · {finished} finished").format(
                    joined=status.joined, finished=status.finished)
            )
        self._show_guessing(status)
        problem = status.problem or self._server.problem
        self.problem_label.setText(_("Answers cannot be stored: {reason}. The phones keep them and keep trying; "
                                     "free some disk space.").format(reason=problem) if problem else "")
        self.problem_label.setVisible(bool(problem))
        self._fill_phones(status)
        self._update_release()

    def _show_guessing(self, status) -> None:  # noqa: ANN001 - CollectStatus
        pin = status.pin
        parts = []
        if pin.wrong_last_minute:
            parts.append(_("Wrong PINs in the last minute: {n}").format(n=pin.wrong_last_minute))
        if pin.locked_addresses:
            parts.append(_("Addresses locked out: {n}").format(n=pin.locked_addresses))
        if pin.everyone_locked_for:
            parts.append(_("New phones must wait {n} s; consider a new PIN").format(n=pin.everyone_locked_for))
        self.guessing_label.setText(" · ".join(parts))
        self.guessing_label.setVisible(bool(parts))

    def _fill_phones(self, status) -> None:  # noqa: ANN001 - CollectStatus
        """Every phone, the latest join first, so a stray one shows up at the top as it happens."""
        current = self.phone_list.currentItem()
        selected = current.data(Qt.ItemDataRole.UserRole + 1) if current else None
        self.phone_list.clear()
        total = len(default_instrument().statement_ids)
        for phone in sorted(status.phones, key=lambda p: (-p.joined_at, -p.device_id)):
            function = _(FUNCTION_LABELS.get(phone.function, phone.function))
            who = phone.name or _("Anonymous ({function})").format(function=function)
            if phone.finished:
                text = _("{name} – finished").format(name=who)
            else:
                text = _("{name} – {answered} of {total} answered").format(
                    name=who, answered=phone.answered, total=total)
            if phone.joined_at:
                clock = time.strftime("%H:%M:%S", time.localtime(phone.joined_at))
                text += " · " + _("joined {time}").format(time=clock)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, phone.participant_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, phone.device_id)
            self.phone_list.addItem(item)
            if phone.device_id == selected:
                self.phone_list.setCurrentItem(item)
        # As tall as its rows (up to five), not an empty white box under them.
        rows = max(1, min(self.phone_list.count(), 5))
        row = self.phone_list.sizeHintForRow(0) if self.phone_list.count() else self.fontMetrics().height() + 4
        self.phone_list.setFixedHeight(rows * row + 2 * self.phone_list.frameWidth() + 2)

    def _update_release(self) -> None:
        chosen = self.phone_list.currentItem() is not None
        self.release_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
