"""What a mutation changed, so views can decide whether to refresh (no polling)."""

from __future__ import annotations

from dataclasses import dataclass, fields


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

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "workshop_id"
        }
        same = self.workshop_id if self.workshop_id == other.workshop_id else None
        return Changes(workshop_id=same, **merged)

    @property
    def results(self) -> bool:
        """Whether scores may have moved."""
        return self.answers or self.participants or self.workshops
