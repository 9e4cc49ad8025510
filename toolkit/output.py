"""Write output files atomically, and never over anything that is not a report.

A reader never sees a half-written report, and ``-o`` can never destroy what
textkit was asked to read: it refuses an input (by inode, however spelled),
a device, a FIFO or a folder. A symlink is written through: the file it
points at gets the report and the link stays a link. An existing file keeps
its permissions.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from .errors import InputError

STDOUT = "-"


def file_ids(paths: Iterable[str | os.PathLike[str]]) -> set[tuple[int, int]]:
    """(device, inode) of every path that exists; ``-`` and missing paths are left out."""
    ids = set()
    for path in paths:
        if str(path) == STDOUT:
            continue
        with contextlib.suppress(OSError):
            st = os.stat(path)
            ids.add((st.st_dev, st.st_ino))
    return ids


def check_output_path(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """The file a report for ``path`` is written to (a symlink's target), or InputError.

    Only a regular file or a new name in an existing folder is accepted, and
    never one of ``inputs``.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file (a device or FIFO); name a file, or '-' for stdout")
    if (st.st_dev, st.st_ino) in file_ids(inputs):
        raise InputError(f"{path}: is one of the inputs; textkit never writes over what it reads")
    return target


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> Iterator[TextIO]:
    """A text handle on a temporary file beside ``path``, renamed onto it when the block succeeds.

    If the block raises (any exception, including the SystemExit textkit's
    SIGTERM handler raises), the temporary file is removed and ``path`` is
    untouched, which is what makes a streamed JSON Lines run safe to interrupt.
    """
    target = check_output_path(path, inputs)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        # A large buffer: a corpus's JSON Lines (~18 KB a news article) in a few system calls, not one per 8 KB.
        with os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 20) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _copy_permissions(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _copy_permissions(tmp: str, target: Path) -> None:
    """An existing report keeps its mode (and owner, where allowed); a new one gets the umask's."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        # mkstemp creates 0600; give the report the permissions a normal file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    with contextlib.suppress(OSError):
        os.chown(tmp, st.st_uid, st.st_gid)


def write_atomic(path: str | os.PathLike[str], content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename."""
    with atomic_writer(path) as handle:
        handle.write(content)
