"""The one way a view of workshop data follows the change bus, and the base of every step page.

The policy, for every page, presenter view and list:

- a change concerns a view when it is about the view's workshop (or all workshops) and of
  a kind the view shows (``follows``); a change to the workshop itself always concerns it;
- the facilitator's own edits (``ctx.apply``: an edit, an undo, a redo) are shown at once,
  so the next key already sees them; changes arriving from elsewhere (``ctx.stream``:
  answers from phones) are gathered and shown once per burst;
- after a refresh, streamed changes wait until the window has been free for twice as long as
  the refresh took (a big room's dashboard must not take the whole window);
- a view of results waits, at the end of a burst, for them to be computed off the GUI thread
  (``ui.live_results``), so that answers streaming in never stop the window;
- a view put out of sight (a step page behind another, the list behind an open workshop)
  does nothing and catches up, once, when it is shown again;
- a refresh that finds its workshop gone (``NotFoundError``) stops quietly: the main
  window closes the page. No other error is swallowed.

A refresh gets every change since the last one merged into one ``Changes``
(``self.changes``), initiator included, so a page can skip re-reading what it made itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.commands import ServiceCommand, perform
from ui.context import AppContext
from workshop.changes import Changes
from workshop.errors import NotFoundError
from workshop.instrument import default_instrument
from workshop.workshops import WorkshopInfo, get_workshop

BURST_MS = 40  # answers arriving together are shown together
REST = 2.0  # a dashboard taking 150 ms to draw leaves two thirds of the time to the facilitator


class ChangeFollower(QObject):
    """Calls ``refresh(changes)`` for ``view`` by the policy above."""

    def __init__(self, view: QWidget, ctx: AppContext, concerns: Callable[[Changes], bool],
                 refresh: Callable[[Changes], None], in_view: Callable[[], bool] | None = None,
                 prepare: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.prepare = prepare  # what a burst's refresh waits for (results computed in the background)
        self.concerns = concerns
        self.refresh = refresh
        self.hidden = False  # put out of sight after being shown (a view never shown yet follows at once)
        self.in_view = in_view or (lambda: not self.hidden)
        self.pending: Changes | None = None
        self.clock = time.monotonic
        self._rest_until = 0.0  # no streamed refresh before this moment
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BURST_MS)
        self._timer.timeout.connect(self._burst_over)
        ctx.bus.changed.connect(self._on_changed)
        ctx.bus.settled.connect(self._on_settled)
        view.installEventFilter(self)

    def _on_changed(self, changes: Changes) -> None:
        if not self.concerns(changes):
            return
        self.pending = changes if self.pending is None else self.pending | changes
        if self.in_view():
            # Shown at the end of the burst (and of the rest after the last refresh), or at once when settled.
            self._timer.start(max(BURST_MS, round((self._rest_until - self.clock()) * 1000)))

    def _burst_over(self) -> None:
        if self.prepare is None or self.pending is None:
            self.catch_up()
        else:
            self.prepare(self._prepared)

    def _prepared(self) -> None:
        # The view may have been closed, or put out of sight, while it waited.
        if isValid(self) and self.__dict__.get("view") is not None and self.in_view():
            self.catch_up()

    def _on_settled(self) -> None:
        if self.pending is not None and self.in_view():
            self.catch_up()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # While Qt tears a page down its Python half may already be gone: then there is nothing to follow.
        view = self.__dict__.get("view")
        if view is None or watched is not view:
            return False
        if event.type() == QEvent.Type.Hide:
            self.hidden = True
        elif event.type() == QEvent.Type.Show:
            self.hidden = False
            if self.in_view():
                self.catch_up()
        return False

    def catch_up(self) -> None:
        """Show what changed since the last refresh, if anything did."""
        self._timer.stop()
        changes, self.pending = self.pending, None
        if changes is None:
            return
        started = self.clock()
        try:
            self.refresh(changes)
        except NotFoundError:
            return  # the workshop was deleted; the main window closes this view
        finally:
            ended = self.clock()
            self._rest_until = ended + REST * (ended - started)


class StepPage(QWidget):
    """Base of the step pages and presenter views: the workshop, the bus, one refresh policy."""

    #: which kinds of change (fields of ``Changes``) make this view refresh
    follows: tuple[str, ...] = ()
    #: whether this view shows results (then answers from phones are scored off the GUI thread first)
    shows_results = False

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id = ctx, workshop_id
        self.workshop: WorkshopInfo = get_workshop(ctx.db, workshop_id)
        self.instrument = default_instrument()
        self.changes: Changes | None = None  # what the running refresh shows; None on a direct call
        prepare = None
        if self.shows_results:
            from ui.live_results import live_results  # scoring loads with the first view of results

            feed = live_results(ctx)

            def prepare(then: Callable[[], None]) -> None:
                feed.prepare(workshop_id, then)
        self.follower = ChangeFollower(self, ctx, self.concerns, self._refresh_for, prepare=prepare)

    @property
    def lang(self) -> str:
        """The workshop's language: the content (stages, practices) and everything the room sees."""
        return self.workshop.language

    def related_workshops(self) -> set[int]:
        return {self.workshop_id}

    def concerns(self, changes: Changes) -> bool:
        if changes.workshop_id is not None and changes.workshop_id not in self.related_workshops():
            return False
        return changes.workshops or any(getattr(changes, kind) for kind in self.follows)

    def _refresh_for(self, changes: Changes) -> None:
        self.workshop = get_workshop(self.ctx.db, self.workshop_id)  # raises NotFoundError once deleted
        self.changes = changes
        try:
            self.refresh()
        finally:
            self.changes = None

    def _refresh_now(self) -> None:
        """Read everything again now (the workshop too)."""
        self.follower.pending = None
        try:
            self._refresh_for(Changes(workshop_id=self.workshop_id, workshops=True))
        except NotFoundError:
            return

    def made_here(self) -> bool:
        """Whether the refresh under way shows only an edit this page made itself."""
        return self.changes is not None and self.changes.initiator is self

    def refresh(self) -> None:
        raise NotImplementedError

    def edit(self, command: ServiceCommand) -> bool:
        """Run an undoable edit; a refusal is shown and nothing changes."""
        return perform(self.ctx, command, self)

    def stage_name(self, stage_id: str | None) -> str:
        return self.instrument.stage(stage_id).name(self.lang) if stage_id else "–"
