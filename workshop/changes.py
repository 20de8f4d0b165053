"""What a mutation changed, so views can decide whether to refresh (no polling).

``initiator`` is whoever made the edit (the window's page or view that asked for it;
None for an undo, a redo, or a change arriving from elsewhere): a view that made an edit
may skip re-reading what it already shows. It takes no part in comparing two records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Changes:
    workshop_id: int | None = None
    workshops: bool = False
    participants: bool = False
    answers: bool = False
    decision: bool = False
    practices: bool = False
    funnel: bool = False
    commitments: bool = False
    initiator: Any = field(default=None, compare=False, repr=False)

    def by(self, initiator: Any) -> Changes:
        """The same changes, made by ``initiator``."""
        return replace(self, initiator=initiator)

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name not in ("workshop_id", "initiator")
        }
        same = self.workshop_id if self.workshop_id == other.workshop_id else None
        initiator = self.initiator if self.initiator is other.initiator else None
        return Changes(workshop_id=same, initiator=initiator, **merged)

    @property
    def results(self) -> bool:
        """Whether scores may have moved."""
        return self.answers or self.participants or self.workshops
