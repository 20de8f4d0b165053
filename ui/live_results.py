"""A workshop's results as the screens show them: computed once per change, and off the GUI
thread while answers stream in from phones.

Every results view (the dashboard, the presenter's slides) asks ``live_results(ctx).get``
instead of computing on its own, so the facilitator's window and the projector share one
computation per change. While phones answer, a view's refresh waits for ``prepare``: the
scoring runs through the background helper and the view then shows what it found, so the
window never stops for it. An edit by the facilitator (settled at once) or a view being
shown computes right away, as before: the next key must already see it.

A streamed refresh may show results a few answers behind the very latest; those answers
are a change of their own and their burst follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject

from ui.background import Task
from ui.context import AppContext
from workshop.changes import Changes
from workshop.instrument import default_instrument
from workshop.results import WorkshopResults, compute
from workshop.workshops import WorkshopInfo


@dataclass(frozen=True)
class _Computed:
    version: int  # the workshop's change count when the computation began
    results: WorkshopResults


class LiveResults(QObject):
    """The latest results per workshop, and who waits for the next ones."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._versions: dict[int, int] = {}
        self._latest: dict[int, _Computed] = {}
        self._waiting: dict[int, list[Callable[[], None]]] = {}
        self._running: set[int] = set()
        self._serving: int | None = None  # the workshop whose waiting views are being handed results
        self.background_runs = 0  # how many computations ran off the GUI thread (for the benchmark and tests)
        ctx.bus.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.workshop_id is None:  # about every workshop (an import, a restore)
            for workshop_id in list(self._versions):
                self._versions[workshop_id] += 1
        else:
            self._versions[changes.workshop_id] = self._versions.get(changes.workshop_id, 0) + 1

    def get(self, workshop_id: int, workshop: WorkshopInfo) -> WorkshopResults:
        """The results now: the shared ones when no change came since, or the ones just computed for
        the views waiting in ``prepare``; otherwise computed here and now."""
        version = self._versions.setdefault(workshop_id, 0)
        latest = self._latest.get(workshop_id)
        if latest is not None and (latest.version == version or self._serving == workshop_id):
            return latest.results
        results = compute(self.ctx.db, workshop_id, default_instrument(), workshop)
        self._latest[workshop_id] = _Computed(version, results)
        return results

    def prepare(self, workshop_id: int, then: Callable[[], None]) -> None:
        """Call ``then`` once results newer than every change so far are ready, computed off the GUI thread."""
        version = self._versions.setdefault(workshop_id, 0)
        latest = self._latest.get(workshop_id)
        if latest is not None and latest.version == version:
            then()
            return
        self._waiting.setdefault(workshop_id, []).append(then)
        if workshop_id not in self._running:
            self._start(workshop_id)

    def _start(self, workshop_id: int) -> None:
        self._running.add(workshop_id)
        version = self._versions[workshop_id]
        db = self.ctx.db
        self.background_runs += 1
        (Task(lambda: compute(db, workshop_id, default_instrument()))
         .success(lambda results: self._done(workshop_id, version, results))
         .failure(lambda _exc: self._done(workshop_id, version, None))
         .run_in_background())

    def _done(self, workshop_id: int, version: int, results: WorkshopResults | None) -> None:
        self._running.discard(workshop_id)
        waiting = self._waiting.pop(workshop_id, [])
        if results is None:  # the views compute for themselves and meet the error where they handle it
            for then in waiting:
                then()
            return
        self._latest[workshop_id] = _Computed(version, results)
        self._serving = workshop_id
        try:
            for then in waiting:
                then()
        finally:
            self._serving = None


def live_results(ctx: AppContext) -> LiveResults:
    """The context's one ``LiveResults``."""
    result: LiveResults = ctx.service("live_results", lambda: LiveResults(ctx))
    return result
