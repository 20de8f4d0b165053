"""Reading a file the user picked, safely: only regular files, never more than a cap.

``/dev/zero``, a named pipe (FIFO) or a 10 GB file must not make the app read until
memory runs out, or wait forever for a writer: the kind and size of the file are looked
at (``stat``, which never blocks) before it is opened, and at most ``limit + 1`` bytes
are read, so a file that grows while it is read is caught too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workshop.errors import InputError
from workshop.i18n import N_


def read_capped(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else InputError."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(N_("{file}: cannot read the file ({reason})."), file=path, reason=exc.strerror) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(N_("{file}: cannot read it, it is a folder; choose a file in it."), file=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(N_(
            "{file} is not an ordinary file (it is a device, a pipe or a socket), so it was not read. "
            "Save the data as a file first."
        ), file=path)
    too_large = N_("{file}: the file is larger than {mb} MB, so it was not read.")
    mb = max(1, limit // (1024 * 1024))
    if info.st_size > limit:
        raise InputError(too_large, file=path.name, mb=mb)
    try:
        # O_NONBLOCK: should the file have been swapped for a pipe since stat(), open() still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(N_("{file} is not an ordinary file, so it was not read."), file=path)
            data = handle.read(limit + 1)
    except BlockingIOError:
        raise InputError(N_("{file} is not an ordinary file, so it was not read."), file=path) from None
    except OSError as exc:
        raise InputError(N_("{file}: cannot read the file ({reason})."), file=path, reason=exc.strerror) from None
    if len(data) > limit:
        raise InputError(too_large, file=path.name, mb=mb)
    return data
