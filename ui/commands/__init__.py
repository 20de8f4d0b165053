"""Every undoable edit of the window, in one style: a ``ServiceCommand`` whose ``forward``
and ``backward`` each call one service of ``workshop/`` (one transaction) and return its
``Changes``. Rules of the core (unique names, what may be restored) are checked there,
never here. ``perform`` runs a new edit once and makes it undoable.

- ``base``: ``ServiceCommand``, ``perform`` and the ``Ref``s that follow a row to its new id
- ``participants``: add, rename, remove, import, typed answers
- ``workshops``: create, change, delete, reveal
- ``commitments``: add, edit, delete, carry forward
- ``snapshot``: an edit of a decision, a practice review or the funnel, undone by its snapshot
- ``phones``: remove a stray phone from a running collection
"""

from ui.commands.base import Ref, Refs, ServiceCommand, perform

__all__ = ["Ref", "Refs", "ServiceCommand", "perform"]
