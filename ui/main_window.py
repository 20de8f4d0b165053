"""The facilitator's main window: the workshops, and an open workshop's session steps.

Home is the welcome page (empty database) or the list of workshops. An open workshop
shows its steps (``ui.steps.STEPS``) in a sidebar; each step's page is made the first
time it is shown. Changing step emits ``ctx.bus.step_changed(workshop_id, step_key)``
(``(0, "")`` when no workshop is open) so that the presenter window follows.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import preferences, theme
from ui.actions import ActionId, Actions
from ui.background import Task
from ui.commands import perform
from ui.context import AppContext
from ui.errors import confirm, guard, handle_exception
from ui.language import apply_language
from ui.preferences import PreferencesDialog
from ui.room_slide import pager_for
from ui.steps import STEPS, StepSpec
from ui.steps.base import ChangeFollower
from ui.welcome import WelcomePage
from ui.workshop_list import WorkshopListPage
from workshop import __version__
from workshop.changes import Changes
from workshop.errors import NotFoundError, WorkshopError
from workshop.i18n import _
from workshop.vocabulary import format_date
from workshop.workshops import WorkshopInfo, create_workshop, duplicate_as_follow_up, get_workshop, list_workshops

APP_NAME = "Alignment Workshop"



class WorkshopView(QWidget):
    """An open workshop: its steps in a sidebar, the current step's page beside it."""

    def __init__(self, window: MainWindow, workshop: WorkshopInfo, steps: list[StepSpec]) -> None:
        super().__init__()
        self.main = window
        self.ctx = window.ctx
        self.workshop_id = workshop.id
        self.steps = steps
        self.pages: dict[str, QWidget] = {}
        self.setObjectName("workshopView")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(theme.SIDEBAR_WIDTH)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(14, 14, 6, 14)
        side.setSpacing(4)
        self.back = QToolButton()
        self.back.setObjectName("backButton")
        self.back.setText("← " + _("All workshops"))
        self.back.setToolTip(window.actions[ActionId.ALL_WORKSHOPS].toolTip())
        self.back.clicked.connect(window.show_home)
        self.back.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back.setAccessibleName(_("All workshops"))
        side.addWidget(self.back)
        side.addSpacing(6)
        self.client_label = QLabel()
        self.client_label.setObjectName("sidebarClient")
        self.title_label = QLabel()
        self.title_label.setObjectName("sidebarTitle")
        self.title_label.setWordWrap(True)
        self.date_label = QLabel()
        self.date_label.setObjectName("sidebarDate")
        for label in (self.client_label, self.title_label, self.date_label):
            label.setContentsMargins(4, 0, 4, 0)
            side.addWidget(label)
        side.addSpacing(12)
        self.step_list = QListWidget()
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setWordWrap(True)  # a long step name wraps rather than scrolling sideways
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName(_("Steps of the session"))
        self.step_list.setToolTip(_("The steps of the session; Ctrl+PgUp and Ctrl+PgDown move between them"))
        for number, spec in enumerate(steps, start=1):
            item = QListWidgetItem(f"{number}   {_(spec.title)}")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(_(spec.title))
            self.step_list.addItem(item)
        side.addWidget(self.step_list, 1)
        # The presenter's slide pages: PgUp/PgDown here (what a presenter remote sends) turn them.
        self.slide_note = QLabel()
        self.slide_note.setObjectName("sidebarDate")
        self.slide_note.setWordWrap(True)
        self.slide_note.setContentsMargins(4, 0, 4, 0)
        side.addWidget(self.slide_note)
        self.pager = pager_for(self.ctx)
        self.slide_keys = []
        for key, step in (("PgDown", 1), ("PgUp", -1)):
            shortcut = QShortcut(QKeySequence(key), self, lambda s=step: self.pager.turn(s))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.slide_keys.append(shortcut)
        self.pager.changed.connect(self._show_slide_pages)
        layout.addWidget(sidebar)

        self.stack = QStackedWidget()
        self.stack.setObjectName("stepPages")
        layout.addWidget(self.stack, 1)
        from ui.guide_panel import GuidePanel

        # The facilitator's eyes only; never on the presenter.
        self.guide = GuidePanel(workshop.language, self, ctx=self.ctx, workshop_id=workshop.id)
        layout.addWidget(self.guide)
        self.step_list.currentRowChanged.connect(self._show_row)
        self.show_info(workshop)
        self.follower = ChangeFollower(
            self, self.ctx, lambda c: c.workshops and c.workshop_id in (None, self.workshop_id),
            lambda _changes: self.show_info(get_workshop(self.ctx.db, self.workshop_id)))

    def show_info(self, workshop: WorkshopInfo) -> None:
        self.workshop = workshop
        self.client_label.setText(workshop.client)
        self.title_label.setText(workshop.title)
        self.date_label.setText(format_date(workshop.date, self.ctx.language))
        self.guide.set_language(workshop.language)

    @property
    def current_key(self) -> str:
        row = self.step_list.currentRow()
        return self.steps[row].key if 0 <= row < len(self.steps) else ""

    def current_page(self) -> QWidget | None:
        return self.pages.get(self.current_key)

    def show_step(self, key: str) -> bool:
        for row, spec in enumerate(self.steps):
            if spec.key == key:
                self.step_list.setCurrentRow(row)
                return True
        return False

    def go(self, delta: int) -> None:
        row = self.step_list.currentRow() + delta
        if 0 <= row < len(self.steps):
            self.step_list.setCurrentRow(row)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.steps):
            return
        spec = self.steps[row]
        page = self.pages.get(spec.key)
        if page is None:
            page = self._make_page(spec)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.guide.show_step(spec.key)
        self._show_slide_pages()
        if hasattr(page, "step_shown"):
            page.step_shown()
        self.main.step_changed(self.workshop_id, spec.key)

    def _show_slide_pages(self) -> None:
        """The keys turn the presenter's pages only while it has more than one; the Reveal page has its own."""
        paged = self.pager.pages > 1 and self.current_key != "reveal"
        for shortcut in self.slide_keys:
            shortcut.setEnabled(paged)
        self.slide_note.setText(_("Presenter slide {page} of {pages}\n(PgUp/PgDn)").format(
            page=self.pager.page + 1, pages=self.pager.pages) if paged else "")
        self.slide_note.setVisible(paged)

    def _make_page(self, spec: StepSpec) -> QWidget:
        try:
            return spec.make_page(self.ctx, self.workshop_id)
        except WorkshopError as exc:
            text = exc.message
        except Exception as exc:  # noqa: BLE001 - one broken step must not take the app down
            handle_exception(type(exc), exc, exc.__traceback__, self)
            text = _("This step could not be opened. The details are in the log file.")
        label = QLabel(text)
        label.setObjectName("emptyNote")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label


class MainWindow(QMainWindow):
    closed = Signal()  # the facilitator closed the window: the app ends (also with a presenter open)

    def __init__(self, ctx: AppContext, *, restore: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setStyleSheet(theme.MAIN)
        self.resize(1200, 780)
        self.setMinimumSize(QSize(860, 560))
        self.presenter: QWidget | None = None
        self.workshop_view: WorkshopView | None = None
        # The window's action table by id; it hides QWidget.actions(), which nothing here calls (a rename
        # would break every caller of window.actions[...]).
        self.actions: Actions  # type: ignore[assignment]
        ctx.undo.canUndoChanged.connect(self._update_undo)
        ctx.undo.canRedoChanged.connect(self._update_undo)
        ctx.undo.undoTextChanged.connect(self._update_undo)
        ctx.undo.redoTextChanged.connect(self._update_undo)
        ctx.bus.changed.connect(self._on_changed)
        self._build()
        if restore:
            self.restore_layout()
            last, step = preferences.last_workshop()
            if last is not None:
                self.open_workshop(last, step or None, quiet=True)

    # --- building (again, when the language changes) -------------------------------------

    def _build(self) -> None:
        self.actions = Actions(self)
        for action_id, action in self.actions.items():
            handler = getattr(self, f"_on_{action_id.name.lower()}", None)
            if handler is not None:
                action.triggered.connect(handler)
            self.addAction(action)
        self.actions[ActionId.PRESENTER].setEnabled(presenter_available())
        self._build_menus()
        self.pages = QStackedWidget()
        self.home = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self._on_new_workshop)
        self.welcome.demo_requested.connect(self._on_open_demo)
        self.welcome.import_requested.connect(self._on_import_workshop)
        self.list_page = WorkshopListPage(self.ctx)
        self.list_page.add_button(self.actions[ActionId.OPEN_WORKSHOP], primary=True)
        for action_id in (ActionId.NEW_WORKSHOP, ActionId.EDIT_WORKSHOP, ActionId.DUPLICATE_WORKSHOP,
                          ActionId.DELETE_WORKSHOP, ActionId.EXPORT_WORKSHOP):
            self.list_page.add_button(self.actions[action_id])
        self.list_page.finish_buttons()
        self.list_page.open_requested.connect(self.open_workshop)
        self.list_page.selection_changed.connect(self._update_actions)
        self.list_page.reloaded.connect(self._list_reloaded)
        self.list_page.in_view = lambda: self.workshop_view is None
        self.home.addWidget(self.welcome)
        self.home.addWidget(self.list_page)
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.statusBar().setSizeGripEnabled(True)
        self.list_page.reload()
        self._show_home_page()
        self._update_undo()
        self._update_actions()

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(a[ActionId.NEW_WORKSHOP])
        file_menu.addAction(a[ActionId.OPEN_WORKSHOP])
        self.recent_menu = QMenu(_("Open &recent"), file_menu)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(a[ActionId.OPEN_DEMO])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.IMPORT_WORKSHOP])
        file_menu.addAction(a[ActionId.IMPORT_RESPONSES])
        file_menu.addAction(a[ActionId.EXPORT_WORKSHOP])
        file_menu.addAction(a[ActionId.PUBLISH_WORKSHOP])
        file_menu.addAction(a[ActionId.FETCH_CLIENT])
        file_menu.addAction(a[ActionId.RESTORE_BACKUP])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.CLOSE_WORKSHOP])
        file_menu.addAction(a[ActionId.QUIT])
        edit = bar.addMenu(_("&Edit"))
        edit.addAction(a[ActionId.UNDO])
        edit.addAction(a[ActionId.REDO])
        edit.addSeparator()
        edit.addAction(a[ActionId.DELETE])
        edit.addAction(a[ActionId.FIND])
        edit.addSeparator()
        edit.addAction(a[ActionId.EDIT_WORKSHOP])
        edit.addAction(a[ActionId.DUPLICATE_WORKSHOP])
        edit.addAction(a[ActionId.DELETE_WORKSHOP])
        edit.addSeparator()
        edit.addAction(a[ActionId.PREFERENCES])
        view = bar.addMenu(_("&View"))
        view.addAction(a[ActionId.ALL_WORKSHOPS])
        view.addAction(a[ActionId.PREVIOUS_STEP])
        view.addAction(a[ActionId.NEXT_STEP])
        view.addSeparator()
        view.addAction(a[ActionId.PRESENTER])
        view.addAction(a[ActionId.FULL_SCREEN])
        view.addAction(a[ActionId.GUIDE])
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(a[ActionId.OPEN_LOG_FOLDER])
        help_menu.addAction(a[ActionId.ABOUT])

    def retranslate(self) -> None:
        """Rebuild the window's contents in the current language, keeping where the user was."""
        workshop_id = self.workshop_view.workshop_id if self.workshop_view else None
        step = self.workshop_view.current_key if self.workshop_view else ""
        selected = self.list_page.selected_id()
        search = self.list_page.search.text()
        for _id, action in self.actions.items():
            self.removeAction(action)
            action.deleteLater()
        old = self.centralWidget()
        self.workshop_view = None
        self._build()
        if old is not None:
            old.deleteLater()
        if search:
            self.list_page.search.setText(search)
            self.list_page.reload()
        if selected is not None:
            self.list_page.select(selected)
        if workshop_id is not None:
            self.open_workshop(workshop_id, step or None, quiet=True)

    # --- navigation ----------------------------------------------------------------------

    def _list_reloaded(self) -> None:
        if self.workshop_view is None:
            self._show_home_page()
            self._update_actions()

    def _show_home_page(self) -> None:
        empty = self.list_page.model.workshop_count() == 0 and not self.list_page.search.text()
        self.home.setCurrentWidget(self.welcome if empty else self.list_page)

    def show_home(self) -> None:
        if self.workshop_view is not None:
            self.pages.removeWidget(self.workshop_view)
            self.workshop_view.deleteLater()
            self.workshop_view = None
        self.pages.setCurrentWidget(self.home)
        self.list_page.reload_if_dirty()
        self._show_home_page()
        self.setWindowTitle(APP_NAME)
        preferences.set_last_workshop(None)
        self._update_actions()
        self.step_changed(0, "")
        (self.home.currentWidget() or self.home).setFocus()

    def open_workshop(self, workshop_id: int, step: str | None = None, *, quiet: bool = False) -> bool:
        try:
            workshop = get_workshop(self.ctx.db, workshop_id)
        except NotFoundError:
            preferences.forget_workshop(workshop_id)
            if not quiet:
                self.statusBar().showMessage(_("That workshop no longer exists."), 5000)
            return False
        if self.workshop_view is not None:
            self.pages.removeWidget(self.workshop_view)
            self.workshop_view.deleteLater()
        self.workshop_view = WorkshopView(self, workshop, [s for s in STEPS if s.applies(self.ctx, workshop.id)])
        self.workshop_view.guide.toggle.toggled.connect(self._show_guide_state)
        self.pages.addWidget(self.workshop_view)
        self.pages.setCurrentWidget(self.workshop_view)
        self.setWindowTitle(f"{workshop.client} — {workshop.title} · {APP_NAME}")
        preferences.add_recent_workshop(workshop_id)
        self.list_page.select(workshop_id)
        self._update_actions()
        self.workshop_view.step_list.setFocus()  # a page may take the focus when it is shown
        if not (step and self.workshop_view.show_step(step)):
            self.workshop_view.show_step(STEPS[0].key)
        return True

    def step_changed(self, workshop_id: int, key: str) -> None:
        if workshop_id:
            preferences.set_last_workshop(workshop_id, key)
        self.ctx.bus.step_changed.emit(workshop_id, key)

    def current_workshop_id(self) -> int | None:
        """The open workshop, else the one selected in the list."""
        if self.workshop_view is not None:
            return self.workshop_view.workshop_id
        if self.home.currentWidget() is self.list_page:
            return self.list_page.selected_id()
        return None

    def _on_changed(self, changes: Changes) -> None:
        if not changes.workshops:
            return
        if self.workshop_view is not None and changes.workshop_id in (None, self.workshop_view.workshop_id):
            try:
                get_workshop(self.ctx.db, self.workshop_view.workshop_id)
            except NotFoundError:
                self.show_home()
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.actions
        selected = self.current_workshop_id() is not None
        for action_id in (ActionId.EDIT_WORKSHOP, ActionId.DUPLICATE_WORKSHOP, ActionId.DELETE_WORKSHOP,
                          ActionId.EXPORT_WORKSHOP, ActionId.PUBLISH_WORKSHOP):
            a[action_id].setEnabled(selected)
        a[ActionId.OPEN_WORKSHOP].setEnabled(
            self.workshop_view is None and self.home.currentWidget() is self.list_page and selected)
        is_open = self.workshop_view is not None
        for action_id in (ActionId.CLOSE_WORKSHOP, ActionId.PREVIOUS_STEP, ActionId.NEXT_STEP,
                          ActionId.ALL_WORKSHOPS, ActionId.IMPORT_RESPONSES, ActionId.GUIDE):
            a[action_id].setEnabled(is_open)
        if self.workshop_view is not None:
            self._show_guide_state(self.workshop_view.guide.toggle.isChecked())

    def _update_undo(self, *_args: Any) -> None:
        undo, redo = self.actions[ActionId.UNDO], self.actions[ActionId.REDO]
        stack = self.ctx.undo
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(_("&Undo {what}").format(what=stack.undoText()) if stack.canUndo() else _("&Undo"))
        redo.setText(_("&Redo {what}").format(what=stack.redoText()) if stack.canRedo() else _("&Redo"))

    # --- File ----------------------------------------------------------------------------

    def _client_names(self) -> list[str]:
        return sorted({row.client for row in list_workshops(self.ctx.db)}, key=str.lower)

    def _on_new_workshop(self) -> None:
        # start-up: transfer and the workshop commands load with the first workshop edit
        from ui.commands.workshops import CreateWorkshop

        # start-up: the dialog's module loads when it is first opened
        from ui.workshop_dialog import WorkshopDialog

        created: list[int] = []

        def submit(values: dict[str, Any]) -> None:
            client = values.pop("client")
            title = values.pop("title")
            date = values.pop("date")

            def create() -> int:
                return create_workshop(self.ctx.db, client, title, date, **values).id

            command = CreateWorkshop(self.ctx, _("New workshop {title}").format(title=title.strip()), create)
            perform(self.ctx, command, self, show_errors=False)
            created.append(command.workshop_id)
            preferences.settings().setValue("workshops/facilitator", values.get("facilitator", ""))

        dialog = WorkshopDialog(
            submit, clients=self._client_names(), language=self.ctx.language,
            facilitator=str(preferences.settings().value("workshops/facilitator", "") or ""), parent=self,
        )
        if dialog.exec() and created:
            self.list_page.reload()
            self.open_workshop(created[0])
            self.statusBar().showMessage(_("Workshop created. Add its participants below."), 6000)

    def _on_open_demo(self) -> None:
        # start-up: the demo's content loads only when asked for
        from workshop.demo import create_demo

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with guard(self):
                workshop_id = create_demo(self.ctx.db, self.ctx.language)
                self.ctx.apply(Changes(workshop_id=None, workshops=True, participants=True, answers=True))
                self.open_workshop(workshop_id)
                self.statusBar().showMessage(
                    _("The demo workshop is ready: a fictitious client with a workshop a year earlier."), 8000
                )
        finally:
            QApplication.restoreOverrideCursor()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for workshop_id in preferences.recent_workshops():
            try:
                w = get_workshop(self.ctx.db, workshop_id)
            except NotFoundError:
                continue
            action = menu.addAction(f"{w.client} — {w.title} ({format_date(w.date, self.ctx.language)})")
            action.setData(workshop_id)
            action.triggered.connect(lambda _checked=False, wid=workshop_id: self.open_workshop(wid))
        if menu.isEmpty():
            empty = menu.addAction(_("No recent workshops"))
            empty.setEnabled(False)

    def _on_import_workshop(self) -> None:
        # start-up: transfer and the workshop commands load with the first workshop edit
        from ui.commands.workshops import CreateWorkshop

        # start-up: the workshop file format loads with the first import or export
        from workshop.transfer import import_workshop

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import workshop file"), str(Path.home()), _("Workshop files (*.json);;All files (*)")
        )
        if not path:
            return

        def done(new_id: int) -> None:
            command = CreateWorkshop(self.ctx, _("Import workshop"), lambda: new_id)
            perform(self.ctx, command, self)
            self.list_page.reload()
            self.open_workshop(command.workshop_id)
            self.statusBar().showMessage(_("Workshop imported from {name}.").format(name=Path(path).name), 6000)

        Task(lambda: import_workshop(self.ctx.db, path)).success(done).run_in_background(
            self, _("Importing the workshop…"))

    def _on_import_responses(self) -> None:
        from ui.paper_grid import import_responses

        if self.workshop_view is not None:
            import_responses(self.ctx, self.workshop_view.workshop_id, self,
                             lambda text: self.statusBar().showMessage(text, 8000))

    def _on_export_workshop(self) -> None:
        # start-up: the workshop file format loads with the first import or export
        from workshop.transfer import export_workshop

        workshop_id = self.current_workshop_id()
        if workshop_id is None:
            return
        with guard(self):
            w = get_workshop(self.ctx.db, workshop_id)
            name = safe_file_name(f"{w.client} - {w.title} {w.date.isoformat()}") + ".json"
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export workshop"), str(Path.home() / name), _("Workshop files (*.json)")
            )
            if not path:
                return
            Task(lambda: export_workshop(self.ctx.db, workshop_id, path)).success(
                lambda out: self.statusBar().showMessage(_("Workshop saved to {path}.").format(path=out), 8000)
            ).run_in_background(self, _("Saving the workshop…"))

    def _on_publish_workshop(self) -> None:
        from ui.firm import publish_workshop

        workshop_id = self.current_workshop_id()
        if workshop_id is not None:
            publish_workshop(self.ctx, workshop_id, self)

    def _on_fetch_client(self) -> None:
        from ui.firm import FetchDialog

        FetchDialog(self.ctx, self).exec()
        self.list_page.reload()

    def _on_restore_backup(self) -> None:
        # start-up: backups are read only when the dialog opens
        from ui.restore_dialog import show_restore_dialog

        # After a restore, workshops may be gone or different: back to the list.
        show_restore_dialog(self.ctx, self).restored.connect(lambda _report: self.show_home())

    def _on_open_workshop(self) -> None:
        workshop_id = self.list_page.selected_id()
        if workshop_id is not None and self.workshop_view is None:
            self.open_workshop(workshop_id)

    def _on_close_workshop(self) -> None:
        self.show_home()

    def _on_quit(self) -> None:
        self.close()

    # --- Edit ----------------------------------------------------------------------------

    def _on_undo(self) -> None:
        self.ctx.undo.undo()

    def _on_redo(self) -> None:
        self.ctx.undo.redo()

    def _on_delete(self) -> None:
        if self.workshop_view is not None:
            page = self.workshop_view.current_page()
            if page is not None and hasattr(page, "delete_selected"):
                page.delete_selected()
            return
        if self.home.currentWidget() is self.list_page:
            self._on_delete_workshop()

    def _on_find(self) -> None:
        if self.workshop_view is not None:
            self.show_home()
        if self.home.currentWidget() is self.list_page:
            self.list_page.search.setFocus()
            self.list_page.search.selectAll()

    def _on_edit_workshop(self) -> None:
        # start-up: transfer and the workshop commands load with the first workshop edit
        from ui.commands.workshops import UpdateWorkshop

        # start-up: the dialog's module loads when it is first opened
        from ui.workshop_dialog import WorkshopDialog

        workshop_id = self.current_workshop_id()
        if workshop_id is None:
            return
        with guard(self):
            current = get_workshop(self.ctx.db, workshop_id)

            def submit(values: dict[str, Any]) -> None:
                old = {key: getattr(current, key) for key in values}
                changed = {key: value for key, value in values.items() if value != old[key]}
                if not changed:
                    return
                old = {key: old[key] for key in changed}
                perform(self.ctx, UpdateWorkshop(self.ctx, workshop_id, old, changed), self, show_errors=False)

            WorkshopDialog(submit, current, clients=self._client_names(), parent=self).exec()

    def _on_duplicate_workshop(self) -> None:
        # start-up: transfer and the workshop commands load with the first workshop edit
        from ui.commands.workshops import CreateWorkshop

        # start-up: the dialog's module loads when it is first opened
        from ui.workshop_dialog import FollowUpDialog

        workshop_id = self.current_workshop_id()
        if workshop_id is None:
            return
        created: list[int] = []
        with guard(self):
            source = get_workshop(self.ctx.db, workshop_id)

            def submit(values: dict[str, Any]) -> None:
                def create() -> int:
                    return duplicate_as_follow_up(self.ctx.db, workshop_id, values["date"], values["title"]).id

                command = CreateWorkshop(self.ctx, _("Follow-up workshop"), create)
                perform(self.ctx, command, self, show_errors=False)
                created.append(command.workshop_id)

            if FollowUpDialog(submit, source, self, today=self.ctx.today).exec() and created:
                self.list_page.reload()
                self.open_workshop(created[0], "since")  # a follow-up starts by looking back
                self.statusBar().showMessage(_("Follow-up created with the same participants."), 6000)

    def _on_delete_workshop(self) -> None:
        # start-up: transfer and the workshop commands load with the first workshop edit
        from ui.commands.workshops import DeleteWorkshop

        workshop_id = self.current_workshop_id()
        if workshop_id is None:
            return
        with guard(self):
            w = get_workshop(self.ctx.db, workshop_id)
            label = f"{w.client} — {w.title}"
            if not confirm(
                self, _("Delete workshop"),
                _("Delete “{label}” with its participants and all their answers?\n\n"
                  "You can undo this with Edit → Undo.").format(label=label),
                _("Delete"), danger=True,
            ):
                return
            if perform(self.ctx, DeleteWorkshop(self.ctx, workshop_id, label), self):
                preferences.forget_workshop(workshop_id)
                if self.workshop_view is not None and self.workshop_view.workshop_id == workshop_id:
                    self.show_home()
                self.statusBar().showMessage(
                    _("Workshop deleted. Undo with {key}.").format(key=self.actions[ActionId.UNDO].shortcut()
                                                                   .toString()), 8000)

    def _on_preferences(self) -> None:
        dialog = PreferencesDialog(self, self.ctx.db)
        if dialog.exec():
            preferences.set_language_setting(dialog.chosen_language())
            language = preferences.effective_language()
            if language != self.ctx.language:
                apply_language(self.ctx, language)
                self.retranslate()

    # --- View ----------------------------------------------------------------------------

    def _on_all_workshops(self) -> None:
        self.show_home()

    def _on_previous_step(self) -> None:
        if self.workshop_view is not None:
            self.workshop_view.go(-1)

    def _on_next_step(self) -> None:
        if self.workshop_view is not None:
            self.workshop_view.go(1)

    def _on_presenter(self) -> None:
        if self.presenter is None:
            try:
                # start-up: the presenter window loads when it is first opened
                from ui.presenter import PresenterWindow
            except ImportError:
                self.actions[ActionId.PRESENTER].setEnabled(False)
                return
            self.presenter = PresenterWindow(self.ctx)
            self.presenter.destroyed.connect(self._presenter_gone)
        self.presenter.show()
        self.presenter.raise_()
        if self.workshop_view is not None:
            self.ctx.bus.step_changed.emit(self.workshop_view.workshop_id, self.workshop_view.current_key)
        else:
            self.ctx.bus.step_changed.emit(0, "")

    def _presenter_gone(self, *_args: Any) -> None:
        self.presenter = None

    def _on_guide(self, checked: bool) -> None:
        if self.workshop_view is not None:
            self.workshop_view.guide.toggle.setChecked(checked)

    def _show_guide_state(self, shown: bool) -> None:
        """The menu's check mark follows the panel, also when it is folded with the mouse."""
        action = self.actions[ActionId.GUIDE]
        action.blockSignals(True)
        action.setChecked(shown)
        action.blockSignals(False)

    def _on_full_screen(self, checked: bool) -> None:
        if checked:
            self.showFullScreen()
        else:
            self.showNormal()

    # --- Help ----------------------------------------------------------------------------

    def _on_about(self) -> None:
        QMessageBox.about(
            self, _("About Alignment Workshop"),
            "<h3>Alignment Workshop {version}</h3><p>{text}</p><p>{method}</p>".format(
                version=__version__,
                text=_("Run a workshop that ends the war between Sales and Marketing, offline, on one laptop."),
                method=_("The method follows Kotler, Rackham and Krishnaswamy, “Ending the War Between Sales and "
                         "Marketing” (Harvard Business Review, July–August 2006)."),
            ),
        )

    def _on_open_log_folder(self) -> None:
        # start-up: the log file is set up after the first window
        from workshop.logs import log_dir

        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.statusBar().showMessage(_("The log folder is {path}").format(path=folder), 8000)

    # --- layout memory -------------------------------------------------------------------

    def restore_layout(self) -> None:
        geometry, state = preferences.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        preferences.save_window_state(self.saveGeometry(), self.saveState())
        if self.presenter is not None:
            self.presenter.close()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()


def presenter_available() -> bool:
    try:
        return importlib.util.find_spec("ui.presenter") is not None
    except (ImportError, ValueError):
        return False


def safe_file_name(text: str) -> str:
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text).strip(" .")
    return cleaned[:120] or "workshop"

