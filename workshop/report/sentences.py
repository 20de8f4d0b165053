"""Sentences the client report and the deck share, in the report's language (no layout imports).

They take anything with ``data``, ``fmt`` and ``_`` (a report's build context or the deck's),
and return paragraph markup (bold stage names); the deck strips the tags.
"""

from __future__ import annotations

from typing import Any


def nobody_sentence(ctx: Any) -> str:
    """Why there is no group score: nobody yet, or (through the privacy rule) too few to show one."""
    _ = ctx._
    results = ctx.data.results
    if results.total is None and results.complete:
        from workshop.privacy import reasons

        found = reasons(results, ctx.fmt.lang)
        if found:
            return found[0]
    if not ctx.data.people:
        return _("Nobody has been added to this workshop yet, so there are no results.")
    if not any(p.answers for p in ctx.data.people):
        return _("Nobody has answered yet, so there are no results.")
    return _("Nobody has answered every statement yet, so there is no group score or stage.")


def decision_sentence(ctx: Any) -> str:
    _, f, dec = ctx._, ctx.fmt, ctx.data.decision
    if dec is None or dec.choice is None:
        return _("No decision was recorded.")
    if dec.choice == "move" and dec.target_stage:
        return _("The group decided to move from {current} to {target}.").format(
            current=f"<b>{f.stage(dec.current_stage)}</b>", target=f"<b>{f.stage(dec.target_stage)}</b>")
    return _("The group decided to stay at {current}.").format(current=f"<b>{f.stage(dec.current_stage)}</b>")
