"""Typed errors with messages a facilitator understands, in the language of whoever reads them.

Services raise these with an English message id (a gettext msgid with ``{named}`` places) and
its arguments, e.g. ``NotFoundError(N_("There is no workshop {id}."), id=7)``. Where the error is
shown it is translated: ``exc.message`` in the current interface language (the window, the
command line), ``exc.translated(lang)`` in another one (a phone's page). The GUI shows them and
the command line prints them and exits with the error's ``exit_code``. Anything else is a bug
and is logged with its traceback.
"""

from __future__ import annotations

from typing import Any

from workshop.i18n import _, translator


class WorkshopError(Exception):
    """A failure the user can understand and act on."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None, **arguments: Any) -> None:
        super().__init__(message)
        self.message_id = message
        self.arguments: dict[str, Any] = arguments
        self.problems: list[str] = list(problems or [])

    def _fill(self, template: str) -> str:
        if not self.arguments:
            return template
        try:
            return template.format(**self.arguments)
        except (KeyError, IndexError, ValueError):
            # A translation with a broken place must never hide the error itself.
            return self.message_id.format(**self.arguments)

    @property
    def message(self) -> str:
        """The message in the current interface language."""
        return self._fill(_(self.message_id))

    def translated(self, lang: str) -> str:
        """The message in ``lang`` (nl or en), whatever the interface speaks."""
        return self._fill(translator(lang)(self.message_id))

    def render(self, lang: str | None = None) -> str:
        """The message and its problems, one a line, in ``lang`` (default: the interface's)."""
        message = self.message if lang is None else self.translated(lang)
        if not self.problems:
            return message
        return message + "\n" + "\n".join(f"  {p}" for p in self.problems)

    def __str__(self) -> str:
        return self.render()


class InputError(WorkshopError):
    """The user gave something we cannot accept (a bad file, a bad value)."""

    exit_code = 2


class NotFoundError(InputError):
    """An id or name that does not exist."""


class DatabaseError(WorkshopError):
    """The database cannot be opened or used (too new, read-only, locked, damaged)."""


class ConflictError(WorkshopError):
    """The firm's copy changed since this copy last met it; nothing was written."""

    exit_code = 3


class PasswordNeeded(DatabaseError):
    """The database server wants a password that neither libpq's files nor the keyring gave."""
