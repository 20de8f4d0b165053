"""One writer per database file.

The app (and every command that writes) takes an operating-system lock on a small file
beside the database, ``<database>.lock``, holding who took it: process id, computer and
since when. A second writer is refused with a message naming the holder and writes
nothing. The operating system drops the lock the moment its process ends, also when it
is killed or the laptop loses power, so a stale lock file never blocks anyone: the next
writer simply takes it over.

Where the file system cannot lock (some network shares), the holder's process id is
checked instead: a lock of a process that no longer runs on this computer is taken over.

The lock file is found by name, so the writer also locks the database file itself
(``workshop.storage.file_lock``): a hard link or another spelling of the same file is
refused too, naming the holder.
"""

from __future__ import annotations

import atexit
import datetime as dt
import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import DatabaseError
from workshop.i18n import N_, _
from workshop.storage import file_lock

# On Windows the locked byte lies past the holder's details, which stay readable.
_WINDOWS_LOCK_OFFSET = 1 << 20
_held: list[WriterLock] = []


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str
    since: dt.datetime | None
    program: str

    def describe(self) -> str:
        parts = [self.program or _("another copy of Alignment Workshop")]
        if self.pid:
            parts.append(_("process {pid}").format(pid=self.pid))
        if self.host:
            parts.append(_("on {host}").format(host=self.host))
        if self.since:
            parts.append(_("since {when}").format(when=f"{self.since:%Y-%m-%d %H:%M}"))
        return ", ".join(parts)


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _hostname() -> str:
    return socket.gethostname() or "this computer"


def _me(program: str) -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "host": _hostname(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
        "program": program,
    }


def read_holder(db_path: Path) -> Holder | None:
    """Who holds (or last held) the lock, from the lock file; None if unknown."""
    return _read_details(lock_path_for(db_path))


def _read_details(path: Path) -> Holder | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(4096)
        data = json.loads(raw.decode("utf-8").strip("\x00 \r\n"))
        since = data.get("since")
        return Holder(
            pid=data["pid"] if isinstance(data.get("pid"), int) else None,
            host=str(data.get("host") or ""),
            since=dt.datetime.fromisoformat(since) if isinstance(since, str) else None,
            program=str(data.get("program") or ""),
        )
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Busy(Exception):
    pass


class _Unsupported(Exception):
    pass


def _os_lock(fd: int) -> None:
    """Take the OS lock without waiting: _Busy if held, _Unsupported if the file system cannot."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK) or isinstance(exc, BlockingIOError):
            raise _Busy from None
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, getattr(errno, "ENOTSUP", -1)):
            raise _Unsupported from None
        raise


def _os_unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


class WriterLock:
    """The lock of one database file. Keep it for as long as you write (the app: until it
    closes) and release it then, or use ``with``; the process ending releases it too."""

    def __init__(self, db_path: Path, fd: int, os_locked: bool) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        self._fd: int | None = fd
        self._os_locked = os_locked
        self._file_fd: int | None = None

    def lock_database_file(self) -> None:
        """Also lock the database file itself (once it exists); raises WriterBusyError."""
        if self._fd is None or self._file_fd is not None:
            return
        try:
            self._file_fd = file_lock.lock_file(self.db_path)
        except BlockingIOError:
            holder = holder_of_file(self.db_path)
            self.release()
            raise _refusal(self.db_path, holder) from None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if self in _held:
            _held.remove(self)
        file_fd, self._file_fd = self._file_fd, None
        if file_fd is not None:
            file_lock.unlock_file(file_fd)
        if sys.platform == "win32":
            _os_unlock(fd)
            os.close(fd)
            try:
                self.path.unlink()
            except OSError:
                pass  # another copy of the app opened it meanwhile
            return
        # Unlink while still holding the lock: a writer waiting on this file sees that it
        # is gone and starts again with a new one, so two can never both hold a lock.
        try:
            if os.path.samestat(os.fstat(fd), os.stat(self.path)):
                self.path.unlink()
        except OSError:
            pass
        _os_unlock(fd)
        os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


class WriterBusyError(DatabaseError):
    """Another program is the database's writer; ``holder`` says who, if known."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


def holder_of_file(db_path: Path) -> Holder | None:
    """Who holds the lock of the database file itself, whatever name it opened it by."""
    pid = file_lock.holder_pid(db_path)
    if pid is None:
        return None
    details = file_lock.holder_lock_file(pid)
    holder = _read_details(details) if details else None
    if holder is None or holder.pid != pid:
        return Holder(pid=pid, host=_hostname(), since=None, program="")
    return holder


def _refusal(db_path: Path, holder: Holder | None) -> DatabaseError:
    who = holder.describe() if holder else _("another copy of Alignment Workshop")
    return WriterBusyError(_(
        "The database {path} is in use by {who}. Only one program may change it at a time, so nothing was "
        "changed here. Close it there first (or wait until it is done), then try again."
    ).format(path=db_path, who=who), holder)


def _write_details(fd: int, program: str) -> None:
    data = json.dumps(_me(program)).encode("utf-8")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data + b"\n")
    try:
        os.fsync(fd)
    except OSError:
        pass


def acquire_writer_lock(db_path: str | os.PathLike[str], program: str = "Alignment Workshop") -> WriterLock:
    """Become the one writer of a database file, or raise DatabaseError naming the holder.

    ``program`` says who is writing (shown to anyone refused), e.g. "the Alignment
    Workshop app" or "the command `workshop import`".
    """
    db_path = Path(db_path).expanduser().resolve()
    path = lock_path_for(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(N_("Cannot create the folder for the database {db_path}: {strerror}."),
                            db_path=db_path, strerror=exc.strerror) from None
    for _attempt in range(20):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise DatabaseError(_(
                    "The folder {folder} is read-only, so the database cannot be changed there ({reason}). "
                    "Copy the database to a folder you can write to, or check its permissions."
                ).format(folder=db_path.parent, reason=exc.strerror)) from None
            if exc.errno == errno.ENOENT:
                raise DatabaseError(N_("The folder {parent} does not exist."), parent=db_path.parent) from None
            raise DatabaseError(N_("Cannot lock the database {db_path}: {strerror}."),
                                db_path=db_path, strerror=exc.strerror) from None
        os_locked = True
        try:
            _os_lock(fd)
        except _Busy:
            os.close(fd)
            raise _refusal(db_path, read_holder(db_path)) from None
        except _Unsupported:
            os_locked = False
            holder = read_holder(db_path)
            if holder and holder.pid and holder.host == _hostname() and _pid_alive(holder.pid):
                os.close(fd)
                raise _refusal(db_path, holder) from None
        except OSError as exc:
            os.close(fd)
            raise DatabaseError(N_("Cannot lock the database {db_path}: {strerror}."),
                                db_path=db_path, strerror=exc.strerror) from None
        if sys.platform != "win32":
            # The holder before us may have removed the file between our open and our lock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if not same:
                _os_unlock(fd)
                os.close(fd)
                continue
        if db_path.exists() and not os.access(db_path, os.W_OK):
            _os_unlock(fd)
            os.close(fd)
            raise DatabaseError(_(
                "The database {path} is read-only, so nothing can be saved in it. Check the file's permissions, "
                "or copy it to a folder you can write to."
            ).format(path=db_path))
        try:
            _write_details(fd, program)
        except OSError as exc:
            _os_unlock(fd)
            os.close(fd)
            if exc.errno == errno.ENOSPC:
                raise DatabaseError(_("The disk is full; nothing was changed in the database {path}. Free some "
                                      "space and try again.").format(path=db_path)) from None
            raise DatabaseError(N_("Cannot lock the database {db_path}: {strerror}."),
                                db_path=db_path, strerror=exc.strerror) from None
        taken = WriterLock(db_path, fd, os_locked)
        taken.lock_database_file()
        return taken
    raise DatabaseError(N_("Cannot lock the database {db_path}: it is being opened and closed very fast "
                           "elsewhere."), db_path=db_path)


def open_for_writing(
    db: str | os.PathLike[str] | None = None, program: str = "Alignment Workshop", *, hold: bool = True,
    parent_may_hold: bool = False,
):  # noqa: ANN201 - returns (Database, WriterLock | None); workshop.storage.db is imported lazily
    """Lock (SQLite files only), then open and migrate the database: ``(database, lock)``.

    With ``hold`` the lock is also kept in this module until the process ends, which is
    what a command-line writer wants. With ``parent_may_hold`` a lock held by the process
    that started this one is accepted (the app's phone server child): the lock is then None.
    """
    from workshop.storage.db import open_database, resolve_url, sqlite_path

    path = sqlite_path(resolve_url(db))
    lock = None
    if path is not None:
        try:
            lock = acquire_writer_lock(path, program)
        except WriterBusyError as exc:
            if not (parent_may_hold and held_by_parent(exc.holder)):
                raise
    try:
        database = open_database(db)
        if lock is not None:
            lock.lock_database_file()  # a new database file exists only now
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None and hold:
        if not _held:
            atexit.register(_release_held)
        _held.append(lock)
    return database, lock


def held_by_parent(holder: Holder | None) -> bool:
    """Whether the lock's holder is the process that started this one, on this computer."""
    return bool(holder and holder.pid and holder.pid == os.getppid() and holder.host == _hostname())


def _release_held() -> None:
    for lock in list(_held):
        lock.release()
