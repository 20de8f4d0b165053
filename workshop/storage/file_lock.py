"""The writer lock on the database file itself, so it follows the file and not its name.

The lock file beside the database (``workshop.storage.lock``) is found by name: a hard
link in another folder, or another spelling of a network path, names another lock file.
So the writer also takes an exclusive ``flock`` on the database file: that lock belongs
to the file (its inode) whatever name opened it. On Linux ``flock`` and SQLite's own
``fcntl`` locks are independent, so readers are never blocked by it.

Only on Linux and on local file systems: on NFS and SMB the kernel emulates ``flock``
with ``fcntl`` locks, which would clash with SQLite's; there (and on other systems) the
lock file by name is what guards the database.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

# File systems where flock() is emulated with fcntl() locks or means nothing across computers.
NETWORK_FILE_SYSTEMS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "fuse.sshfs", "afs")


def _mount_type(path: Path) -> str | None:
    try:
        lines = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best, kind = "", None
    target = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def supported(path: Path) -> bool:
    return sys.platform.startswith("linux") and _mount_type(path.resolve()) not in NETWORK_FILE_SYSTEMS


def lock_file(path: Path) -> int | None:
    """Take the file's lock: its descriptor, None where there is no such lock (or no file
    yet), or raise BlockingIOError if another writer holds it."""
    if not path.is_file() or not supported(path):
        return None
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # the lock by name still guards it; opening the database will say what is wrong
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise BlockingIOError(exc.errno, exc.strerror) from None
        return None  # no locks on this file system
    return fd


def unlock_file(fd: int) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def holder_pid(path: Path) -> int | None:
    """The process holding the file's flock, read from /proc/locks (Linux)."""
    try:
        st = path.stat()
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 12345 08:01:1234567 0 EOF"
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[3] == "WRITE" and fields[5] == wanted:
            try:
                return int(fields[4])
            except ValueError:
                return None
    return None


def holder_lock_file(pid: int) -> Path | None:
    """The lock file (``….lock``) the holding process has open, where its details are."""
    folder = Path(f"/proc/{pid}/fd")
    try:
        for entry in folder.iterdir():
            try:
                target = Path(os.readlink(entry))
            except OSError:
                continue
            if target.name.endswith(".lock") and target.is_file():
                return target
    except OSError:
        return None
    return None
