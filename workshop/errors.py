"""Typed errors with messages a facilitator understands.

Services raise these; the GUI shows them and the command line prints them and exits
with the error's ``exit_code``. Anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations


class WorkshopError(Exception):
    """A failure the user can understand and act on."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[str] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  {p}" for p in self.problems)


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
